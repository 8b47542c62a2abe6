// The text of an access-model.ts that declares `model`: how the tests' project copies and the
// benchmarks write a generated or fixture model where the user keeps theirs. No cdktf import.

export function modelFileSource(model: unknown): string {
  return `import { defineAccessModel } from "./model";\n\nexport default defineAccessModel(${JSON.stringify(model, null, 2)});\n`;
}
