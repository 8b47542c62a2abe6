// The text of an access model file that declares `model`: how the toolkit's fixture projects,
// the scaffold, the benchmarks and npm run adopt write a generated or fixture model where a user
// keeps theirs. The model is written as a literal (text/typescript.ts): a name in it stays a value.
import { typescriptLiteral } from "./text/typescript";

/** The package a model file imports `defineAccessModel` from. */
export const MODEL_PACKAGE = "@apigw-auth0-rbac/model";

export function modelFileSource(model: unknown): string {
  return `import { defineAccessModel } from "${MODEL_PACKAGE}";\n\nexport default defineAccessModel(${typescriptLiteral(model)});\n`;
}
