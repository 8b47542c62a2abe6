// Bundles local-providers/ into one prebuilt file (.local/terraform/providers/local-provider.impl.js)
// so terraform, which starts each provider two or three times per command, does not wait
// for TypeScript at every start; local-provider.js beside it (scripts/provider-loader.js) runs
// it with V8's code cache. Rebuilt only when an input's content changed (the record beside
// it: scripts/content-record.js).
//   node scripts/build-local-providers.js [--if-stale]
const { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } = require("node:fs");
const { join, relative } = require("node:path");
const { buildSync } = require("esbuild");
const { hashesOf, inputsCurrent, readRecord, writeRecord } = require("@apigw-auth0-rbac/model/project/content-record");

const ROOT = join(__dirname, "..");
const SRC = join(ROOT, "local-providers");
const OUT_DIR = join(ROOT, ".local", "terraform", "providers");
/** The executable's entry: the loader. */
const BUNDLE = join(OUT_DIR, "local-provider.js");
const IMPL = join(OUT_DIR, "local-provider.impl.js");
const LOADER = join(__dirname, "provider-loader.js");
const RECORD = join(OUT_DIR, "inputs.json");

/** Written beside and renamed, so a terraform run starting a provider now reads the old file or the new one, never half. */
function writeAtomically(file, contents) {
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, contents);
  renameSync(partial, file);
}

function build({ ifStale = false } = {}) {
  if (ifStale && existsSync(BUNDLE) && existsSync(IMPL) && inputsCurrent(ROOT, readRecord(RECORD)?.inputs)) return BUNDLE;
  mkdirSync(OUT_DIR, { recursive: true });
  // Caches of earlier bundles: named by their hash, never used again.
  for (const f of readdirSync(OUT_DIR)) if (f.endsWith(".v8-cache")) rmSync(join(OUT_DIR, f), { force: true });
  const { outputFiles, metafile } = buildSync({
    absWorkingDir: ROOT,
    entryPoints: [join(SRC, "main.ts")],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    minify: true,
    outfile: IMPL,
    legalComments: "none",
    logLevel: "error",
    write: false,
    metafile: true,
  });
  cpSync(join(SRC, "protocol"), join(OUT_DIR, "protocol"), { recursive: true });
  writeAtomically(IMPL, outputFiles[0].contents);
  writeAtomically(BUNDLE, readFileSync(LOADER));
  const protocol = readdirSync(join(SRC, "protocol")).map((f) => relative(ROOT, join(SRC, "protocol", f)));
  const inputs = Object.keys(metafile.inputs).filter((f) => !f.includes("node_modules/"));
  writeRecord(RECORD, { inputs: hashesOf(ROOT, [...inputs, ...protocol, relative(ROOT, __filename), relative(ROOT, LOADER)]) });
  return BUNDLE;
}

module.exports = { build, BUNDLE, OUT_DIR };
if (require.main === module) {
  const started = Date.now();
  build({ ifStale: process.argv.includes("--if-stale") });
  console.error(`build-local-providers: ${BUNDLE} in ${Date.now() - started} ms`);
}
