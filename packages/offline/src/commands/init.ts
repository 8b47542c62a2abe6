// `apigw-offline init [DIR]`: a new project from the template in this package: the model, main.ts,
// the two stacks, one handler, its tests, cdktf.json, package.json. Written whole or not at all,
// and never over a file that exists.
import { randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { writeFilesTogether } from "@apigw-auth0-rbac/model/project";
import { basename, join, relative, resolve, sep } from "node:path";
import { readCommand } from "./cli";
import { CommandError, type ProjectlessCommand } from "./command";

/** The template's files, in this package (src/commands/ and dist/commands/ are both two levels down). */
const TEMPLATE = join(__dirname, "..", "..", "template");
/** Template files and folders whose name in the project differs: npm pack leaves out `.gitignore`, and a folder that is a package's own configuration is kept apart. */
const RENAMED: Readonly<Record<string, string>> = { gitignore: ".gitignore", "package.template.json": "package.json", github: ".github" };

export const INIT: ProjectlessCommand = {
  name: "apigw-offline init",
  projectless: true,
  summary: "a new project: model, main.ts, stacks, one handler, tests, cdktf.json, package.json",
  async run(cwd, argv) {
    const { positionals } = readCommand(
      {
        name: this.name,
        usage: "[DIR]",
        summary:
          "Writes a new project into DIR (default: here): the model, main.ts, both stacks, one handler, its tests, cdktf.json and package.json. Never overwrites a file: an existing package.json and .gitignore get what they lack, an existing README.md stays.",
        flags: {},
        positionals: { name: "DIR", description: "the project's folder (created when missing; default: the current folder)" },
      },
      argv,
    );
    if (positionals.length > 1) throw new CommandError(`give one folder, not ${positionals.length}`);
    const dir = resolve(cwd, positionals[0] ?? ".");
    const files = scaffoldProject(dir, cwd);
    const shown = relative(cwd, dir) || ".";
    process.stderr.write(
      `wrote a new project into ${shown}: ${files.map((f) => relative(dir, f.path)).join(", ")}\n\n` +
        `next:\n${shown === "." ? "" : `  cd ${shown}\n`}  npm install\n  npm test        # the first run writes ACCESS.md and the snapshots: review and commit them\n  npm start\n`,
    );
  },
};

/**
 * Writes the template into `dir` (all files or none) and returns them; refuses, writing
 * nothing, when any file of the project's own exists. A package.json and a .gitignore that exist
 * (`npm init -y`, `npm install -D @apigw-auth0-rbac/offline`) get the entries they lack, and an
 * existing README.md is left as it is.
 */
export function scaffoldProject(dir: string, shownFrom = dir): ProjectFile[] {
  const files = templateFiles(dir).flatMap((f): ProjectFile[] => {
    if (!existsSync(f.path)) return [f];
    const name = basename(f.path);
    if (name === "package.json") return [{ path: f.path, contents: mergedPackageJson(readFileSync(f.path, "utf8"), f.contents) }];
    if (name === ".gitignore") return [{ path: f.path, contents: mergedLines(readFileSync(f.path, "utf8"), f.contents) }];
    if (name === "README.md") return [];
    return [f];
  });
  const existing = files
    .filter((f) => existsSync(f.path) && ![".gitignore", "package.json"].includes(basename(f.path)))
    .map((f) => relative(shownFrom, f.path) || f.path);
  if (existing.length) {
    throw new CommandError(
      `${existing.join(", ")} ${existing.length === 1 ? "exists" : "exist"}: init writes a new project and never overwrites; use an empty folder`,
    );
  }
  writeFilesTogether(files);
  return files;
}

/**
 * The project's package.json with what the template's adds: each script, dependency and engine
 * it lacks (an entry it has, say a dependency installed from a tarball, stays as it is).
 */
function mergedPackageJson(existing: string, template: string): string {
  let own: Record<string, any>;
  try {
    own = JSON.parse(existing);
  } catch (err) {
    throw new CommandError(`package.json is not JSON (${(err as Error).message}): fix it or remove it, then run init again; nothing was written`);
  }
  const wanted = JSON.parse(template);
  // `npm init`'s placeholder is not a test script of the user's.
  if (/^echo "Error: no test specified" && exit 1$/.test(own.scripts?.test ?? "")) delete own.scripts.test;
  for (const field of ["scripts", "dependencies", "devDependencies", "engines", "allowScripts"]) {
    // A package is there when either dependency list has it; a script, an engine or an allowScripts entry when its own list has it.
    const lists = field === "dependencies" || field === "devDependencies" ? ["dependencies", "devDependencies"] : [field];
    const has = (name: string) => lists.some((list) => own[list] !== undefined && Object.hasOwn(own[list], name));
    for (const [name, value] of Object.entries<string>(wanted[field] ?? {})) {
      if (!has(name)) own[field] = { ...own[field], [name]: value };
    }
  }
  own.private ??= true;
  return `${JSON.stringify(own, null, 2)}\n`;
}

/** The lines of `existing`, then those of `wanted` it lacks. */
function mergedLines(existing: string, wanted: string): string {
  const have = new Set(existing.split("\n").map((l) => l.trim()));
  const added = wanted.split("\n").filter((l) => l.trim() && !have.has(l.trim()));
  return added.length ? `${existing.replace(/\n*$/, "\n")}${added.join("\n")}\n` : existing;
}

export interface ProjectFile {
  readonly path: string;
  readonly contents: string;
}

/** Every template file as it lands in `dir`: package.json named after the folder, cdktf.json with a project id of its own. */
function templateFiles(dir: string): ProjectFile[] {
  const toolkit = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8")) as { version: string };
  return walk(TEMPLATE).map((file) => {
    const rel = relative(TEMPLATE, file);
    const path = join(dir, ...rel.split(sep).map((part) => RENAMED[part] ?? part));
    let contents = readFileSync(file, "utf8");
    if (rel === "package.template.json") contents = packageJson(contents, dir, toolkit.version);
    if (rel === "cdktf.json") contents = contents.replace('"<written by apigw-offline init>"', JSON.stringify(randomUUID()));
    return { path, contents };
  });
}

/** The template's package.json, named after the folder, on the toolkit's own release of every package. */
function packageJson(template: string, dir: string, version: string): string {
  const pkg = JSON.parse(template);
  pkg.name =
    basename(dir)
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, "-")
      .replace(/^[._-]+/, "") || "my-api";
  for (const field of ["dependencies", "devDependencies"]) {
    for (const name of Object.keys(pkg[field])) if (name.startsWith("@apigw-auth0-rbac/")) pkg[field][name] = version;
  }
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));
}
