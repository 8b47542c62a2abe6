// The auth0 stack's Actions: each file bundled and deployed under the environment's name, its
// code written so terraform reads back the bundle, secrets from sensitive variables, one binding
// per trigger in the model's order, test users' metadata, adopted Actions imported. A model
// without Actions synthesizes as it did (the other template tests' snapshots).
import "cdktf/lib/testing/adapters/jest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { bundleAction } from "@apigw-auth0-rbac/constructs";
import { ProblemsError } from "@apigw-auth0-rbac/model";
import { readTerraformString } from "@apigw-auth0-rbac/model/text";
import { ACTIONS_DIR, actionsModel } from "../fixtures/actions-model";
import { UNICORN_LAMBDA_SRC } from "../fixtures/unicorn-model";
import { referenced, resourceEntries, resourcesOf, synthProject, TEST_DOMAIN } from "../helpers/synth";

const FIXTURES = join(ACTIONS_DIR, "..");

describe("the auth0 stack with Actions", () => {
  const { auth0 } = synthProject({ model: actionsModel, lambdaSrcDir: UNICORN_LAMBDA_SRC });
  const actions = resourceEntries(auth0, "auth0_action");
  const byName = (name: string) => actions.find(([, a]) => a.name === name)![1];

  it("deploys each Action on node22 with its trigger's current version", () => {
    expect(actions.map(([, a]) => [a.name, a.supported_triggers, a.runtime, a.deploy]).sort()).toEqual([
      ["add-plan", { id: "post-login", version: "v3" }, "node22", true],
      ["add-roles", { id: "post-login", version: "v3" }, "node22", true],
      ["census-claims", { id: "credentials-exchange", version: "v2" }, "node22", true],
    ]);
  });

  it("holds each file's bundle, escaped so that terraform reads back exactly that bundle", () => {
    for (const name of ["add-roles", "census-claims", "add-plan"]) {
      const external = actionsModel.actions!.find((a) => a.name === name)!.dependencies?.map((d) => d.name) ?? [];
      const bundle = bundleAction({ entry: join(ACTIONS_DIR, `${name}.ts`), external }, 22, FIXTURES).code;
      expect(readTerraformString(byName(name).code)).toBe(bundle);
    }
    const plan = byName("add-plan").code as string;
    expect(plan).toContain('require("lodash/get")');
    expect(plan).toContain("$${");
    expect(plan).toContain("%%{");
    expect(readFileSync(join(ACTIONS_DIR, "add-plan.ts"), "utf8")).toContain("%{ if x }");
  });

  it("takes each secret's value from its sensitive variable, one variable per name, never from code", () => {
    expect(byName("census-claims").secrets).toEqual([{ name: "CENSUS_REGION", value: "${var.action_secret_CENSUS_REGION}" }]);
    expect(byName("add-plan").secrets).toEqual([
      { name: "CENSUS_REGION", value: "${var.action_secret_CENSUS_REGION}" },
      { name: "PLAN_KEY", value: "${var.action_secret_PLAN_KEY}" },
    ]);
    expect(byName("add-roles").secrets).toBeUndefined();
    for (const name of ["action_secret_CENSUS_REGION", "action_secret_PLAN_KEY"]) {
      expect(auth0.variable![name]).toMatchObject({ type: "string", sensitive: true, nullable: false });
      expect(auth0.variable![name].default).toBeUndefined();
    }
    expect(byName("add-plan").dependencies).toEqual([{ name: "lodash", version: "4.17.21" }]);
  });

  it("binds each used trigger once, its Actions in the model's order, by reference to each Action's id and name", () => {
    const bindings = resourcesOf(auth0, "auth0_trigger_actions");
    const bound = (trigger: string) => {
      const [binding] = bindings.filter((b) => b.trigger === trigger);
      for (const a of binding.actions) expect(a.display_name).toBe(a.id.replace(/\.id\}$/, ".name}"));
      return binding.actions.map((a: any) => referenced(auth0, a.id).resource.name);
    };
    expect(bindings).toHaveLength(2);
    expect(bound("post-login")).toEqual(["add-roles", "add-plan"]);
    expect(bound("credentials-exchange")).toEqual(["census-claims"]);
  });

  it("gives test users their metadata as JSON terraform reads back as written", () => {
    const [user] = resourcesOf(auth0, "auth0_user");
    expect(JSON.parse(readTerraformString(user.app_metadata))).toEqual({ plan: "gold", note: "${not.terraform} %{ if x }" });
    expect(JSON.parse(readTerraformString(user.user_metadata))).toEqual({ theme: "dark" });
    expect(user.app_metadata).toContain("$${not.terraform} %%{ if x }");
  });

  it("names each Action after the environment, as it names the clients", () => {
    const model = {
      ...actionsModel,
      users: [],
      defaultEnvironment: "dev",
      environments: {
        dev: {},
        prod: {
          production: true,
          tenant: { domain: "prod.eu.auth0.com" },
          spa: { callbackUrls: ["https://u.example.com"], logoutUrls: [], webOrigins: ["https://u.example.com"] },
          actions: [actionsModel.actions![0]],
        },
      },
    };
    const dev = synthProject({ model, env: { DEPLOY_ENV: "dev" }, lambdaSrcDir: UNICORN_LAMBDA_SRC }).auth0;
    expect(
      resourcesOf(dev, "auth0_action")
        .map((a) => a.name)
        .sort(),
    ).toEqual(["add-plan-dev", "add-roles-dev", "census-claims-dev"]);
    const prod = synthProject({ model, env: { DEPLOY_ENV: "prod" }, lambdaSrcDir: UNICORN_LAMBDA_SRC }).auth0;
    expect(resourcesOf(prod, "auth0_action").map((a) => a.name)).toEqual(["add-roles-prod"]);
    expect(resourcesOf(prod, "auth0_trigger_actions").map((b) => b.trigger)).toEqual(["post-login"]);
  });

  it("imports an adopted Action and its trigger's bindings, by the ids the provider's importers take", () => {
    const model = { ...actionsModel, imports: { auth0: { resourceServer: "rs_1", actions: { "add-roles": "act_1" } } } };
    const json = synthProject({ model, env: { AUTH0_DOMAIN: TEST_DOMAIN }, lambdaSrcDir: UNICORN_LAMBDA_SRC }).auth0;
    const imported = (type: string) => resourcesOf(json, type).filter((r) => r.lifecycle === undefined && r.import);
    expect(imported("auth0_action")).toEqual([]);
    const blocks = (json as any).import as { to: string; id: string }[];
    const to = (id: string) => blocks.filter((b) => b.id === id).map((b) => b.to.split(".")[0]);
    expect(to("act_1")).toEqual(["auth0_action"]);
    expect(to("post-login")).toEqual(["auth0_trigger_actions"]);
    expect(to("credentials-exchange")).toEqual([]);
  });
});

describe("a model whose Actions cannot be deployed", () => {
  const problemsOf = (model: unknown) => {
    try {
      synthProject({ model, lambdaSrcDir: UNICORN_LAMBDA_SRC });
    } catch (err) {
      if (err instanceof ProblemsError) return err.problems;
      throw err;
    }
    throw new Error("expected the synth to be refused");
  };

  it("is refused at synth with the file that is missing, or the export Auth0 calls that it lacks", () => {
    expect(problemsOf({ ...actionsModel, actions: [{ name: "nowhere", trigger: "post-login" }] })).toEqual([
      'actions[0].name: no file actions/nowhere.ts for Action "nowhere"; create it exporting onExecutePostLogin, or use one of: add-plan, add-roles, census-claims, namespaced-roles, templates',
    ]);
    expect(problemsOf({ ...actionsModel, actions: [{ name: "add-roles", trigger: "credentials-exchange" }] })).toEqual([
      'actions/add-roles.ts exports no "onExecuteCredentialsExchange" (it exports: ROLES_CLAIM, onExecutePostLogin); Auth0 calls exports.onExecuteCredentialsExchange for the Action "add-roles", so add: export const onExecuteCredentialsExchange = async (event, api) => { … }',
    ]);
  });
});
