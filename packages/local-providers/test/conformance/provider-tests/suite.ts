// The providers' own tests through terraform and the stand-ins, as jest tests: one run of every
// case of a provider, then per resource the cases that do not match.
import { writeFileSync } from "node:fs";
import { caseId, resourceOf } from "./figures";
import { AUTH0_PROVIDER_TESTS, AWS_PROVIDER_TESTS } from "./index";
import { mismatch, type Outcome, ProviderTestRun } from "./run";

export function providerTestSuite(provider: "auth0" | "aws"): void {
  const files = provider === "auth0" ? AUTH0_PROVIDER_TESTS : AWS_PROVIDER_TESTS;
  let run: ProviderTestRun;
  let outcomes: Map<string, Outcome>;
  beforeAll(() => {
    run = new ProviderTestRun(provider, files);
    outcomes = run.run();
    // PROVIDER_TESTS_OUT=<folder>: every case's outcome as JSON, for reading what terraform said.
    const out = process.env.PROVIDER_TESTS_OUT;
    if (out) writeFileSync(`${out}/${provider}-outcomes.json`, JSON.stringify(Object.fromEntries(outcomes), null, 1));
  }, 1_800_000);
  afterAll(() => run?.dispose());

  it("attributes every diagnostic to a case", () => {
    expect(run.stray).toEqual([]);
  });

  const all = files.flatMap((file) => file.cases.filter((c) => !c.notRunnable).map((c) => ({ file, c })));
  const resources = [...new Set(all.map(({ file, c }) => resourceOf(file, c)))];
  describe.each(resources)("%s", (resource) => {
    const mine = all.filter(({ file, c }) => resourceOf(file, c) === resource);
    it("matches the real provider on every runnable case: phase and message", () => {
      const wrong = mine.flatMap(({ file, c }) => {
        const why = mismatch(c, outcomes.get(caseId(file, c)));
        return why ? [`${caseId(file, c)}: ${why}`] : [];
      });
      expect(wrong).toEqual([]);
    });
  });
}
