// What a handler's or an Action's file exports, read by esbuild without bundling: the synth
// checks that the export its runtime calls is there before any stack exists.
import { readFileSync } from "node:fs";
import { parse as parseCommonJs } from "cjs-module-lexer";
import { buildSync, transformSync } from "esbuild";

/** The names `entry` exports ("*" for an `export * from`), or why it does not compile (":line:column does not compile: …"). */
export function moduleExports(name: string, entry: string): string[] | string {
  let result: ReturnType<typeof buildSync>;
  try {
    result = buildSync({
      entryPoints: { [name]: entry },
      bundle: false,
      format: "esm",
      write: false,
      metafile: true,
      outdir: "check",
      logLevel: "silent",
    });
  } catch (err) {
    const first = (err as { errors?: { text: string; location?: { line: number; column: number } }[] }).errors?.[0];
    return `${first?.location ? `:${first.location.line}:${first.location.column}` : ""} does not compile: ${first?.text ?? (err as Error).message}`;
  }
  const esm = result.metafile!.outputs[`check/${name}.js`]?.exports ?? [];
  if (/^\s*export\s*\*\s*from/m.test(result.outputFiles?.[0]?.text ?? "")) return [...esm, "*"];
  // esbuild gives a CommonJS file one ES export, its module.exports as "default": read its names as CommonJS, its TypeScript removed first.
  if (esm.length > 1 || (esm.length === 1 && esm[0] !== "default")) return esm;
  const javascript = transformSync(readFileSync(entry, "utf8"), { loader: entry.endsWith(".js") ? "js" : "ts", logLevel: "silent" }).code;
  const commonJs = parseCommonJs(javascript).exports.filter((e) => e !== "__esModule");
  return commonJs.length > 0 ? commonJs : esm;
}
