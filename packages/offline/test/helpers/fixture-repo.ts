// A git repository of a fixture project (what the scaffold writes, its review workflow
// included) with a fixture model and handlers, committed by the test, and clones of it as CI
// makes them: the review is tested on commits of its own, never on the user's model.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parse } from "yaml";
import { measureAccess } from "../../src/emulator/access-matrix";
import { startLocalSystem } from "../../src/emulator/local-system";
import type { AccessModelInput } from "@apigw-auth0-rbac/model";
import { accessDocument } from "../../src/access/document";
import { modelFileSource } from "@apigw-auth0-rbac/model";
import { scaffoldProject } from "../../src/commands/init";
import { REPOSITORY_MODULES } from "./project-copy";
import { synthProject } from "./synth";

/** The review workflow the scaffold writes into a project. */
export const WORKFLOW = join(__dirname, "..", "..", "template", "github", "workflows", "review.yml");
const GIT_ENV = {
  GIT_AUTHOR_NAME: "fixture",
  GIT_AUTHOR_EMAIL: "fixture@example.test",
  GIT_COMMITTER_NAME: "fixture",
  GIT_COMMITTER_EMAIL: "fixture@example.test",
  GIT_CONFIG_NOSYSTEM: "1",
};

export function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, env: { ...process.env, ...GIT_ENV }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

/** What `npm ci` leaves that git does not hold: node_modules (the repository's, linked). */
function installInto(dir: string): void {
  symlinkSync(REPOSITORY_MODULES, join(dir, "node_modules"), "dir");
}

export { modelFileSource as modelSource } from "@apigw-auth0-rbac/model";

/** ACCESS.md for a model, measured as `npm run access -- --write` measures it. */
async function accessFileFor(model: AccessModelInput, lambdaSrcDir: string): Promise<string> {
  const project = synthProject({ model, env: {}, lambdaSrcDir });
  const system = await startLocalSystem({ outdir: project.outdir, throttling: false, functionLog: () => undefined });
  try {
    return accessDocument(await measureAccess(system));
  } finally {
    await system.close();
  }
}

export class FixtureRepo {
  readonly dir = mkdtempSync(join(tmpdir(), "review-upstream-"));
  private readonly clones: string[] = [];

  /** The scaffold's project, with `handlers` as lambda-src/ and node_modules ignored. */
  constructor(handlers: string) {
    scaffoldProject(this.dir);
    for (const own of ["lambda-src", join("__tests__", "handlers.test.ts")]) rmSync(join(this.dir, own), { recursive: true, force: true });
    cpSync(handlers, join(this.dir, "lambda-src"), { recursive: true });
    git(this.dir, "init", "-q", "-b", "main");
  }

  write(file: string, text: string): this {
    mkdirSync(dirname(join(this.dir, file)), { recursive: true });
    writeFileSync(join(this.dir, file), text);
    return this;
  }

  async writeModel(model: AccessModelInput): Promise<this> {
    return this.write("access-model.ts", modelFileSource(model)).write("ACCESS.md", await accessFileFor(model, join(this.dir, "lambda-src")));
  }

  /** Commits everything on `branch` (made from the current commit when new); returns the commit. */
  commit(message: string, branch?: string): string {
    if (branch) git(this.dir, "checkout", "-q", "-B", branch);
    git(this.dir, "add", "-A");
    git(this.dir, "commit", "-q", "--allow-empty", "-m", message);
    return git(this.dir, "rev-parse", "HEAD");
  }

  /** A fresh clone (origin/<branch> for every branch), at `ref`, installed as by npm ci. */
  clone(ref: string): string {
    const dir = mkdtempSync(join(tmpdir(), "review-clone-"));
    this.clones.push(dir);
    git(tmpdir(), "clone", "-q", this.dir, dir);
    git(dir, "checkout", "-q", ref);
    installInto(dir);
    return dir;
  }

  dispose(): void {
    for (const dir of [this.dir, ...this.clones]) rmSync(dir, { recursive: true, force: true });
  }
}

/** The expressions the review step uses, evaluated as GitHub would for a pull request into `baseRef`. */
function evaluate(expression: string, context: { baseRef: string; hasCloud: boolean }): string {
  const text = expression.trim();
  if (text === "github.base_ref") return context.baseRef;
  if (/^secrets\.\w+$/.test(text)) return "";
  // HAS_CLOUD: every secret it tests is empty here.
  if (/^secrets\.\w+ != ''( && secrets\.\w+ != '')*$/.test(text)) return String(context.hasCloud);
  const choice = /^env\.HAS_CLOUD == 'true' && '([^']*)' \|\| '([^']*)'$/.exec(text);
  if (choice) return context.hasCloud ? choice[1] : choice[2];
  // A secret passed only for --real.
  const gated = /^env\.HAS_CLOUD == 'true' && (secrets\.\w+) \|\| ''$/.exec(text);
  if (gated) return context.hasCloud ? evaluate(gated[1], context) : "";
  throw new Error(`the test does not know how GitHub evaluates \${{ ${text} }}: teach evaluate() in fixture-repo.ts`);
}

export interface WorkflowStep {
  readonly run: string;
  readonly env: Record<string, string>;
}

/** The workflow's step of that name, its expressions evaluated for a pull request into `baseRef` (with or without the cloud secrets). */
export function workflowStep(name: string, baseRef: string, hasCloud = false): WorkflowStep {
  const workflow = parse(readFileSync(WORKFLOW, "utf8"));
  const step = Object.values<any>(workflow.jobs)
    .flatMap((job) => job.steps)
    .find((s) => s.name === name);
  if (!step?.run) throw new Error(`.github/workflows/review.yml has no step "${name}" with a run command`);
  const substitute = (value: string) => String(value).replace(/\$\{\{([^}]*)\}\}/g, (_, e) => evaluate(e, { baseRef, hasCloud }));
  const env = Object.fromEntries(
    Object.entries<string>({ ...workflow.env, ...workflow.jobs.review.env, ...step.env }).map(([k, v]) => [k, substitute(v)]),
  );
  return { run: substitute(step.run), env };
}

export interface StepResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the step's command in `cwd` the way a GitHub runner does (bash -eo pipefail, CI=true, the step's env). */
export function runStep(step: WorkflowStep, cwd: string, timeout = 120_000, extraEnv: Record<string, string> = {}): StepResult {
  const { LOCAL_TERRAFORM_DIR: _l, CDKTF_OUTDIR: _o, APP_BUILD_DIR: _a, ...inherited } = process.env;
  const env = { ...inherited, CI: "true", ...step.env, ...extraEnv };
  const result = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", step.run], { cwd, env, encoding: "utf8", timeout });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
