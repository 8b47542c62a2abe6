// The repository's own project, as its README deploys it: `npm run local -- deploy auth0 aws`
// for every environment its model declares, side by side, a diff with no changes, destroy; in a
// local folder of the test's own, and the real state files never appear.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";

const REPOSITORY = join(__dirname, "..", "..", "..", "..");
const LOCAL = ".local/terraform-seed";
const HOME = mkdtempSync(join(tmpdir(), "seed-home-"));
const model = require(join(REPOSITORY, "access-model")).default as { environments?: Record<string, unknown> };
const environments: (string | undefined)[] = Object.keys(model.environments ?? {});
if (environments.length === 0) environments.push(undefined);

function local(environment: string | undefined, ...args: string[]) {
  const { DEPLOY_ENV: _unset, ...inherited } = process.env;
  const result = spawnSync("npm", ["run", "-s", "local", "--", ...args], {
    cwd: REPOSITORY,
    env: { ...inherited, HOME, LOCAL_TERRAFORM_DIR: LOCAL, CI: "1", FORCE_COLOR: "0", ...(environment ? { DEPLOY_ENV: environment } : {}) },
    encoding: "utf8",
    timeout: 180_000,
  });
  return { status: result.status, out: stripVTControlCharacters(`${result.stdout}\n${result.stderr}`) };
}

const realState = ["terraform.auth0.tfstate", "terraform.aws.tfstate"].map((f) => join(REPOSITORY, f));
const existedBefore = realState.map(existsSync);
beforeAll(() => rmSync(join(REPOSITORY, LOCAL), { recursive: true, force: true }));
afterAll(() => {
  rmSync(join(REPOSITORY, LOCAL), { recursive: true, force: true });
  rmSync(HOME, { recursive: true, force: true });
});

it(`deploys the project's model (${environments.map((e) => e ?? "its one environment").join(", ")}), diffs clean, destroys`, () => {
  for (const environment of environments) {
    const deploy = local(environment, "deploy", "auth0", "aws", "--auto-approve");
    // A failure here is terraform's or a stand-in's word on the model: fix access-model.ts as the output says.
    expect([environment, deploy.status, deploy.status === 0 ? "" : deploy.out.slice(-4000)]).toEqual([environment, 0, ""]);
    expect(deploy.out).toMatch(/Apply complete! Resources: \d+ added, 0 changed, 0 destroyed/);
    const diff = local(environment, "diff", "aws");
    expect([diff.status, diff.out]).toEqual([0, expect.stringContaining("No changes. Your infrastructure matches the configuration.")]);
  }
  for (const environment of environments) expect(local(environment, "destroy", "aws", "auth0", "--auto-approve").status).toBe(0);
  expect(realState.map(existsSync)).toEqual(existedBefore);
  expect(readdirSync(HOME, { recursive: true })).toEqual([]);
}, 600_000);
