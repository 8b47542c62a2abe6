/** Tests are TypeScript transformed by SWC (no type check here: `tsc` runs before jest in `npm test`). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } }],
    // jose 6 and openid-client 6 (with oauth4webapi) ship ES modules only; Node 20's jest
    // runtime needs CommonJS.
    "/node_modules/(jose|openid-client|oauth4webapi)/.+\\.js$": ["@swc/jest", { jsc: { target: "es2022" }, module: { type: "commonjs" } }],
  },
  transformIgnorePatterns: ["/node_modules/(?!(jose|openid-client|oauth4webapi)/)"],
  // Jest defaults to cores - 1 workers: on a 2-core machine that is one, and half the speed.
  maxWorkers: "100%",
  reporters: ["default", "<rootDir>/__tests__/helpers/summary-reporter.js"],
  setupFilesAfterEnv: ["<rootDir>/__tests__/setup.ts"],
  snapshotSerializers: [],
  // A snapshot that is missing fails instead of being written silently on CI.
  ci: process.env.CI === "true" || process.env.CI === "1",
};
