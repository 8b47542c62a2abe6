// `npm run local -- deploy auth0 aws` as a project runs it, then a diff that shows no changes,
// the outputs, and destroy: on a fixture project (the domain fixture's environments), in a local
// folder of the test's own, and the real state files never appear. HOME is a folder of the
// test's own: nothing of terraform or the cdktf CLI may land there (a plugin cache in
// ~/.terraform.d would be shared with every other project).
import { stripVTControlCharacters } from "node:util";
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { resolveAccessModel } from "@apigw-auth0-rbac/model";
import { LOCAL_STATE_SERVER } from "@apigw-auth0-rbac/model/project";
import { startStateServer } from "../../src/local-terraform/state-server";
import { domainModel } from "../fixtures/domain-model";
import { unicornModel, UNICORN_LAMBDA_SRC } from "../fixtures/unicorn-model";
import { projectCopy } from "../helpers/project-copy";

const BIN = join(__dirname, "..", "..", "bin", "apigw-offline.js");
const project = projectCopy({ model: domainModel, lambdaSrc: UNICORN_LAMBDA_SRC, prefix: "local-command-" });
const ROOT = project.dir;
const LOCAL = ".local/terraform-test";
const strip = stripVTControlCharacters;
const HOME = mkdtempSync(join(tmpdir(), "local-home-"));

function local(deployEnv: string | undefined, ...args: string[]) {
  const { DEPLOY_ENV: _unset, ...inherited } = process.env;
  const result = spawnSync(process.execPath, [BIN, "local", ...args], {
    cwd: ROOT,
    // The fixture declares test users: their password is the sensitive variable's.
    env: {
      ...inherited,
      HOME,
      LOCAL_TERRAFORM_DIR: LOCAL,
      CI: "1",
      FORCE_COLOR: "0",
      TF_VAR_test_user_password: "fixture-users-password",
      ...(deployEnv ? { DEPLOY_ENV: deployEnv } : {}),
    },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: result.status, out: strip(`${result.stdout}\n${result.stderr}`) };
}

const realState = ["terraform.auth0.tfstate", "terraform.aws.tfstate"].map((f) => join(ROOT, f));
const existedBefore = realState.map(existsSync);

beforeAll(() => rmSync(join(ROOT, LOCAL), { recursive: true, force: true }));
afterAll(() => {
  project.dispose();
  rmSync(HOME, { recursive: true, force: true });
});

// Every environment the project declares, deployed side by side.
const environments: (string | undefined)[] = Object.keys((domainModel as { environments: object }).environments);
const stateFile = (environment: string | undefined, stack: string) =>
  join(ROOT, LOCAL, "state", ...(environment ? [environment] : []), `terraform.${stack}.tfstate`);

it(`deploys a project's environments (${environments.join(", ")}) side by side, diffs clean, destroys, and never touches the real state`, () => {
  for (const environment of environments) {
    const deploy = local(environment, "deploy", "auth0", "aws", "--auto-approve");
    expect(deploy.out).toContain("the real terraform.*.tfstate and S3 state are never touched");
    expect([environment, deploy.status, deploy.status === 0 ? "" : deploy.out]).toEqual([environment, 0, ""]);
    if (environment) expect(deploy.out).toContain(`environment: ${environment}`);
    expect(deploy.out).toMatch(/Apply complete! Resources: \d+ added, 0 changed, 0 destroyed/);
    // On the environment's own domain when it has one (its zone is the local account's: npm run local says so), else execute-api.
    const domain = resolveAccessModel(domainModel, { env: environment ? { DEPLOY_ENV: environment } : {} }).model.domain;
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
    require("node:fs").mkdirSync(join(ROOT, ".local"), { recursive: true });
    const link = join(ROOT, ".local", "linked-out");
    rmSync(link, { force: true });
    symlinkSync(tmpdir(), link);
    try {
      const result = spawnSync(process.execPath, [BIN, "local", "deploy", "auth0"], {
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

it("stops a deploy whose state another run holds locked, naming that lock, and applies nothing", async () => {
  const copy = projectCopy({ model: unicornModel, lambdaSrc: UNICORN_LAMBDA_SRC, prefix: "local-locked-" });
  const layoutDir = join(copy.dir, ".local", "terraform");
  // Another run of the project, in this process: its state server holds the auth0 state's lock.
  const other = startStateServer(layoutDir, join(layoutDir, "state")).ready();
  try {
    const { variables } = other;
    const locked = await fetch(`${variables[LOCAL_STATE_SERVER]}/terraform.auth0.tfstate`, {
      method: "LOCK",
      headers: { authorization: `Basic ${Buffer.from(`terraform:${variables.TF_HTTP_PASSWORD}`).toString("base64")}` },
      body: JSON.stringify({ ID: "a-teammates-lock", Operation: "OperationTypeApply", Who: "teammate@their-laptop" }),
      signal: AbortSignal.timeout(10_000),
    });
    expect(locked.status).toBe(200);
    const { CI: _ci, DEPLOY_ENV: _env, ...inherited } = process.env;
    const result = spawnSync(process.execPath, [BIN, "local", "deploy", "auth0", "--auto-approve"], {
      cwd: copy.dir,
      env: { ...inherited, HOME, CI: "1", AUTH0_DOMAIN: "unicorn-test.eu.auth0.com" },
      encoding: "utf8",
      timeout: 120_000,
    });
    const out = strip(`${result.stdout}${result.stderr}`);
    expect([result.status, out]).toEqual([1, expect.stringContaining("Error acquiring the state lock")]);
    // terraform names the lock that is held by its ID (its http backend, client.go Lock).
    expect(out).toContain("HTTP remote state already locked: ID=a-teammates-lock");
    expect(existsSync(join(layoutDir, "state", "terraform.auth0.tfstate"))).toBe(false);
  } finally {
    other.close();
    copy.dispose();
  }
}, 150_000);

it("writes no spinner frames and no colour codes when its output goes to a file or a CI log", () => {
  const { CI: _unset, DEPLOY_ENV: _env, FORCE_COLOR: _color, NO_COLOR: _no, ...inherited } = process.env;
  // A project with the seed's fixture: this is about the command, not about a model.
  const copy = projectCopy({ model: unicornModel, lambdaSrc: UNICORN_LAMBDA_SRC, prefix: "local-plain-" });
  const result = spawnSync(process.execPath, [BIN, "local", "deploy", "auth0", "--auto-approve"], {
    cwd: copy.dir,
    env: { ...inherited, HOME, AUTH0_DOMAIN: "unicorn-test.eu.auth0.com" },
    encoding: "utf8",
    timeout: 120_000,
  });
  copy.dispose();
  const out = `${result.stdout}${result.stderr}`;
  expect([result.status, result.status === 0 ? "" : out]).toEqual([0, ""]);
  expect(out).toContain("Apply complete!");
  expect(out).not.toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: an escape sequence is what must not be there
  expect(out).not.toMatch(/\u001b\[/);
});

it("says, before anything runs, that deploying aws alone on a fresh folder needs the auth0 stack's state first", () => {
  const result = spawnSync(process.execPath, [BIN, "local", "deploy", "aws", "--ignore-missing-stack-dependencies", "--auto-approve"], {
    cwd: ROOT,
    env: { ...process.env, HOME, LOCAL_TERRAFORM_DIR: ".local/terraform-fresh", DEPLOY_ENV: "dev" },
    encoding: "utf8",
  });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain(
    "the aws stack reads the auth0 stack's outputs (issuer, audience) from its state, and .local/terraform-fresh/state/dev/terraform.auth0.tfstate does not exist yet: deploy auth0 first, or both in order: npm run local -- deploy auth0 aws --auto-approve",
  );
  expect(existsSync(join(ROOT, ".local", "terraform-fresh", "state"))).toBe(false);
});

it("says which stack an interrupted deploy cut off, and running it again resumes", async () => {
  const copy = projectCopy({ model: unicornModel, lambdaSrc: UNICORN_LAMBDA_SRC, prefix: "local-interrupted-" });
  try {
    const { CI: _ci, DEPLOY_ENV: _env, ...inherited } = process.env;
    const env = { ...inherited, HOME, AUTH0_DOMAIN: "unicorn-test.eu.auth0.com" };
    // Its own process group, as a terminal's foreground job: Ctrl-C reaches the command and the CLI.
    const child = spawn(process.execPath, [BIN, "local", "deploy", "auth0", "aws", "--auto-approve"], { cwd: copy.dir, env, detached: true });
    let out = "";
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.stderr.on("data", (c) => (out += c));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`auth0 never applied:\n${out}`)), 100_000);
      child.stdout.on("data", (c) => {
        out += c;
        // The stacks apply in order: the first "Apply complete!" is auth0's (the CLI prefixes a
        // stack's name to each chunk of its output, not to each line).
        if (/Apply complete!/.test(out)) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    process.kill(-child.pid!, "SIGINT");
    expect(await exited).toBe(130);
    expect(strip(out)).toContain("npm run local: interrupted; the aws stack was cut off.");
    expect(strip(out)).toContain("changed before the stop: auth0");
    expect(strip(out)).toContain("run the same command again to resume: npm run local -- deploy auth0 aws --auto-approve");
    const again = spawnSync(process.execPath, [BIN, "local", "deploy", "auth0", "aws", "--auto-approve"], {
      cwd: copy.dir,
      env,
      encoding: "utf8",
      timeout: 120_000,
    });
    expect([again.status, again.status === 0 ? "" : again.stderr]).toEqual([0, ""]);
    // auth0 has nothing left to do; aws, cut off before its apply, adds its resources now.
    expect(strip(again.stdout)).toMatch(/Apply complete! Resources: [1-9]\d* added, 0 changed, 0 destroyed/);
  } finally {
    copy.dispose();
  }
}, 300_000);

it("refuses an --output of the user's, before anything runs", () => {
  const result = local(undefined, "deploy", "auth0", "--output", "elsewhere");
  expect(result.status).toBe(1);
  expect(result.out).toContain("--output is set by npm run local");
});

it("says what to install when terraform is missing, and changes nothing", () => {
  const result = spawnSync(process.execPath, [BIN, "local", "deploy", "auth0"], {
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
  const result = spawnSync(process.execPath, [BIN, "local", "deploy", "auth0"], {
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
    const result = spawnSync(process.execPath, [BIN, "local", "deploy", "auth0", "--auto-approve"], {
      cwd: copy.dir,
      env: { ...inherited, HOME },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`the local cloud store ${join(cloud, "cloud.json")} is version 0; this checkout reads versions 1 and 2 only`);
    expect(result.stderr).toContain("nothing was changed");
    expect(existsSync(join(copy.dir, ".local", "terraform", "state", "terraform.auth0.tfstate"))).toBe(false);
  } finally {
    copy.dispose();
  }
});
