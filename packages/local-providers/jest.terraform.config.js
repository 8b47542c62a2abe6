/** `npm run test:terraform`: the providers' rule catalogue, case by case, through the real terraform and the stand-ins. */
module.exports = {
  ...require("../jest.preset.js"),
  roots: ["<rootDir>/test/terraform"],
  testMatch: ["**/*.terraform.ts"],
  // terraform runs one command at a time per stack; two files in parallel share the CPU fine.
  maxWorkers: 2,
  testTimeout: 60_000,
};
