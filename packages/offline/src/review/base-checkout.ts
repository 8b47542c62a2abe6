// The base commit as a project of its own, apart from the work tree: its files from git,
// the head's node_modules (linked, never installed: the review runs offline and fast), and
// Auth0 bindings generated from the base's own schema.
import { cpSync, existsSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { withoutCredentials } from "./credentials";
import { exec, tail } from "./exec";
import { commitHas, exportCommit } from "./git";

/** What a project of ours has at its root: without these there is nothing to synthesize. */
const PROJECT_FILES = ["cdktf.json", "access-model.ts", "main.ts"];

export interface BaseCheckout {
  readonly dir: string;
  /** Said in the review: how the base's checkout differs from a fresh `npm ci` of it. */
  readonly notes: string[];
}

/** Why the commit holds no project, or undefined when it does. */
export function missingProject(root: string, commit: string): string | undefined {
  const missing = PROJECT_FILES.filter((file) => !commitHas(root, commit, file));
  return missing.length ? `it has no ${missing.join(", ")}` : undefined;
}

export async function checkOutBase(root: string, commit: string, dir: string): Promise<BaseCheckout> {
  await exportCommit(root, commit, dir);
  const notes: string[] = [];
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"), "dir");
  if (readOptional(join(dir, "package-lock.json")) !== readOptional(join(root, "package-lock.json"))) {
    notes.push("The base's package-lock.json differs from the head's: the base was synthesized with the head's installed packages, not its own.");
  }
  await generateBindings(root, dir, notes);
  return { dir, notes };
}

const readOptional = (file: string) => (existsSync(file) ? readFileSync(file, "utf8") : undefined);

/**
 * The head's bindings are copied first, so that the base's generator (run with --if-stale)
 * does nothing unless the base pins another schema or generator: then it regenerates them.
 */
async function generateBindings(root: string, dir: string, notes: string[]): Promise<void> {
  if (existsSync(join(root, ".gen"))) cpSync(join(root, ".gen"), join(dir, ".gen"), { recursive: true });
  const generator = join(dir, "scripts", "generate-auth0-bindings.js");
  if (!existsSync(generator)) return;
  const result = await exec(process.execPath, [generator, "--if-stale"], { cwd: dir, env: withoutCredentials(process.env) });
  if (result.status !== 0) notes.push(`The base's Auth0 bindings could not be generated:\n\n\`\`\`\n${tail(result)}\n\`\`\``);
}
