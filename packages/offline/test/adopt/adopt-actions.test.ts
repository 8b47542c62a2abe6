// npm run adopt brings the tenant's Actions under code: each Action bound to post-login or
// credentials-exchange becomes a model entry in its binding's order, its deployed code the file
// actions/<name>.ts as it was, its id an import with its trigger's bindings; the rest is
// reported. The adopted project synthesizes, and the command writes the files from the local cloud.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundleAction } from "@apigw-auth0-rbac/constructs";
import { AwsCloud, fileStore, ManagementApi } from "@apigw-auth0-rbac/local-providers/cloud";
import type { Project } from "@apigw-auth0-rbac/model/project";
import { readTerraformString } from "@apigw-auth0-rbac/model/text";
import { actionSource } from "../../src/adopt/actions";
import { adoptionOf } from "../../src/adopt/model";
import type { FoundTenant, Json } from "../../src/adopt/read";
import { ADOPT } from "../../src/commands/adopt";
import { consoleSetup, IDENTIFIER } from "../fixtures/console-found";
import { synthProject } from "../helpers/synth";

/** Code as the Auth0 editor writes it, with what a comment or a template would take for its own. */
const ROLES_CODE =
  'exports.onExecutePostLogin = async (event, api) => {\n  // */ a comment\n  const note = "*/ ${not.ours} `tick` %{ x }";\n  api.accessToken.setCustomClaim(`https://unicorns.example.com/roles`, event.authorization?.roles ?? []);\n  api.accessToken.setCustomClaim("https://unicorns.example.com/note", note);\n};\n';
const CENSUS_CODE =
  'exports.onExecuteCredentialsExchange = async (event, api) => { api.accessToken.setCustomClaim("https://unicorns.example.com/region", event.secrets.REGION); };';

function action(id: string, name: string, trigger: string, code: string, extra: Json = {}): Json {
  return {
    id,
    name,
    code,
    runtime: "node18",
    supported_triggers: [{ id: trigger, version: trigger === "post-login" ? "v3" : "v2" }],
    deployed_version: { id: `ver_${id}`, code, deployed: true, number: 1 },
    ...extra,
  };
}

function tenantWithActions(): FoundTenant {
  const { tenant } = consoleSetup();
  const roles = action("act_roles", "Add Roles", "post-login", ROLES_CODE, { dependencies: [{ name: "lodash", version: "4.17.21" }] });
  const plan = action("act_plan", "plan", "post-login", "exports.onExecutePostLogin = async () => {};", {
    code: "exports.onExecutePostLogin = async () => { /* draft */ };",
    runtime: "node22",
  });
  const census = action("act_census", "census", "credentials-exchange", CENSUS_CODE, { secrets: [{ name: "REGION" }] });
  const idle = action("act_idle", "idle", "post-login", "exports.onExecutePostLogin = async () => {};");
  const signup = action("act_signup", "signup", "pre-user-registration", "exports.onExecutePreUserRegistration = async () => {};");
  const binding = (a: Json, displayName: string) => ({ action: a, display_name: displayName });
  return {
    ...tenant,
    actions: [roles, plan, census, idle, signup],
    bindings: new Map([
      ["post-login", [binding(plan, "plan"), binding(roles, "Roles claim")]],
      ["credentials-exchange", [binding(census, "census")]],
    ]),
  };
}

it("adopts each bound Action in its binding's order, with its deployed code as its file and its id as an import", () => {
  const { api } = consoleSetup();
  const adoption = adoptionOf(tenantWithActions(), api);
  expect(adoption.model.actions).toEqual([
    { name: "plan", trigger: "post-login" },
    { name: "add-roles", trigger: "post-login", dependencies: [{ name: "lodash", version: "4.17.21" }] },
    { name: "census", trigger: "credentials-exchange", secrets: ["REGION"] },
  ]);
  expect(adoption.model.imports!.auth0!.actions).toEqual({ plan: "act_plan", "add-roles": "act_roles", census: "act_census" });
  expect(adoption.actions.map((a) => a.name)).toEqual(["plan", "add-roles", "census"]);
  expect(adoption.actions[1].source).toBe(actionSource(ROLES_CODE));
  expect(adoption.actions[1].source.endsWith(ROLES_CODE)).toBe(true);
  // The deployed version, not the draft.
  expect(adoption.actions[0].source.endsWith("exports.onExecutePostLogin = async () => {};")).toBe(true);
  const changes = adoption.changes.filter((c) => c.resource?.startsWith("auth0_")).map((c) => `${c.resource}: ${c.text}`);
  expect(changes).toEqual(
    expect.arrayContaining([
      "auth0_action: the Action `Add Roles` is named `add-roles` in the model and is renamed to it (its id stays)",
      "auth0_action: its binding's display name `Roles claim` becomes its name",
      "auth0_action: its runtime `node18` becomes `node22`",
      "auth0_trigger_actions: the bindings of `post-login` and `credentials-exchange` are imported and kept in this order; a binding the model does not list is removed",
    ]),
  );
  expect(adoption.untouched).toEqual(
    expect.arrayContaining([
      "the Action `idle`: bound to no trigger, so nothing runs it; the model does not manage it",
      "the Action `signup` (`pre-user-registration`): the model binds Actions to post-login and credentials-exchange only",
      "the Action `plan`'s undeployed draft: adopt took the deployed code, and the first deploy replaces the draft",
      "the values of the Action `census`'s secrets (`REGION`): Auth0 never answers them; set `TF_VAR_action_secret_REGION` to them before the first deploy",
    ]),
  );
});

it("adopts nothing of Actions from a tenant without them: the model and imports are as before", () => {
  const { tenant, api } = consoleSetup();
  const adoption = adoptionOf({ ...tenant, actions: [], bindings: new Map() }, api);
  expect(adoption.model.actions).toBeUndefined();
  expect(adoption.model.imports!.auth0).not.toHaveProperty("actions");
  expect(adoption.actions).toEqual([]);
});

it("refuses a secret whose name cannot be a Terraform variable", () => {
  const { api } = consoleSetup();
  const tenant = tenantWithActions();
  const census = tenant.actions!.find((a) => a.id === "act_census")!;
  census.secrets = [{ name: "api-key" }];
  expect(() => adoptionOf(tenant, api)).toThrow(/the Action `census` has the secret `api-key`, whose name cannot be a Terraform variable/);
});

it("writes files the template's stacks synthesize: each Action's code is the bundle of its adopted file, imported with its bindings", () => {
  const { api } = consoleSetup();
  const adoption = adoptionOf(tenantWithActions(), api);
  const root = mkdtempSync(join(tmpdir(), "adopted-actions-"));
  try {
    mkdirSync(join(root, "actions"));
    for (const a of adoption.actions) writeFileSync(join(root, "actions", `${a.name}.ts`), a.source);
    const lambdaSrc = join(root, "lambda-src");
    mkdirSync(lambdaSrc);
    for (const h of adoption.handlers) writeFileSync(join(lambdaSrc, `${h.name}.ts`), h.source);
    const { auth0 } = synthProject({ model: adoption.model, env: { AUTH0_DOMAIN: "guide.eu.auth0.com" }, lambdaSrcDir: lambdaSrc });
    const roles = Object.values<any>(auth0.resource!.auth0_action).find((a) => a.name === "add-roles");
    const bundle = bundleAction({ entry: join(root, "actions", "add-roles.ts"), external: ["lodash"] }, 22, root).code;
    expect(readTerraformString(roles.code)).toBe(bundle);
    expect(bundle).toContain("${not.ours} `tick` %{ x }");
    const imports = (auth0 as any).import.map((i: any) => `${i.to.split(".")[0]} ${i.id}`);
    expect(imports).toEqual(
      expect.arrayContaining([
        "auth0_action act_plan",
        "auth0_action act_roles",
        "auth0_action act_census",
        "auth0_trigger_actions post-login",
        "auth0_trigger_actions credentials-exchange",
      ]),
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

it("npm run adopt --local writes each adopted Action's file in the project's action folder", async () => {
  const root = mkdtempSync(join(tmpdir(), "adopt-actions-command-"));
  const at = (...parts: string[]) => join(root, ...parts);
  writeFileSync(at("cdktf.json"), JSON.stringify({ app: "npx apigw-auth0-rbac-app", context: { actionDir: "src/actions" } }));
  const project: Project = {
    root,
    modelFile: at("access-model.ts"),
    handlerDir: at("lambda-src"),
    actionDir: at("src", "actions"),
    synthOutput: at("cdktf.out"),
    bundleDir: at("dist", "lambda"),
    localDir: at(".local"),
    app: "npx apigw-auth0-rbac-app",
    context: {},
  };
  jest.spyOn(process.stdout, "write").mockImplementation(() => true);
  jest.spyOn(process.stderr, "write").mockImplementation(() => true);
  try {
    const apiId = guideSetupWithAnAction(at(".local", "terraform", "cloud"));
    await ADOPT.run(project, ["--identifier", IDENTIFIER, "--api-id", apiId, "--local"]);
    expect(readFileSync(at("src", "actions", "add-roles.ts"), "utf8")).toBe(actionSource(ROLES_CODE));
    expect(readFileSync(at("access-model.ts"), "utf8")).toContain('"add-roles": ');
    expect(readFileSync(at("ADOPTION.md"), "utf8")).toContain("- the Actions `add-roles` (their ids; their code in actions/)");
  } finally {
    jest.restoreAllMocks();
    rmSync(root, { recursive: true, force: true });
  }
}, 60_000);

/** The guide's setup in a local cloud, plus a deployed post-login Action bound to its trigger. */
function guideSetupWithAnAction(dir: string): string {
  const store = fileStore(dir);
  const tenant = new ManagementApi("", store);
  const { tenant: found } = consoleSetup();
  tenant.createResourceServer({ identifier: IDENTIFIER, name: "Unicorn API", scopes: found.resourceServer.scopes });
  const role = tenant.createRole({ name: "unicorn-trainer" });
  tenant.addRolePermissions(role.id, [{ permission_name: "read:unicorn", resource_server_identifier: IDENTIFIER }]);
  tenant.createClient({
    name: "Unicorn SPA",
    app_type: "spa",
    callbacks: ["http://localhost:3000/callback"],
    web_origins: ["http://localhost:3000"],
  });
  const created = tenant.createAction({
    name: "Add Roles",
    code: ROLES_CODE,
    runtime: "node22",
    supported_triggers: [{ id: "post-login", version: "v3" }],
  });
  tenant.deployAction(created.id);
  tenant.updateBindings("post-login", [{ ref: { type: "action_id", value: created.id }, display_name: "Add Roles" }]);
  return httpApiIn(new AwsCloud("us-east-1", {}, store));
}

/** An HTTP API with a JWT-protected route on a function, as the guide's console makes it. */
function httpApiIn(aws: AwsCloud): string {
  const fn = aws.lambda.createFunction({ FunctionName: "getUnicorn", Runtime: "nodejs22.x", Handler: "h", Role: "arn:aws:iam::000000000000:role/r" });
  const { ApiId } = aws.apigatewayv2.createApi({ Name: "UnicornAPI", ProtocolType: "HTTP" });
  const authorizer = aws.apigatewayv2.createAuthorizer({
    ApiId,
    Name: "auth0",
    AuthorizerType: "JWT",
    IdentitySource: ["$request.header.Authorization"],
    JwtConfiguration: { Issuer: "https://guide.eu.auth0.com/", Audience: [IDENTIFIER] },
  });
  const integration = aws.apigatewayv2.createIntegration({
    ApiId,
    IntegrationType: "AWS_PROXY",
    IntegrationUri: fn.FunctionArn,
    PayloadFormatVersion: "2.0",
  });
  aws.apigatewayv2.createRoute({
    ApiId,
    RouteKey: "GET /unicorn",
    AuthorizationType: "JWT",
    AuthorizerId: authorizer.AuthorizerId,
    AuthorizationScopes: ["read:unicorn"],
    Target: `integrations/${integration.IntegrationId}`,
  });
  aws.apigatewayv2.createStage({ ApiId, StageName: "$default", AutoDeploy: true });
  return ApiId;
}
