/** `npm run test:terraform`: the real terraform against the local provider stand-ins. */
const base = require("../../jest.config.js");
module.exports = {
  ...base,
  testMatch: ["**/__tests__/terraform/**/*.terraform.ts"],
  // terraform runs one command at a time per stack; two files in parallel share the CPU fine.
  maxWorkers: 2,
  testTimeout: 60_000,
};
