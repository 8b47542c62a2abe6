/** The browser test: a real Chromium against `npm start`'s system. Run by `npm run test:e2e`. */
module.exports = {
  ...require("../jest.preset.js"),
  roots: ["<rootDir>/e2e"],
  testMatch: ["**/*.e2e.test.ts"],
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
  // One browser, one fixed port (the SPA's registered origin): no parallel files.
  maxWorkers: 1,
  testTimeout: 60_000,
};
