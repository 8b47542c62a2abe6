// The local cloud's Management API serves Actions to Auth0's own SDK as Auth0 serves them: what
// the provider calls (create, read, update, deploy, delete, a trigger's bindings) and what adopt
// and a console edit call (list by trigger, PATCH of the draft), onto the tenant terraform reads.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileStore, ManagementApi } from "@apigw-auth0-rbac/local-providers/cloud";
import { type LocalCloud, startLocalCloud } from "../../src/local-cloud/cloud";

const PACKAGE = join(__dirname, "..", "..");
let cloud: LocalCloud;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "local-cloud-actions-"));
  cloud = await startLocalCloud({ dir });
}, 60_000);
afterAll(async () => {
  await cloud?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The SDK's answers to `steps`, run as a script in a child process against the local cloud. */
async function sdk(steps: unknown[]): Promise<any[]> {
  const child = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) =>
    execFile(
      process.execPath,
      ["--import", "tsx", join(__dirname, "..", "helpers", "auth0-sdk-client.ts"), JSON.stringify(steps)],
      { cwd: PACKAGE, env: { ...process.env, ...cloud.variables }, timeout: 90_000 },
      (err, stdout, stderr) => resolve({ status: err ? (typeof err.code === "number" ? err.code : null) : 0, stdout, stderr }),
    ),
  );
  expect([child.status, child.stderr]).toEqual([0, ""]);
  return JSON.parse(child.stdout);
}

const action = (name: string) => ({
  name,
  code: `exports.onExecutePostLogin = async (event, api) => { api.accessToken.setCustomClaim("https://x/${name}", 1); };`,
  runtime: "node22",
  supported_triggers: [{ id: "post-login", version: "v3" }],
  secrets: [{ name: "KEY", value: "kept-from-answers" }],
});

it("creates, deploys, binds, edits and deletes Actions through the `auth0` SDK, on the tenant terraform reads", async () => {
  const answers = await sdk([
    { call: "actions.create", args: [action("first")], save: "first" },
    { call: "actions.create", args: [action("second")], save: "second" },
    { call: "actions.deploy", args: ["$first.id"] },
    { call: "actions.deploy", args: ["$second.id"] },
    {
      call: "actions.triggers.bindings.updateMany",
      args: [
        "post-login",
        {
          bindings: [
            { ref: { type: "action_id", value: "$second.id" }, display_name: "Second" },
            { ref: { type: "action_name", value: "first" }, display_name: "First" },
          ],
        },
      ],
    },
    { call: "actions.triggers.bindings.list", args: ["post-login"] },
    { call: "actions.list", args: [{ triggerId: "post-login" }] },
    { call: "actions.update", args: ["$first.id", { code: "exports.onExecutePostLogin = async () => {}; // edited in the console" }] },
    { call: "actions.delete", args: ["$first.id"] },
    { call: "actions.get", args: ["$first.id"] },
  ]);
  const [first, second] = answers;
  expect(answers[2]).toMatchObject({ action_id: first.id, number: 1, deployed: true });
  expect(answers[5].map((b: any) => [b.display_name, b.action.name])).toEqual([
    ["Second", "second"],
    ["First", "first"],
  ]);
  expect(answers[6].map((a: any) => a.name)).toEqual(["first", "second"]);
  expect(answers[7]).toMatchObject({ code: "exports.onExecutePostLogin = async () => {}; // edited in the console", all_changes_deployed: false });
  expect(answers[8]).toMatchObject({ statusCode: 409, message: "An action must be unbound from all triggers before it can be deleted." });
  expect(answers[9]).toMatchObject({ id: first.id, name: "first" });
  expect(JSON.stringify(answers)).not.toContain("kept-from-answers");
  // What the SDK did is what the stand-in provider's refresh reads.
  const tenant = new ManagementApi("", fileStore(dir));
  expect(tenant.getAction(first.id).deployed_version.code).toBe(action("first").code);
  expect(tenant.getBindings("post-login").map((b) => b.action_id)).toEqual([second.id, first.id]);
}, 120_000);

it("answers a binding that names no Action, and an Action's fields of the wrong type, with the caller's 4xx and stores nothing", async () => {
  const answers = await sdk([
    {
      call: "actions.triggers.bindings.updateMany",
      args: ["credentials-exchange", { bindings: [{ ref: { type: "action_name", value: "nowhere" } }] }],
    },
    { call: "actions.create", args: [{ ...action("bad"), supported_triggers: "post-login" }] },
    { call: "actions.triggers.bindings.list", args: ["credentials-exchange"] },
  ]);
  expect(answers[0]).toMatchObject({ statusCode: 404 });
  expect(answers[1]).toMatchObject({ statusCode: 400, message: expect.stringContaining("supported_triggers") });
  expect(answers[2]).toEqual([]);
  expect(new ManagementApi("", fileStore(dir)).listActions({ actionName: "bad" })).toEqual([]);
}, 120_000);

it("refuses list items of the wrong type, as the API's request schema does, so a stored Action never breaks a later call", async () => {
  const answers = await sdk([
    { call: "actions.create", args: [{ ...action("null-trigger"), supported_triggers: [null] }] },
    { call: "actions.create", args: [{ ...action("nameless-trigger"), supported_triggers: [{ version: "v3" }] }] },
    { call: "actions.create", args: [{ ...action("odd-dependency"), dependencies: [5] }] },
    { call: "actions.create", args: [{ ...action("odd-secret"), secrets: [{ name: { a: 1 }, value: "x" }] }] },
    { call: "actions.create", args: [{ ...action("fine") }], save: "fine" },
    { call: "actions.update", args: ["$fine.id", { supported_triggers: [{ id: 7, version: "v3" }] }] },
    { call: "actions.list", args: [{ triggerId: "post-login" }] },
  ]);
  expect(answers.slice(0, 4)).toEqual([
    expect.objectContaining({
      statusCode: 400,
      message: "Payload validation error: 'Expected type object but found type null' on property supported_triggers[0].",
    }),
    expect.objectContaining({
      statusCode: 400,
      message: "Payload validation error: 'Missing required property: id' on property supported_triggers[0].",
    }),
    expect.objectContaining({
      statusCode: 400,
      message: "Payload validation error: 'Expected type object but found type number' on property dependencies[0].",
    }),
    expect.objectContaining({
      statusCode: 400,
      message: "Payload validation error: 'Expected type string but found type object' on property secrets[0].name.",
    }),
  ]);
  expect(answers[5]).toMatchObject({
    statusCode: 400,
    message: "Payload validation error: 'Expected type string but found type number' on property supported_triggers[0].id.",
  });
  // Listed by trigger, as adopt lists them: the Actions refused were not stored, and the list answers.
  expect(answers[6].map((a: any) => a.name)).toEqual(expect.arrayContaining(["fine"]));
  expect(answers[6].map((a: any) => a.name)).not.toEqual(expect.arrayContaining(["null-trigger"]));
  expect(new ManagementApi("", fileStore(dir)).listActions({ triggerId: "post-login" }).map((a) => a.supported_triggers[0].id)).not.toContain(7);
}, 120_000);
