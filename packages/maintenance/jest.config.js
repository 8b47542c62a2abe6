/** The repository's checks: its documentation, its layering, the seed against the scaffold, packing. */
module.exports = { ...require("../jest.preset.js"), roots: ["<rootDir>/test"], testMatch: ["**/*.test.ts"] };
