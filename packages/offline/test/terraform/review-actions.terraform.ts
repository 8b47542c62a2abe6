// The workflow's review step on a pull request that edits an Action's code: the Action is flagged
// first, its row in the auth0 plan says its code changes, and its code's diff follows the plan,
// as a diff block, exactly the lines the change adds and removes.
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { UNICORN_LAMBDA_SRC, unicornModel } from "../fixtures/unicorn-model";
import { FixtureRepo, git, runStep, workflowStep } from "../helpers/fixture-repo";

const STEP = "Review against the base branch";
const ACTION = [
  "export const onExecutePostLogin = async (event: { authorization?: { roles: string[] } }, api: { accessToken: { setCustomClaim(n: string, v: unknown): void } }) => {",
  '  api.accessToken.setCustomClaim("https://unicorns.example.com/roles", event.authorization?.roles ?? []);',
  "};",
  "",
].join("\n");
const EDITED = ACTION.replace(
  "  api.accessToken",
  '  api.accessToken.setCustomClaim("https://unicorns.example.com/plan", `gold ${"${x}"} \\`\\`\\` %{y}`);\n  api.accessToken',
);

let repo: FixtureRepo;
let markdown: string;

beforeAll(async () => {
  repo = new FixtureRepo(UNICORN_LAMBDA_SRC);
  repo.write(join("actions", "add-roles.ts"), ACTION);
  await repo.writeModel({ ...structuredClone(unicornModel), actions: [{ name: "add-roles", trigger: "post-login" }] });
  repo.commit("an Action", "main");
  repo.write(join("actions", "add-roles.ts"), EDITED).commit("the Action adds a plan claim", "edit-action");
  git(repo.dir, "checkout", "-q", "main");
  const clone = repo.clone("edit-action");
  rmSync(join(clone, "review.md"), { force: true });
  const result = runStep(workflowStep(STEP, "main"), clone, 240_000);
  expect([result.status, result.status === 0 ? "" : result.stderr]).toEqual([0, ""]);
  markdown = readFileSync(join(clone, "review.md"), "utf8");
}, 300_000);
afterAll(() => repo?.dispose());

it("flags the Action's new code first", () => {
  const first = markdown.slice(markdown.indexOf("### Look at these first"), markdown.indexOf("### Access"));
  expect(first).toContain("- ⚠️ **The Action `add-roles` runs new code** at `post-login` once deployed");
});

it("plans an update of the Action's code alone, and shows its diff under the auth0 plan", () => {
  const auth0 = markdown.slice(markdown.indexOf("#### auth0\n"), markdown.indexOf("#### aws\n"));
  expect(auth0).toMatch(/^\| `~ update` \| `auth0_action\.[^`]+` \| `auth0\/action-add-roles\/action` \| `code` \|$/m);
  expect(auth0).toContain("Plan: 0 to add, 1 to change, 0 to destroy.");
  const diff = /^(`{3,})diff\n([\s\S]*?)\n\1$/m.exec(auth0)?.[2];
  expect(diff?.split("\n").filter((l) => /^[-+][^-+]/.test(l))).toEqual([
    '+  api.accessToken.setCustomClaim("https://unicorns.example.com/plan", `gold ${"${x}"} \\`\\`\\` %{y}`);',
  ]);
});
