/** The stand-ins' tests: the rule catalogue, its sources and the service APIs. */
module.exports = { ...require("../jest.preset.js"), roots: ["<rootDir>/test"], testMatch: ["**/*.test.ts"] };
