// The base commit as a project of its own, apart from the work tree: its files from git,
// the head's node_modules (linked, never installed: the review runs offline and fast), and
// Auth0 bindings generated from the base's own schema.
import { cpSync, existsSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { withoutCredentials } from "./credentials";
import { exec, tail } from "./exec";
import { PROJECT_SETTINGS } from "@apigw-auth0-rbac/model/project";
import { commitHas, exportCommit, fileAt } from "./git";
import type { Note } from "./markdown";

export interface BaseCheckout {
  readonly dir: string;
  /** Said in the review: how the base's checkout differs from a fresh `npm ci` of it. */
  readonly notes: Note[];
}

/** Why the commit holds no project (its cdktf.json and the model file that names), or undefined when it does. */
export function missingProject(root: string, commit: string): string | undefined {
  const config = fileAt(root, commit, "cdktf.json");
  if (config === undefined) return "it has no cdktf.json";
  let modelFile: unknown;
  try {
    modelFile = JSON.parse(config).context?.modelFile;
  } catch {
    return "its cdktf.json is not JSON";
  }
  const model = typeof modelFile === "string" && modelFile !== "" ? modelFile : PROJECT_SETTINGS.modelFile.default;
  return commitHas(root, commit, model) ? undefined : `it has no ${model}`;
}

export async function checkOutBase(root: string, commit: string, dir: string): Promise<BaseCheckout> {
  await exportCommit(root, commit, dir);
  const notes: Note[] = [];
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"), "dir");
  if (readOptional(join(dir, "package-lock.json")) !== readOptional(join(root, "package-lock.json"))) {
    notes.push({
      text: "The base's package-lock.json differs from the head's: the base was synthesized with the head's installed packages, not its own.",
    });
  }
  await generateBindings(root, dir, notes);
  return { dir, notes };
}

const readOptional = (file: string) => (existsSync(file) ? readFileSync(file, "utf8") : undefined);

/**
 * A base from before the packages (its Auth0 bindings generated into .gen/ by its own
 * scripts/generate-auth0-bindings.js) gets them generated; a base on the packages takes them
 * from the installed @apigw-auth0-rbac/constructs, and this does nothing.
 */
async function generateBindings(root: string, dir: string, notes: Note[]): Promise<void> {
  const generator = join(dir, "scripts", "generate-auth0-bindings.js");
  if (!existsSync(generator)) return;
  if (existsSync(join(root, ".gen"))) cpSync(join(root, ".gen"), join(dir, ".gen"), { recursive: true });
  const result = await exec(process.execPath, [generator, "--if-stale"], { cwd: dir, env: withoutCredentials(process.env) });
  if (result.status !== 0) notes.push({ text: "The base's Auth0 bindings could not be generated:", output: tail(result) });
}
