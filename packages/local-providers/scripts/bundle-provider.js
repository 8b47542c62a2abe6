// Bundles the stand-ins (src/main.ts) into one prebuilt file, bundle/local-provider.impl.js, so
// terraform, which starts each provider two or three times per command, does not wait for
// module resolution at every start; bundle/local-provider.js (scripts/provider-loader.js) runs
// it with V8's code cache. Part of the package's build; rebuilt only when an input's content
// changed (the record beside it).
//   node scripts/bundle-provider.js [--if-stale]

const { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } = require("node:fs");
const { join, relative } = require("node:path");
const { buildSync } = require("esbuild");
const { hashesOf, inputsCurrent, readRecord, writeFileAtomically, writeRecord } = require("@apigw-auth0-rbac/model/project");

const PACKAGE = join(__dirname, "..");
const OUT_DIR = join(PACKAGE, "bundle");
/** The executable's entry: the loader. */
const BUNDLE = join(OUT_DIR, "local-provider.js");
const IMPL = join(OUT_DIR, "local-provider.impl.js");
const LOADER = join(__dirname, "provider-loader.js");
const RECORD = join(OUT_DIR, "inputs.json");

function build({ ifStale = false } = {}) {
  if (ifStale && existsSync(BUNDLE) && existsSync(IMPL) && inputsCurrent(PACKAGE, readRecord(RECORD)?.inputs)) return BUNDLE;
  mkdirSync(OUT_DIR, { recursive: true });
  // Caches of earlier bundles: named by their hash, never used again.
  for (const f of readdirSync(OUT_DIR)) if (f.endsWith(".v8-cache")) rmSync(join(OUT_DIR, f), { force: true });
  const { outputFiles, metafile } = buildSync({
    absWorkingDir: PACKAGE,
    entryPoints: [join(PACKAGE, "src", "main.ts")],
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
  // Replaced in place, so a terraform run starting a provider now reads the old file or the new one, never half.
  writeFileAtomically(IMPL, outputFiles[0].contents);
  writeFileAtomically(BUNDLE, readFileSync(LOADER));
  const inputs = Object.keys(metafile.inputs)
    .map((f) => relative(PACKAGE, join(PACKAGE, f)))
    .filter((f) => !f.startsWith("..") && !f.includes("node_modules/"));
  writeRecord(RECORD, { inputs: hashesOf(PACKAGE, [...inputs, relative(PACKAGE, __filename), relative(PACKAGE, LOADER)]) });
  return BUNDLE;
}

const started = Date.now();
build({ ifStale: process.argv.includes("--if-stale") });
console.error(`bundle-provider: ${relative(process.cwd(), BUNDLE)} in ${Date.now() - started} ms`);
