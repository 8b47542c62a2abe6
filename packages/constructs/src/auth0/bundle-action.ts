// esbuild bundling for Auth0 Actions: one CommonJS file per Action, for the Node major of its
// runtime, with the npm packages it declares left to Auth0 to install (external). Not minified:
// the code is what the Auth0 dashboard shows and what the review diffs.
import { relative, resolve } from "node:path";
import { buildSync } from "esbuild";
import { moduleExports } from "../module-exports";

export interface ActionBundle {
  /** The bundled code: what the auth0_action's `code` holds (before terraform's escapes). */
  readonly code: string;
  /** The files it was made from (absolute paths, node_modules aside): the synth's record hashes them. */
  readonly inputs: readonly string[];
}

export interface ActionEntry {
  /** The TypeScript (or JavaScript) file of the Action. */
  readonly entry: string;
  /** npm packages Auth0 installs for it: imported, never bundled. */
  readonly external: readonly string[];
}

/**
 * Bundles `entry` into one CommonJS file for Auth0's `node<nodeMajor>` runtime. Paths in the
 * bundle's comments are relative to `root` (the project), so the same project gives the same
 * code on every machine.
 */
export function bundleAction(action: ActionEntry, nodeMajor: number, root: string): ActionBundle {
  const result = buildSync({
    entryPoints: [resolve(action.entry)],
    absWorkingDir: resolve(root),
    bundle: true,
    platform: "node",
    target: `node${nodeMajor}`,
    format: "cjs",
    // A package and its subpaths ("lodash/fp") are Auth0's to install.
    external: action.external.flatMap((name) => [name, `${name}/*`]),
    write: false,
    legalComments: "none",
    logLevel: "silent",
    metafile: true,
  });
  const inputs = Object.keys(result.metafile!.inputs)
    .filter((f) => !f.includes("node_modules/"))
    .map((f) => resolve(root, f));
  return { code: result.outputFiles[0].text, inputs };
}

/**
 * Auth0 calls the Action's `exports.<exportName>`: a file without it would deploy and fail every
 * login it runs in, and one that does not compile would fail the synth with esbuild's stack. One
 * problem per such file, naming it (relative to `root`) and the fix. An ES module's exports are
 * read by esbuild; a CommonJS file's (`exports.onExecutePostLogin = …`, as the Auth0 editor
 * writes them) by cjs-module-lexer, the lexer Node.js itself reads them with.
 */
export function actionExportProblems(
  actions: readonly { readonly name: string; readonly entry: string; readonly exportName: string }[],
  root = process.cwd(),
): string[] {
  const problems: string[] = [];
  for (const { name, entry, exportName } of actions) {
    const shown = relative(root, entry);
    const found = moduleExports(name, entry);
    if (typeof found === "string") {
      problems.push(`${shown}${found}`);
      continue;
    }
    // `export * from "./impl"` hides its names from this check: give it the benefit of the doubt.
    if (found.includes(exportName) || found.includes("*")) continue;
    problems.push(
      `${shown} exports no "${exportName}" (it exports: ${found.join(", ") || "nothing"}); ` +
        `Auth0 calls exports.${exportName} for the Action ${JSON.stringify(name)}, so add: export const ${exportName} = async (event, api) => { … }`,
    );
  }
  return problems;
}
