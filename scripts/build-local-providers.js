// Bundles local-providers/ into one prebuilt file (.local/terraform/providers/local-provider.js)
// so terraform, which starts each provider two or three times per command, does not wait
// for TypeScript at every start. Rebuilt only when a source is newer than the bundle.
//   node scripts/build-local-providers.js [--if-stale]
const { mkdirSync, statSync, readdirSync, cpSync, existsSync, renameSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");
const { buildSync } = require("esbuild");

const ROOT = join(__dirname, "..");
const SRC = join(ROOT, "local-providers");
const OUT_DIR = join(ROOT, ".local", "terraform", "providers");
const BUNDLE = join(OUT_DIR, "local-provider.js");

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

function build({ ifStale = false } = {}) {
  if (ifStale && existsSync(BUNDLE) && statSync(BUNDLE).mtimeMs >= Math.max(newest(SRC), statSync(__filename).mtimeMs)) return BUNDLE;
  mkdirSync(OUT_DIR, { recursive: true });
  const { outputFiles } = buildSync({
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
  });
  cpSync(join(SRC, "protocol"), join(OUT_DIR, "protocol"), { recursive: true });
  // Written beside and renamed, so a terraform run of another local folder starting a
  // provider at this moment reads the old bundle or the new one, never half of one.
  const partial = `${BUNDLE}.${process.pid}.partial`;
  writeFileSync(partial, outputFiles[0].contents);
  renameSync(partial, BUNDLE);
  return BUNDLE;
}

module.exports = { build, BUNDLE, OUT_DIR };
if (require.main === module) {
  const started = Date.now();
  build({ ifStale: process.argv.includes("--if-stale") });
  console.error(`build-local-providers: ${BUNDLE} in ${Date.now() - started} ms`);
}
