// Bundles local-providers/ into one prebuilt file (.local/terraform/providers/local-provider.impl.js)
// so terraform, which starts each provider two or three times per command, does not wait
// for TypeScript at every start; local-provider.js beside it (scripts/provider-loader.js) runs
// it with V8's code cache. Rebuilt only when a source is newer than the bundle.
//   node scripts/build-local-providers.js [--if-stale]
const { mkdirSync, statSync, readdirSync, cpSync, existsSync, rmSync } = require("node:fs");
const { join } = require("node:path");
const { buildSync } = require("esbuild");

const ROOT = join(__dirname, "..");
const SRC = join(ROOT, "local-providers");
const OUT_DIR = join(ROOT, ".local", "terraform", "providers");
/** The executable's entry: the loader. */
const BUNDLE = join(OUT_DIR, "local-provider.js");
const IMPL = join(OUT_DIR, "local-provider.impl.js");
const LOADER = join(__dirname, "provider-loader.js");

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

function build({ ifStale = false } = {}) {
  const inputs = Math.max(newest(SRC), statSync(__filename).mtimeMs, statSync(LOADER).mtimeMs);
  if (ifStale && existsSync(BUNDLE) && existsSync(IMPL) && statSync(BUNDLE).mtimeMs >= inputs) return BUNDLE;
  mkdirSync(OUT_DIR, { recursive: true });
  // Caches of earlier bundles: named by their hash, never used again.
  for (const f of readdirSync(OUT_DIR)) if (f.endsWith(".v8-cache")) rmSync(join(OUT_DIR, f), { force: true });
  buildSync({
    entryPoints: [join(SRC, "main.ts")],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    minify: true,
    outfile: IMPL,
    legalComments: "none",
    logLevel: "error",
  });
  cpSync(join(SRC, "protocol"), join(OUT_DIR, "protocol"), { recursive: true });
  // Last: its time stamp says the build is complete.
  cpSync(LOADER, BUNDLE);
  return BUNDLE;
}

module.exports = { build, BUNDLE, OUT_DIR };
if (require.main === module) {
  const started = Date.now();
  build({ ifStale: process.argv.includes("--if-stale") });
  console.error(`build-local-providers: ${BUNDLE} in ${Date.now() - started} ms`);
}
