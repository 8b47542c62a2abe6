// docs/FIDELITY.md and the summary of the stand-ins in the README are what the catalogue says:
// a rule added, removed or changed without `npm run fidelity` fails here.
import { CATALOGUE } from "../src/catalogue";
import { coverageOf, fidelityMarkdown } from "../src/catalogue/fidelity";
import { staleFiles } from "../scripts/fidelity";
import { suiteReport } from "./conformance/provider-tests/figures";
import { PROVIDER_TESTS } from "./conformance/provider-tests/index";

it("finds docs/FIDELITY.md and the stand-ins' summary up to date (npm run fidelity writes them)", () => {
  expect(staleFiles()).toEqual([]);
});

it("lists every rule of the catalogue, and the ones not run with why", () => {
  const doc = fidelityMarkdown();
  const rows = doc.split("\n").filter((l) => /^\| `[^`]+` \| [a-z-]+ \| (plan|apply) \|/.test(l));
  expect(rows.length).toBe(CATALOGUE.reduce((n, c) => n + c.rules.length, 0));
  const notRun = CATALOGUE.flatMap((c) => coverageOf(c).notRun);
  expect(rows.filter((r) => r.includes("| not run: ")).length).toBe(notRun.length);
});

it("reports the providers' own tests beside the catalogue: every resource the suite tests, the runnable and the listed adding up to the cases", () => {
  const suite = suiteReport(PROVIDER_TESTS);
  const doc = fidelityMarkdown(CATALOGUE, suite);
  for (const row of suite.resources) {
    expect(CATALOGUE.map((c) => c.type)).toContain(row.resource);
    expect(doc).toContain(`| ${row.resource} | `);
  }
  const listed = suite.notRunnable.flatMap((n) => n.ids).length + suite.resources.reduce((n, r) => n + r.runnable, 0);
  expect(listed).toBe(suite.resources.reduce((n, r) => n + r.cases, 0));
});
