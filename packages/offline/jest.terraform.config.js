/** `npm run test:terraform`: the real terraform against the local provider stand-ins. */
module.exports = {
  ...require("../jest.preset.js"),
  roots: ["<rootDir>/test/terraform"],
  testMatch: ["**/*.terraform.ts"],
  reporters: ["default", "<rootDir>/test/helpers/summary-reporter.js"],
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
  // terraform runs one command at a time per stack; two files in parallel share the CPU fine.
  maxWorkers: 2,
  testTimeout: 60_000,
};
