/** The repository's own project deployed with the real terraform, and the packages packed and installed into a new project. */
module.exports = {
  ...require("../jest.preset.js"),
  roots: ["<rootDir>/test/terraform"],
  testMatch: ["**/*.terraform.ts"],
  maxWorkers: 2,
  testTimeout: 120_000,
};
