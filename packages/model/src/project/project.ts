// The project a command works on, read in one place: its root (the folder holding cdktf.json)
// and the folders and files the toolkit and the app use there. Every command and the app are
// handed a Project; none of them guesses a path of the user's.
import { existsSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, join, normalize, relative, resolve, sep } from "node:path";

/** cdktf.json `context` keys that move a part of the project, with their defaults. */
export const PROJECT_SETTINGS = {
  modelFile: { default: "access-model.ts", what: "the access model file" },
  handlerDir: { default: "lambda-src", what: "the folder with one <handler>.ts per handler" },
  actionDir: { default: "actions", what: "the folder with one <name>.ts per Auth0 Action" },
  bundleDir: { default: join("dist", "lambda"), what: "where the synth writes the bundled handlers" },
  localDir: { default: ".local", what: "the project's own git-ignored working folder (local runs, the app build, the running system's session)" },
} as const;

export type ProjectSetting = keyof typeof PROJECT_SETTINGS;

export interface Project {
  /** The folder holding cdktf.json (absolute). */
  readonly root: string;
  /** The access model's file, e.g. `<root>/access-model.ts`. */
  readonly modelFile: string;
  /** The handlers' folder: `<handlerDir>/<handler>.ts` for every handler the model names. */
  readonly handlerDir: string;
  /** The Auth0 Actions' folder: `<actionDir>/<name>.ts` for every Action the model declares. */
  readonly actionDir: string;
  /** Where a synth writes: CDKTF_OUTDIR, else cdktf.json `output`, else `cdktf.out`. */
  readonly synthOutput: string;
  /** Where the synth writes the bundled handlers. */
  readonly bundleDir: string;
  /** The project's git-ignored working folder. */
  readonly localDir: string;
  /** cdktf.json `app`: the command that synthesizes. */
  readonly app: string;
  /** cdktf.json `context`. */
  readonly context: Readonly<Record<string, unknown>>;
}

/** cdktf.json cannot be read, or a setting points outside the project. Said in one line. */
export class ProjectError extends Error {}

/**
 * The project whose cdktf.json is in `start` or the nearest folder above it (as npm finds
 * package.json). Paths in cdktf.json are relative to that folder and must stay inside it.
 */
export function readProject(start: string = process.cwd(), env: Readonly<Record<string, string | undefined>> = process.env): Project {
  const root = findRoot(resolve(start));
  const file = join(root, "cdktf.json");
  let config: Record<string, unknown>;
  try {
    config = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new ProjectError(`${file} is not JSON (${(err as Error).message}); fix it, or create a project with \`npx apigw-offline init\``);
  }
  const context = isRecord(config.context) ? config.context : {};
  const setting = (name: ProjectSetting) => inside(root, `cdktf.json context "${name}"`, context[name], PROJECT_SETTINGS[name].default);
  const output = env.CDKTF_OUTDIR ? resolve(root, env.CDKTF_OUTDIR) : inside(root, 'cdktf.json "output"', config.output, "cdktf.out");
  const app = config.app;
  if (typeof app !== "string" || app.trim() === "")
    throw new ProjectError(`${file} has no "app": give the command that synthesizes, e.g. "app": "npx apigw-auth0-rbac-app"`);
  return {
    root,
    modelFile: setting("modelFile"),
    handlerDir: setting("handlerDir"),
    actionDir: setting("actionDir"),
    synthOutput: output,
    bundleDir: setting("bundleDir"),
    localDir: setting("localDir"),
    app,
    context,
  };
}

/** A path as the user writes it: relative to the project's root, with `/`; absolute when it lies outside the project. */
export function projectPath(project: Pick<Project, "root">, path: string): string {
  const rel = relative(project.root, path);
  if (rel.startsWith("..") || isAbsolute(rel)) return path;
  return rel === "" ? "." : rel.split(sep).join("/");
}

function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "cdktf.json"))) return dir;
    if (dirname(dir) === dir) {
      throw new ProjectError(
        `no cdktf.json in ${start} or any folder above it: run this in your project's folder (or create one with \`npx apigw-offline init\`)`,
      );
    }
  }
}

/** A setting's value as an absolute path inside `root`; a value that leaves it is refused. */
function inside(root: string, name: string, value: unknown, fallback: string): string {
  if (value === undefined) return join(root, fallback);
  if (typeof value !== "string" || value === "") throw new ProjectError(`${name} must be a path relative to the project, e.g. "${fallback}"`);
  const path = resolve(root, normalize(value));
  const rel = relative(root, path);
  if (isAbsolute(value) || rel.startsWith("..") || isAbsolute(rel)) {
    throw new ProjectError(`${name} is ${JSON.stringify(value)}, outside the project: give a path inside ${root}, e.g. "${fallback}"`);
  }
  return path;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
