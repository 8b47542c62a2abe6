// docs/STACKS.md's "Deploying for real", steps 2 and 5 to 7, followed as written for a
// production environment, through `npm run local` and `npm run cloud` instead of the accounts:
// the state bucket made first and the STATE_* settings of step 2 (plus the loopback endpoint a
// local S3 needs), diff auth0, deploy auth0, diff aws, deploy auth0 aws, both diffs clean, the
// outputs the docs list, destroy aws auth0 — the state in S3 throughout. On a fixture project (the
// environments fixture's prod), in a local folder of the test's own. The bucket's versioning,
// encryption, public-access blocks and policy are not served by the local S3 (docs/LOCAL-CLOUD.md),
// and steps 1, 3 and 4 (values, IAM and Auth0 permissions) need the accounts.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { AUTH0_OUTPUTS, AWS_OUTPUTS } from "@apigw-auth0-rbac/model";
import { AwsCloud, fileStore } from "@apigw-auth0-rbac/local-providers/cloud";
import { environmentsModel, PROD_DOMAIN } from "../fixtures/environments-model";
import { UNICORN_LAMBDA_SRC } from "../fixtures/unicorn-model";
import { projectCopy } from "../helpers/project-copy";

const BIN = join(__dirname, "..", "..", "bin", "apigw-offline.js");
const project = projectCopy({ model: environmentsModel, lambdaSrc: UNICORN_LAMBDA_SRC, prefix: "deploy-steps-" });
const LOCAL = ".local/terraform-deploy-steps";
const HOME = mkdtempSync(join(tmpdir(), "deploy-steps-home-"));
const OUTPUTS = join(mkdtempSync(join(tmpdir(), "deploy-steps-outputs-")), "outputs.json");
/** Step 2's bucket, and its region (the local cloud's). */
const BUCKET = "my-team-tfstate";
const REGION = "us-east-1";

/** The machine's environment without anything that would choose another account, environment or state. */
function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME, LOCAL_TERRAFORM_DIR: LOCAL, CI: "1", FORCE_COLOR: "0", DEPLOY_ENV: "prod" };
  for (const name of Object.keys(env)) if (/^(AWS_|STATE_|AUTH0_DOMAIN$|TF_CLI_ARGS|NO_COLOR$)/.test(name)) delete env[name];
  return env;
}

/** `npm run cloud` for prod, until the tests end: its S3 keeps the state. */
const cloud = spawn(process.execPath, [BIN, "cloud"], { cwd: project.dir, env: { ...baseEnv(), CLOUD_AWS_PORT: "0", CLOUD_AUTH0_PORT: "0" } });
const cloudClosed = new Promise((resolve) => cloud.on("close", resolve));
let printed = "";
cloud.stdout.on("data", (c) => (printed += c));
cloud.stderr.on("data", (c) => (printed += c));
/** What npm run cloud printed: AWS_ENDPOINT_URL and the local account's keys. */
let variables: Record<string, string> = {};

/** Step 2's settings, as the docs give them, with the endpoint a server on this machine needs. */
const stateSettings = () => ({
  STATE_BACKEND: "s3",
  STATE_S3_BUCKET: BUCKET,
  STATE_S3_REGION: REGION,
  STATE_S3_ENDPOINT: variables.AWS_ENDPOINT_URL,
});

/** `npm run local -- <args>` for the docs' environment, prod, its state in the local cloud's S3. */
function local(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, "local", ...args], {
    cwd: project.dir,
    env: { ...baseEnv(), ...stateSettings() },
    encoding: "utf8",
    timeout: 180_000,
  });
  return { status: result.status, out: stripVTControlCharacters(`${result.stdout}\n${result.stderr}`) };
}
const ok = (run: ReturnType<typeof local>) => [run.status, run.status === 0 ? "" : run.out.slice(-3000)];
/** The stack's state where step 2 puts it: apigw-auth0-rbac/prod/<stack>.tfstate in the bucket. */
const stateOf = (stack: string) =>
  JSON.parse(
    new AwsCloud(REGION, {}, fileStore(join(project.dir, LOCAL, "cloud.prod"))).s3
      .getObject(BUCKET, `apigw-auth0-rbac/prod/${stack}.tfstate`)
      .body.toString(),
  );

beforeAll(async () => {
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm run cloud did not start:\n${printed}`)), 60_000);
    const check = () => {
      if (!/NODE_EXTRA_CA_CERTS=.*\n/.test(printed)) return;
      clearTimeout(timer);
      resolve();
    };
    cloud.stdout.on("data", check);
    cloud.on("close", () => reject(new Error(`npm run cloud exited:\n${printed}`)));
  });
  variables = Object.fromEntries(printed.split("\n").flatMap((line) => (/^[A-Z0-9_]+=/.test(line) ? [line.split(/=(.*)/s).slice(0, 2)] : [])));
  // Step 2: the bucket exists before terraform's init (npm run local would make it; the docs make it first).
  const s3 = new S3Client({
    endpoint: variables.AWS_ENDPOINT_URL,
    region: REGION,
    forcePathStyle: true,
    credentials: { accessKeyId: variables.AWS_ACCESS_KEY_ID, secretAccessKey: variables.AWS_SECRET_ACCESS_KEY },
  });
  try {
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  } finally {
    s3.destroy();
  }
}, 90_000);

afterAll(async () => {
  cloud.kill("SIGTERM");
  await cloudClosed;
  project.dispose();
  rmSync(HOME, { recursive: true, force: true });
  rmSync(join(OUTPUTS, ".."), { recursive: true, force: true });
});

it("reviews and deploys auth0, then both, as the docs' step 5 says, and both diffs are then clean", () => {
  const firstAuth0 = local("diff", "auth0");
  expect(ok(firstAuth0)).toEqual([0, ""]);
  expect(firstAuth0.out).toMatch(/Plan: \d+ to add, 0 to change, 0 to destroy/);
  // "cdktf diff aws reads the auth0 state: works once auth0 is deployed".
  const early = local("diff", "aws");
  expect(early.status).toBe(1);
  expect(early.out).toContain("deploy auth0 first");

  expect(ok(local("deploy", "auth0", "--auto-approve"))).toEqual([0, ""]);
  const firstAws = local("diff", "aws");
  expect(ok(firstAws)).toEqual([0, ""]);
  expect(firstAws.out).toMatch(/Plan: \d+ to add, 0 to change, 0 to destroy/);
  // The CLI refuses `deploy aws` without the stack it depends on: the docs deploy "auth0 aws".
  expect(local("deploy", "aws", "--auto-approve").out).toContain("The following dependencies are not included in the stacks to run: auth0");
  const deployBoth = local("deploy", "auth0", "aws", "--auto-approve");
  expect(ok(deployBoth)).toEqual([0, ""]);
  expect(deployBoth.out).toContain(
    `state: S3 bucket ${BUCKET} (found) at ${variables.AWS_ENDPOINT_URL}, keys apigw-auth0-rbac/prod/auth0.tfstate and apigw-auth0-rbac/prod/aws.tfstate`,
  );
  // (The CLI prefixes a stack's name to a chunk of its output, not to each line: the state says what was applied.)
  expect(stateOf("aws").resources.length).toBeGreaterThan(0);

  for (const stack of ["auth0", "aws"]) {
    const diff = local("diff", stack);
    expect([stack, ...ok(diff)]).toEqual([stack, 0, ""]);
    expect(diff.out).toContain("No changes. Your infrastructure matches the configuration.");
  }
  // "given both names it diffs auth0 alone": refused before anything runs.
  const both = local("diff", "auth0", "aws");
  expect([both.status, both.out]).toEqual([1, expect.stringContaining("npm run local -- diff auth0, then npm run local -- diff aws")]);
}, 600_000);

it("writes the outputs step 6 lists, with the tenant's issuer", () => {
  expect(ok(local("output", "auth0", "aws", "--outputs-file", OUTPUTS))).toEqual([0, ""]);
  const outputs = JSON.parse(readFileSync(OUTPUTS, "utf8"));
  // No custom domain in this environment: no custom_domain.
  expect(Object.keys(outputs.auth0).sort()).toEqual(
    Object.values(AUTH0_OUTPUTS)
      .filter((o) => o !== AUTH0_OUTPUTS.customDomain)
      .sort(),
  );
  // No domain in this environment: no domain_target.
  expect(Object.keys(outputs.aws).sort()).toEqual(
    Object.values(AWS_OUTPUTS)
      .filter((o) => o !== AWS_OUTPUTS.domainTarget)
      .sort(),
  );
  expect(outputs.auth0.issuer).toBe(`https://${PROD_DOMAIN}/`);
  expect(outputs.aws.api_endpoint).toMatch(/^https:\/\/\w+\.execute-api\.[a-z0-9-]+\.amazonaws\.com$/);
}, 300_000);

it("destroys aws, then auth0, as step 7 says, leaving both states empty", () => {
  expect(ok(local("destroy", "aws", "auth0", "--auto-approve"))).toEqual([0, ""]);
  for (const stack of ["auth0", "aws"]) expect([stack, stateOf(stack).resources]).toEqual([stack, []]);
}, 300_000);
