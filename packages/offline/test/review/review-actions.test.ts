// A changed Action in the review: flagged first (it decides what tokens carry), with its code's
// diff under the plan, as a diff block that nothing in the code can close, hide or link.
import { consequences } from "../../src/review/consequences";
import { REVIEW_MARKER, type Review, reviewMarkdown } from "../../src/review/markdown";
import { resourceLines, type ResourceChange, type TerraformPlan } from "../../src/review/plan";
import { rendered, shows } from "../helpers/rendered-markdown";

const BEFORE =
  'exports.onExecutePostLogin = async (event, api) => {\n  api.accessToken.setCustomClaim("https://u.example.com/roles", event.authorization.roles);\n};\n';
/** New code that holds what Markdown, HTML and a review comment give a meaning to. */
const AFTER = [
  "exports.onExecutePostLogin = async (event, api) => {",
  "  // ``` fence\n  // <!-- hidden -->",
  '  api.accessToken.setCustomClaim("https://u.example.com/roles", [...event.authorization.roles, "admin"]); // [x](https://evil.example) <b>b</b> | cell',
  "};",
  "",
].join("\n");

const change = (type: string, name: string, actions: string[], before: any, after: any): ResourceChange => ({
  address: `${type}.${name}`,
  mode: "managed",
  type,
  name,
  change: { actions, before, after },
});

const auth0: TerraformPlan = {
  resource_changes: [
    change(
      "auth0_action",
      "add-roles",
      ["update"],
      { name: "add-roles", code: BEFORE, supported_triggers: [{ id: "post-login", version: "v3" }] },
      { name: "add-roles", code: AFTER, supported_triggers: [{ id: "post-login", version: "v3" }] },
    ),
    change("auth0_action", "gone", ["delete"], { name: "gone", code: "x", supported_triggers: [{ id: "post-login" }] }, null),
    change(
      "auth0_trigger_actions",
      "login",
      ["update"],
      {
        trigger: "post-login",
        actions: [
          { id: "a1", display_name: "add-roles" },
          { id: "a2", display_name: "gone" },
        ],
      },
      { trigger: "post-login", actions: [{ id: "a1", display_name: "add-roles" }] },
    ),
  ],
};

function review(): Review {
  return {
    base: { ref: "main", commit: "0123456789abcdef0123" },
    head: "fedcba9",
    uncommitted: [],
    consequences: consequences({ auth0 }),
    access: { changes: [], matrix: "" },
    plans: [{ title: "Plan of the change (offline)", how: "How.", notes: [], stacks: [{ stack: "auth0", lines: resourceLines(auth0, new Map()) }] }],
  };
}

it("flags the Action's new code, its deletion and what its trigger runs now, first", () => {
  expect(consequences({ auth0 })).toEqual([
    "**The Action `add-roles` runs new code** at `post-login` once deployed: it decides what the tokens it runs for carry, or whether they are issued (its diff is under the auth0 plan).",
    "**The Action `gone` is deleted**: `post-login` no longer runs it.",
    "**What runs at `post-login` changes**: `add-roles`, `gone` becomes `add-roles`, in this order.",
  ]);
});

it("shows the code's diff, deployed against this change, as a diff block that shows every line as it is", () => {
  const [line] = resourceLines(auth0, new Map()).filter((l) => l.address === "auth0_action.add-roles");
  expect(line.changes).toEqual(["code"]);
  expect(line.codeDiff!.split("\n").slice(0, 3)).toEqual(["--- deployed", "+++ this change", "@@ -1,3 +1,5 @@"]);
  expect(line.codeDiff).toContain('-  api.accessToken.setCustomClaim("https://u.example.com/roles", event.authorization.roles);');
  expect(line.codeDiff).toContain("+  // <!-- hidden -->");
  const markdown = reviewMarkdown(review());
  const view = rendered(markdown);
  expect(view.headings).toEqual([
    "Review of fedcba9 against main (0123456789ab)",
    "Look at these first",
    "Access",
    "Plan of the change (offline)",
    "auth0",
  ]);
  expect(view.html).toEqual([REVIEW_MARKER, "<details><summary>Who can call what now (measured by the emulator)</summary>", "</details>"]);
  expect(view.links).toBe(0);
  expect(view.texts).toContain(`${line.codeDiff}\n`.replace(/\s+/g, " "));
  for (const text of AFTER.split("\n").filter(Boolean)) expect([text, shows(view, text)]).toEqual([text, true]);
  expect(markdown).toContain("````diff\n--- deployed");
  // A deleted Action: its code shows as removed.
  expect(resourceLines(auth0, new Map()).find((l) => l.address === "auth0_action.gone")!.codeDiff).toContain("-x");
});
