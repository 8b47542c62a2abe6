// `npm run fidelity`: the rule catalogue's coverage per resource type (rules known, how many the
// stand-ins run, the ones they do not and why), written to docs/FIDELITY.md and to the README's
// summary of the stand-ins. `--check` writes nothing and fails when either is stale.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { coverageLines, fidelityMarkdown, readmeSummary } from "../local-providers/catalogue/fidelity";
import { readCommand } from "./cli";

const ROOT = join(__dirname, "..");
export const FIDELITY_FILE = join(ROOT, "docs", "FIDELITY.md");
export const README_FILE = join(ROOT, "README.md");
const BEGIN = "<!-- fidelity:begin (npm run fidelity writes this table) -->";
const END = "<!-- fidelity:end -->";

/** The README with its summary between the markers replaced by the catalogue's. */
export function readmeWithSummary(readme: string): string {
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${BEGIN} … ${END} block`);
  return `${readme.slice(0, start + BEGIN.length)}\n${readmeSummary()}\n${readme.slice(end)}`;
}

/** What `npm run fidelity` would change: the stale files, by name. */
export function staleFiles(): string[] {
  const stale: string[] = [];
  if (readFileSync(FIDELITY_FILE, "utf8") !== fidelityMarkdown()) stale.push("docs/FIDELITY.md");
  const readme = readFileSync(README_FILE, "utf8");
  if (readme !== readmeWithSummary(readme)) stale.push("README.md");
  return stale;
}

function main(): void {
  const { flags } = readCommand({
    name: "npm run fidelity",
    usage: "[-- --check]",
    summary: "The rule catalogue's coverage per resource type: the real providers' rules known, how many the stand-ins run, the ones they do not and why; writes docs/FIDELITY.md and the summary of the stand-ins.",
    flags: { check: { type: "boolean", default: false, description: "write nothing; exit 1 when either document is stale" } },
  });
  console.log(coverageLines().join("\n"));
  if (flags.check) {
    const stale = staleFiles();
    if (stale.length) {
      console.error(`stale: ${stale.join(", ")} — run npm run fidelity`);
      process.exit(1);
    }
    return;
  }
  writeFileSync(FIDELITY_FILE, fidelityMarkdown());
  writeFileSync(README_FILE, readmeWithSummary(readFileSync(README_FILE, "utf8")));
  console.log("wrote docs/FIDELITY.md and the README's summary of the stand-ins");
}

if (require.main === module) main();
