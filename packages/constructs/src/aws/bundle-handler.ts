// esbuild bundling for Lambda handlers: one minified CommonJS file per handler, zipped
// deterministically, with its source map beside the archive for the emulator's stack traces.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { buildSync, type Metafile } from "esbuild";
import { zipSync } from "fflate";
import { DEFAULTS, SOURCE_MAP_FILE } from "@apigw-auth0-rbac/model";
import { moduleExports } from "../module-exports";
import { writeFileAtomically } from "@apigw-auth0-rbac/model/project";

export interface HandlerBundle {
  /** `archive.zip` holding only `index.js`: what Lambda receives. */
  readonly archive: string;
  /**
   * `index.js.map` beside the archive (never in it), naming the TypeScript sources by their
   * absolute paths: the emulator's runtime maps a handler's stack traces with it.
   */
  readonly sourceMap: string;
  /** base64 SHA-256 of the bundled code: changes exactly when the deployed code would. */
  readonly sha256: string;
  /** The files the bundle was made from (absolute paths, node_modules aside): the synth's record hashes them. */
  readonly inputs: readonly string[];
}

/** A fixed modification time, so the same code always gives a byte-identical archive. */
const FIXED_MTIME = new Date("2020-01-01T00:00:00Z");

/**
 * Bundles `entry` (TypeScript) into one minified CommonJS file for the Lambda Node.js
 * runtime and zips it. The handlers use no AWS SDK, so nothing is external and no
 * node_modules ship. Zipping here (not with cdktf's ARCHIVE assets, which spawn a process
 * per asset) keeps synth fast and the archive deterministic.
 * Output goes to `<outRoot>/<hash>/archive.zip` (and its map beside it): content-addressed,
 * so parallel synths never write over each other.
 */
export function bundleHandler(entry: string, outRoot: string, nodeMajor = 22): HandlerBundle {
  return bundleHandlers({ entry }, outRoot, nodeMajor).get("entry")!;
}

/**
 * `bundleHandler` for several entries (by name) in one esbuild run, and one more to check
 * their exports: each esbuild call costs more than the bundling of a small handler.
 * Each output is the same as a bundle of that entry alone (no code splitting).
 */
export function bundleHandlers(entries: Readonly<Record<string, string>>, outRoot: string, nodeMajor = 22): Map<string, HandlerBundle> {
  const bundles = new Map<string, HandlerBundle>();
  if (Object.keys(entries).length === 0) return bundles;
  const problems = handlerExportProblems(entries);
  if (problems.length > 0) throw new Error(problems.join("\n"));
  const result = buildSync({
    entryPoints: entries,
    bundle: true,
    minify: true,
    platform: "node",
    target: `node${nodeMajor}`,
    format: "cjs",
    write: false,
    outdir: "out",
    legalComments: "none",
    // "external": the map is written apart and the code carries no comment pointing to it,
    // so the archive holds exactly the code it would without a map.
    sourcemap: "external",
    logLevel: "silent",
    metafile: true,
  });
  // An entry named `name` is written to out/<name>.js, its map to out/<name>.js.map.
  const output = (path: string) => result.outputFiles.find((f) => f.path === join(process.cwd(), "out", path));
  for (const [name, entry] of Object.entries(entries)) {
    const [file, map] = [output(`${name}.js`), output(`${name}.js.map`)];
    if (!file || !map) throw new Error(`esbuild wrote no bundle for ${entry}`);
    const archive = archiveOf(file.contents, absoluteSources(map.text, join(process.cwd(), "out")), outRoot);
    bundles.set(name, { ...archive, inputs: inputsOf(result.metafile!, `out/${name}.js`) });
  }
  return bundles;
}

/** The map's sources as absolute paths: the map lives apart from where esbuild imagined its output. */
function absoluteSources(mapText: string, outdir: string): string {
  const map = JSON.parse(mapText) as { sources: string[] };
  return JSON.stringify({ ...map, sources: map.sources.map((s) => resolve(outdir, s)) });
}

/** What esbuild read for one output, as absolute paths, node_modules aside (package-lock.json stands for them). */
function inputsOf(metafile: Metafile, output: string): string[] {
  return Object.keys(metafile.outputs[output]?.inputs ?? {})
    .filter((f) => !f.includes("node_modules/"))
    .map((f) => resolve(process.cwd(), f));
}

function archiveOf(code: Uint8Array, sourceMap: string, outRoot: string): Omit<HandlerBundle, "inputs"> {
  const digest = createHash("sha256").update(code).digest();
  const dir = join(outRoot, digest.toString("hex").slice(0, 16));
  const archive = join(dir, "archive.zip");
  const map = join(dir, SOURCE_MAP_FILE);
  mkdirSync(dir, { recursive: true });
  if (!existsSync(archive)) writeFileAtomically(archive, zipSync({ "index.js": [code, { mtime: FIXED_MTIME, level: 9 }] }), { fsync: false });
  if (!existsSync(map)) writeFileAtomically(map, sourceMap, { fsync: false });
  return { archive, sourceMap: map, sha256: digest.toString("base64") };
}

/**
 * The Lambda runtime calls `index.<exportName>`: a file without that export would deploy and
 * fail at its first invocation, and one that does not compile would fail the synth with
 * esbuild's stack. One problem per such file, naming it (relative to `root`) and the fix.
 */
export function handlerExportProblems(
  entries: Readonly<Record<string, string>>,
  root = process.cwd(),
  exportName: string = DEFAULTS.handlerExport,
): string[] {
  const problems: string[] = [];
  for (const [name, entry] of Object.entries(entries)) {
    const shown = relative(root, entry);
    const exports = moduleExports(name, entry);
    if (typeof exports === "string") {
      problems.push(`${shown}${exports}`);
      continue;
    }
    // `export * from "./impl"` hides its names from this check: give it the benefit of the doubt.
    if (exports.includes(exportName) || exports.includes("*")) continue;
    problems.push(
      `${shown} exports no "${exportName}" (it exports: ${exports.join(", ") || "nothing"}); ` +
        `the Lambda runtime calls index.${exportName}, so add: export const ${exportName} = async (event) => { … }`,
    );
  }
  return problems;
}
