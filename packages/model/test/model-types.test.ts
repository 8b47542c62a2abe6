// What the editor says about a model file: each mistake below must fail `tsc` at the line
// that makes it, with TypeScript's message naming what would be right; the correct model
// must compile. Fixture models only (written to a folder of the test's own).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const PACKAGE = join(__dirname, "..");
const TSC = join(require.resolve("typescript/package.json"), "..", "bin", "tsc");

/** A small valid model; each case replaces one line of it. */
const LINES = [
  `import { defineAccessModel } from ${JSON.stringify(join(PACKAGE, "src"))};`,
  "export default defineAccessModel({",
  '  tenant: { domain: "types.eu.auth0.com" },',
  '  api: { name: "Types API", identifier: "https://types.example.test" },',
  '  permissions: [{ name: "read:thing", description: "Read" }, { name: "write:thing", description: "Write" }],',
  '  routes: [{ method: "GET", path: "/thing", handler: "get-thing", scopes: ["read:thing"] }],',
  '  roles: [{ name: "reader", permissions: ["read:thing"] }],',
  '  clients: [{ name: "sync", description: "Syncs things", permissions: ["write:thing"] }],',
  '  spa: { name: "Types SPA", callbackUrls: ["http://localhost:3000"], logoutUrls: [], webOrigins: ["http://localhost:3000"] },',
  '  users: [{ email: "reader@example.test", roles: ["reader"] }],',
  "  stage: { logRetentionDays: 30 },",
  "});",
];
const lineOf = (prefix: string) => LINES.findIndex((l) => l.startsWith(prefix));

const CASES: [name: string, line: number, replacement: string, message: RegExp][] = [
  [
    "a lower-case method",
    lineOf("  routes:"),
    LINES[lineOf("  routes:")].replace('"GET"', '"get"'),
    /Type '"get"' is not assignable to type '.*"GET".*'/,
  ],
  ["an unknown method", lineOf("  routes:"), LINES[lineOf("  routes:")].replace('"GET"', '"FETCH"'), /Type '"FETCH"' is not assignable/],
  [
    "a route scope that is no permission",
    lineOf("  routes:"),
    LINES[lineOf("  routes:")].replace('["read:thing"]', '["read:things"]'),
    /Type '"read:things"' is not assignable to type '"read:thing" \| "write:thing"'/,
  ],
  [
    "a role permission that is no permission",
    lineOf("  roles:"),
    LINES[lineOf("  roles:")].replace('["read:thing"]', '["reed:thing"]'),
    /Type '"reed:thing"' is not assignable to type '"read:thing" \| "write:thing"'/,
  ],
  [
    "a client permission that is no permission",
    lineOf("  clients:"),
    LINES[lineOf("  clients:")].replace('["write:thing"]', '["write"]'),
    /Type '"write"' is not assignable to type '"read:thing" \| "write:thing"'/,
  ],
  [
    "a user role that is no role",
    lineOf("  users:"),
    LINES[lineOf("  users:")].replace('["reader"]', '["readers"]'),
    /Type '"readers"' is not assignable to type '"reader"'/,
  ],
  [
    "a retention CloudWatch does not offer",
    lineOf("  stage:"),
    "  stage: { logRetentionDays: 31 },",
    /Type '31' is not assignable to type '1 \| 3 \| 5/,
  ],
  ["a misspelt field", lineOf("  routes:"), LINES[lineOf("  routes:")].replace("scopes:", "scope:"), /'scope' does not exist in type/],
];

let work: string;
let output = "";
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "model-types-"));
  const files = ["valid.ts", ...CASES.map((_, i) => `case-${i}.ts`)];
  writeFileSync(join(work, "valid.ts"), LINES.join("\n"));
  for (const [i, [, line, replacement]] of CASES.entries()) {
    writeFileSync(join(work, `case-${i}.ts`), LINES.map((l, n) => (n === line ? replacement : l)).join("\n"));
  }
  writeFileSync(
    join(work, "tsconfig.json"),
    JSON.stringify({
      extends: join(PACKAGE, "..", "tsconfig.base.json"),
      compilerOptions: {
        composite: false,
        noEmit: true,
        types: ["node"],
        typeRoots: [join(require.resolve("@types/node/package.json"), "..", "..")],
      },
      files,
      include: [],
    }),
  );
  output = spawnSync(TSC, ["-p", join(work, "tsconfig.json"), "--pretty", "false"], { encoding: "utf8", timeout: 60_000 }).stdout;
}, 60_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const errorsOf = (file: string) => output.split("\n").filter((l) => l.startsWith(`${file}(`) || l.includes(`/${file}(`));

it("compiles the correct model", () => {
  expect(errorsOf("valid.ts")).toEqual([]);
});

it.each(CASES.map((c, i) => [c[0], i, c[1], c[3]] as const))("refuses %s at its line", (_name, i, line, message) => {
  const errors = errorsOf(`case-${i}.ts`);
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(new RegExp(`case-${i}\\.ts\\(${line + 1},\\d+\\): error TS\\d+: `));
  expect(errors[0]).toMatch(message);
});
