// The local tenant's Actions as the provider and the SDKs call them: a draft, deployed into an
// immutable version that runs until the next deploy; secrets answered by name only; each
// trigger's bindings in order; an Action still bound refused deletion, as Auth0 refuses it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ManagementApi } from "../src/auth0/api/management";
import { compactStore, fileStore } from "../src/cloud/store";
import { ServiceError } from "../src/service-rules";

const refusalOf = (f: () => unknown) => {
  try {
    f();
    return undefined;
  } catch (err) {
    if (err instanceof ServiceError) return `${err.status} ${err.code}: ${err.message}`;
    throw err;
  }
};
const draft = (name: string, code = "exports.onExecutePostLogin = async () => {};") => ({
  name,
  code,
  runtime: "node22",
  supported_triggers: [{ id: "post-login", version: "v3" }],
  secrets: [{ name: "KEY", value: "s3cret" }],
});

it("deploys the draft as a version that keeps its code while the draft is edited", () => {
  const tenant = new ManagementApi("t.eu.auth0.com");
  const { id } = tenant.createAction(draft("one", "exports.onExecutePostLogin = async () => 1;"));
  expect(tenant.getAction(id).deployed_version).toBeUndefined();
  const first = tenant.deployAction(id);
  tenant.updateAction(id, { code: "exports.onExecutePostLogin = async () => 2;" });
  const action = tenant.getAction(id);
  expect(action.code).toBe("exports.onExecutePostLogin = async () => 2;");
  expect(action.deployed_version).toMatchObject({ id: first.id, number: 1, code: "exports.onExecutePostLogin = async () => 1;" });
  expect(action.all_changes_deployed).toBe(false);
  expect(tenant.deployAction(id).number).toBe(2);
});

it("answers a secret's name, never its value", () => {
  const tenant = new ManagementApi("t.eu.auth0.com");
  const { id } = tenant.createAction(draft("one"));
  expect(tenant.getAction(id).secrets).toEqual([{ name: "KEY", updated_at: expect.any(String) }]);
  expect(JSON.stringify([tenant.getAction(id), tenant.listActions(), tenant.deployAction(id)])).not.toContain("s3cret");
});

it("binds a trigger's Actions in the order given, replacing what was bound, and lists them by trigger", () => {
  const tenant = new ManagementApi("t.eu.auth0.com");
  const [a, b] = [tenant.createAction(draft("a")), tenant.createAction(draft("b"))];
  tenant.updateBindings("post-login", [{ ref: { type: "action_id", value: a.id }, display_name: "first" }]);
  tenant.updateBindings("post-login", [
    { ref: { type: "action_name", value: "b" }, display_name: "B" },
    { ref: { type: "action_id", value: a.id }, display_name: "A" },
  ]);
  expect(tenant.getBindings("post-login").map((x) => [x.action.name, x.display_name])).toEqual([
    ["b", "B"],
    ["a", "A"],
  ]);
  expect(tenant.getBindings("credentials-exchange")).toEqual([]);
  expect(tenant.listActions({ triggerId: "post-login" }).map((x) => x.id)).toEqual([a.id, b.id]);
  expect(refusalOf(() => tenant.updateBindings("post-login", [{ ref: { type: "action_name", value: "nope" } }]))).toMatch(/^404 /);
});

it("refuses to delete an Action a trigger binds (409), and deletes it once unbound", () => {
  const tenant = new ManagementApi("t.eu.auth0.com");
  const { id } = tenant.createAction(draft("bound"));
  tenant.updateBindings("post-login", [{ ref: { type: "action_id", value: id } }]);
  expect(refusalOf(() => tenant.deleteAction(id))).toBe("409 conflict: An action must be unbound from all triggers before it can be deleted.");
  tenant.updateBindings("post-login", []);
  tenant.deleteAction(id);
  expect(refusalOf(() => tenant.getAction(id))).toMatch(/^404 /);
});

it("keeps Actions and bindings named like Object's own properties, in the store, as the data they are", () => {
  const dir = mkdtempSync(join(tmpdir(), "actions-store-"));
  const tenant = new ManagementApi("t.eu.auth0.com", fileStore(dir));
  const { id } = tenant.createAction(draft("__proto__"));
  tenant.updateBindings("__proto__", [{ ref: { type: "action_id", value: id }, display_name: "constructor" }]);
  const again = new ManagementApi("t.eu.auth0.com", fileStore(dir));
  expect(again.getBindings("__proto__").map((b) => [b.action.name, b.display_name])).toEqual([["__proto__", "constructor"]]);
  expect(again.getBindings("toString")).toEqual([]);
});

it("loads a local cloud written before Actions, and answers it has none", () => {
  const dir = mkdtempSync(join(tmpdir(), "actions-store-"));
  new ManagementApi("t.eu.auth0.com", fileStore(dir)).createRole({ name: "r" });
  // As a checkout of that time wrote it: one document of version 1, no log.
  compactStore(dir);
  const file = join(dir, "cloud.json");
  const { seq: _seq, ...doc } = JSON.parse(readFileSync(file, "utf8"));
  expect(doc.services.auth0.actions).toBeUndefined();
  writeFileSync(file, JSON.stringify({ ...doc, version: 1 }));
  rmSync(join(dir, "cloud.log"));
  const tenant = new ManagementApi("t.eu.auth0.com", fileStore(dir));
  expect(tenant.listActions()).toEqual([]);
  expect(tenant.getBindings("post-login")).toEqual([]);
  expect(tenant.createAction(draft("later")).name).toBe("later");
  // Its first change rewrote it in this version, the role kept.
  expect(JSON.parse(readFileSync(file, "utf8")).version).toBe(2);
  expect(new ManagementApi("t.eu.auth0.com", fileStore(dir)).listRoles().map((r) => r.name)).toEqual(["r"]);
});
