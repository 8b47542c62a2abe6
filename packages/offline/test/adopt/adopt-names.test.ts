// Names from the account are data in everything npm run adopt writes: the handler stubs and the
// model file run as TypeScript without running any of them, the model file gives back every name
// and import id (a role named "__proto__" too), and ADOPTION.md shows them as text with its
// sections intact.
import * as modelPackage from "@apigw-auth0-rbac/model";
import { modelFile, reportFile } from "../../src/adopt/files";
import { adoptionOf } from "../../src/adopt/model";
import type { FoundApi } from "../../src/adopt/read";
import { consoleSetup, FN } from "../fixtures/console-found";
import { evaluateTypeScript } from "../helpers/evaluate-typescript";
import { rendered, shows } from "../helpers/rendered-markdown";
import { synthProject } from "../helpers/synth";

const INJECTED = "__adoptInjected";
const injected = () => (globalThis as any)[INJECTED];
afterEach(() => delete (globalThis as any)[INJECTED]);
/** JavaScript that marks `where` when it runs. */
const run = (where: string) => `globalThis.${INJECTED} = ${JSON.stringify(where)};`;

/** The guide's setup whose first function is named, described and addressed by `fn`. */
function withFunction(fn: { name: string; runtime: string; handler: string; arnName: string }): FoundApi {
  const { api } = consoleSetup();
  const arn = FN(fn.arnName);
  return {
    ...api,
    integrations: api.integrations.map((i) => (i.IntegrationId === "i1" ? { ...i, IntegrationUri: arn } : i)),
    functions: new Map(
      [...api.functions].map(([k, v]) =>
        v.FunctionName === "getUnicorn" ? [arn, { FunctionName: fn.name, Runtime: fn.runtime, Handler: fn.handler }] : [k, v],
      ),
    ),
  };
}

const GUIDE_FUNCTION = { name: "getUnicorn", runtime: "python3.8", handler: "lambda_function.lambda_handler", arnName: "getUnicorn" };

describe("a handler stub", () => {
  it.each([
    ["name", { name: `getUnicorn" + (${run("name").slice(0, -1)}) + "` }],
    ["runtime", { runtime: `python3.8\n${run("runtime")}\n//` }],
    ["handler", { handler: `h\n${run("handler")}\n//` }],
    ["ARN", { arnName: `getUnicorn\n${run("arn")}\n//` }],
  ])("holds the old function's %s as data: loading the stub and calling it run nothing of it", async (_what, hostile) => {
    const fn = { ...GUIDE_FUNCTION, ...hostile };
    const { tenant } = consoleSetup();
    const stub = adoptionOf(tenant, withFunction(fn)).handlers[0];
    const { handler } = evaluateTypeScript(stub.source);
    expect(injected()).toBeUndefined();
    const answer = await handler({ routeKey: "GET /unicorn" });
    expect(injected()).toBeUndefined();
    expect(answer.statusCode).toBe(501);
    expect(JSON.parse(answer.body)).toEqual({ message: `Not implemented yet: ported from ${fn.name}`, route: "GET /unicorn" });
  });
});

describe("the model file", () => {
  it("runs nothing of the names in it, and its comments hold none of them", () => {
    const { tenant, api } = consoleSetup();
    const role = `rider"\n${run("role")}\n//`;
    const adoption = adoptionOf({ ...tenant, roles: [...tenant.roles, { role: { id: "rol_r", name: role }, permissions: ["read:unicorn"] }] }, api);
    const source = modelFile(adoption);
    const written = evaluateTypeScript(source, { [modelPackage.MODEL_PACKAGE]: modelPackage }).default;
    expect(injected()).toBeUndefined();
    expect(written).toEqual(adoption.model);
    const comments = (text: string) => text.split("\n").filter((line) => line.startsWith("//"));
    expect(comments(source)).toEqual(comments(modelFile(adoptionOf(tenant, api))));
  });

  it("evaluates to the adopted model, with a role named __proto__ and its import id", () => {
    const { tenant, api } = consoleSetup();
    const found = { ...tenant, roles: [...tenant.roles, { role: { id: "rol_p", name: "__proto__" }, permissions: ["read:unicorn"] }] };
    const adoption = adoptionOf(found, api);
    const written = evaluateTypeScript(modelFile(adoption), { [modelPackage.MODEL_PACKAGE]: modelPackage }).default;
    expect(Object.entries(written.imports.auth0.roles)).toEqual([
      ["unicorn-trainer", "rol_t"],
      ["__proto__", "rol_p"],
    ]);
    expect(written).toEqual(adoption.model);
  });
});

describe("ADOPTION.md", () => {
  it("keeps its sections and shows every name from the account as its text", () => {
    const { tenant } = consoleSetup();
    const role = "rider\n## Injected section\n<!--";
    const spa = "Unicorn SPA <b>x</b> [l](https://evil.example)";
    const email = "rider@example.com\n\n# Also injected";
    const found = {
      ...tenant,
      roles: [...tenant.roles, { role: { id: "rol_r", name: role }, permissions: ["read:unicorn"] }],
      clients: tenant.clients.map((c) => (c.app_type === "spa" ? { ...c, name: spa } : c)),
      users: [{ user: { user_id: "auth0|1", email }, roles: [role] }],
    };
    const runtime = "python3.8 `` <!--";
    const view = rendered(reportFile(adoptionOf(found, withFunction({ ...GUIDE_FUNCTION, runtime })), "the local cloud"));
    expect(view.headings).toEqual([
      "Adoption of the local cloud",
      "What the first deploy changes, and why",
      "What it imports and keeps",
      "What it leaves alone",
    ]);
    expect(view.html).toEqual([]);
    expect(view.links).toBe(0);
    for (const value of [role, spa, email, runtime]) expect([value, shows(view, value)]).toEqual([value, true]);
  });
});

describe("the first deploy of an adopted role named __proto__", () => {
  it("imports the role and its permissions instead of creating a second role", () => {
    const { tenant, api } = consoleSetup();
    const found = { ...tenant, roles: [...tenant.roles, { role: { id: "rol_p", name: "__proto__" }, permissions: ["read:unicorn"] }] };
    const adoption = adoptionOf(found, api);
    const model = evaluateTypeScript(modelFile(adoption), { [modelPackage.MODEL_PACKAGE]: modelPackage }).default;
    const { mkdtempSync, writeFileSync, mkdirSync } = require("node:fs");
    const { join } = require("node:path");
    const handlerDir = join(mkdtempSync(join(require("node:os").tmpdir(), "adopted-")), "lambda-src");
    mkdirSync(handlerDir);
    for (const h of adoption.handlers) writeFileSync(join(handlerDir, `${h.name}.ts`), h.source);
    const { auth0 } = synthProject({ model, env: { AUTH0_DOMAIN: "guide.eu.auth0.com" }, lambdaSrcDir: handlerDir });
    const imports = ((auth0 as any).import ?? []).filter((i: { id: string }) => i.id === "rol_p").map((i: { to: string }) => i.to.split(".")[0]);
    expect(imports.sort()).toEqual(["auth0_role", "auth0_role_permissions"]);
  });
});

describe("an adopted Action", () => {
  /** The guide's tenant with one deployed post-login Action named `name`, depending on `dependency`. */
  function withAction(name: string, dependency: { name: string; version: string }) {
    const { tenant, api } = consoleSetup();
    const code = `exports.onExecutePostLogin = async () => { ${run("code")} };`;
    const action = {
      id: "act_1",
      name,
      code,
      runtime: "node22",
      dependencies: [dependency],
      supported_triggers: [{ id: "post-login" }],
      deployed_version: { id: "v1", code },
    };
    return { found: { ...tenant, actions: [action], bindings: new Map([["post-login", [{ action, display_name: name }]]]) }, api, code };
  }

  it("holds its name and dependency as data in the model file, its code only in its own file, and shows them as text in ADOPTION.md", () => {
    const name = `Roles"\n${run("name")}\n// <!-- \u001b[2J`;
    const dependency = { name: `lodash"\n${run("dependency")}\n//`, version: "4.17.21" };
    const { found, api, code } = withAction(name, dependency);
    // The dependency's name is what the model refuses: adopt says so, and writes nothing.
    expect(() => resolveAdopted(adoptionOf(found, api))).toThrow(/dependencies\[0\]\.name: .* is not an npm package name/);
    const adoption = adoptionOf(found, api);
    const written = evaluateTypeScript(modelFile(adoption), { [modelPackage.MODEL_PACKAGE]: modelPackage }).default;
    expect(injected()).toBeUndefined();
    expect(written).toEqual(adoption.model);
    expect(written.actions[0]).toEqual({ name: "roles-global-this-adopt-injected-name-2-j", trigger: "post-login", dependencies: [dependency] });
    expect(adoption.actions[0].source.endsWith(code)).toBe(true);
    const view = rendered(reportFile(adoption, "the local cloud"));
    expect(view.html).toEqual([]);
    expect(view.links).toBe(0);
    expect(shows(view, name)).toBe(true);
  });
});

const resolveAdopted = (adoption: ReturnType<typeof adoptionOf>) =>
  modelPackage.resolveAccessModel(adoption.model, {
    env: {},
    availableHandlers: adoption.handlers.map((h) => h.name),
    availableActions: adoption.actions.map((a) => a.name),
  });

describe("names too long for the model", () => {
  const resolved = (adoption: ReturnType<typeof adoptionOf>) =>
    modelPackage.resolveAccessModel(adoption.model, { env: {}, availableHandlers: adoption.handlers.map((h) => h.name) }).model;

  it("gives a function with a long name a handler whose function fits Lambda's 64 characters, two of them apart", () => {
    const long = `get${"VeryLongUnicornName".repeat(4)}`;
    const { tenant } = consoleSetup();
    const one = withFunction({ ...GUIDE_FUNCTION, name: long });
    const second = FN(`${long}2`);
    const api: FoundApi = {
      ...one,
      integrations: [
        ...one.integrations,
        { ...one.integrations.find((i) => i.IntegrationId === "i1")!, IntegrationId: "i9", IntegrationUri: second },
      ],
      routes: [
        ...one.routes,
        { ...one.routes.find((r) => r.Target === "integrations/i1")!, RouteId: "r9", RouteKey: "GET /unicorn2", Target: "integrations/i9" },
      ],
      functions: new Map([...one.functions, [second, { FunctionName: `${long}-2`, Runtime: "python3.8", Handler: "h" }]]),
    };
    const adoption = adoptionOf(tenant, api);
    const model = resolved(adoption);
    const prefix = modelPackage.awsNamePrefix(model.api.name, undefined);
    const names = [...new Set(model.routes.map((r) => modelPackage.functionNameOf(prefix, r.handler)))];
    expect(names).toHaveLength(3);
    for (const name of names) expect(name.length).toBeLessThanOrEqual(64);
  });

  it("describes a client it names after a long application name within Auth0's 140 bytes", () => {
    const { tenant, api } = consoleSetup();
    const name = `Nächtlicher Zähler ${"für alle Einhörner ".repeat(8)}`;
    const clients = tenant.clients.map((c: any) => (c.client_id === "m2m1" ? { ...c, name } : c));
    const model = resolved(adoptionOf({ ...tenant, clients }, api));
    const description = model.clients.find((c) => c.description.startsWith("Adopted from Auth0: Nächtlicher"))!.description;
    expect(Buffer.byteLength(description)).toBeLessThanOrEqual(140);
    expect(description.endsWith("…")).toBe(true);
  });
});
