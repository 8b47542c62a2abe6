// A worker thread's entry file: the compiled one beside the caller's, or (running from the
// TypeScript sources, as the tests and benchmarks do) the source through tsx, as the project's
// model file is loaded.
import { existsSync } from "node:fs";
import { join } from "node:path";

export function workerEntry(dir: string, name: string): { readonly source: string; readonly eval: boolean } {
  const compiled = join(dir, `${name}.js`);
  if (existsSync(compiled)) return { source: compiled, eval: false };
  const source = join(dir, `${name}.ts`);
  const tsx = require.resolve("tsx/cjs/api");
  return { source: `require(${JSON.stringify(tsx)}).require(${JSON.stringify(source)}, ${JSON.stringify(source)});`, eval: true };
}
