// `npm run fidelity`: the rule catalogue's coverage per resource type (rules known, how many the
// stand-ins run, the ones they do not and why) and beside it the providers' own tests as our
// suite (cases, runnable, the ones not runnable and why), written to
// docs/FIDELITY.md and to the summary table of this package's README. `--check` writes nothing
// and fails when either is stale.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CATALOGUE } from "../src/catalogue";
import { coverageLines, fidelityMarkdown, standInSummary } from "../src/catalogue/fidelity";
import { suiteReport } from "../test/conformance/provider-tests/figures";
import { PROVIDER_TESTS } from "../test/conformance/provider-tests/index";
import { parseArgs } from "node:util";

const ROOT = join(__dirname, "..");
export const FIDELITY_FILE = join(ROOT, "docs", "FIDELITY.md");
export const SUMMARY_FILE = join(ROOT, "README.md");
const BEGIN = "<!-- fidelity:begin (npm run fidelity writes this table) -->";
const END = "<!-- fidelity:end -->";
/** The providers' own tests as a suite of ours: their figures go beside the catalogue's. */
const SUITE = suiteReport(PROVIDER_TESTS);

/** The document with its summary between the markers replaced by the catalogue's. */
export function withSummary(doc: string): string {
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${BEGIN} … ${END} block`);
  return `${doc.slice(0, start + BEGIN.length)}\n${standInSummary(CATALOGUE, SUITE)}\n${doc.slice(end)}`;
}

/** What `npm run fidelity` would change: the stale files, by name. */
export function staleFiles(): string[] {
  const stale: string[] = [];
  if (readFileSync(FIDELITY_FILE, "utf8") !== fidelityMarkdown(CATALOGUE, SUITE)) stale.push("docs/FIDELITY.md");
  const summary = readFileSync(SUMMARY_FILE, "utf8");
  if (summary !== withSummary(summary)) stale.push("README.md");
  return stale;
}

function main(): void {
  const { values: flags } = parseArgs({
    options: { check: { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } },
  });
  if (flags.help) {
    process.stdout.write(
      "usage: npm run fidelity [-- --check]\n\nThe rule catalogue's coverage per resource type: the real providers' rules known, how many the stand-ins run, the ones they do not and why; beside them the providers' own tests as our suite (cases, runnable); writes docs/FIDELITY.md and the summary table of the README.\n\nflags:\n  --check     write nothing; exit 1 when either document is stale\n  -h, --help  print this help\n",
    );
    return;
  }
  console.log(coverageLines(CATALOGUE, SUITE).join("\n"));
  if (flags.check) {
    const stale = staleFiles();
    if (stale.length) {
      console.error(`stale: ${stale.join(", ")} — run npm run fidelity`);
      process.exit(1);
    }
    return;
  }
  writeFileSync(FIDELITY_FILE, fidelityMarkdown(CATALOGUE, SUITE));
  writeFileSync(SUMMARY_FILE, withSummary(readFileSync(SUMMARY_FILE, "utf8")));
  console.log("wrote docs/FIDELITY.md and the summary table in README.md");
}

if (require.main === module) main();
