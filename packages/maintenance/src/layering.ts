// The packages' layering, as rules over what each file imports: the model knows nothing of the
// toolkit, the toolkit and the stand-ins know nothing of cdktf or the constructs (cdktf is
// archived upstream: they must outlive it), no library imports a command, and no source of a
// published package climbs out of it. Each import is read from the source text; each finding names the file,
// the import and the rule.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

export interface Rule {
  readonly name: string;
  /** The files it applies to: paths relative to the packages folder, with "/". */
  readonly files: RegExp;
  /** The imports it refuses (the specifier as written). */
  readonly refuses: RegExp;
  /** Why, said with each finding. */
  readonly why: string;
}

const CDKTF = /^(cdktf|cdktn|constructs|@cdktf\/|@cdktn\/|@apigw-auth0-rbac\/constructs)(\/|$)/;

export const RULES: readonly Rule[] = [
  {
    name: "the model is the toolkit's base",
    files: /^model\/src\//,
    refuses: /^(@apigw-auth0-rbac\/|cdktf|cdktn|constructs|@cdktf\/|@cdktn\/)/,
    why: "the model and its project settings import no other package of ours, and no cdktf",
  },
  {
    name: "the constructs know no toolkit",
    files: /^constructs\/(src|runner)\//,
    refuses: /^@apigw-auth0-rbac\/(offline|local-providers|maintenance)(\/|$)/,
    why: "the library a project deploys with does not depend on the offline toolkit",
  },
  {
    name: "the toolkit outlives cdktf",
    files: /^(offline\/src|local-providers\/src)\//,
    refuses: CDKTF,
    why: "the emulator, the stand-ins, the local cloud, review and adopt import neither cdktf nor the constructs",
  },
  {
    name: "libraries import no command",
    files: /^offline\/src\/(?!commands\/)/,
    refuses: /(^|\/)commands(\/|$)/,
    why: "commands are thin layers over the libraries, never the other way round",
  },
  {
    name: "the stand-ins know no toolkit",
    files: /^local-providers\/src\//,
    refuses: /^@apigw-auth0-rbac\/(offline|constructs|maintenance)(\/|$)/,
    why: "the stand-in providers depend only on the model's project settings and the schemas",
  },
];

export interface Finding {
  readonly file: string;
  readonly specifier: string;
  readonly rule: string;
}

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)["']([^"']+)["']/gm;

/** The import specifiers of a source file's text. */
export function importsOf(text: string): string[] {
  return [...text.matchAll(IMPORT)].map((m) => m[1]);
}

/** `join(__dirname, "..", …)` with literal segments: where each leads, relative to the file's folder. */
function dirnameJoins(text: string): string[] {
  return [...text.matchAll(/\bjoin\(\s*__dirname((?:\s*,\s*"[^"]*")+)\s*\)/g)].map((m) => join(...[...m[1].matchAll(/"([^"]*)"/g)].map((s) => s[1])));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (["node_modules", "dist", "bundle"].includes(name)) return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|js)$/.test(name) && !name.endsWith(".d.ts") ? [path] : [];
  });
}

/** Every import of the packages' sources that breaks a rule, and every path that leaves its package. */
export function layeringFindings(packagesDir: string, rules: readonly Rule[] = RULES): Finding[] {
  const findings: Finding[] = [];
  for (const path of sourceFiles(packagesDir)) {
    const file = relative(packagesDir, path).split(sep).join("/");
    // The repository's own tooling (maintenance) is about the repository: it may read it.
    if (!/^(?!maintenance\/)[^/]+\/(src|runner|scripts)\//.test(file) || /\/(auth0-provider|protocol-types)\//.test(file)) continue;
    const text = readFileSync(path, "utf8");
    const own = join(packagesDir, file.split("/")[0]);
    for (const specifier of importsOf(text)) {
      for (const rule of rules) if (rule.files.test(file) && rule.refuses.test(specifier)) findings.push({ file, specifier, rule: rule.name });
      if (specifier.startsWith(".") && !inside(own, resolve(dirname(path), specifier)))
        findings.push({ file, specifier, rule: "no source leaves its package" });
    }
    for (const target of dirnameJoins(text)) {
      if (!inside(own, resolve(dirname(path), target)))
        findings.push({ file, specifier: `join(__dirname, ${JSON.stringify(target)})`, rule: "no source leaves its package" });
    }
  }
  return findings;
}

const inside = (dir: string, path: string) => !relative(dir, path).startsWith("..");
