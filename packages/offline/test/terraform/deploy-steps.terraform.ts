// docs/STACKS.md's "Deploying for real", step 5 to 7, followed as written for a production
// environment, through `npm run local` instead of the accounts: diff auth0, deploy auth0, diff aws,
// deploy auth0 aws, both diffs clean, the outputs the docs list, destroy aws auth0. On a fixture project
// (the environments fixture's prod), in a local folder of the test's own. What the docs' first
// steps need (the S3 state bucket and its lock) is not here: npm run local keeps local state.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { AUTH0_OUTPUTS, AWS_OUTPUTS } from "@apigw-auth0-rbac/model";
import { environmentsModel, PROD_DOMAIN } from "../fixtures/environments-model";
import { UNICORN_LAMBDA_SRC } from "../fixtures/unicorn-model";
import { projectCopy } from "../helpers/project-copy";

const BIN = join(__dirname, "..", "..", "bin", "apigw-offline.js");
const project = projectCopy({ model: environmentsModel, lambdaSrc: UNICORN_LAMBDA_SRC, prefix: "deploy-steps-" });
const LOCAL = ".local/terraform-deploy-steps";
const HOME = mkdtempSync(join(tmpdir(), "deploy-steps-home-"));
const OUTPUTS = join(mkdtempSync(join(tmpdir(), "deploy-steps-outputs-")), "outputs.json");

/** `npm run local -- <args>` for the docs' environment, prod. */
function local(...args: string[]) {
  const { DEPLOY_ENV: _unset, AUTH0_DOMAIN: _domain, ...inherited } = process.env;
  const result = spawnSync(process.execPath, [BIN, "local", ...args], {
    cwd: project.dir,
    env: { ...inherited, HOME, LOCAL_TERRAFORM_DIR: LOCAL, CI: "1", FORCE_COLOR: "0", DEPLOY_ENV: "prod" },
    encoding: "utf8",
    timeout: 180_000,
  });
  return { status: result.status, out: stripVTControlCharacters(`${result.stdout}\n${result.stderr}`) };
}
const ok = (run: ReturnType<typeof local>) => [run.status, run.status === 0 ? "" : run.out.slice(-3000)];
const stateOf = (stack: string) => JSON.parse(readFileSync(join(project.dir, LOCAL, "state", "prod", `terraform.${stack}.tfstate`), "utf8"));

afterAll(() => {
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
  expect(Object.keys(outputs.auth0).sort()).toEqual(Object.values(AUTH0_OUTPUTS).sort());
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
