// Actions through the real terraform 1.11 and the stand-ins: code full of `${…}`, `%{…}`, their
// escapes and backticks comes back byte for byte (in terraform's state and in what the tenant
// deploys), a second plan has nothing to do, an edited Action is updated and deployed alone, and
// an Action removed from the model is unbound before it is deleted.
import { join } from "node:path";
import { bundleAction } from "@apigw-auth0-rbac/constructs";
import { fileStore, ManagementApi } from "@apigw-auth0-rbac/local-providers/cloud";
import { ACTIONS_DIR, actionsModel } from "../fixtures/actions-model";
import { UNICORN_LAMBDA_SRC } from "../fixtures/unicorn-model";
import { synthProject } from "../helpers/synth";
import { changesOnly, resourcesOfState, TerraformProject } from "./terraform-helpers";

const VARIABLES = {
  TF_VAR_test_user_password: "correct horse battery",
  TF_VAR_action_secret_CENSUS_REGION: "eu-west-1",
  TF_VAR_action_secret_PLAN_KEY: "plan ${key} %{ if }",
};
const model = { ...actionsModel, actions: [...actionsModel.actions!, { name: "templates", trigger: "post-login" as const }] };
const synth = (m: typeof model) => synthProject({ model: m, env: {}, lambdaSrcDir: UNICORN_LAMBDA_SRC });
const bundleOf = (name: string) => {
  const external = model.actions.find((a) => a.name === name)!.dependencies?.map((d) => d.name) ?? [];
  return bundleAction({ entry: join(ACTIONS_DIR, `${name}.ts`), external }, 22, join(ACTIONS_DIR, "..")).code;
};

let project: TerraformProject;
let tenant: ManagementApi;
const actionsInState = () => new Map(resourcesOfState(project.state("auth0"), "auth0_action").map((a) => [a.name as string, a]));
const bound = (trigger: string) => tenant.getBindings(trigger).map((b) => b.action.name);

beforeAll(() => {
  project = new TerraformProject(synth(model), VARIABLES);
  tenant = new ManagementApi("", fileStore(join(project.dir, "cloud")));
  project.init("auth0");
  project.plan("auth0");
  project.apply("auth0");
}, 180_000);
afterAll(() => project?.dispose());

it("reads every Action's code back from terraform exactly as bundled, and deploys exactly that", () => {
  const templates = bundleOf("templates");
  for (const marker of ["${", "%{", "$${", "%%{", "`"]) expect(templates).toContain(marker);
  const state = actionsInState();
  expect([...state.keys()].sort()).toEqual(["add-plan", "add-roles", "census-claims", "templates"]);
  for (const [name, action] of state) {
    expect(Buffer.from(action.code).equals(Buffer.from(bundleOf(name)))).toBe(true);
    const deployed = tenant.getAction(action.id).deployed_version;
    expect(deployed).toMatchObject({ id: action.version_id, number: 1 });
    expect(deployed.code).toBe(bundleOf(name));
  }
  expect(bound("post-login")).toEqual(["add-roles", "add-plan", "templates"]);
  expect(bound("credentials-exchange")).toEqual(["census-claims"]);
});

it("plans nothing more: what terraform reads back is what it wrote", () => {
  expect(changesOnly(project.plan("auth0"))).toEqual({});
});

it("updates and deploys an edited Action alone, leaving the bindings as they are", () => {
  project.edit("auth0", (json) => {
    const [id, action] = Object.entries<any>(json.resource.auth0_action).find(([, a]) => a.name === "templates")!;
    // As the JSON holds it, escaped: terraform reads `// edited ${"%{"}`.
    json.resource.auth0_action[id] = { ...action, code: `${action.code}// edited $\${"%%{"}\n` };
  });
  const plan = changesOnly(project.plan("auth0"));
  expect(Object.values(plan)).toEqual([["update"]]);
  expect(Object.keys(plan)[0]).toMatch(/^auth0_action\.action-templates_action_/);
  project.apply("auth0");
  const action = actionsInState().get("templates");
  expect(action.code).toBe(`${bundleOf("templates")}// edited \${"%{"}\n`);
  expect(tenant.getAction(action.id).deployed_version).toMatchObject({ id: action.version_id, number: 2, code: action.code });
  expect(bound("post-login")).toEqual(["add-roles", "add-plan", "templates"]);
});

it("unbinds an Action removed from the model before deleting it (Auth0 refuses to delete a bound Action)", () => {
  // The synth also gives "templates" its own code back (the last test edited it).
  project.load(synth({ ...model, actions: model.actions.filter((a) => a.name !== "add-plan") }));
  const plan = changesOnly(project.plan("auth0"));
  expect(
    Object.entries(plan)
      .map(([address, actions]) => `${address.split(".")[0]} ${actions.join("+")}`)
      .sort(),
  ).toEqual(["auth0_action delete", "auth0_action update", "auth0_trigger_actions update"]);
  project.apply("auth0");
  expect(bound("post-login")).toEqual(["add-roles", "templates"]);
  expect(
    tenant
      .listActions()
      .map((a) => a.name)
      .sort(),
  ).toEqual(["add-roles", "census-claims", "templates"]);
});
