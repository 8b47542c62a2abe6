/** The model package's tests: the model, its validation and the project's settings. */
module.exports = { ...require("../jest.preset.js"), roots: ["<rootDir>/test"], testMatch: ["**/*.test.ts"] };
