// The catalogue as data: every rule has a source, an id of its own and a conformance case, and
// every case a rule, so a rule dropped from the catalogue fails here. The conformance cases
// themselves run through terraform (npm run test:terraform).
import { CATALOGUE, ruleId } from "../src/catalogue";
import { CASES } from "./conformance/cases";
import { instancesOf } from "./conformance/derive";

const ids = CATALOGUE.flatMap((c) => c.rules.map((r) => ruleId(c.type, r)));
/** The rules the stand-ins run: each needs a case; a rule known but not run (notRun) has none. */
const run = CATALOGUE.flatMap((c) => c.rules.filter((r) => !r.notRun).map((r) => ruleId(c.type, r)));

it("gives every rule its own id", () => {
  expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
});

it("names a source for every rule: a provider file and symbol at a version, or a documentation page", () => {
  const unsourced = CATALOGUE.flatMap((c) =>
    c.rules
      .filter((r) => ("doc" in r.source ? !/^https:\/\//.test(r.source.doc) : !(r.source.repo && r.source.path && r.source.symbol && r.source.ref)))
      .map((r) => ruleId(c.type, r)),
  );
  expect(unsourced).toEqual([]);
});

it("has a conformance case for every rule, and a rule for every case", () => {
  expect(run.filter((id) => !(id in CASES))).toEqual([]);
  expect(Object.keys(CASES).filter((id) => !run.includes(id))).toEqual([]);
});

it("turns every case into terraform instances and something terraform must show for its rule", () => {
  const shown = new Set(CATALOGUE.flatMap((c) => instancesOf(c).expectations.map((e) => e.rule)));
  const passOnly = (id: string) => typeof CASES[id] === "object" && !!(CASES[id] as { neverFails?: string }).neverFails;
  expect(run.filter((id) => !shown.has(id) && !passOnly(id))).toEqual([]);
});
