// `npm run docs`: writes the documents generated from the code (docs/MODEL.md from the
// model's schema), so none can drift from what is checked. `--check` changes nothing and
// exits 1 naming each document that is stale (what the tests run).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { modelReference } from "./model-reference";

const ROOT = join(__dirname, "..");
/** Each generated document and what writes it. */
export const GENERATED: Readonly<Record<string, () => string>> = {
  "docs/MODEL.md": modelReference,
};

/** The generated documents whose committed text is not what the code writes now. */
export function staleDocuments(root = ROOT): string[] {
  return Object.entries(GENERATED)
    .filter(([file, write]) => {
      try {
        return readFileSync(join(root, file), "utf8") !== write();
      } catch {
        return true;
      }
    })
    .map(([file]) => file);
}

function main(): void {
  const { values } = parseArgs({ options: { check: { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } } });
  if (values.help) {
    process.stdout.write(
      "usage: npm run docs [-- --check]\n\nWrites the documents generated from the code: docs/MODEL.md (the model reference, from its schema).\n\nflags:\n  --check     write nothing; exit 1 naming each stale document\n  -h, --help  print this help\n",
    );
    return;
  }
  if (values.check) {
    const stale = staleDocuments();
    for (const file of stale) process.stderr.write(`${file} is stale: run npm run docs\n`);
    process.exit(stale.length ? 1 : 0);
  }
  for (const [file, write] of Object.entries(GENERATED)) {
    writeFileSync(join(ROOT, file), write());
    process.stderr.write(`wrote ${file}\n`);
  }
}

if (require.main === module) main();
