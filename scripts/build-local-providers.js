// Bundles local-providers/ into one prebuilt file (.local/terraform/providers/local-provider.js)
// so terraform, which starts each provider two or three times per command, does not wait
// for TypeScript at every start. Rebuilt only when an input's content changed (the record
// beside it: scripts/content-record.js).
//   node scripts/build-local-providers.js [--if-stale]
const { mkdirSync, cpSync, existsSync, readdirSync, renameSync, writeFileSync } = require("node:fs");
const { join, relative } = require("node:path");
const { buildSync } = require("esbuild");
const { hashesOf, inputsCurrent, readRecord, writeRecord } = require("./content-record");

const ROOT = join(__dirname, "..");
const SRC = join(ROOT, "local-providers");
const OUT_DIR = join(ROOT, ".local", "terraform", "providers");
const BUNDLE = join(OUT_DIR, "local-provider.js");
const RECORD = join(OUT_DIR, "inputs.json");

function build({ ifStale = false } = {}) {
  if (ifStale && existsSync(BUNDLE) && inputsCurrent(ROOT, readRecord(RECORD)?.inputs)) return BUNDLE;
  mkdirSync(OUT_DIR, { recursive: true });
  const { outputFiles, metafile } = buildSync({
    absWorkingDir: ROOT,
    entryPoints: [join(SRC, "main.ts")],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    minify: true,
    outfile: BUNDLE,
    legalComments: "none",
    logLevel: "error",
    write: false,
    metafile: true,
  });
  cpSync(join(SRC, "protocol"), join(OUT_DIR, "protocol"), { recursive: true });
  // Written beside and renamed, so a terraform run of another local folder starting a
  // provider at this moment reads the old bundle or the new one, never half of one.
  const partial = `${BUNDLE}.${process.pid}.partial`;
  writeFileSync(partial, outputFiles[0].contents);
  renameSync(partial, BUNDLE);
  const inputs = Object.keys(metafile.inputs).filter((f) => !f.includes("node_modules/"));
  writeRecord(RECORD, { inputs: hashesOf(ROOT, [...inputs, relative(ROOT, __filename), ...readdirSync(join(SRC, "protocol")).map((f) => relative(ROOT, join(SRC, "protocol", f)))]) });
  return BUNDLE;
}

module.exports = { build, BUNDLE, OUT_DIR };
if (require.main === module) {
  const started = Date.now();
  build({ ifStale: process.argv.includes("--if-stale") });
  console.error(`build-local-providers: ${BUNDLE} in ${Date.now() - started} ms`);
}
