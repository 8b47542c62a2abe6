/** Your tests: TypeScript transformed by SWC (`tsc` type-checks them first, in `npm test`). */
const { mkdirSync } = require("node:fs");
const { join } = require("node:path");

// @swc/core keeps its native binary in ~/.cache unless told where: in the project's local folder instead.
process.env.SWC_NATIVE_BINDING_CACHE ??= join(__dirname, ".local", "swc-native");
mkdirSync(process.env.SWC_NATIVE_BINDING_CACHE, { recursive: true, mode: 0o700 });

const ESM_ONLY = "jose|openid-client|oauth4webapi";
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } }],
    // The emulator your tests measure access with uses jose, which ships ES modules only.
    [`/node_modules/(${ESM_ONLY})/.+\\.js$`]: ["@swc/jest", { jsc: { target: "es2022" }, module: { type: "commonjs" } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY})/)`],
  // Measuring your model's access starts the emulator: on a busy machine that takes longer than
  // Jest's default 5 s.
  testTimeout: 30_000,
  // Jest defaults to cores - 1 workers: on a 2-core machine that is one, and half the speed.
  maxWorkers: "100%",
  setupFilesAfterEnv: ["<rootDir>/__tests__/setup.ts"],
  // A snapshot that is missing fails instead of being written silently on CI.
  ci: process.env.CI === "true" || process.env.CI === "1",
};
