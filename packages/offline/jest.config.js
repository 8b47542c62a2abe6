/** The toolkit's tests, by room (emulator, local cloud, review, adopt, commands, the template's stacks). */
module.exports = {
  ...require("../jest.preset.js"),
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  reporters: ["default", "<rootDir>/test/helpers/summary-reporter.js"],
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
};
