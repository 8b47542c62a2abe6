// A copy of the project holding a fixture model and handlers instead of the user's: for
// tests of the project's commands (synth, start, local, review) that must not read
// access-model.ts or lambda-src/, so that editing them breaks none of these tests.
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { modelFileSource } from "@apigw-auth0-rbac/model";

const ROOT = join(__dirname, "..", "..");
/** What the commands read, besides the model and its handlers. */
const PROJECT_FILES = [
  "main.ts",
  "cdktf.json",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  "model",
  "stacks",
  "constructs",
  "emulator",
  "scripts",
  "local-providers",
  "local-cloud",
  "adopt",
  "review",
  "schema",
  "spa",
  ".gen",
];

export interface ProjectCopy {
  readonly dir: string;
  /** Replaces the copy's access-model.ts. */
  writeModel(model: unknown): void;
  dispose(): void;
}

export { modelFileSource as modelSource } from "@apigw-auth0-rbac/model";

export function projectCopy(options: { readonly model: unknown; readonly lambdaSrc: string; readonly prefix?: string }): ProjectCopy {
  const dir = mkdtempSync(join(tmpdir(), options.prefix ?? "project-copy-"));
  for (const path of PROJECT_FILES) cpSync(join(ROOT, path), join(dir, path), { recursive: true });
  cpSync(options.lambdaSrc, join(dir, "lambda-src"), { recursive: true });
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  const writeModel = (model: unknown) => writeFileSync(join(dir, "access-model.ts"), modelFileSource(model));
  writeModel(options.model);
  return { dir, writeModel, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
