// The workflow's review step, run exactly as the workflow runs it (offline: no secrets) in a
// fresh clone of a fixture repository whose commits the test makes: the posted Markdown has
// both stacks' plans of the change with their resource lines, the access change, and the
// consequences flagged first. A base without the project, or whose model is invalid, is said
// plainly and the review still comes; nothing is left in the clone's own state.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { AccessModelInput } from "@apigw-auth0-rbac/model";
import { UNICORN_LAMBDA_SRC, unicornModel } from "../fixtures/unicorn-model";
import { FixtureRepo, git, modelSource, runStep, workflowStep } from "../helpers/fixture-repo";

const STEP = "Review against the base branch";
const seed = () => structuredClone(unicornModel) as any;

function withRoute(): AccessModelInput {
  const model = seed();
  model.permissions.push({ name: "update:unicorn", description: "Update a unicorn" });
  model.routes.push({ method: "PUT", path: "/unicorn", handler: "get-unicorn", scopes: ["update:unicorn"] });
  model.roles.find((r: any) => r.name === "unicorn-trainer").permissions.push("update:unicorn");
  return model;
}

function renamed(): AccessModelInput {
  const model = withRoute() as any;
  model.api.identifier = "https://unicorns.example.com/v2";
  return model;
}

let repo: FixtureRepo;
let clone: string;

beforeAll(async () => {
  repo = new FixtureRepo(UNICORN_LAMBDA_SRC);
  await repo.writeModel(unicornModel);
  repo.commit("the seed's model", "main");
  await repo.writeModel(withRoute());
  repo.commit("PUT /unicorn for trainers", "add-route");
  await repo.writeModel(renamed());
  repo.commit("the API identifier gets a version", "rename-api");
  git(repo.dir, "checkout", "-q", "main");
  // A role granting a permission the model does not declare: the synth refuses it.
  repo.write("access-model.ts", modelSource({ ...seed(), roles: [{ name: "unicorn-rider", permissions: ["fly:unicorn"] }] }));
  repo.commit("a broken model", "broken-model");
  git(repo.dir, "checkout", "-q", "--orphan", "no-project");
  git(repo.dir, "rm", "-q", "-rf", ".");
  repo.write("README.md", "# nothing here yet\n").commit("first commit");
  git(repo.dir, "checkout", "-q", "main");
  clone = repo.clone("add-route");
}, 120_000);
afterAll(() => repo?.dispose());

/** Runs the step for a pull request of `head` into `baseRef`; the Markdown it wrote. */
function review(head: string, baseRef: string): string {
  git(clone, "checkout", "-q", head);
  rmSync(join(clone, "review.md"), { force: true });
  const result = runStep(workflowStep(STEP, baseRef), clone, 180_000);
  expect([result.status, result.status === 0 ? "" : result.stderr]).toEqual([0, ""]);
  return readFileSync(join(clone, "review.md"), "utf8");
}

/** The `#### <stack>` section of the offline plan: its resource rows and its summary line. */
function stackPlan(markdown: string, stack: string) {
  const offline = markdown.slice(markdown.indexOf("### Plan of the change"));
  const start = offline.indexOf(`#### ${stack}\n`);
  if (start < 0) throw new Error(`no plan of the ${stack} stack in:\n${markdown}`);
  const section = offline.slice(start).split(/\n(?=####? )/)[0];
  const rows = [...section.matchAll(/^\| `([^`]+)` \| `([^`.]+)\.[^`]+` \| `([^`]+)`([^|]*) \| (.*) \|$/gm)].map(
    ([, action, type, path, forced, changes]) => [action, type, path, forced.trim(), changes.trim()],
  );
  return { rows, summary: /^(Plan: .*|No changes\.)$/m.exec(section)?.[1], section };
}

const firstSection = (markdown: string) => markdown.slice(markdown.indexOf("### Look at these first"), markdown.indexOf("### Access"));

describe("a pull request adding a route", () => {
  let markdown: string;
  beforeAll(() => {
    markdown = review("add-route", "main");
  }, 180_000);

  it("is one comment, marked for the workflow, of the head against the base", () => {
    expect(markdown.startsWith("<!-- apigw-auth0-rbac review -->\n## Review of `")).toBe(true);
    expect(markdown).toContain(`against \`origin/main\` (\`${git(repo.dir, "rev-parse", "main").slice(0, 12)}\`)`);
    expect(markdown).not.toContain("uncommitted changes");
  });

  it("shows who gains the new route", () => {
    expect(markdown).toContain("Compared with `origin/main`'s ACCESS.md:\n\n- role unicorn-trainer can now call PUT /unicorn (a new route)\n\n");
  });

  it("plans the auth0 stack: the new permission on the API and the trainer's role, nothing else", () => {
    const { rows, summary } = stackPlan(markdown, "auth0");
    expect(rows).toEqual([
      ["~ update", "auth0_resource_server_scopes", "auth0/api/permissions", "", "`scopes: +update:unicorn`"],
      ["~ update", "auth0_role_permissions", "auth0/role-unicorn-trainer/permissions", "", "`permissions: +update:unicorn`"],
    ]);
    expect(summary).toBe("Plan: 0 to add, 2 to change, 0 to destroy.");
  });

  it("plans the aws stack: the new route's resources (a handful, not the whole stack)", () => {
    const { rows, summary } = stackPlan(markdown, "aws");
    expect(rows).toEqual([
      ["~ update", "aws_apigatewayv2_api", "aws/http-api/api", "", "`cors_configuration`"], // CORS allows PUT
      ["+ create", "aws_apigatewayv2_route", "aws/http-api/route-PUT_unicorn/route", "", ""],
      ["+ create", "aws_lambda_permission", "aws/http-api/route-PUT_unicorn/invoke", "", ""],
    ]);
    expect(summary).toBe("Plan: 2 to add, 1 to change, 0 to destroy.");
  });

  it("flags nothing: adding a route breaks no caller", () => {
    expect(firstSection(markdown)).toContain("Nothing that breaks callers");
  });

  it("leaves no scratch folder, and no state of the clone's own or real state", () => {
    expect(readdirSync(join(clone, ".local")).filter((name) => name.startsWith("review-"))).toEqual([]);
    expect(["terraform.auth0.tfstate", "terraform.aws.tfstate"].filter((f) => existsSync(join(clone, f)))).toEqual([]);
    expect(existsSync(join(clone, ".local", "terraform", "state"))).toBe(false);
  });
});

describe("a pull request renaming the API identifier", () => {
  let markdown: string;
  beforeAll(() => {
    markdown = review("rename-api", "add-route");
  }, 180_000);

  it("plans the resource server's replacement, forced by the identifier", () => {
    const { rows } = stackPlan(markdown, "auth0");
    expect(rows).toContainEqual(["-/+ replace", "auth0_resource_server", "auth0/api/resource-server", "(forced by `identifier`)", "`identifier`"]);
  });

  it("flags it first, with its consequence: every issued token refused", () => {
    expect(firstSection(markdown)).toContain(
      "- ⚠️ **The API `https://unicorns.example.com` is replaced** (forced by `identifier`): its identifier becomes `https://unicorns.example.com/v2`, so every access token issued for `https://unicorns.example.com` is refused",
    );
  });

  it("plans the authorizer's new audience in the aws stack, which reads the auth0 plan's outputs", () => {
    const { rows } = stackPlan(markdown, "aws");
    expect(rows).toEqual([["~ update", "aws_apigatewayv2_authorizer", "aws/http-api/authorizer", "", "`jwt_configuration`"]]);
  });
});

describe("a base the review cannot apply", () => {
  it("whose model is invalid: said plainly, with the synth's message, and the head planned against an empty state", () => {
    const markdown = review("add-route", "broken-model");
    expect(markdown).toContain("> The base does not synthesize, so the plan is against an empty state (everything is new):");
    expect(markdown).toContain("roles[0].permissions");
    for (const stack of ["auth0", "aws"]) {
      const { rows } = stackPlan(markdown, stack);
      expect(rows.length).toBeGreaterThan(3);
      expect(rows.every(([action]) => action === "+ create")).toBe(true);
    }
  }, 180_000);

  it("without the project (a first commit): said plainly, and everything is new", () => {
    const markdown = review("add-route", "no-project");
    expect(markdown).toContain("> The base holds no project (it has no cdktf.json): the plan is against an empty state, so everything is new.");
    expect(markdown).toContain("Compared with `origin/no-project`: unavailable (it has no ACCESS.md).");
    expect(stackPlan(markdown, "aws").summary).toMatch(/^Plan: \d+ to add, 0 to change, 0 to destroy\.$/);
  }, 180_000);
});

describe("with the secrets: the same step adds the real `cdktf diff` of each stack", () => {
  // The one difference from CI: the "real" providers are the local stand-ins, and the team's
  // S3 state is what `npm run local -- deploy` left in the clone, so the diff runs offline.
  it("diffs auth0 and then aws against the deployed state, each with its resource lines", () => {
    git(clone, "checkout", "-q", "main");
    const deploy = spawnSync(
      process.execPath,
      [join(clone, "node_modules", ".bin", "apigw-offline"), "local", "deploy", "auth0", "aws", "--auto-approve"],
      {
        cwd: clone,
        encoding: "utf8",
        env: { ...process.env, CI: "1" },
        timeout: 180_000,
      },
    );
    expect([deploy.status, deploy.status === 0 ? "" : deploy.stderr]).toEqual([0, ""]);
    git(clone, "checkout", "-q", "add-route");
    rmSync(join(clone, "review.md"), { force: true });
    const standIns = {
      TF_CLI_CONFIG_FILE: join(clone, ".local", "terraform", "terraformrc"),
      STATE_BACKEND: "local",
      STATE_LOCAL_DIR: ".local/terraform/state",
      // What the local deploy created: the stand-ins' refresh reads it, as the real providers read the accounts.
      LOCAL_CLOUD_DIR: join(clone, ".local", "terraform", "cloud"),
      CDKTF_DISABLE_PLUGIN_CACHE_ENV: "1",
      CDKTF_HOME: join(clone, ".local", "terraform", "cdktf-home"),
      AWS_REGION: "us-east-1",
    };
    const result = runStep(workflowStep(STEP, "main", true), clone, 300_000, standIns);
    expect([result.status, result.status === 0 ? "" : result.stderr]).toEqual([0, ""]);
    const markdown = readFileSync(join(clone, "review.md"), "utf8");
    const real = markdown.slice(markdown.indexOf("### Plan against the real tenant and account"));
    expect(real).toContain("`cdktf diff auth0` then `cdktf diff aws`");
    const rows = (stack: string) => {
      const section = real.slice(real.indexOf(`#### ${stack}\n`)).split(/\n(?=#### )/)[0];
      return [...section.matchAll(/^\| `([^`]+)` \| `([^`.]+)\./gm)].map(([, action, type]) => `${action} ${type}`);
    };
    expect(rows("auth0")).toEqual(["~ update auth0_resource_server_scopes", "~ update auth0_role_permissions"]);
    expect(rows("aws")).toEqual(["~ update aws_apigatewayv2_api", "+ create aws_apigatewayv2_route", "+ create aws_lambda_permission"]);
  }, 300_000);
});
