// The readers of state read it where the stacks' backend keeps it (terraform-state/stack-state.ts:
// `terraform state pull` in each stack's working folder), not from a file name only the local
// backend has: the drift after `npm run local -- diff`, `npm start -- --applied` (applied and as
// the local cloud holds it now) and the review's drift, on a real local deploy of a fixture
// project. First as `npm run local` leaves it (terraform is seen pulling the state, through the
// run's state server, served again for the pull), then after
// terraform itself moved each stack's state to another place (init -migrate-state, as a move to
// S3 moves it), where no reader could find it by its old file name.
import { stripVTControlCharacters } from "node:util";
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AwsCloud, fileStore } from "@apigw-auth0-rbac/local-providers/cloud";
import { readProject } from "@apigw-auth0-rbac/model/project";
import { startLocalSystem } from "../../src/emulator/local-system";
import { LocalLayout } from "../../src/local-terraform/layout";
import { localStackStates } from "../../src/local-terraform/stack-states";
import { driftText, localDrift } from "../../src/review/drift";
import { pullStackState } from "../../src/terraform-state/stack-state";
import { UNICORN_LAMBDA_SRC, unicornModel } from "../fixtures/unicorn-model";
import { projectCopy } from "../helpers/project-copy";

const copy = projectCopy({ model: unicornModel, lambdaSrc: UNICORN_LAMBDA_SRC, prefix: "state-readers-" });
const HOME = mkdtempSync(join(tmpdir(), "state-readers-home-"));
// terraform as every command finds it on the PATH, each call written to a log first.
const SPY = mkdtempSync(join(tmpdir(), "terraform-spy-"));
const CALLS = join(SPY, "calls.log");
const TERRAFORM = spawnSync("sh", ["-c", "command -v terraform"], { encoding: "utf8" }).stdout.trim();

const env = () => {
  const { DEPLOY_ENV: _e, LOCAL_TERRAFORM_DIR: _l, ...inherited } = process.env;
  return { ...inherited, HOME, CI: "1", FORCE_COLOR: "0", PATH: `${SPY}:${process.env.PATH}`, TERRAFORM_CALLS: CALLS };
};

function run(script: string, args: string[]) {
  const result = spawnSync(process.execPath, [join(copy.dir, "node_modules", ".bin", "apigw-offline"), script, ...args], {
    cwd: copy.dir,
    env: env(),
    encoding: "utf8",
    timeout: 240_000,
  });
  return { status: result.status, out: stripVTControlCharacters(`${result.stdout}\n${result.stderr}`), stdout: result.stdout };
}

const layout = () => new LocalLayout(readProject(copy.dir, {}), undefined);
const states = () => localStackStates(readProject(copy.dir, {}), layout(), undefined, env());
const stackDir = (stack: string) => join(layout().outdir(), "stacks", stack);

beforeAll(() => {
  writeFileSync(join(SPY, "terraform"), `#!/bin/sh\necho "$PWD $*" >> "$TERRAFORM_CALLS"\nexec ${JSON.stringify(TERRAFORM)} "$@"\n`);
  chmodSync(join(SPY, "terraform"), 0o755);
  const deploy = run("local", ["deploy", "auth0", "aws", "--auto-approve"]);
  expect([deploy.status, deploy.status === 0 ? "" : deploy.out]).toEqual([0, ""]);
}, 240_000);
afterAll(() => {
  copy.dispose();
  rmSync(HOME, { recursive: true, force: true });
  rmSync(SPY, { recursive: true, force: true });
});

it("npm run local -- diff compares the state terraform pulls from the stacks' backend", () => {
  rmSync(CALLS, { force: true });
  const diff = run("local", ["diff", "aws"]);
  expect(diff.status).toBe(0);
  expect(diff.stdout).toMatch(/Drift: none — the local cloud holds what terraform applied \(\d+ objects compared\)\.\n$/);
  expect(readFileSync(CALLS, "utf8").split("\n")).toContain(`${stackDir("aws")} state pull`);
}, 240_000);

describe("after terraform moved each stack's state to another place", () => {
  const moved = (stack: string) => join(copy.dir, ".local", "moved", `${stack}.json`);
  const oldFile = (stack: string) => join(layout().stateDir(), `terraform.${stack}.tfstate`);

  beforeAll(() => {
    mkdirSync(join(copy.dir, ".local", "moved"));
    for (const stack of ["auth0", "aws"]) {
      const config = join(stackDir(stack), "cdk.tf.json");
      const json = JSON.parse(readFileSync(config, "utf8"));
      json.terraform.backend = { local: { path: moved(stack) } };
      writeFileSync(config, JSON.stringify(json, null, 2));
      // terraform reads the state it moves from the backend the run left: npm run local's state server.
      const served = states().serve!();
      const init = spawnSync(TERRAFORM, ["init", "-migrate-state", "-force-copy", "-input=false", "-no-color"], {
        cwd: stackDir(stack),
        env: states().env,
        encoding: "utf8",
        timeout: 120_000,
      });
      served.close();
      expect([stack, init.status, init.status === 0 ? "" : `${init.stdout}${init.stderr}`]).toEqual([stack, 0, ""]);
      rmSync(oldFile(stack));
    }
    expect(["auth0", "aws"].filter((stack) => existsSync(oldFile(stack)))).toEqual([]);
  }, 240_000);

  it("compares every object the moved state holds, and finds a route opened behind terraform's back", () => {
    const cloudDir = layout().cloudDir();
    const before = localDrift(states(), cloudDir);
    expect([before.items, before.notCompared]).toEqual([[], []]);
    expect(before.compared).toBeGreaterThan(10);

    const route = pullStackState(states(), "aws")
      .resources.filter((r) => r.type === "aws_apigatewayv2_route")
      .flatMap((r) => r.instances.map((i) => i.attributes))
      .find((a) => a.route_key === "GET /unicorn")!;
    new AwsCloud("us-east-1", {}, fileStore(cloudDir)).apigatewayv2.updateChild(route.api_id, "routes", route.id, {
      AuthorizationType: "NONE",
      AuthorizerId: null,
    });
    const text = driftText(localDrift(states(), cloudDir));
    expect(text.split("\n")[1]).toContain("Route `GET /unicorn`: its authorizer was detached outside terraform (authorization `NONE`)");
  });

  it("serves what was applied with npm start -- --applied, and the route as the local cloud holds it now", async () => {
    const serve = (cloudDir?: string) =>
      startLocalSystem({ outdir: layout().outdir(), appliedState: states(), cloudDir, functionLog: () => undefined });
    for (const [cloudDir, status] of [
      [undefined, 401],
      [layout().cloudDir(), 200],
    ] as const) {
      const system = await serve(cloudDir);
      try {
        expect(system.routes.map((r) => r.routeKey).sort()).toEqual(["GET /unicorn", "GET /unicorns"]);
        // Applied: the JWT authorizer refuses a call without a token; now: the route someone opened answers it.
        expect([cloudDir, (await fetch(`${system.api.url}/unicorn?name=Gaia`)).status]).toEqual([cloudDir, status]);
        expect((await fetch(`${system.api.url}/unicorns`)).status).toBe(401);
      } finally {
        await system.close();
      }
    }
  }, 120_000);

  it("puts the opened route first in the review, read from the moved state", () => {
    writeFileSync(join(copy.dir, ".gitignore"), "node_modules\n.local/\n");
    for (const args of [
      ["init", "-q", "-b", "main"],
      ["add", "-A"],
      ["-c", "user.email=t@example.test", "-c", "user.name=t", "commit", "-qm", "deployed"],
    ]) {
      expect(spawnSync("git", args, { cwd: copy.dir }).status).toBe(0);
    }
    const review = run("review", ["--base", "main", "--no-plan", "--out", "review.md"]);
    expect([review.status, review.status === 0 ? "" : review.out]).toEqual([0, ""]);
    const markdown = readFileSync(join(copy.dir, "review.md"), "utf8");
    const first = markdown.slice(markdown.indexOf("### Look at these first"), markdown.indexOf("### Drift in the local cloud"));
    expect(first).toContain("Drift in the local cloud: **Route `GET /unicorn`: its authorizer was detached outside terraform**");
  }, 240_000);
});
