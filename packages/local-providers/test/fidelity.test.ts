// docs/FIDELITY.md and the summary of the stand-ins in the README are what the catalogue says:
// a rule added, removed or changed without `npm run fidelity` fails here.
import { CATALOGUE } from "../src/catalogue";
import { coverageOf, fidelityMarkdown } from "../src/catalogue/fidelity";
import { staleFiles } from "../scripts/fidelity";

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
