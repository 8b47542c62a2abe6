// Actions: bundled to one CommonJS file Auth0 can run, checked for the export Auth0 calls,
// written for terraform with its template escapes, and bound to their trigger in order.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { TerraformStack, Testing } from "cdktf";
import { readTerraformString } from "@apigw-auth0-rbac/model/text";
import { Auth0Action } from "../src/auth0/action";
import { actionExportProblems, bundleAction } from "../src/auth0/bundle-action";
import { Auth0TriggerActions } from "../src/auth0/trigger-actions";

const FIXTURES = join(__dirname, "fixtures", "actions");
const at = (name: string) => join(FIXTURES, `${name}.ts`);

/** Runs a bundle as Auth0 loads one (CommonJS, `require` for what is installed) and returns its exports. */
function load(code: string, installed: Record<string, unknown> = {}): Record<string, any> {
  const module = { exports: {} as Record<string, any> };
  runInNewContext(code, {
    module,
    exports: module.exports,
    require: (name: string) => {
      if (!(name in installed)) throw new Error(`not installed: ${name}`);
      return installed[name];
    },
  });
  return module.exports;
}

describe("bundleAction", () => {
  it("writes one CommonJS file that inlines local modules and requires the declared packages", async () => {
    const { code, inputs } = bundleAction({ entry: at("add-roles"), external: ["lodash"] }, 22, FIXTURES);
    expect(code).toContain('require("lodash/sortBy")');
    expect(code).toContain("https://unicorns.example.com/roles");
    expect(code).toContain("// add-roles.ts");
    expect([...inputs].sort()).toEqual([at("add-roles"), join(FIXTURES, "lib", "claim.ts")]);
    const claims: Record<string, unknown> = {};
    const exported = load(code, { "lodash/sortBy": (list: string[]) => [...list].sort() });
    await exported.onExecutePostLogin(
      { authorization: { roles: ["b", "a"] } },
      { accessToken: { setCustomClaim: (k: string, v: unknown) => (claims[k] = v) } },
    );
    expect(claims).toEqual({ "https://unicorns.example.com/roles": ["a", "b"] });
  });

  it("bundles a package it was not told Auth0 installs, and names files relative to the project the same on every machine", () => {
    const bundled = bundleAction({ entry: at("add-roles"), external: [] }, 22, FIXTURES);
    expect(bundled.code).not.toContain('require("lodash');
    expect(bundled.code).not.toContain(FIXTURES);
    expect(bundleAction({ entry: at("add-roles"), external: [] }, 22, FIXTURES).code).toBe(bundled.code);
  });
});

describe("actionExportProblems", () => {
  const check = (name: string, exportName: string) => actionExportProblems([{ name, entry: at(name), exportName }], FIXTURES);

  it("accepts an ES module's export and a CommonJS file's, as the Auth0 editor writes it", () => {
    expect(check("add-roles", "onExecutePostLogin")).toEqual([]);
    expect(check("from-console", "onExecuteCredentialsExchange")).toEqual([]);
  });

  it("fails a file without the trigger's export, naming what it exports and what to add", () => {
    expect(check("wrong-export", "onExecutePostLogin")).toEqual([
      'wrong-export.ts exports no "onExecutePostLogin" (it exports: helper, onExecutePostLogn); Auth0 calls exports.onExecutePostLogin for the Action "wrong-export", so add: export const onExecutePostLogin = async (event, api) => { … }',
    ]);
    expect(check("from-console", "onExecutePostLogin")).toEqual([expect.stringContaining("(it exports: onExecuteCredentialsExchange)")]);
  });

  it("fails a file that does not compile with its line and column", () => {
    const dir = mkdtempSync(join(tmpdir(), "broken-action-"));
    writeFileSync(join(dir, "broken.ts"), "export const onExecutePostLogin = async (event) => { return event.;\n");
    const problems = actionExportProblems([{ name: "broken", entry: join(dir, "broken.ts"), exportName: "onExecutePostLogin" }], dir);
    expect(problems).toEqual([expect.stringMatching(/^broken\.ts:1:\d+ does not compile: /)]);
  });
});

describe("Auth0Action", () => {
  const stack = () => new TerraformStack(Testing.app(), "actions");
  const synthesized = (s: TerraformStack) => JSON.parse(Testing.synth(s));

  it("deploys the code on the newest runtime the provider accepts, escaped so terraform reads back exactly the bundle", () => {
    const s = stack();
    const { code } = bundleAction({ entry: at("templated"), external: [] }, 22, FIXTURES);
    new Auth0Action(s, "a", { name: "templated", trigger: "post-login", code });
    const [action] = Object.values<any>(synthesized(s).resource.auth0_action);
    expect(action).toMatchObject({ name: "templated", runtime: "node22", deploy: true, supported_triggers: { id: "post-login", version: "v3" } });
    expect(action.code).not.toBe(code);
    expect(readTerraformString(action.code)).toBe(code);
    expect(action.dependencies).toBeUndefined();
    expect(action.secrets).toBeUndefined();
    // Deleted only after the bindings that name it are updated (offline's test/terraform/actions-code.terraform.ts).
    expect(action.lifecycle).toEqual({ create_before_destroy: true });
  });

  it("takes the credentials-exchange trigger's version, its dependencies and its secrets' values as given", () => {
    const s = stack();
    new Auth0Action(s, "a", {
      name: "m2m",
      trigger: "credentials-exchange",
      code: "exports.onExecuteCredentialsExchange = async () => {};",
      dependencies: [{ name: "lodash", version: "4.17.21" }],
      secrets: [{ name: "API_KEY", value: "${var.action_secret_API_KEY}" }],
    });
    const [action] = Object.values<any>(synthesized(s).resource.auth0_action);
    expect(action.supported_triggers).toEqual({ id: "credentials-exchange", version: "v2" });
    expect(action.dependencies).toEqual([{ name: "lodash", version: "4.17.21" }]);
    expect(action.secrets).toEqual([{ name: "API_KEY", value: "${var.action_secret_API_KEY}" }]);
  });

  it("fails code that holds what cdktf would take for one of its tokens", () => {
    expect(() => new Auth0Action(stack(), "a", { name: "t", trigger: "post-login", code: 'const x = "${TfToken[TOKEN.1]}";' })).toThrow(
      /Auth0Action "t": its code holds the text "\$\{TfToken\[", which cdktf would take for one of its tokens/,
    );
  });
});

describe("Auth0TriggerActions", () => {
  it("binds the Actions in the order given, by their ids and names", () => {
    const s = new TerraformStack(Testing.app(), "bindings");
    const one = new Auth0Action(s, "one", { name: "one", trigger: "post-login", code: "exports.onExecutePostLogin = async () => {};" });
    const two = new Auth0Action(s, "two", { name: "two", trigger: "post-login", code: "exports.onExecutePostLogin = async () => {};" });
    new Auth0TriggerActions(s, "login", { trigger: "post-login", actions: [two, one] });
    const json = JSON.parse(Testing.synth(s));
    const [binding] = Object.values<any>(json.resource.auth0_trigger_actions);
    const [oneId, twoId] = Object.keys(json.resource.auth0_action);
    expect(binding).toEqual({
      trigger: "post-login",
      actions: [
        { id: `\${auth0_action.${twoId}.id}`, display_name: `\${auth0_action.${twoId}.name}` },
        { id: `\${auth0_action.${oneId}.id}`, display_name: `\${auth0_action.${oneId}.name}` },
      ],
    });
  });

  it("fails a binding of no Action, or of an Action of another trigger", () => {
    const s = new TerraformStack(Testing.app(), "bindings");
    const m2m = new Auth0Action(s, "m2m", {
      name: "m2m",
      trigger: "credentials-exchange",
      code: "exports.onExecuteCredentialsExchange = async () => {};",
    });
    expect(() => new Auth0TriggerActions(s, "none", { trigger: "post-login", actions: [] })).toThrow(/bind at least one Action/);
    expect(() => new Auth0TriggerActions(s, "wrong", { trigger: "post-login", actions: [m2m] })).toThrow(
      /runs on credentials-exchange, not on post-login/,
    );
  });
});
