// The local providers' executable (copied to bundle/local-provider.js by bundle-provider.js):
// runs the bundled stand-ins with V8's code cache kept beside them.
// terraform starts each provider several times per command, and compiling the bundle is a
// good part of every start. V8 checks a cache against the source's length only, so the cache
// is named by the bundle's content hash: a rebuilt bundle never runs another one's code.

const { createHash } = require("node:crypto");
const { readFileSync, renameSync, writeFileSync } = require("node:fs");
const Module = require("node:module");
const { join } = require("node:path");
const vm = require("node:vm");

const impl = join(__dirname, "local-provider.impl.js");
const source = readFileSync(impl, "utf8");
const cacheFile = join(__dirname, `local-provider.impl.${createHash("sha256").update(source).digest("hex").slice(0, 16)}.v8-cache`);
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const script = new vm.Script(Module.wrap(source), { filename: impl, cachedData });
const bundle = new Module(impl, module);
bundle.filename = impl;
bundle.paths = Module._nodeModulePaths(__dirname);
bundle.loaded = true;
script.runInThisContext().call(bundle.exports, bundle.exports, Module.createRequire(impl), bundle, impl, __dirname);

if (cachedData === undefined || script.cachedDataRejected) {
  // Right away, with what the module's top level compiled: terraform kills a provider as soon
  // as it has its schema. Renamed into place, since providers start in parallel.
  const partial = `${cacheFile}.${process.pid}`;
  try {
    writeFileSync(partial, script.createCachedData());
    renameSync(partial, cacheFile);
  } catch {
    // A cache is an optimisation only.
  }
}
