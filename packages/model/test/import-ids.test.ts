// The import ids npm run adopt writes are keyed by names from the account: a role may be called
// anything in Auth0, "__proto__" or "constructor" too, and its id must reach the stacks, or the
// first deploy creates a second role beside the one it should have imported.
import { resolveAccessModel } from "../src";
import { unicornModel } from "./fixtures/unicorn-model";

const NAMES = ["__proto__", "constructor", "toString", "hasOwnProperty", "unicorn-trainer"];

function modelWithImports() {
  const model = structuredClone(unicornModel) as any;
  model.roles = NAMES.map((name) => ({ name, permissions: ["read:unicorn"] }));
  // As a model file's object literal gives it: each name an own key, whatever it is.
  const ids = (prefix: string) => Object.fromEntries(NAMES.map((name, i) => [name, `${prefix}_${i}`]));
  model.imports = { auth0: { resourceServer: "rs_1", roles: ids("rol") }, aws: { api: "api1", authorizer: "au1", routes: {} } };
  return model;
}

it("keeps the import id of every role, whatever its name", () => {
  const { model } = resolveAccessModel(modelWithImports(), { env: { AUTH0_DOMAIN: "t.eu.auth0.com" } });
  expect(Object.entries(model.imports!.auth0!.roles)).toEqual(NAMES.map((name, i) => [name, `rol_${i}`]));
});

it("holds no name it was not given: a role without an import id has none", () => {
  const input = modelWithImports();
  delete input.imports.auth0.roles.constructor;
  const { model } = resolveAccessModel(input, { env: { AUTH0_DOMAIN: "t.eu.auth0.com" } });
  const roles = model.imports!.auth0!.roles as Record<string, unknown>;
  expect(roles.constructor).toBeUndefined();
  expect(Object.keys(roles)).not.toContain("constructor");
});

it("says which import id is wrong, under the name it has", () => {
  const input = modelWithImports();
  input.imports.auth0.roles = Object.fromEntries(NAMES.map((name) => [name, name === "__proto__" ? "" : "rol"]));
  expect(() => resolveAccessModel(input, { env: { AUTH0_DOMAIN: "t.eu.auth0.com" } })).toThrow(/imports\.auth0\.roles\.__proto__/);
});
