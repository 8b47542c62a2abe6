/** The constructs' tests: each construct synthesized alone, with cdktf's Testing helpers. */
module.exports = { ...require("../jest.preset.js"), roots: ["<rootDir>/test"], testMatch: ["**/*.test.ts"] };
