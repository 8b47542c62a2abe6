// The suite's figures, per resource: cases, runnable, marked for work elsewhere; `npm run
// fidelity` writes them beside the catalogue's, and the cases not runnable with why.
import type { ProviderTestCase, ProviderTestFile } from "./types";

/** A case's id: resource, test and step ("aws_lambda_function/TestAccLambdaFunction_basic#1"). */
export const caseId = (file: ProviderTestFile, c: ProviderTestCase) => `${resourceOf(file, c)}/${c.test}${c.step === undefined ? "" : `#${c.step}`}`;

export const resourceOf = (file: ProviderTestFile, c: ProviderTestCase) => c.resource ?? file.resource;

export interface SuiteFigures {
  readonly resource: string;
  readonly provider: "auth0" | "aws";
  readonly sources: readonly string[];
  readonly cases: number;
  readonly runnable: number;
  /** Runnable and marked: expected not to match until the work they name lands. */
  readonly marked: number;
  /** Runnable and not marked: each matches the real provider, as npm run test:terraform asserts. */
  readonly matching: number;
  readonly byKind: Readonly<Record<ProviderTestCase["kind"], number>>;
}

export function suiteFigures(files: readonly ProviderTestFile[]): SuiteFigures[] {
  const all = files.flatMap((file) => file.cases.map((c) => ({ file, c, resource: resourceOf(file, c) })));
  const resources = [...new Set(all.map((x) => x.resource))];
  return resources.map((resource) => {
    const mineAll = all.filter((x) => x.resource === resource);
    const mine = [...new Set(mineAll.map((x) => x.file))];
    const cases = mineAll.map((x) => x.c);
    const runnable = cases.filter((c) => !c.notRunnable);
    const marked = runnable.filter((c) => c.needs).length;
    const kind = (k: ProviderTestCase["kind"]) => cases.filter((c) => c.kind === k).length;
    return {
      resource,
      provider: mine[0].provider,
      sources: mine.map((f) => `${f.source.repo} ${f.source.path} @ ${f.source.ref}`),
      cases: cases.length,
      runnable: runnable.length,
      marked,
      matching: runnable.length - marked,
      byKind: { "expect-error": kind("expect-error"), validator: kind("validator"), config: kind("config") },
    };
  });
}
