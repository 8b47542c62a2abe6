// The user's commands as the README gives them: `npm run local -- deploy auth0 aws`, then a
// diff that shows no changes, the outputs, and destroy. Run on the project as it is (whatever
// its model), in a local folder of the test's own, and the real state files never appear.
// HOME is a folder of the test's own: nothing of terraform or the cdktf CLI may land there
// (a plugin cache in ~/.terraform.d would be shared with every other checkout).
import { stripVTControlCharacters } from "node:util";
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import accessModel from "../../../../access-model";
import { resolveAccessModel } from "@apigw-auth0-rbac/model";
import { unicornModel, UNICORN_LAMBDA_SRC } from "../fixtures/unicorn-model";
import { projectCopy } from "../helpers/project-copy";

const ROOT = join(__dirname, "..", "..");
const LOCAL = ".local/terraform-test";
const strip = stripVTControlCharacters;
const HOME = mkdtempSync(join(tmpdir(), "local-home-"));

function local(deployEnv: string | undefined, ...args: string[]) {
  const { DEPLOY_ENV: _unset, ...inherited } = process.env;
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/local.ts", ...args], {
    cwd: ROOT,
    env: { ...inherited, HOME, LOCAL_TERRAFORM_DIR: LOCAL, CI: "1", FORCE_COLOR: "0", ...(deployEnv ? { DEPLOY_ENV: deployEnv } : {}) },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: result.status, out: strip(`${result.stdout}\n${result.stderr}`) };
}

const realState = ["terraform.auth0.tfstate", "terraform.aws.tfstate"].map((f) => join(ROOT, f));
const existedBefore = realState.map(existsSync);

beforeAll(() => rmSync(join(ROOT, LOCAL), { recursive: true, force: true }));
afterAll(() => {
  rmSync(join(ROOT, LOCAL), { recursive: true, force: true });
  rmSync(HOME, { recursive: true, force: true });
});

// Every environment the project declares (or the one it has), deployed side by side.
const environments: (string | undefined)[] = Object.keys(accessModel.environments ?? {});
if (environments.length === 0) environments.push(undefined);
const stateFile = (environment: string | undefined, stack: string) =>
  join(ROOT, LOCAL, "state", ...(environment ? [environment] : []), `terraform.${stack}.tfstate`);

// Your model, as the README's commands deploy it: the one test here that reads access-model.ts.
it(`deploys your model (${environments.map((e) => e ?? "the project").join(" and ")}) side by side, diffs clean, destroys, and never touches the real state`, () => {
  for (const environment of environments) {
    const deploy = local(environment, "deploy", "auth0", "aws", "--auto-approve");
    expect(deploy.out).toContain("the real terraform.*.tfstate and S3 state are never touched");
    // A failure here is terraform's or a stand-in's word on your model: fix access-model.ts as the output says.
    expect([environment, deploy.status, deploy.status === 0 ? "" : deploy.out]).toEqual([environment, 0, ""]);
    if (environment) expect(deploy.out).toContain(`environment: ${environment}`);
    expect(deploy.out).toMatch(/Apply complete! Resources: \d+ added, 0 changed, 0 destroyed/);
    // On the environment's own domain when it has one (its zone is the local account's: npm run local says so), else execute-api.
    const domain = resolveAccessModel(accessModel, { env: environment ? { DEPLOY_ENV: environment } : {} }).model.domain;
    if (domain) {
      expect(deploy.out).toContain(`hosted zones of the local account: ${domain.hostedZone}`);
      expect(deploy.out).toMatch(new RegExp(`api_endpoint = https://${domain.name.replace(/\./g, "\\.")}\\s`));
    } else expect(deploy.out).toMatch(/api_endpoint = https:\/\/\w+\.execute-api\.us-east-1\.amazonaws\.com/);
    expect(deploy.out).toMatch(/issuer = https:\/\/[^ ]+\//);

    const diff = local(environment, "diff", "aws");
    expect(diff.status).toBe(0);
    expect(diff.out).toContain("No changes. Your infrastructure matches the configuration.");
  }

  // Each environment's state holds its own API, named after it.
  const apiNames = environments.map((environment) => {
    const state = JSON.parse(readFileSync(stateFile(environment, "aws"), "utf8"));
    return state.resources.find((r: any) => r.type === "aws_apigatewayv2_api").instances[0].attributes.name;
  });
  expect(new Set(apiNames).size).toBe(environments.length);

  for (const environment of environments) {
    const destroy = local(environment, "destroy", "aws", "auth0", "--auto-approve");
    expect(destroy.status).toBe(0);
    for (const stack of ["auth0", "aws"]) expect(JSON.parse(readFileSync(stateFile(environment, stack), "utf8")).resources).toEqual([]);
  }
  expect(realState.map(existsSync)).toEqual(existedBefore);
  expect(readdirSync(HOME, { recursive: true })).toEqual([]);
});

it.each([".local/..", ".local/../elsewhere", "elsewhere", ".local/a/b", ".local/linked-out"])(
  "refuses LOCAL_TERRAFORM_DIR=%s, before anything runs",
  (dir) => {
    const link = join(ROOT, ".local", "linked-out");
    rmSync(link, { force: true });
    symlinkSync(tmpdir(), link);
    try {
      const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/local.ts", "deploy", "auth0"], {
        cwd: ROOT,
        env: { ...process.env, HOME, LOCAL_TERRAFORM_DIR: dir },
        encoding: "utf8",
      });
      expect([result.status, result.stderr]).toEqual([1, expect.stringContaining(`LOCAL_TERRAFORM_DIR=${dir} `)]);
      expect(result.stderr).toContain("give a folder directly inside .local/");
    } finally {
      rmSync(link, { force: true });
    }
  },
);

it("writes no spinner frames when its output goes to a file or a CI log", () => {
  const { CI: _unset, DEPLOY_ENV: _env, ...inherited } = process.env;
  // A copy with the seed's fixture: this is about the command, not about your model.
  const copy = projectCopy({ model: unicornModel, lambdaSrc: UNICORN_LAMBDA_SRC, prefix: "local-spinner-" });
  const result = spawnSync(process.execPath, ["--import", "tsx", join(copy.dir, "scripts", "local.ts"), "synth"], {
    cwd: copy.dir,
    env: { ...inherited, HOME, AUTH0_DOMAIN: "unicorn-test.eu.auth0.com" },
    encoding: "utf8",
    timeout: 120_000,
  });
  copy.dispose();
  expect([result.status, result.status === 0 ? "" : result.stderr]).toEqual([0, ""]);
  expect(`${result.stdout}${result.stderr}`).not.toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/);
  expect(`${result.stdout}${result.stderr}`).toContain("Generated Terraform code for the stacks: auth0, aws");
});

it("refuses an --output of the user's, before anything runs", () => {
  const result = local(undefined, "deploy", "auth0", "--output", "elsewhere");
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

it("refuses a local cloud it cannot read (corrupt, or of another version), naming it, before terraform runs", () => {
  const copy = projectCopy({ model: unicornModel, lambdaSrc: UNICORN_LAMBDA_SRC, prefix: "local-corrupt-cloud-" });
  try {
    const cloud = join(copy.dir, ".local", "terraform", "cloud");
    require("node:fs").mkdirSync(cloud, { recursive: true });
    writeFileSync(join(cloud, "cloud.json"), '{"format":"apigw-auth0-rbac local cloud","version":0,"services":{}}');
    const { CI: _ci, DEPLOY_ENV: _env, ...inherited } = process.env;
    const result = spawnSync(process.execPath, ["--import", "tsx", join(copy.dir, "scripts", "local.ts"), "deploy", "auth0", "--auto-approve"], {
      cwd: copy.dir,
      env: { ...inherited, HOME },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`the local cloud store ${join(cloud, "cloud.json")} is version 0; this checkout reads version 1 only`);
    expect(result.stderr).toContain("nothing was changed");
    expect(existsSync(join(copy.dir, ".local", "terraform", "state", "terraform.auth0.tfstate"))).toBe(false);
  } finally {
    copy.dispose();
  }
});
