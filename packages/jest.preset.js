/**
 * The toolkit packages' Jest settings: TypeScript transformed by SWC (the type check is `tsc`'s),
 * and the ES-module-only dependencies turned into CommonJS for Jest's runtime.
 */
const { mkdirSync } = require("node:fs");
const { join } = require("node:path");

// @swc/core keeps its native binary in ~/.cache unless told where: in the repository's local folder instead.
process.env.SWC_NATIVE_BINDING_CACHE ??= join(__dirname, "..", ".local", "swc-native");
mkdirSync(process.env.SWC_NATIVE_BINDING_CACHE, { recursive: true, mode: 0o700 });

const ESM_ONLY = "jose|openid-client|oauth4webapi";
module.exports = {
  testEnvironment: "node",
  transform: {
    "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } }],
    [`/node_modules/(${ESM_ONLY})/.+\\.js$`]: ["@swc/jest", { jsc: { target: "es2022" }, module: { type: "commonjs" } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY})/)`],
  // Many suites start servers or processes in a hook; Jest's default 5 s per test and hook fails
  // them on a loaded machine (issue #26). A suite that needs longer says so itself.
  testTimeout: 30_000,
  // Jest defaults to cores - 1 workers: on a 2-core machine that is one, and half the speed.
  maxWorkers: "100%",
  // A snapshot that is missing fails instead of being written silently on CI.
  ci: process.env.CI === "true" || process.env.CI === "1",
};
