// Names in the review comment are data: a role, client, route or permission named by a pull
// request or an account, a git ref, a file name, a value in the plan or an error message shows
// as the text it is when the comment is rendered (CommonMark with HTML on, as GitHub renders it)
// and hides, adds or links nothing: every section stays, and the only HTML is the review's own.
import { accessChanges, accessMarkdown, type AccessMatrix } from "../../src/emulator/access-matrix";
import { consequences } from "../../src/review/consequences";
import { REVIEW_MARKER, type Review, reviewMarkdown } from "../../src/review/markdown";
import { resourceLines, type ResourceChange } from "../../src/review/plan";
import { rendered, shows, visible } from "../helpers/rendered-markdown";

const change = (type: string, name: string, actions: string[], before: any, after: any): ResourceChange => ({
  address: `${type}.${name}`,
  mode: "managed",
  type,
  name,
  change: { actions, before, after },
});

/** A review whose outside values are `names`: a role that loses a permission and a route, a new role, a file, the refs. */
function review(names: { role: string; newRole: string; permission: string; route: string; file: string; ref: string; message: string }): Review {
  const { role, newRole, permission, route } = names;
  const before: AccessMatrix = { routes: [route], rows: [{ caller: `role ${role}`, routes: { [route]: "allowed" } }] };
  const after: AccessMatrix = {
    routes: [route],
    rows: [
      { caller: `role ${role}`, routes: { [route]: "refused" } },
      { caller: `role ${newRole}`, routes: { [route]: "allowed" } },
    ],
  };
  const auth0 = {
    resource_changes: [
      change("auth0_role", "r", ["no-op"], { id: "rol_1", name: role }, { id: "rol_1", name: role }),
      change(
        "auth0_role_permissions",
        "r",
        ["update"],
        { role_id: "rol_1", permissions: [{ name: permission }, { name: "list" }] },
        { role_id: "rol_1", permissions: [{ name: "list" }] },
      ),
      change("auth0_role", "created", ["create"], null, { name: newRole }),
    ],
  };
  return {
    base: { ref: names.ref, commit: "0123456789abcdef0123" },
    head: "fedcba9",
    uncommitted: [names.file],
    consequences: consequences({ auth0 }),
    access: { changes: accessChanges(before, after), matrix: accessMarkdown(after) },
    plans: [
      {
        title: "Plan of the change (offline: local provider stand-ins)",
        how: "How.",
        notes: [{ text: "The base does not synthesize:", output: names.message }],
        stacks: [
          { stack: "auth0", lines: resourceLines(auth0, new Map([["auth0_role.created", `auth0/role-${newRole}/role`]])) },
          { stack: "aws", unavailable: { text: "terraform plan failed:", output: names.message } },
        ],
      },
    ],
  };
}

const BENIGN = {
  role: "auditor",
  newRole: "clerk",
  permission: "read:orders",
  route: "GET /orders/{id}",
  file: "notes.md",
  ref: "main",
  message: "Error",
};
/** A line break and an HTML comment: CommonMark ends the block and hides everything to the end of the comment. */
const HIDE = "\n<!--";

it.each([
  ["a role's name", { role: `auditor${HIDE}` }],
  ["a new role's name", { newRole: `clerk${HIDE}` }],
  ["a role's name with Markdown and HTML", { role: "a `` | **x** [y](https://evil.example) &amp; <b>z</b> ~~s~~" }],
  ["a permission's name", { permission: "read:`<!--`|x" }],
  ["a route", { route: "GET /orders/`{id}`|<!--" }],
  ["a file name, with a carriage return", { file: "notes\r<!--.md" }],
  ["the base ref", { ref: `main${HIDE}` }],
  ["an error message with a fence in it", { message: "Error: role `x`\n```\n<!--\n```" }],
])("%s: every section stays, each name shows as its text, and no HTML or link but the review's own", (_what, hostile) => {
  const names = { ...BENIGN, ...hostile };
  const view = rendered(reviewMarkdown(review(names)));
  expect(view.headings).toEqual([
    `Review of fedcba9 against ${visible(names.ref)} (0123456789ab)`,
    "Look at these first",
    "Access",
    "Plan of the change (offline: local provider stand-ins)",
    "auth0",
    "aws",
  ]);
  expect(view.html).toEqual([REVIEW_MARKER, "<details><summary>Who can call what now (measured by the emulator)</summary>", "</details>"]);
  expect(view.links).toBe(0);
  for (const value of [names.role, names.newRole, names.permission, names.route, names.file, names.message, `auth0/role-${names.newRole}/role`])
    expect([value, shows(view, value)]).toEqual([value, true]);
});
