// The text of an access model file that declares `model`: how the toolkit's fixture projects,
// the scaffold and the benchmarks write a generated or fixture model where a user keeps theirs.

/** The package a model file imports `defineAccessModel` from. */
export const MODEL_PACKAGE = "@apigw-auth0-rbac/model";

export function modelFileSource(model: unknown): string {
  return `import { defineAccessModel } from "${MODEL_PACKAGE}";\n\nexport default defineAccessModel(${JSON.stringify(model, null, 2)});\n`;
}
