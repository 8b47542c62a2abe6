// The suite's figures, per resource: cases, and the runnable ones among them; `npm
// run fidelity` writes them beside the catalogue's, with the cases not runnable and why.
import type { SuiteReport, SuiteRow } from "../../../src/catalogue/fidelity";
import type { ProviderTestCase, ProviderTestFile } from "./types";

/** A case's id: resource, test and step ("aws_lambda_function/TestAccLambdaFunction_basic#1"). */
export const caseId = (file: ProviderTestFile, c: ProviderTestCase) => `${resourceOf(file, c)}/${c.test}${c.step === undefined ? "" : `#${c.step}`}`;

export const resourceOf = (file: ProviderTestFile, c: ProviderTestCase) => c.resource ?? file.resource;

/** Values grouped by key, keys in the order first seen. */
function grouped<T>(items: readonly T[], key: (t: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return [...groups];
}

export function suiteReport(files: readonly ProviderTestFile[]): SuiteReport {
  const all = files.flatMap((file) => file.cases.map((c) => ({ file, c, resource: resourceOf(file, c), id: caseId(file, c) })));
  const resources: SuiteRow[] = grouped(all, (x) => x.resource).map(([resource, mine]) => {
    const cases = mine.map((x) => x.c);
    const runnable = cases.filter((c) => !c.notRunnable);
    const kind = (k: ProviderTestCase["kind"]) => cases.filter((c) => c.kind === k).length;
    return {
      resource,
      cases: cases.length,
      expectError: kind("expect-error"),
      validator: kind("validator"),
      config: kind("config"),
      runnable: runnable.length,
    };
  });
  const sources = files.map(
    (f) => `${f.resource}: ${f.source.repo} \`${f.source.path}\` @ ${f.source.ref}${f.source.note ? ` (${f.source.note})` : ""}`,
  );
  const notRunnable = grouped(
    all.filter((x) => x.c.notRunnable),
    (x) => x.c.notRunnable!,
  ).map(([why, xs]) => ({ why, ids: xs.map((x) => x.id) }));
  return { resources, sources: [...new Set(sources)], notRunnable };
}
