// ACCESS.md with names from outside: a caller or route named with Markdown, HTML, a line break
// or the table's own separators (U+2028, which a regex takes for a line break, too) shows as its text, the table keeps one row per route, and the
// review reads back exactly what was written (no access gained or lost that was not).
import { accessDocument } from "../../src/access/document";
import { accessChanges, accessMarkdown, type AccessMatrix, accessText, parseAccessMarkdown } from "../../src/emulator/access-matrix";
import { rendered, shows } from "../helpers/rendered-markdown";

const CALLERS = [
  "role auditor\n<!--",
  "role a, role b",
  "role x | y",
  "role `z` **w** [l](https://evil.example) <b>h</b>",
  "client c",
  "role\u2028on two lines (U+2028)",
];
const ROUTES = ["GET /a|b", "GET /`x`", "POST /<!--"];

const matrix: AccessMatrix = {
  routes: ROUTES,
  rows: CALLERS.map((caller, i) => ({ caller, routes: Object.fromEntries(ROUTES.map((r, j) => [r, (i + j) % 2 ? "allowed" : "refused"])) })),
};

it("shows every caller and route as its text, one table row per route, and nothing else", () => {
  const view = rendered(accessDocument(matrix));
  expect(view.headings).toEqual(["Who can call what"]);
  expect(view.html).toEqual([]);
  expect(view.links).toBe(0);
  for (const value of [...CALLERS, ...ROUTES]) expect([value, shows(view, value)]).toEqual([value, true]);
});

it("reads back exactly what it wrote, so a review against it sees no change", () => {
  expect(parseAccessMarkdown(accessMarkdown(matrix))).toEqual(matrix);
  expect(accessChanges(parseAccessMarkdown(accessMarkdown(matrix)), matrix)).toEqual([]);
});

it("says the table to a terminal without sending it a name's control characters", () => {
  const text = accessText({ routes: ["GET /a\u001b[2J"], rows: [{ caller: "role r\u009b31m", routes: { "GET /a\u001b[2J": "allowed" } }] });
  expect(text).toContain("GET /a\\x1b[2J  role r\\x9b31m");
  expect(text).not.toMatch(/[^\P{Cc}\n]/u);
});
