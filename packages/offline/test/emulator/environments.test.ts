// Environments on a fixture: which one is chosen, what each overrides, that two of them can
// share an AWS account and a state bucket, and what a production environment refuses.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { measureAccess } from "../../src/emulator/access-matrix";
import { startLocalSystem } from "../../src/emulator/local-system";
import { loadConfiguration, workingDirectoryProblems } from "@apigw-auth0-rbac/constructs";
import { ProblemsError } from "@apigw-auth0-rbac/model";
import { environmentsModel, PROD_DOMAIN, withProd } from "../fixtures/environments-model";
import { UNICORN_LAMBDA_SRC, unicornModel } from "../fixtures/unicorn-model";
import { BUNDLE_DIR, onlyResource, resourcesOf, synthProject, type StackJson } from "../helpers/synth";

const configure = (env: Record<string, string>, context: Record<string, unknown> = {}, model = environmentsModel) =>
  loadConfiguration({
    model,
    env,
    context: (key) => context[key],
    project: { root: dirname(UNICORN_LAMBDA_SRC), handlerDir: UNICORN_LAMBDA_SRC, bundleDir: BUNDLE_DIR },
  });

function problemsOf(env: Record<string, string>, model = environmentsModel, context: Record<string, unknown> = {}): readonly string[] {
  try {
    configure(env, context, model);
  } catch (err) {
    if (err instanceof ProblemsError) return err.problems;
    throw err;
  }
  return [];
}

describe("choosing the environment", () => {
  it("takes the model's default, then the cdktf context env, then DEPLOY_ENV, which wins", () => {
    expect(configure({}).model.environment).toEqual({ name: "dev", production: false, chosenBy: "defaultEnvironment" });
    expect(configure({}, { env: "staging" }).model.environment).toEqual({ name: "staging", production: false, chosenBy: 'cdktf context "env"' });
    expect(configure({ DEPLOY_ENV: "prod" }, { env: "staging" }).model.environment).toEqual({
      name: "prod",
      production: true,
      chosenBy: "DEPLOY_ENV",
    });
  });

  it("refuses an unknown environment, listing the known ones", () => {
    expect(problemsOf({ DEPLOY_ENV: "qa" })).toEqual(['DEPLOY_ENV: "qa" is not an environment of the model; known: dev, staging, prod']);
    expect(problemsOf({}, environmentsModel, { env: "qa" })).toEqual([
      'cdktf context "env": "qa" is not an environment of the model; known: dev, staging, prod',
    ]);
  });

  it("refuses DEPLOY_ENV for a model without environments, and environments without a valid default", () => {
    expect(problemsOf({ DEPLOY_ENV: "prod" }, unicornModel)).toEqual([
      'DEPLOY_ENV: "prod" names an environment, but the model declares none; declare environments in the model, or leave DEPLOY_ENV unset',
    ]);
    expect(problemsOf({}, { ...environmentsModel, defaultEnvironment: undefined })).toEqual([
      "defaultEnvironment: the model declares environments (dev, staging, prod) but no default; set defaultEnvironment to one of them",
    ]);
    expect(problemsOf({}, { ...environmentsModel, defaultEnvironment: "live" })).toEqual([
      'defaultEnvironment: "live" is not an environment of the model; known: dev, staging, prod',
    ]);
    expect(problemsOf({}, { ...environmentsModel, environments: { Dev: {} }, defaultEnvironment: "Dev" })[0]).toMatch(
      /^environments\.Dev: "Dev" is not an environment name; use up to 10 lower-case letters/,
    );
  });

  it("keeps names and state keys as they were for a model without environments", () => {
    const config = configure({}, {}, unicornModel);
    expect(config.model.environment).toBeUndefined();
    expect(config.state).toEqual({ backend: "local", dir: "." });
  });
});

describe("dev and prod side by side", () => {
  const dev = synthProject({ model: environmentsModel, env: { DEPLOY_ENV: "dev" }, lambdaSrcDir: UNICORN_LAMBDA_SRC });
  const prod = synthProject({ model: environmentsModel, env: { DEPLOY_ENV: "prod" }, lambdaSrcDir: UNICORN_LAMBDA_SRC });

  /** Names that must be unique in one AWS account and region. */
  const accountNames = (aws: StackJson) => [
    ...resourcesOf(aws, "aws_lambda_function").map((f) => `function ${f.function_name}`),
    ...resourcesOf(aws, "aws_iam_role").map((r) => `role ${r.name}`),
    ...resourcesOf(aws, "aws_cloudwatch_log_group").map((g) => `log group ${g.name}`),
    ...resourcesOf(aws, "aws_apigatewayv2_api").map((a) => `api ${a.name}`),
  ];
  const displayNames = (auth0: StackJson) =>
    [...resourcesOf(auth0, "auth0_resource_server"), ...resourcesOf(auth0, "auth0_client")].map((r) => r.name);

  it("share no AWS name, and every one carries its environment", () => {
    const [d, p] = [accountNames(dev.aws), accountNames(prod.aws)];
    expect(d.length).toBe(2 * 3 + 1 + 1); // two functions (function, role, log group), the API and its access log
    expect(d.filter((name) => p.includes(name))).toEqual([]);
    for (const name of d) expect(name).toMatch(/-dev(-|$)/);
    for (const name of p) expect(name).toMatch(/-prod(-|$)/);
    expect(onlyResource(prod.aws, "aws_apigatewayv2_api").name).toBe("unicorn-api-prod");
  });

  it("name the Auth0 API and applications after their environment, each in its own tenant", () => {
    expect(displayNames(dev.auth0).sort()).toEqual(["Unicorn API (dev)", "Unicorn SPA (dev)", "unicorn-census-dev"]);
    expect(displayNames(prod.auth0).sort()).toEqual(["Unicorn API (prod)", "Unicorn SPA (prod)", "unicorn-census-prod"]);
    expect(prod.auth0.provider?.auth0[0].domain).toBe(PROD_DOMAIN);
    expect(dev.auth0.provider?.auth0[0].domain).toBe("your-tenant.eu.auth0.com");
    expect(prod.auth0.output?.issuer.value).toBe(`https://${PROD_DOMAIN}/`);
  });

  it("keep separate local state, and the aws stack reads the auth0 state of its own environment", () => {
    for (const [name, project] of [
      ["dev", dev],
      ["prod", prod],
    ] as const) {
      expect(project.auth0.terraform.backend.local.path).toBe(`../../../${name}/terraform.auth0.tfstate`);
      expect(project.aws.terraform.backend.local.path).toBe(`../../../${name}/terraform.aws.tfstate`);
      expect(Object.values<any>(project.aws.data!.terraform_remote_state)[0].config.path).toBe(project.auth0.terraform.backend.local.path);
    }
  });

  it("keep separate keys in one state bucket", () => {
    const env = { STATE_BACKEND: "s3", STATE_S3_BUCKET: "acme-state", STATE_S3_REGION: "eu-west-1" };
    const keys = ["dev", "prod"].map((name) => {
      const project = synthProject({ model: environmentsModel, env: { ...env, DEPLOY_ENV: name }, lambdaSrcDir: UNICORN_LAMBDA_SRC });
      const remote = Object.values<any>(project.aws.data!.terraform_remote_state)[0];
      expect(remote.config.key).toBe(project.auth0.terraform.backend.s3.key);
      return [project.auth0.terraform.backend.s3.key, project.aws.terraform.backend.s3.key];
    });
    expect(keys).toEqual([
      ["apigw-auth0-rbac/dev/auth0.tfstate", "apigw-auth0-rbac/dev/aws.tfstate"],
      ["apigw-auth0-rbac/prod/auth0.tfstate", "apigw-auth0-rbac/prod/aws.tfstate"],
    ]);
  });

  it("apply each environment's overrides: origins and so CORS, test users, throttling, retention", () => {
    const devApi = onlyResource(dev.aws, "aws_apigatewayv2_api");
    const prodApi = onlyResource(prod.aws, "aws_apigatewayv2_api");
    expect(devApi.cors_configuration.allow_origins).toEqual(["http://localhost:3000"]);
    expect(prodApi.cors_configuration.allow_origins).toEqual(["https://unicorns.example.com"]);
    expect(resourcesOf(dev.auth0, "auth0_user").map((u) => u.email)).toEqual(["rider@example.test"]);
    expect(resourcesOf(prod.auth0, "auth0_user")).toEqual([]);
    expect(prod.auth0.variable?.test_user_password).toBeUndefined();
    expect(onlyResource(prod.aws, "aws_apigatewayv2_stage").default_route_settings).toMatchObject({
      throttling_burst_limit: 500,
      throttling_rate_limit: 250,
    });
    expect(new Set(resourcesOf(prod.aws, "aws_cloudwatch_log_group").map((g) => g.retention_in_days))).toEqual(new Set([365]));
    expect(new Set(resourcesOf(dev.aws, "aws_cloudwatch_log_group").map((g) => g.retention_in_days))).toEqual(new Set([30]));
    const prodSpa = resourcesOf(prod.auth0, "auth0_client").find((c) => c.app_type === "spa");
    expect(prodSpa.callbacks).toEqual(["https://unicorns.example.com/callback"]);
    expect(prod.aws.provider?.aws[0].default_tags[0].tags).toEqual({ project: "apigw-auth0-rbac", api: "Unicorn API", environment: "prod" });
  });

  it("let in the same callers on the same routes, client included", async () => {
    const matrices = [];
    for (const project of [dev, prod]) {
      const system = await startLocalSystem({ outdir: project.outdir, throttling: false, functionLog: () => undefined });
      try {
        matrices.push(await measureAccess(system));
      } finally {
        await system.close();
      }
    }
    expect(matrices[1]).toEqual(matrices[0]);
    expect(matrices[0].rows.find((r) => r.caller === "client unicorn-census")?.routes).toEqual({
      "GET /unicorn": "refused",
      "GET /unicorns": "allowed",
    });
  });
});

describe("a production environment", () => {
  it("refuses a localhost origin it declares, naming the field", () => {
    expect(
      problemsOf(
        { DEPLOY_ENV: "dev" },
        withProd((p) => p.spa.webOrigins.push("http://localhost:3000")),
      ),
    ).toEqual([
      'environments.prod.spa.webOrigins[1]: "http://localhost:3000" points to this machine; a production environment serves its users\' origins only',
    ]);
  });

  it("refuses localhost URLs it inherits, and says where to override them", () => {
    const problems = problemsOf(
      {},
      withProd((p) => delete p.spa.callbackUrls),
    );
    expect(problems).toEqual([
      'spa.callbackUrls[0]: "http://localhost:3000" points to this machine; a production environment serves its users\' origins only (inherited by production environment "prod"; override spa.callbackUrls there)',
      'spa.callbackUrls[1]: "http://localhost:3000/callback" points to this machine; a production environment serves its users\' origins only (inherited by production environment "prod"; override spa.callbackUrls there)',
    ]);
  });

  it("refuses plain http, a wildcard and test users", () => {
    const problems = problemsOf(
      {},
      withProd((p) => {
        p.spa.logoutUrls = ["http://unicorns.example.com"];
        p.spa.callbackUrls = ["https://*.example.com/callback"];
        p.users = [{ email: "tester@example.test", roles: ["unicorn-rider"] }];
      }),
    );
    expect(problems).toEqual([
      'environments.prod.spa.callbackUrls[0]: "https://*.example.com/callback" contains *; a production environment lists each URL and origin exactly',
      'environments.prod.spa.logoutUrls[0]: "http://unicorns.example.com" uses http://; a production environment uses https:// only',
      'environments.prod.users: production environment "prod" must not have test users; remove them',
    ]);
  });

  it("refuses test users it inherits", () => {
    expect(
      problemsOf(
        {},
        withProd((p) => delete p.users),
      ),
    ).toEqual(['users: production environment "prod" inherits 1 test user; give it users: [] or move the users into the other environments']);
  });

  it("is checked whichever environment is synthesized, so a dev synth already says prod is wrong", () => {
    const bad = withProd((p) => p.spa.webOrigins.push("http://localhost:3000"));
    expect(problemsOf({ DEPLOY_ENV: "dev" }, bad)).toHaveLength(1);
    expect(problemsOf({ DEPLOY_ENV: "prod" }, bad)).toHaveLength(1);
    expect(problemsOf({ DEPLOY_ENV: "staging" }, environmentsModel)).toEqual([]);
  });
});

describe("the output folder", () => {
  /** What `terraform init` leaves in a stack's working directory. */
  function initialised(outdir: string, stack: string, statePath: string): void {
    mkdirSync(join(outdir, "stacks", stack, ".terraform"), { recursive: true });
    writeFileSync(
      join(outdir, "stacks", stack, ".terraform", "terraform.tfstate"),
      JSON.stringify({ backend: { type: "local", config: { path: statePath } } }),
    );
  }

  it("refuses to become another environment's working directory", () => {
    const outdir = mkdtempSync(join(tmpdir(), "envs-"));
    initialised(outdir, "auth0", "../../../dev/terraform.auth0.tfstate");
    const problems = workingDirectoryProblems(outdir, configure({ DEPLOY_ENV: "prod" }));
    expect(problems).toEqual([
      `${join(outdir, "stacks", "auth0")} is terraform's working directory for environment "dev" (state ../../../dev/terraform.auth0.tfstate); give environment "prod" its own output folder, e.g. DEPLOY_ENV=prod npx cdktf deploy --output cdktf.out.prod auth0 aws`,
    ]);
    expect(workingDirectoryProblems(outdir, configure({ DEPLOY_ENV: "dev" }))).toEqual([]);
  });
});
