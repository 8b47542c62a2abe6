// Actions in the model: names, triggers, secrets and dependencies checked with the field and the
// fix, every environment's list at once; a user's metadata kept as the data it was given.
import { resolveAccessModel } from "../src";
import { ENV, problemsOf, variant } from "./fixtures/model-problems";
import { unicornModel } from "./fixtures/unicorn-model";

const addRoles = { name: "add-roles", trigger: "post-login" as const };

describe("Actions", () => {
  it("are none unless declared, with no secret or dependency unless listed", () => {
    expect(resolveAccessModel(unicornModel, { env: ENV }).model.actions).toEqual([]);
    const { model } = resolveAccessModel(
      variant((m) => {
        m.actions = [addRoles];
      }),
      { env: ENV },
    );
    expect(model.actions).toEqual([{ ...addRoles, dependencies: [], secrets: [] }]);
  });

  it("fails a name that cannot be a file of the action folder, a trigger not served, and a secret no shell can set", () => {
    const problems = problemsOf(
      variant((m) => {
        m.actions = [
          { name: "Add Roles", trigger: "post-login" },
          { name: "x", trigger: "pre-user-registration" },
          { name: "y", trigger: "post-login", secrets: ["api-key", "9LIVES"] },
        ];
      }),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^actions\[0\]\.name: "Add Roles" is not an Action name; use lower case and dashes/),
      expect.stringMatching(/^actions\[1\]\.trigger: "pre-user-registration" is not a trigger .*post-login, credentials-exchange/),
      expect.stringMatching(/^actions\[2\]\.secrets\[0\]: "api-key" is not a secret name/),
      expect.stringMatching(/^actions\[2\]\.secrets\[1\]: "9LIVES" is not a secret name/),
    ]);
  });

  it("fails dependencies npm would not install: a name npm refuses, a version that is neither a range nor a tag", () => {
    const problems = problemsOf(
      variant((m) => {
        m.actions = [
          {
            ...addRoles,
            dependencies: [
              { name: "lodash", version: "4.17.21" },
              { name: "@scope/pkg", version: "^1.2.0" },
              { name: "axios", version: "latest" },
              { name: "Lodash", version: "1.0.0" },
              { name: "ok", version: "not a version" },
              { name: "ok2", version: "" },
            ],
          },
        ];
      }),
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /^actions\[0\]\.dependencies\[3\]\.name: "Lodash" is not an npm package name \(name can no longer contain capital letters\)/,
      ),
      expect.stringMatching(/^actions\[0\]\.dependencies\[4\]\.version: "not a version" is not a version npm installs/),
      expect.stringMatching(/^actions\[0\]\.dependencies\[5\]\.version: "" is not a version npm installs/),
    ]);
  });

  it("fails a name declared twice, a secret or a dependency listed twice, in every environment", () => {
    const problems = problemsOf(
      variant((m) => {
        m.actions = [addRoles, { ...addRoles, trigger: "credentials-exchange" }];
        m.defaultEnvironment = "dev";
        m.environments = {
          dev: {},
          prod: {
            production: true,
            tenant: { domain: "unicorns-prod.eu.auth0.com" },
            spa: { callbackUrls: ["https://u.example.com"], logoutUrls: [], webOrigins: ["https://u.example.com"] },
            actions: [
              {
                ...addRoles,
                secrets: ["KEY", "KEY"],
                dependencies: [
                  { name: "lodash", version: "4.17.21" },
                  { name: "lodash", version: "4.17.20" },
                ],
              },
            ],
          },
        };
      }),
    );
    expect(problems).toEqual([
      'actions: Action "add-roles" is declared more than once; an Action is one file, give the others names of their own',
      'environments.prod.actions[0].secrets: "KEY" is listed twice; list it once',
      'environments.prod.actions[0].dependencies: "lodash" is listed more than once; Auth0 installs one version of a package, keep one entry',
    ]);
  });

  it("takes an environment's Actions in place of the top-level ones", () => {
    const model = variant((m) => {
      m.actions = [addRoles];
      m.defaultEnvironment = "dev";
      m.environments = { dev: {}, test: { tenant: { domain: "unicorns-test.eu.auth0.com" }, actions: [] } };
    });
    expect(resolveAccessModel(model, { env: {} }).model.actions.map((a) => a.name)).toEqual(["add-roles"]);
    expect(resolveAccessModel(model, { env: { DEPLOY_ENV: "test" } }).model.actions).toEqual([]);
  });

  it("fails an Action without its file, naming the folder, the export to write and the files there are", () => {
    const model = variant((m) => {
      m.actions = [addRoles, { name: "m2m-claims", trigger: "credentials-exchange" }];
    });
    expect(problemsOf(model, { env: ENV, availableActions: ["add-roles", "other"], actionFolder: "src/actions" })).toEqual([
      'actions[1].name: no file src/actions/m2m-claims.ts for Action "m2m-claims"; create it exporting onExecuteCredentialsExchange, or use one of: add-roles, other',
    ]);
  });

  it("imports an Action by its name, and fails an import of one the model does not declare", () => {
    const model = variant((m) => {
      m.actions = [addRoles];
      m.imports = { auth0: { resourceServer: "rs", actions: { "add-roles": "act_1", gone: "act_2" } } };
    });
    expect(problemsOf(model)).toEqual([
      'imports.auth0.actions.gone: imports an Action "gone" the model does not declare; declare it, or remove the import (known: add-roles)',
    ]);
  });
});

describe("a test user's metadata", () => {
  const withMetadata = (appMetadata: unknown, userMetadata?: unknown) =>
    variant((m) => {
      m.users = [{ email: "rider@example.test", roles: ["unicorn-rider"], appMetadata, ...(userMetadata === undefined ? {} : { userMetadata }) }];
    });

  it("keeps every key as data, __proto__ and constructor too, at every depth", () => {
    const appMetadata = JSON.parse('{"__proto__": {"plan": "gold"}, "constructor": 1, "nested": {"__proto__": [1, {"toString": null}]}}');
    const { model } = resolveAccessModel(withMetadata(appMetadata, { theme: "dark" }), { env: ENV });
    const kept = model.users[0].appMetadata!;
    expect(Object.keys(kept)).toEqual(["__proto__", "constructor", "nested"]);
    expect(JSON.stringify(kept)).toBe(JSON.stringify(appMetadata));
    expect(Object.getPrototypeOf(kept)).toBeNull();
    expect(({} as any).plan).toBeUndefined();
    expect(model.users[0].userMetadata).toEqual({ theme: "dark" });
  });

  it("fails what is not a JSON object, saying where in it", () => {
    const problems = problemsOf(withMetadata(["a"], { when: new Date(0), n: { deep: [Number.NaN] } }));
    expect(problems).toEqual([
      expect.stringMatching(/^users\[0\]\.appMetadata: must be a JSON object \(keys and values\), not \["a"\]/),
      expect.stringMatching(/^users\[0\]\.userMetadata: the object\["when"\] is an object of a class, which JSON cannot hold/),
    ]);
    expect(problemsOf(withMetadata({ n: { deep: [Number.NaN] } }))).toEqual([
      expect.stringMatching(/^users\[0\]\.appMetadata: the object\["n"\]\["deep"\]\[0\] is NaN, which JSON cannot hold/),
    ]);
  });

  it("fails a field name with a dot or a dollar sign, at any depth, as Auth0 refuses them", () => {
    expect(problemsOf(withMetadata({ "preference.color": "pink" }, { list: [{ $set: 1 }] }))).toEqual([
      expect.stringMatching(
        /^users\[0\]\.appMetadata: the object's key "preference\.color" holds "\." or "\$", which Auth0 refuses .*nest it instead/,
      ),
      expect.stringMatching(/^users\[0\]\.userMetadata: the object\["list"\]\[0\]'s key "\$set" holds/),
    ]);
    expect(resolveAccessModel(withMetadata({ preference: { color: "pink" } }), { env: ENV }).model.users[0].appMetadata).toEqual({
      preference: { color: "pink" },
    });
  });
});
