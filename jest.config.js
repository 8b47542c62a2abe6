/** Tests are TypeScript transformed by SWC (no type check here: `tsc` runs before jest in `npm test`). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": [
      "@swc/jest",
      { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } },
    ],
  },
  setupFilesAfterEnv: ["<rootDir>/__tests__/setup.ts"],
  snapshotSerializers: [],
  // A snapshot that is missing fails instead of being written silently on CI.
  ci: process.env.CI === "true" || process.env.CI === "1",
};
