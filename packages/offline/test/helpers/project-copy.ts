// A fixture project: what `apigw-offline init` writes (the template: main.ts, the stacks,
// cdktf.json…), with a fixture model and its handlers in place of the template's, and the
// repository's node_modules (where the packages are linked). For tests of the commands (synth,
// start, local, review), which run in it as in a user's project and never read the user's.
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { modelFileSource } from "@apigw-auth0-rbac/model";
import { scaffoldProject } from "../../src/commands/init";

/** The repository's node_modules, where npm links the packages. */
export const REPOSITORY_MODULES = join(__dirname, "..", "..", "..", "..", "node_modules");

export interface ProjectCopy {
  readonly dir: string;
  /** Replaces the project's access-model.ts. */
  writeModel(model: unknown): void;
  dispose(): void;
}

export function projectCopy(options: { readonly model: unknown; readonly lambdaSrc: string; readonly prefix?: string }): ProjectCopy {
  const dir = mkdtempSync(join(tmpdir(), options.prefix ?? "fixture-project-"));
  scaffoldProject(dir);
  for (const own of ["lambda-src", join("__tests__", "handlers.test.ts")]) rmSync(join(dir, own), { recursive: true, force: true });
  cpSync(options.lambdaSrc, join(dir, "lambda-src"), { recursive: true });
  symlinkSync(REPOSITORY_MODULES, join(dir, "node_modules"));
  const writeModel = (model: unknown) => writeFileSync(join(dir, "access-model.ts"), modelFileSource(model));
  writeModel(options.model);
  return { dir, writeModel, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
