// Both stacks' state in S3, offline: `npm run local` with STATE_BACKEND=s3 against `npm run
// cloud`'s S3 on 127.0.0.1 (the bucket made first, the aws stack reading the auth0 stack's
// outputs from its state there, a clean diff), terraform's S3-native lock held and refused,
// waited for, left by a killed run and cleared; then the same round trip against s3rver, an S3
// server no one here wrote. s3rver answers 200 to both of two `If-None-Match: *` writes, so the
// locking is proven on the local cloud's S3 only. One deployment serves every assertion on it.
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stripVTControlCharacters as strip } from "node:util";
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { AwsCloud, fileStore } from "@apigw-auth0-rbac/local-providers/cloud";
import { readProject } from "@apigw-auth0-rbac/model/project";
import { startLocalSystem } from "../../src/emulator/local-system";
import { LocalLayout } from "../../src/local-terraform/layout";
import { localRun } from "../../src/local-terraform/stack-states";
import { UNICORN_LAMBDA_SRC, unicornModel } from "../fixtures/unicorn-model";
import { projectCopy } from "../helpers/project-copy";

const BIN = join(__dirname, "..", "..", "bin", "apigw-offline.js");
const project = projectCopy({ model: unicornModel, lambdaSrc: UNICORN_LAMBDA_SRC, prefix: "s3-state-" });
const ROOT = project.dir;
const LOCAL = ".local/terraform-s3";
const CLOUD_DIR = join(ROOT, LOCAL, "cloud");
const HOME = mkdtempSync(join(tmpdir(), "s3-state-home-"));
const BUCKET = "team-state";
const children: { child: ChildProcessWithoutNullStreams; done: Promise<unknown> }[] = [];

/** What every command here inherits: nothing of the machine's AWS credentials, DEPLOY_ENV or colours. */
function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME, CI: "1", FORCE_COLOR: "0", AUTH0_DOMAIN: "unicorn-test.eu.auth0.com" };
  for (const name of Object.keys(env)) if (/^(AWS_|STATE_|TF_CLI_ARGS|TF_PLUGIN_CACHE_DIR$|DEPLOY_ENV$|NO_COLOR$)/.test(name)) delete env[name];
  return env;
}

/** A command of its own, its output kept as it comes; `done` when it exits. */
function start(command: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv; detached?: boolean }) {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: options.detached });
  let out = "";
  child.stdout.on("data", (c) => (out += c));
  child.stderr.on("data", (c) => (out += c));
  const done = new Promise<{ status: number | null; out: string }>((resolve) => child.on("close", (status) => resolve({ status, out: strip(out) })));
  children.push({ child, done });
  /** Resolves once the output matches `pattern`; fails after `ms` with what was said. */
  const said = (pattern: RegExp, ms: number) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${ms} ms:\n${strip(out)}`)), ms);
      const check = () => {
        if (pattern.test(strip(out))) {
          clearTimeout(timer);
          resolve(strip(out));
        }
      };
      child.stdout.on("data", check);
      child.stderr.on("data", check);
      child.on("close", () => setTimeout(() => reject(new Error(`exited before ${pattern}:\n${strip(out)}`)), 10));
      check();
    });
  return { child, done, said, output: () => strip(out) };
}

/** `npm run local -- <args>` in the fixture project, in a local folder of its own, to its end. */
function local(localDir: string, args: readonly string[], env: NodeJS.ProcessEnv) {
  const result = spawnSync(process.execPath, [BIN, "local", ...args], {
    cwd: ROOT,
    env: { ...baseEnv(), LOCAL_TERRAFORM_DIR: localDir, ...env },
    encoding: "utf8",
    timeout: 240_000,
  });
  return { status: result.status, out: strip(`${result.stdout}\n${result.stderr}`) };
}

const okOrOutput = (run: { status: number | null; out: string }) => [run.status, run.status === 0 ? "" : run.out];
const workingFolder = (out: string) => join(ROOT, /synthesized into: (\S+)\//.exec(out)![1]);

afterAll(async () => {
  for (const { child } of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  await Promise.all(children.map(({ done }) => done));
  project.dispose();
  rmSync(HOME, { recursive: true, force: true });
});

describe("state in the local cloud's S3", () => {
  let variables: Record<string, string>;
  let s3Env: NodeJS.ProcessEnv;
  let stackFolder: string;
  const s3 = () => new AwsCloud("us-east-1", {}, fileStore(CLOUD_DIR)).s3;
  const keys = () =>
    s3()
      .listObjects(BUCKET, { prefix: "", maxKeys: 1000 })
      .contents.map((o) => o.key);
  const stateOf = (stack: string) => JSON.parse(s3().getObject(BUCKET, `apigw-auth0-rbac/${stack}.tfstate`).body.toString());
  /** terraform as npm run local runs it, in `cwd`: its mirror, the local cloud, the cloud's keys. */
  const terraformEnv = () => ({
    ...baseEnv(),
    TF_CLI_CONFIG_FILE: join(ROOT, LOCAL, "terraformrc"),
    LOCAL_CLOUD_DIR: CLOUD_DIR,
    AWS_ACCESS_KEY_ID: variables.AWS_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: variables.AWS_SECRET_ACCESS_KEY,
    AWS_REGION: "us-east-1",
    CHECKPOINT_DISABLE: "1",
    TF_IN_AUTOMATION: "1",
  });
  /** Every log group's retention, as another deployer would change it. */
  const retention = (days: number) => (json: any) => {
    for (const group of Object.values<any>(json.resource.aws_cloudwatch_log_group)) group.retention_in_days = days;
  };
  /** A second working folder of the aws stack, on the same state: another deployer's. */
  const otherDeployer = (change: (json: any) => void) => {
    const dir = mkdtempSync(join(tmpdir(), "other-deployer-"));
    cpSync(stackFolder, dir, { recursive: true, filter: (src) => !/\.terraform|[\\/]plan$/.test(src) });
    const file = join(dir, "cdk.tf.json");
    const json = JSON.parse(readFileSync(file, "utf8"));
    change(json);
    writeFileSync(file, JSON.stringify(json));
    const init = spawnSync("terraform", ["init", "-input=false", "-no-color"], { cwd: dir, env: terraformEnv(), encoding: "utf8", timeout: 60_000 });
    expect(okOrOutput({ status: init.status, out: `${init.stdout}${init.stderr}` })).toEqual([0, ""]);
    return dir;
  };
  /** `terraform apply` waiting at its approval prompt, the state lock held. */
  const holdLock = async (dir: string, detached = false) => {
    const apply = start("terraform", ["apply", "-no-color"], { cwd: dir, env: terraformEnv(), detached });
    await apply.said(/Enter a value:/, 90_000);
    return { ...apply, lockId: JSON.parse(s3().getObject(BUCKET, "apigw-auth0-rbac/aws.tfstate.tflock").body.toString()).ID as string };
  };

  beforeAll(async () => {
    const cloud = start(process.execPath, [BIN, "cloud"], {
      cwd: ROOT,
      env: { ...baseEnv(), LOCAL_TERRAFORM_DIR: LOCAL, CLOUD_AWS_PORT: "0", CLOUD_AUTH0_PORT: "0" },
    });
    const printed = await cloud.said(/NODE_EXTRA_CA_CERTS=.*\n/, 60_000);
    variables = Object.fromEntries(printed.split("\n").flatMap((line) => (/^[A-Z0-9_]+=/.test(line) ? [line.split(/=(.*)/s).slice(0, 2)] : [])));
    // The keys are left out: npm run local signs with the local cloud's own.
    s3Env = { STATE_BACKEND: "s3", STATE_S3_ENDPOINT: variables.AWS_ENDPOINT_URL, STATE_S3_BUCKET: BUCKET, STATE_S3_REGION: "us-east-1" };
  }, 90_000);

  it("refuses an S3 endpoint that is not on this machine in one line, before anything runs", () => {
    const refused = local(LOCAL, ["deploy", "auth0", "--auto-approve"], { ...s3Env, STATE_S3_ENDPOINT: "https://s3.eu-west-1.amazonaws.com" });
    expect(refused.status).toBe(1);
    expect(refused.out.trim()).toBe(
      "npm run local: STATE_S3_ENDPOINT=https://s3.eu-west-1.amazonaws.com is not on this machine: npm run local keeps state only on a loopback S3 server (npm run cloud's, e.g. http://127.0.0.1:4566), never a real one; set STATE_BACKEND=local to keep it in .local/; nothing was changed",
    );
    expect(readdirSync(join(ROOT, LOCAL)).sort()).toEqual(["cloud"]);
  });

  it("deploys both stacks with their state there, the bucket made first; the authorizer holds the auth0 state's outputs; diff is clean", () => {
    // The project's folder used with local state first: the S3 run gets a working folder of its own, never "Backend configuration changed".
    expect(okOrOutput(local(LOCAL, ["diff", "auth0"], {}))).toEqual([0, ""]);
    const deploy = local(LOCAL, ["deploy", "auth0", "aws", "--auto-approve"], s3Env);
    expect(okOrOutput(deploy)).toEqual([0, ""]);
    expect(readdirSync(join(ROOT, LOCAL)).filter((f) => f.startsWith("cdktf.out"))).toEqual([
      "cdktf.out",
      expect.stringMatching(/^cdktf\.out\.s3-[0-9a-f]{8}$/),
    ]);
    expect(deploy.out).toContain(`state: S3 bucket ${BUCKET} (created now) at ${variables.AWS_ENDPOINT_URL}, keys apigw-auth0-rbac/auth0.tfstate`);
    expect(deploy.out).toContain("credentials: the local cloud's");
    stackFolder = join(workingFolder(deploy.out), "stacks", "aws");
    expect(keys()).toEqual(["apigw-auth0-rbac/auth0.tfstate", "apigw-auth0-rbac/aws.tfstate"]);
    expect(existsSync(join(ROOT, LOCAL, "state")) ? readdirSync(join(ROOT, LOCAL, "state")) : []).toEqual([]);

    const outputs = stateOf("auth0").outputs;
    const authorizer = stateOf("aws").resources.find((r: any) => r.type === "aws_apigatewayv2_authorizer").instances[0].attributes;
    expect(authorizer.jwt_configuration).toEqual([{ issuer: outputs.issuer.value, audience: [outputs.audience.value] }]);
    expect(outputs.issuer.value).toBe("https://unicorn-test.eu.auth0.com/");

    const diff = local(LOCAL, ["diff", "aws"], s3Env);
    expect(okOrOutput(diff)).toEqual([0, ""]);
    expect(diff.out).toContain("No changes. Your infrastructure matches the configuration.");
    expect(keys()).not.toContain("apigw-auth0-rbac/aws.tfstate.tflock");
    // The drift after a diff compared what the S3 state holds with the local cloud.
    expect(diff.out).toMatch(/Drift: none — the local cloud holds what terraform applied \([1-9]\d* objects? compared\)\./);
  }, 300_000);

  it("serves what the S3 state holds with npm start -- --applied's reader, no state file under the local folder", async () => {
    const project = readProject(ROOT, {});
    const run = localRun(project, new LocalLayout(project, LOCAL), undefined, { ...baseEnv(), ...s3Env });
    expect(run.outdir).toBe(workingFolder(local(LOCAL, ["synth"], s3Env).out));
    const system = await startLocalSystem({ outdir: run.outdir, appliedState: run.states, functionLog: () => undefined });
    try {
      expect(system.routes.map((r) => r.routeKey).sort()).toEqual(["GET /unicorn", "GET /unicorns"]);
      expect((await fetch(`${system.api.url}/unicorns`)).status).toBe(401);
    } finally {
      await system.close();
    }
    expect(existsSync(join(ROOT, LOCAL, "state")) ? readdirSync(join(ROOT, LOCAL, "state")) : []).toEqual([]);
  }, 240_000);

  it("refuses a second deploy while one holds the lock, naming the holder; with -lock-timeout it waits, then applies from the state the first left", async () => {
    // The other deployer shortens the access logs' retention: the waiting deploy must see that change to undo it.
    const dir = otherDeployer(retention(14));
    const first = await holdLock(dir);
    const refused = local(LOCAL, ["deploy", "aws", "--ignore-missing-stack-dependencies", "--auto-approve"], s3Env);
    expect(refused.status).not.toBe(0);
    expect(refused.out).toContain("Error acquiring the state lock");
    expect(refused.out).toMatch(/StatusCode:\s+412/);
    expect(refused.out).toMatch(new RegExp(`ID:\\s+${first.lockId}`));
    expect(refused.out).toContain("Operation: OperationTypeApply");

    const waiting = start(process.execPath, [BIN, "local", "deploy", "aws", "--ignore-missing-stack-dependencies", "--auto-approve"], {
      cwd: ROOT,
      env: { ...baseEnv(), LOCAL_TERRAFORM_DIR: LOCAL, ...s3Env, TF_CLI_ARGS_plan: "-lock-timeout=180s", TF_CLI_ARGS_apply: "-lock-timeout=180s" },
    });
    await waiting.said(/Acquiring state lock/, 90_000);
    expect(waiting.child.exitCode).toBeNull();
    first.child.stdin.end("yes\n");
    const firstDone = await first.done;
    expect([firstDone.status, firstDone.out]).toEqual([0, expect.stringMatching(/Apply complete! Resources: 0 added, 3 changed, 0 destroyed/)]);
    const waited = await waiting.done;
    expect(okOrOutput(waited)).toEqual([0, ""]);
    expect(waited.out).toMatch(/Apply complete! Resources: 0 added, 3 changed, 0 destroyed/);
    const days = stateOf("aws")
      .resources.filter((r: any) => r.type === "aws_cloudwatch_log_group")
      .map((r: any) => r.instances[0].attributes.retention_in_days);
    expect(new Set(days)).toEqual(new Set([30]));
    rmSync(dir, { recursive: true, force: true });
  }, 400_000);

  it("reports a lock left by a killed deploy, and force-unlock clears it", async () => {
    // A change, so its apply stops at the approval prompt, the lock held.
    const dir = otherDeployer(retention(7));
    const killed = await holdLock(dir, true);
    process.kill(-killed.child.pid!, "SIGKILL");
    await killed.done;
    expect(keys()).toContain("apigw-auth0-rbac/aws.tfstate.tflock");
    const blocked = local(LOCAL, ["diff", "aws"], s3Env);
    expect(blocked.status).not.toBe(0);
    expect(blocked.out).toContain("Error acquiring the state lock");
    expect(blocked.out).toMatch(new RegExp(`ID:\\s+${killed.lockId}`));

    // As docs/LOCAL-TERRAFORM.md says to: in npm run local's working folder of the stack, with the server's keys and nothing else.
    const keysOnly = { ...baseEnv(), AWS_ACCESS_KEY_ID: variables.AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: variables.AWS_SECRET_ACCESS_KEY };
    const unlock = spawnSync("terraform", ["force-unlock", "-force", killed.lockId], { cwd: stackFolder, env: keysOnly, encoding: "utf8" });
    expect([unlock.status, unlock.stdout]).toEqual([0, expect.stringContaining("Terraform state has been successfully unlocked!")]);
    expect(keys()).not.toContain("apigw-auth0-rbac/aws.tfstate.tflock");
    const diff = local(LOCAL, ["diff", "aws"], s3Env);
    expect(okOrOutput(diff)).toEqual([0, ""]);
    expect(diff.out).toContain("No changes.");
    rmSync(dir, { recursive: true, force: true });
  }, 300_000);
});

describe("state in s3rver", () => {
  const S3RVER_LOCAL = ".local/terraform-s3rver";
  const storage = mkdtempSync(join(tmpdir(), "s3rver-"));
  let endpoint: string;
  let client: S3Client;
  const credentials = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };
  const stateOf = async (stack: string) =>
    JSON.parse(
      await (await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: `apigw-auth0-rbac/${stack}.tfstate` }))).Body!.transformToString(),
    );

  beforeAll(async () => {
    // Its own process: the commands below block this one while they run.
    const script = `new (require("s3rver"))({ address: "127.0.0.1", port: 0, silent: true, directory: ${JSON.stringify(storage)} }).run().then((a) => console.log("listening on " + a.port))`;
    const server = start(process.execPath, ["-e", script], { cwd: __dirname, env: baseEnv() });
    endpoint = `http://127.0.0.1:${/listening on (\d+)/.exec(await server.said(/listening on \d+/, 30_000))![1]}`;
    client = new S3Client({ endpoint, region: "us-east-1", forcePathStyle: true, credentials });
  }, 60_000);
  afterAll(() => {
    client.destroy();
    rmSync(storage, { recursive: true, force: true });
  });

  it("keeps both stacks' state on an S3 server no one here wrote: deploy, the authorizer holding the auth0 state's outputs, a clean diff", async () => {
    const env = {
      STATE_BACKEND: "s3",
      STATE_S3_ENDPOINT: endpoint,
      STATE_S3_BUCKET: BUCKET,
      STATE_S3_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: "S3RVER",
      AWS_SECRET_ACCESS_KEY: "S3RVER",
    };
    const deploy = local(S3RVER_LOCAL, ["deploy", "auth0", "aws", "--auto-approve"], env);
    expect(okOrOutput(deploy)).toEqual([0, ""]);
    expect(deploy.out).toContain(`state: S3 bucket ${BUCKET} (created now) at ${endpoint}`);
    const outputs = (await stateOf("auth0")).outputs;
    const authorizer = (await stateOf("aws")).resources.find((r: any) => r.type === "aws_apigatewayv2_authorizer").instances[0].attributes;
    expect(authorizer.jwt_configuration).toEqual([{ issuer: outputs.issuer.value, audience: [outputs.audience.value] }]);
    const diff = local(S3RVER_LOCAL, ["diff", "aws"], env);
    expect(okOrOutput(diff)).toEqual([0, ""]);
    expect(diff.out).toContain("No changes. Your infrastructure matches the configuration.");
  }, 300_000);

  it("takes both of two creates of one lock object: why the lock is proven on the local cloud's S3, not here", async () => {
    await client.send(new CreateBucketCommand({ Bucket: "lock-race" }));
    const create = () => client.send(new PutObjectCommand({ Bucket: "lock-race", Key: "app.tfstate.tflock", Body: "{}", IfNoneMatch: "*" }));
    await create();
    await expect(create()).resolves.toMatchObject({ $metadata: { httpStatusCode: 200 } });
  });
});
