// Drift of Actions: an Action edited in the console (its draft, and its deployed version) and a
// trigger's bindings changed there show as terraform's next refresh reads them, flagged first,
// with the code's diff in the terminal and in the review, written so nothing in it escapes.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileStore, ManagementApi } from "@apigw-auth0-rbac/local-providers/cloud";
import { driftText, localDrift } from "../../src/review/drift";
import { REVIEW_MARKER, reviewMarkdown } from "../../src/review/markdown";
import { rendered, shows } from "../helpers/rendered-markdown";
import { initialisedStackFolders } from "../helpers/stack-folders";

const CODE =
  'exports.onExecutePostLogin = async (event, api) => {\n  api.accessToken.setCustomClaim("https://u.example.com/roles", event.authorization.roles);\n};\n';
const EDITED =
  'exports.onExecutePostLogin = async (event, api) => {\n  api.accessToken.setCustomClaim("https://u.example.com/roles", ["admin"]); // ``` <!-- \u001b[2J\n};\n';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** What `npm run local` leaves after deploying one bound Action: the tenant and the auth0 stack's state. */
function applied() {
  const cloudDir = mkdtempSync(join(tmpdir(), "drift-actions-"));
  dirs.push(cloudDir);
  const stateDir = join(cloudDir, "state");
  mkdirSync(stateDir);
  const states = initialisedStackFolders(cloudDir, ["auth0"], (stack) => join(stateDir, `terraform.${stack}.tfstate`));
  const tenant = new ManagementApi("", fileStore(cloudDir));
  const action = tenant.createAction({ name: "add-roles", code: CODE, runtime: "node22", supported_triggers: [{ id: "post-login", version: "v3" }] });
  const version = tenant.deployAction(action.id);
  tenant.updateBindings("post-login", [{ ref: { type: "action_id", value: action.id }, display_name: "add-roles" }]);
  // terraform drops a resource of a state file that names no provider.
  const provider = 'provider["registry.terraform.io/auth0/auth0"]';
  const instance = (type: string, name: string, attributes: object) => ({ mode: "managed", type, name, provider, instances: [{ attributes }] });
  const resources = [
    instance("auth0_action", "add-roles", {
      id: action.id,
      name: "add-roles",
      code: CODE,
      runtime: "node22",
      deploy: true,
      supported_triggers: [{ id: "post-login", version: "v3" }],
      dependencies: [],
      secrets: [],
      version_id: version.id,
    }),
    instance("auth0_trigger_actions", "post-login", {
      id: "post-login",
      trigger: "post-login",
      actions: [{ id: action.id, display_name: "add-roles" }],
    }),
  ];
  writeFileSync(join(stateDir, "terraform.auth0.tfstate"), JSON.stringify({ version: 4, resources }));
  return { cloudDir, states, tenant, action };
}

it("finds nothing when the tenant holds what terraform applied", () => {
  const { states, cloudDir } = applied();
  expect(localDrift(states, cloudDir, ["auth0"]).items).toEqual([]);
});

it("shows an Action edited in the console, first, with the code's diff, and says whether logins run the edit", () => {
  const { states, cloudDir, tenant, action } = applied();
  tenant.updateAction(action.id, { code: EDITED });
  const drafted = localDrift(states, cloudDir, ["auth0"]);
  expect(drafted.items.map((i) => [i.kind, i.label, i.attributes.map((a) => a.name)])).toEqual([["changed", "add-roles", ["code"]]]);
  expect(drafted.flagged).toEqual([
    expect.stringMatching(/^\*\*The Action `add-roles`'s code was edited outside terraform\*\* but not deployed: logins still run/),
  ]);
  tenant.deployAction(action.id);
  const deployed = localDrift(states, cloudDir, ["auth0"]);
  expect(deployed.items[0].attributes.map((a) => a.name)).toEqual(["code", "version_id"]);
  expect(deployed.flagged).toEqual([expect.stringContaining("and deployed: logins run the edit now")]);
  const text = driftText(deployed);
  expect(text).toContain('          -  api.accessToken.setCustomClaim("https://u.example.com/roles", event.authorization.roles);');
  expect(text).toContain("\\x1b[2J");
  expect(text).not.toContain("\u001b");
  const view = rendered(
    reviewMarkdown({
      base: { ref: "main", commit: "0123456789abcdef" },
      head: "abc",
      uncommitted: [],
      consequences: deployed.flagged.map((f) => `Drift in the local cloud: ${f}`),
      drift: deployed,
      access: { changes: [], matrix: "" },
      plans: [],
    }),
  );
  expect(view.headings).toContain("Drift in the local cloud");
  expect(view.html).toEqual([REVIEW_MARKER, "<details><summary>Who can call what now (measured by the emulator)</summary>", "</details>"]);
  expect(shows(view, '+  api.accessToken.setCustomClaim("https://u.example.com/roles", ["admin"]); // ``` <!--')).toBe(true);
});

it("shows an Action unbound in the console as a change of what its trigger runs", () => {
  const { states, cloudDir, tenant } = applied();
  tenant.updateBindings("post-login", []);
  const drift = localDrift(states, cloudDir, ["auth0"]);
  expect(drift.flagged).toEqual([
    "**What runs at `post-login` was changed outside terraform**: `add-roles` became `nothing`; the next deploy binds the model's Actions again.",
  ]);
});
