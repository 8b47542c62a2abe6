// The user's commands as the README gives them: `npm run local -- deploy auth0 aws`, then a
// diff that shows no changes, the outputs, and destroy. Run on the project as it is (whatever
// its model), in a local folder of the test's own, and the real state files never appear.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");
const LOCAL = ".local/terraform-test";
const strip = (text: string) => text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "");

function local(...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/local.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, LOCAL_TERRAFORM_DIR: LOCAL, CI: "1", FORCE_COLOR: "0" },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: result.status, out: strip(`${result.stdout}\n${result.stderr}`) };
}

const realState = ["terraform.auth0.tfstate", "terraform.aws.tfstate"].map((f) => join(ROOT, f));
const existedBefore = realState.map(existsSync);

beforeAll(() => rmSync(join(ROOT, LOCAL), { recursive: true, force: true }));
afterAll(() => rmSync(join(ROOT, LOCAL), { recursive: true, force: true }));

it("deploys both stacks, diffs clean, prints outputs, destroys, and never touches the real state", () => {
  const deploy = local("deploy", "auth0", "aws", "--auto-approve");
  expect(deploy.out).toContain("the real terraform.*.tfstate and S3 state are never touched");
  expect(deploy.status).toBe(0);
  expect(deploy.out).toMatch(/Apply complete! Resources: \d+ added, 0 changed, 0 destroyed/);
  expect(deploy.out).toMatch(/api_endpoint = https:\/\/\w+\.execute-api\.us-east-1\.amazonaws\.com/);
  expect(deploy.out).toMatch(/issuer = https:\/\/[^ ]+\//);

  const diff = local("diff", "aws");
  expect(diff.status).toBe(0);
  expect(diff.out).toContain("No changes. Your infrastructure matches the configuration.");

  const state = JSON.parse(readFileSync(join(ROOT, LOCAL, "state", "terraform.aws.tfstate"), "utf8"));
  expect(state.resources.length).toBeGreaterThan(0);

  const destroy = local("destroy", "aws", "auth0", "--auto-approve");
  expect(destroy.status).toBe(0);
  for (const stack of ["auth0", "aws"]) {
    expect(JSON.parse(readFileSync(join(ROOT, LOCAL, "state", `terraform.${stack}.tfstate`), "utf8")).resources).toEqual([]);
  }
  expect(realState.map(existsSync)).toEqual(existedBefore);
});

it("refuses an --output of the user's, before anything runs", () => {
  const result = local("deploy", "auth0", "--output", "elsewhere");
  expect(result.status).toBe(1);
  expect(result.out).toContain("--output is set by npm run local");
});

it("says what to install when terraform is missing, and changes nothing", () => {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/local.ts", "deploy", "auth0"], {
    cwd: ROOT,
    env: { ...process.env, PATH: "/nonexistent", LOCAL_TERRAFORM_DIR: ".local/terraform-missing" },
    encoding: "utf8",
  });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain("terraform was not found on the PATH. Install terraform 1.10 or newer");
  expect(existsSync(join(ROOT, ".local", "terraform-missing"))).toBe(false);
});

it("refuses a terraform older than 1.10, naming what to install", () => {
  const bin = mkdtempSync(join(tmpdir(), "old-terraform-"));
  writeFileSync(join(bin, "terraform"), '#!/bin/sh\necho \'{"terraform_version":"1.9.8","platform":"linux_amd64"}\'\n');
  chmodSync(join(bin, "terraform"), 0o755);
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/local.ts", "deploy", "auth0"], {
    cwd: ROOT,
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, LOCAL_TERRAFORM_DIR: ".local/terraform-old" },
    encoding: "utf8",
  });
  rmSync(bin, { recursive: true, force: true });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain("terraform 1.9.8 is too old: install terraform 1.10 or newer; nothing was changed.");
  expect(existsSync(join(ROOT, ".local", "terraform-old"))).toBe(false);
});
