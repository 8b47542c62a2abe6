// A generated TypeScript module run as the project would run it: compiled by esbuild (what tsx
// and the handler bundles use) and evaluated here, its imports given by `modules`.
import { transformSync } from "esbuild";

export function evaluateTypeScript(source: string, modules: Readonly<Record<string, unknown>> = {}): Record<string, any> {
  const { code } = transformSync(source, { loader: "ts", format: "cjs", target: "es2022" });
  const module = { exports: {} as Record<string, any> };
  const require = (name: string) => {
    if (!Object.hasOwn(modules, name)) throw new Error(`the module imports ${JSON.stringify(name)}, which the test does not give it`);
    return modules[name];
  };
  new Function("require", "module", "exports", code)(require, module, module.exports);
  return module.exports;
}
