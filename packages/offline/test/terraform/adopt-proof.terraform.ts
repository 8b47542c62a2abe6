// The proof of issue 23, as a user would go through it on a fresh project (a copy without a
// model): the guide's console setup (with a post-login Action bound to its trigger) created in
// a fresh local cloud through the official SDKs, a token issued for the guide's user, `npm run adopt -- --local`, the first
// `npm run local -- deploy auth0 aws` importing every adopted object (no replacement, no
// destroy, only the changes the report names), the identities kept and the old token still
// accepted, a clean diff; then an authorizer detached through the SDK shows as drift in
// `npm run local -- diff` and in `npm run review`, and so does the Action edited and deployed.
import { stripVTControlCharacters } from "node:util";
import { execFile, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ApiGatewayV2Client, UpdateRouteCommand } from "@aws-sdk/client-apigatewayv2";
import { startAuth0StandIn } from "../../src/emulator/auth0/standin";
import { CLI_CLIENT } from "../../src/emulator/auth0/directory";
import { tenantFromCloud } from "../../src/emulator/deployment/from-cloud";
import { startLocalSystem } from "../../src/emulator/local-system";
import { LocalLayout } from "../../src/local-terraform/layout";
import { localStackStates } from "../../src/local-terraform/stack-states";
import { fileStore } from "@apigw-auth0-rbac/local-providers/cloud";
import { readProject } from "@apigw-auth0-rbac/model/project";
import { UNICORN_LAMBDA_SRC, unicornModel } from "../fixtures/unicorn-model";
import { GUIDE, ROLES_ACTION } from "../helpers/console-setup";
import { projectCopy, type ProjectCopy } from "../helpers/project-copy";

const strip = stripVTControlCharacters;
const HOME = mkdtempSync(join(tmpdir(), "adopt-home-"));
let copy: ProjectCopy;
let cloudProcess: ChildProcess | undefined;
let variables: Record<string, string> = {};
let setup: Record<string, any>;
let report = "";
let deployOutput = "";
let tokenPort = 0;
let riderToken = "";

const env = () => {
  const { DEPLOY_ENV: _e, AUTH0_DOMAIN: _d, ...inherited } = process.env;
  return { ...inherited, HOME, CI: "1", FORCE_COLOR: "0" };
};

/** A command of the project copy, as `npm run <script>` runs it. */
function run(script: string, args: string[], timeout = 240_000) {
  const result = spawnSync(process.execPath, [join(copy.dir, "node_modules", ".bin", "apigw-offline"), script, ...args], {
    cwd: copy.dir,
    env: env(),
    encoding: "utf8",
    timeout,
  });
  return { status: result.status, out: strip(`${result.stdout}\n${result.stderr}`), stdout: result.stdout };
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

const cloudDir = () => join(copy.dir, ".local", "terraform", "cloud");
const stateOf = (stack: string) => JSON.parse(readFileSync(join(copy.dir, ".local", "terraform", "state", `terraform.${stack}.tfstate`), "utf8"));
const attributesOf = (state: any, type: string) =>
  state.resources.filter((r: any) => r.type === type && r.mode === "managed").flatMap((r: any) => r.instances.map((i: any) => i.attributes));

beforeAll(async () => {
  copy = projectCopy({ model: unicornModel, lambdaSrc: UNICORN_LAMBDA_SRC, prefix: "adopt-proof-" });
  // A fresh project: no model, no handlers yet.
  rmSync(join(copy.dir, "access-model.ts"));
  rmSync(join(copy.dir, "lambda-src"), { recursive: true });
  mkdirSync(join(copy.dir, "lambda-src"));
  // npm run cloud, as a person starts it in a terminal of its own.
  cloudProcess = spawn(process.execPath, [join(copy.dir, "node_modules", ".bin", "apigw-offline"), "cloud"], {
    cwd: copy.dir,
    env: { ...env(), CLOUD_AWS_PORT: "0", CLOUD_AUTH0_PORT: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let printed = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm run cloud printed no variables: ${printed}`)), 60_000);
    cloudProcess!.stdout!.on("data", (chunk) => {
      printed += chunk;
      if (printed.includes("NODE_EXTRA_CA_CERTS=")) {
        clearTimeout(timer);
        resolve();
      }
    });
    cloudProcess!.on("exit", (code) => reject(new Error(`npm run cloud exited ${code}`)));
  });
  variables = Object.fromEntries(
    printed
      .trim()
      .split("\n")
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  );
}, 120_000);

afterAll(() => {
  cloudProcess?.kill("SIGTERM");
  copy?.dispose();
  rmSync(HOME, { recursive: true, force: true });
});

it("the guide's console setup, created step by step through the SDKs against npm run cloud", async () => {
  const child = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(
      process.execPath,
      ["--import", "tsx", join(__dirname, "..", "helpers", "console-setup.ts")],
      { cwd: copy.dir, env: { ...env(), ...variables }, timeout: 120_000 },
      (err, stdout, stderr) => resolve({ code: err ? 1 : 0, stdout, stderr }),
    ),
  );
  expect([child.code, child.code === 0 ? "" : child.stderr]).toEqual([0, ""]);
  setup = JSON.parse(child.stdout);
  expect(Object.keys(setup.routes)).toEqual(["GET /unicorn", "GET /unicorns"]);
}, 180_000);

it("issues a token for the guide's user, before anything is adopted", async () => {
  tokenPort = await freePort();
  const tenant = tenantFromCloud(fileStore(cloudDir()), GUIDE.identifier);
  const auth0 = await startAuth0StandIn({ tenant, port: tokenPort });
  try {
    const answer = await fetch(`${auth0.issuer}oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        grant_type: "password",
        client_id: CLI_CLIENT.clientId,
        username: GUIDE.user.email,
        password: GUIDE.user.password,
        audience: GUIDE.identifier,
        scope: "read:unicorn",
      }),
    });
    const body = (await answer.json()) as { scope: string; access_token: string };
    expect([answer.status, body.scope]).toEqual([200, "read:unicorn"]);
    riderToken = body.access_token;
  } finally {
    await auth0.close();
  }
});

it("npm run adopt -- --local writes a model that validates and typechecks, a stub per handler and the report; never overwrites without --force", () => {
  const adopt = run("adopt", ["--local", "--identifier", GUIDE.identifier, "--api-name", GUIDE.apiName]);
  expect([adopt.status, adopt.status === 0 ? "" : adopt.out]).toEqual([0, ""]);
  report = readFileSync(join(copy.dir, "ADOPTION.md"), "utf8");
  expect(report).toContain("(narrowed from `*`");
  expect(report).toContain("access logs are turned on");
  expect(report).toContain("the function `getUnicorn` (python3.8)");
  expect(report).toContain(
    "user `rider@unicorns.example.com` with `unicorn-rider`: users are not managed; the roles are imported, so the assignments stay",
  );
  const model = readFileSync(join(copy.dir, "access-model.ts"), "utf8");
  expect(report).toContain(
    "the application `Unicorn Census` is named `unicorn-census` in the model and is renamed to it (its client id and secret stay)",
  );
  expect(report).toContain("the Action `Unicorn Roles` is named `unicorn-roles` in the model and is renamed to it (its id stays)");
  expect(readFileSync(join(copy.dir, "actions", "unicorn-roles.ts"), "utf8").endsWith(ROLES_ACTION)).toBe(true);
  for (const id of [
    setup.resourceServerId,
    setup.spaClientId,
    setup.censusClientId,
    setup.censusGrantId,
    setup.apiId,
    setup.authorizerId,
    setup.trainerRoleId,
    setup.riderRoleId,
    setup.actionId,
    ...Object.values(setup.routes),
  ])
    expect(model).toContain(JSON.stringify(id));
  expect(readFileSync(join(copy.dir, "lambda-src", "get-unicorn.ts"), "utf8")).toMatch(
    /"functionName": "getUnicorn",\n.*\n {2}"runtime": "python3.8",\n {2}"handler": "lambda_function.lambda_handler",/,
  );
  const tsc = spawnSync(join(copy.dir, "node_modules", ".bin", "tsc"), ["-p", "tsconfig.json", "--noEmit"], {
    cwd: copy.dir,
    encoding: "utf8",
    timeout: 180_000,
  });
  expect([tsc.status, tsc.stdout]).toEqual([0, ""]);

  const again = run("adopt", ["--local", "--identifier", GUIDE.identifier, "--api-name", GUIDE.apiName]);
  expect(again.status).toBe(1);
  expect(again.out).toContain("exist: adopt never overwrites without --force");
  expect(readFileSync(join(copy.dir, "ADOPTION.md"), "utf8")).toBe(report);
}, 240_000);

it("the first deploy imports every adopted object: no replacement, no destroy, only the changes the report names", () => {
  const deploy = run("local", ["deploy", "auth0", "aws", "--auto-approve"], 300_000);
  deployOutput = deploy.out;
  expect([deploy.status, deploy.status === 0 ? "" : deploy.out.slice(-4000)]).toEqual([0, ""]);
  // terraform's plan lines: "# <address> will be imported", or "… will be updated in-place" then "# (imported from "<id>")".
  const lines = deployOutput.split("\n");
  const planned = lines.flatMap((line, i) => {
    const m = /# ((\w+)\.[\w.-]+) will be (imported|updated in-place|created)/.exec(line);
    return m ? [{ type: m[2], action: m[3], imported: m[3] === "imported" || (lines[i + 1] ?? "").includes("(imported from ") }] : [];
  });
  const imported = planned.filter((p) => p.imported).map((p) => p.type);
  expect([...new Set(imported)].sort()).toEqual([
    "auth0_action",
    "auth0_client",
    "auth0_client_grant",
    "auth0_resource_server",
    "auth0_resource_server_scopes",
    "auth0_role",
    "auth0_role_permissions",
    "auth0_trigger_actions",
    "aws_apigatewayv2_api",
    "aws_apigatewayv2_authorizer",
    "aws_apigatewayv2_route",
    "aws_apigatewayv2_stage",
  ]);
  expect(imported.filter((t) => t === "aws_apigatewayv2_route")).toHaveLength(2);
  expect(imported.filter((t) => t === "auth0_role")).toHaveLength(2);
  expect(imported.filter((t) => t === "auth0_client")).toHaveLength(2);
  expect(deployOutput).not.toMatch(/must be replaced|will be destroyed/);
  // Every update or creation is of a kind the report names.
  const changed = planned.filter((p) => p.action !== "imported").map((p) => p.type);
  const named = new Set([...report.matchAll(/- `(aws_\w+|auth0_\w+)`/g)].map((m) => m[1]));
  // A function brings its role, policy, log group and invoke permissions (named with it in the report).
  const withFunction = ["aws_iam_role", "aws_iam_role_policy", "aws_cloudwatch_log_group", "aws_lambda_permission"];
  expect([...new Set(changed)].filter((t) => !named.has(t) && !(withFunction.includes(t) && named.has("aws_lambda_function")))).toEqual([]);
  expect(deployOutput).toMatch(/Apply complete! Resources: \d+ imported, \d+ added, \d+ changed, 0 destroyed/);
}, 320_000);

it("keeps the API id, the invoke URL, the SPA client id and the audience, and accepts the token issued before", async () => {
  const aws = stateOf("aws");
  const auth0 = stateOf("auth0");
  const [api] = attributesOf(aws, "aws_apigatewayv2_api");
  expect([api.id, api.api_endpoint]).toEqual([setup.apiId, setup.apiEndpoint]);
  expect(aws.outputs.api_endpoint.value).toBe(setup.apiEndpoint);
  expect(auth0.outputs.spa_client_id.value).toBe(setup.spaClientId);
  expect(auth0.outputs.m2m_client_ids.value).toEqual({ "unicorn-census": setup.censusClientId });
  expect(auth0.outputs.audience.value).toBe(GUIDE.identifier);
  const system = await startLocalSystem({
    outdir: join(copy.dir, ".local", "terraform", "cdktf.out"),
    appliedState: localStackStates(readProject(copy.dir, {}), new LocalLayout(readProject(copy.dir, {}), undefined), undefined),
    cloudDir: cloudDir(),
    auth0Port: tokenPort,
    functionLog: () => undefined,
  });
  try {
    const call = (path: string, token = riderToken) => fetch(`${system.api.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    // Past the authorizer: the adopted route's stub handler answers.
    expect((await call("/unicorn?name=Gaia")).status).toBe(501);
    expect((await call("/unicorns")).status).toBe(403);
    expect((await fetch(`${system.api.url}/unicorn`)).status).toBe(401);
  } finally {
    await system.close();
  }
}, 120_000);

it("diffs clean after the first deploy", () => {
  for (const stack of ["auth0", "aws"]) {
    const diff = run("local", ["diff", stack]);
    expect([stack, diff.status]).toEqual([stack, 0]);
    expect(diff.out).toContain("No changes.");
    expect(diff.out).toContain("Drift: none");
  }
}, 240_000);

it("shows an authorizer detached through the SDK as drift, security-relevant first, in the diff and in the review", async () => {
  const gw = new ApiGatewayV2Client({
    endpoint: variables.AWS_ENDPOINT_URL,
    region: variables.AWS_REGION,
    credentials: { accessKeyId: variables.AWS_ACCESS_KEY_ID, secretAccessKey: variables.AWS_SECRET_ACCESS_KEY },
  });
  await gw.send(new UpdateRouteCommand({ ApiId: setup.apiId, RouteId: setup.routes["GET /unicorn"], AuthorizationType: "NONE" }));
  const diff = run("local", ["diff", "aws"]);
  // A local run names a resource by its address alone (LOCAL_RUN_SYNTH), which spells the construct's path.
  expect(diff.out).toMatch(/aws_apigatewayv2_route\.http-api_route-GET_unicorn_route_\w+ will be updated in-place/);
  expect(diff.out).toMatch(/authorization_type\s+= "NONE" -> "JWT"/);
  const drift = diff.stdout.slice(diff.stdout.indexOf("Drift:"));
  expect(drift.split("\n")[1]).toContain("Route `GET /unicorn`: its authorizer was detached outside terraform (authorization `NONE`)");

  for (const [cmd, args] of [
    ["git", ["init", "-q", "-b", "main"]],
    ["git", ["add", "-A"]],
    ["git", ["-c", "user.email=t@example.test", "-c", "user.name=t", "commit", "-qm", "adopted"]],
  ] as const) {
    expect(spawnSync(cmd, args, { cwd: copy.dir }).status).toBe(0);
  }
  writeFileSync(join(copy.dir, ".gitignore"), "node_modules\n.local/\n");
  const review = run("review", ["--base", "main", "--no-plan", "--out", "review.md"]);
  expect([review.status, review.status === 0 ? "" : review.out]).toEqual([0, ""]);
  const markdown = readFileSync(join(copy.dir, "review.md"), "utf8");
  const first = markdown.slice(markdown.indexOf("### Look at these first"), markdown.indexOf("### Drift in the local cloud"));
  expect(first.split("\n").find((l) => l.startsWith("- "))).toContain(
    "Drift in the local cloud: **Route `GET /unicorn`: its authorizer was detached outside terraform**",
  );
  expect(markdown).toMatch(/\| changed \| `aws_apigatewayv2_route\.[\w-]+` \(GET \/unicorn\) \| `authorization_type` \| `"JWT"` → `"NONE"` \|/);
  expect(existsSync(join(copy.dir, "review.md"))).toBe(true);
}, 300_000);

it("shows the adopted Action edited and deployed in the dashboard as drift, flagged, with its code's diff", async () => {
  const edited = ROLES_ACTION.replace("};", '  api.accessToken.setCustomClaim("https://unicorns.example.com/admin", true);\n};');
  const steps = [
    { call: "actions.update", args: [setup.actionId, { code: edited }] },
    { call: "actions.deploy", args: [setup.actionId] },
  ];
  const child = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(
      process.execPath,
      ["--import", "tsx", join(__dirname, "..", "helpers", "auth0-sdk-client.ts"), JSON.stringify(steps)],
      { cwd: copy.dir, env: { ...env(), ...variables }, timeout: 120_000 },
      (err, stdout, stderr) => resolve({ code: err ? 1 : 0, stdout, stderr }),
    ),
  );
  expect([child.code, child.code === 0 ? "" : child.stderr]).toEqual([0, ""]);
  const diff = run("local", ["diff", "auth0"]);
  expect(diff.out).toMatch(/auth0_action\.action-unicorn-roles_action_\w+ will be updated in-place/);
  const drift = diff.stdout.slice(diff.stdout.indexOf("Drift:"));
  expect(drift).toContain("The Action `unicorn-roles`'s code was edited outside terraform and deployed: logins run the edit now");
  expect(drift).toContain('+  api.accessToken.setCustomClaim("https://unicorns.example.com/admin", true);');
}, 240_000);
