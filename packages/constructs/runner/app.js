#!/usr/bin/env node
// The cdktf.json "app" of an access-model project: `apigw-auth0-rbac-app [main.ts]` runs the
// entry as prebuilt JavaScript (build-app.js), building it first when a source changed.
// `cdktf synth`, `npm run synth`, `npm start` and `npm run local` all come through here.

const { readFileSync, rmSync, writeFileSync } = require("node:fs");
const Module = require("node:module");
const { dirname } = require("node:path");
const vm = require("node:vm");
const { readProject, ProjectError } = require("@apigw-auth0-rbac/model/project");
const { appBundle } = require("./build-app");

/**
 * Runs the bundle as a CommonJS module, with V8's code cache kept beside it: compiling
 * 3 MB of JavaScript is a good part of a synth, and the cache skips it. V8 checks a cache
 * against the source's length only, not its content, so the cache must belong to one
 * bundle: bundles are named by their content hash (build-app.js), and so is the cache.
 */
function runBundle(file) {
  const cacheFile = `${file}.v8-cache`;
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(readFileSync(file, "utf8")), { filename: file, cachedData });
  const bundle = new Module(file, module);
  bundle.filename = file;
  bundle.paths = Module._nodeModulePaths(dirname(file));
  bundle.loaded = true;
  script.runInThisContext().call(bundle.exports, bundle.exports, Module.createRequire(file), bundle, file, dirname(file));
  // After the synth, so the functions it compiled lazily are in the cache too.
  if (cachedData === undefined || script.cachedDataRejected) {
    try {
      writeFileSync(cacheFile, script.createCachedData());
    } catch {
      rmSync(cacheFile, { force: true });
    }
  }
}

async function main() {
  const args = process.argv.slice(2);
  if (args.includes("--help") || args.includes("-h")) {
    process.stdout.write(
      'usage: apigw-auth0-rbac-app [ENTRY]\n\nThe cdktf.json "app": runs ENTRY (default main.ts) as prebuilt JavaScript, bundled into the project\'s local folder and rebuilt when a source changed.\n',
    );
    return;
  }
  const project = readProject(process.cwd());
  const { bundle, record } = await appBundle(project, args[0] ?? "main.ts");
  // The synth records what it was made from: the build's inputs (AccessModelApp).
  process.env.APP_BUILD_RECORD = record;
  runBundle(bundle);
}

main().catch((err) => {
  if (err instanceof ProjectError) console.error(`apigw-auth0-rbac-app: ${err.message}`);
  else console.error(err?.errors ? `the app does not build:\n${err.message}` : err);
  process.exit(1);
});
