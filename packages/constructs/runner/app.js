// The cdktf.json "app": runs main.ts as prebuilt JavaScript (scripts/build-app.js), building
// it first when a source changed. `cdktf synth`, `npm run synth`, `npm start` and
// `npm run local` all come through here.
"use strict";
const { readFileSync, rmSync, writeFileSync } = require("node:fs");
const Module = require("node:module");
const { dirname } = require("node:path");
const vm = require("node:vm");
const { appBundle, RECORD } = require("./build-app");

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

appBundle()
  .then((bundle) => {
    // The synth records what it was made from: the build's inputs (stacks/synth-record.ts).
    process.env.APP_BUILD_RECORD = RECORD;
    runBundle(bundle);
  })
  .catch((err) => {
    console.error(err?.errors ? `the app does not build:\n${err.message}` : err);
    process.exit(1);
  });
