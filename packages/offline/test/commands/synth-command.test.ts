// Runs main.ts the way `cdktf synth` does (cdktf.json "app", CDKTF_OUTDIR), without the CLI's
// ~2.6 s start-up: the app is what decides what gets written. In a copy of the project
// holding the seed's fixture model, never the user's.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { domainModel } from "../fixtures/domain-model";
import { environmentsModel } from "../fixtures/environments-model";
import { unicornModel, UNICORN_LAMBDA_SRC } from "../fixtures/unicorn-model";
import { synthWarningText } from "../../src/synth/freshness";
import { projectCopy } from "../helpers/project-copy";

const BIN = join(__dirname, "..", "..", "bin", "apigw-offline.js");
const copy = projectCopy({ model: unicornModel, lambdaSrc: UNICORN_LAMBDA_SRC, prefix: "synth-command-" });
const APP = JSON.parse(readFileSync(join(copy.dir, "cdktf.json"), "utf8")).app as string;
afterAll(() => copy.dispose());

function run(command: string, env: Record<string, string>, outdir: string) {
  const { TF_VAR_test_user_password: _ignored, DEPLOY_ENV: _env, ...inherited } = process.env;
  return spawnSync(command, {
    shell: true,
    cwd: copy.dir,
    encoding: "utf8",
    env: { ...inherited, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: "1", ...env },
  });
}
const runApp = (env: Record<string, string>, outdir: string) => run(APP, env, outdir);

describe("the synth command", () => {
  it("writes both stacks, named auth0 and aws", () => {
    const outdir = mkdtempSync(join(tmpdir(), "synth-ok-"));
    const result = runApp({ AUTH0_DOMAIN: "unicorn-test.eu.auth0.com" }, outdir);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8"));
    expect(Object.keys(manifest.stacks).sort()).toEqual(["auth0", "aws"]);
    const auth0 = JSON.parse(readFileSync(join(outdir, "stacks", "auth0", "cdk.tf.json"), "utf8"));
    expect(auth0.output.issuer.value).toBe("https://unicorn-test.eu.auth0.com/");
    expect(manifest.stacks.aws.dependencies).toEqual(["auth0"]);
  });

  it("fails on AUTH0_DOMAIN with a scheme, shows the right form, and leaves no output behind", () => {
    const outdir = mkdtempSync(join(tmpdir(), "synth-bad-"));
    // What an earlier, good synth left: it must not survive to be deployed.
    mkdirSync(join(outdir, "stacks", "auth0"), { recursive: true });
    writeFileSync(join(outdir, "stacks", "auth0", "cdk.tf.json"), "{}");
    writeFileSync(join(outdir, "manifest.json"), "{}");

    const result = runApp({ AUTH0_DOMAIN: "https://x.eu.auth0.com/" }, outdir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'AUTH0_DOMAIN: "https://x.eu.auth0.com/" is not a bare tenant domain; give the host name only, without scheme, path or trailing slash: AUTH0_DOMAIN=x.eu.auth0.com',
    );
    expect(existsSync(outdir)).toBe(false);
  });

  it("refuses an environment the model does not declare, naming DEPLOY_ENV, and leaves no output behind", () => {
    const outdir = mkdtempSync(join(tmpdir(), "synth-env-"));
    writeFileSync(join(outdir, "manifest.json"), "{}");
    const result = runApp({ DEPLOY_ENV: "nosuchenv" }, outdir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('DEPLOY_ENV: "nosuchenv" names an environment, but the model declares none');
    expect(existsSync(outdir)).toBe(false);
  });
});

describe("a handler that does not export what Lambda calls", () => {
  const file = () => join(copy.dir, "lambda-src", "get-unicorn.ts");
  let original = "";
  beforeAll(() => {
    original = readFileSync(file(), "utf8");
    writeFileSync(file(), original.replace("export const handler =", "export const handle ="));
  });
  afterAll(() => writeFileSync(file(), original));

  it("is said with the file and the fix, without a stack trace, and the earlier synth is removed", () => {
    const outdir = mkdtempSync(join(tmpdir(), "synth-export-"));
    mkdirSync(join(outdir, "stacks", "aws"), { recursive: true });
    writeFileSync(join(outdir, "stacks", "aws", "cdk.tf.json"), "{}");
    writeFileSync(join(outdir, "manifest.json"), "{}");
    const result = runApp({ AUTH0_DOMAIN: "unicorn-test.eu.auth0.com" }, outdir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'lambda-src/get-unicorn.ts exports no "handler" (it exports: handle); the Lambda runtime calls index.handler, so add: export const handler = async (event) => { … }',
    );
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(outdir)).toBe(false);
  });
});

describe("the model's warnings", () => {
  const spare = { name: "ride:unicorns", description: "Ride" };
  const warning =
    'permissions: "ride:unicorns" is declared but no route requires it; a role holding it gains nothing. Use it on a route or remove it';
  beforeAll(() => copy.writeModel({ ...unicornModel, permissions: [...unicornModel.permissions, spare] }));
  afterAll(() => copy.writeModel(unicornModel));

  it("are cdktf warnings of the stack they concern, not lines on the app's stderr", () => {
    const outdir = mkdtempSync(join(tmpdir(), "synth-warn-"));
    const result = runApp({ AUTH0_DOMAIN: "unicorn-test.eu.auth0.com" }, outdir);
    expect([result.status, result.stderr]).toEqual([0, ""]);
    const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8"));
    expect(manifest.stacks.auth0.annotations).toEqual([expect.objectContaining({ level: "@cdktf/warn", message: warning })]);
  });

  it("show as warnings in cdktf synth, and plainly in npm run synth", () => {
    const cli = run(
      "npx cdktf synth",
      { AUTH0_DOMAIN: "unicorn-test.eu.auth0.com", CI: "1", FORCE_COLOR: "0" },
      mkdtempSync(join(tmpdir(), "synth-cli-")),
    );
    expect(cli.status).toBe(0);
    expect(`${cli.stdout}${cli.stderr}`).toContain(`WARN [auth0]: ${warning}`);
    // (The CLI logs terraform's own complaints as [ERROR]; none may be about the model.)
    expect(`${cli.stdout}${cli.stderr}`).not.toMatch(/\[ERROR\].*ride:unicorns/);
    const ours = run(`node ${BIN} synth`, { AUTH0_DOMAIN: "unicorn-test.eu.auth0.com" }, mkdtempSync(join(tmpdir(), "synth-ours-")));
    expect(ours.status).toBe(0);
    expect(ours.stderr).toContain(`warning: ${warning}\n`);
  }, 60_000);
});

describe("a production synth of a model that still holds example values", () => {
  // The domain fixture with the seed's placeholder tenant for prod: every value the seed ships as an example.
  const seedLike = structuredClone(domainModel) as any;
  seedLike.environments.prod.tenant = { domain: "your-prod-tenant.eu.auth0.com" };
  beforeAll(() => copy.writeModel(seedLike));
  afterAll(() => copy.writeModel(unicornModel));
  const synth = (deployEnv: string) => run(`node ${BIN} synth`, { DEPLOY_ENV: deployEnv }, mkdtempSync(join(tmpdir(), `synth-${deployEnv}-`)));

  it("prints one warning line for each, naming the field and what to set", () => {
    const result = synth("prod");
    expect(result.status).toBe(0);
    const lines = result.stderr.split("\n").filter((line) => line.includes("is an example value"));
    expect(lines.map((line) => line.slice(0, line.indexOf(": ", "warning: ".length)))).toEqual([
      "warning: environments.prod.tenant.domain",
      "warning: api.identifier",
      "warning: environments.prod.spa.callbackUrls[0]",
      "warning: environments.prod.spa.logoutUrls[0]",
      "warning: environments.prod.spa.webOrigins[0]",
      "warning: environments.prod.domain.name",
      "warning: environments.prod.domain.hostedZone",
    ]);
    expect(lines).toContain(
      'warning: environments.prod.domain.name: "api.unicorns.example.com" is an example value, not one of yours; before deploying to production, set the host name your clients will call',
    );
  }, 60_000);

  it("and the domain's go to the aws stack's warnings, the tenant's to the auth0 stack's", () => {
    const outdir = mkdtempSync(join(tmpdir(), "synth-prod-manifest-"));
    expect(run(APP, { DEPLOY_ENV: "prod" }, outdir).status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8"));
    const fields = (stack: string) => manifest.stacks[stack].annotations.map((a: { message: string }) => a.message.slice(0, a.message.indexOf(": ")));
    expect(fields("aws")).toEqual(["environments.prod.domain.name", "environments.prod.domain.hostedZone"]);
    expect(fields("auth0")).toContain("environments.prod.tenant.domain");
  }, 60_000);

  it("while a dev synth of the same model says nothing of them", () => {
    const result = synth("dev");
    expect(result.status).toBe(0);
    expect(result.stderr).not.toContain("example value");
  }, 60_000);
});

describe("the warnings npm run synth prints", () => {
  it("are one line each, with what a terminal would take for a control shown as an escape", () => {
    const outdir = mkdtempSync(join(tmpdir(), "synth-warning-text-"));
    const annotation = (message: string) => ({ level: "@cdktf/warn", message });
    const stacks = {
      auth0: { annotations: [annotation("tenant.domain: \u001b[2Jcleared\nsecond line")] },
      aws: { annotations: [annotation("routes: \u009b31m")] },
    };
    writeFileSync(join(outdir, "manifest.json"), JSON.stringify({ stacks }));
    expect(synthWarningText(outdir)).toBe("warning: tenant.domain: \\x1b[2Jcleared second line\nwarning: routes: \\x9b31m\n");
  });
});

describe("npm run synth and npx cdktf synth", () => {
  // A project whose cdktf.json chooses the environment and the state backend, as the docs offer.
  const team = projectCopy({ model: environmentsModel, lambdaSrc: UNICORN_LAMBDA_SRC, prefix: "synth-same-" });
  afterAll(() => team.dispose());

  it("write the same JSON from the same settings, cdktf.json's context included", () => {
    const cdktfJson = join(team.dir, "cdktf.json");
    const context = {
      env: "staging",
      stateBackend: "s3",
      stateS3Bucket: "team-state",
      stateS3Region: "eu-west-1",
      stateS3Endpoint: "http://127.0.0.1:4566",
    };
    writeFileSync(cdktfJson, JSON.stringify({ ...JSON.parse(readFileSync(cdktfJson, "utf8")), context }, null, 2));
    const { TF_VAR_test_user_password: _p, DEPLOY_ENV: _env, ...inherited } = process.env;
    // One setting by variable: the environment wins over the context either way.
    const env = { ...inherited, CHECKPOINT_DISABLE: "1", CI: "1", FORCE_COLOR: "0", STATE_S3_KEY_PREFIX: "from-env/" };
    const outputs = { ours: join(team.dir, "out-ours"), cli: join(team.dir, "out-cli") };
    const ours = spawnSync(process.execPath, [BIN, "synth"], { cwd: team.dir, encoding: "utf8", env: { ...env, CDKTF_OUTDIR: outputs.ours } });
    expect([ours.status, ours.status === 0 ? "" : ours.stderr]).toEqual([0, ""]);
    const cli = spawnSync("npx", ["cdktf", "synth", "--output", outputs.cli], { cwd: team.dir, encoding: "utf8", env });
    expect([cli.status, cli.status === 0 ? "" : `${cli.stdout}${cli.stderr}`]).toEqual([0, ""]);
    const stack = (out: string, name: string) => readFileSync(join(out, "stacks", name, "cdk.tf.json"), "utf8");
    for (const name of ["auth0", "aws"]) expect(stack(outputs.ours, name)).toBe(stack(outputs.cli, name));
    // And they are what the settings say: staging's tenant, its state on the server named.
    const auth0 = JSON.parse(stack(outputs.ours, "auth0"));
    expect(auth0.output.issuer.value).toBe("https://unicorns-staging.eu.auth0.com/");
    expect(auth0.terraform.backend.s3).toMatchObject({
      bucket: "team-state",
      key: "from-env/staging/auth0.tfstate",
      endpoints: { s3: "http://127.0.0.1:4566" },
      use_path_style: true,
    });
  }, 90_000);
});
