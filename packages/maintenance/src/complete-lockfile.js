#!/usr/bin/env node
// The npm registry this project is built against lacks some platform-specific optional
// packages (e.g. @swc/core-darwin-arm64, @unrs/resolver-binding-win32-x64-msvc). npm then
// leaves them out of package-lock.json, and `npm ci` refuses that lockfile as out of sync.
// This adds the entries npm writes when the registry has them: optional, with os and cpu
// taken from the package name, so `npm ci` skips them on other platforms without fetching.
// Run it after any `npm install` that changes the lockfile: `npm run lock:complete`.

if (process.argv.includes("--help") || process.argv.includes("-h")) {
  process.stdout.write(
    "usage: npm run lock:complete\n\nAfter an npm install that changed package-lock.json: adds the platform packages this registry lacks, so npm ci installs the locked tree.\n\nflags:\n  -h, --help  print this help\n",
  );
  process.exit(0);
}
const fs = require("node:fs");
const path = require("node:path");

// The repository's one lockfile, at the workspace root.
const file = path.join(__dirname, "..", "..", "..", "package-lock.json");
const lock = JSON.parse(fs.readFileSync(file, "utf8"));
const PLATFORM = /-(darwin|linux|win32|android|freebsd|openbsd|netbsd|sunos|aix|openharmony)-([a-z0-9]+)/;

let added = 0;
for (const [where, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    // Resolved the way Node does: next to the dependent, then in each parent node_modules.
    const parts = where ? where.split("/node_modules/") : [];
    const candidates = [];
    for (let i = parts.length; i >= 0; i--)
      candidates.push([...parts.slice(0, i), name].join("/node_modules/").replace(/^(?!node_modules\/)/, "node_modules/"));
    if (candidates.some((c) => lock.packages[c])) continue;
    const platform = PLATFORM.exec(name);
    if (!platform) {
      console.error(
        `complete-lockfile: ${name}@${version} (optional dependency of ${where}) is missing and its platform is not in its name; leaving it`,
      );
      continue;
    }
    lock.packages[`node_modules/${name}`] = { version, optional: true, os: [platform[1]], cpu: [platform[2]] };
    added++;
  }
}
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.error(`complete-lockfile: added ${added} platform-specific optional entr${added === 1 ? "y" : "ies"}`);
