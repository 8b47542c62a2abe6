// What the review asks git: the base commit, whether the tree has uncommitted changes, and
// a commit's files written out apart (git archive: nothing is added to the repository's
// worktree list, so an interrupted review leaves nothing behind in .git).
import { UserError } from "../errors";
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";

/** A problem with the command's input that leaves no review to make. */
export class ReviewInputError extends UserError {}

function git(root: string, args: string[]): { status: number; stdout: string; stderr: string } {
  const result = spawnSync("git", args, { cwd: root, encoding: "utf8" });
  if (result.error)
    throw new ReviewInputError(`git could not be run (${result.error.message}): the review compares git commits, so it needs git on the PATH`);
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** The commit `ref` names, or an error naming the ref and what to do. */
export function resolveCommit(root: string, ref: string): string {
  if (git(root, ["rev-parse", "--is-inside-work-tree"]).status !== 0)
    throw new ReviewInputError(`${root} is not a git work tree: the review compares the checked-out commit with --base`);
  const result = git(root, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`]);
  if (result.status !== 0 || !/^[0-9a-f]{40}/.test(result.stdout)) {
    throw new ReviewInputError(
      `--base ${ref}: no such commit here. Name a branch, tag or commit that exists (git branch -a), or fetch it first (e.g. git fetch origin ${ref.replace(/^origin\//, "")}); nothing was written`,
    );
  }
  return result.stdout.trim();
}

export function shortCommit(root: string, ref: string): string {
  return git(root, ["rev-parse", "--short", ref]).stdout.trim() || ref;
}

/** Whether `path` exists in the commit. */
export function commitHas(root: string, commit: string, path: string): boolean {
  return git(root, ["cat-file", "-e", `${commit}:${path}`]).status === 0;
}

/** A file's text at a commit, or undefined when the commit has no such file. */
export function fileAt(root: string, commit: string, path: string): string | undefined {
  const result = git(root, ["show", `${commit}:${path}`]);
  return result.status === 0 ? result.stdout : undefined;
}

/** Tracked files changed and untracked files not ignored, except `except` (paths relative to root). */
export function uncommittedChanges(root: string, except: readonly string[] = []): string[] {
  const result = git(root, ["status", "--porcelain=v1", "-z", "--untracked-files=all"]);
  const fields = result.stdout.split("\0").filter(Boolean);
  const paths: string[] = [];
  for (let i = 0; i < fields.length; i++) {
    paths.push(fields[i].slice(3));
    // A rename or copy is followed by the path it came from.
    if (/^[RC]|^.[RC]/.test(fields[i])) i++;
  }
  return paths.filter((p) => !except.includes(p));
}

/** Writes the commit's files into `dest` (git archive piped into tar). */
export async function exportCommit(root: string, commit: string, dest: string): Promise<void> {
  mkdirSync(dest, { recursive: true });
  const archive = spawn("git", ["archive", "--format=tar", commit], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  const untar = spawn("tar", ["-x", "-f", "-", "-C", dest], { stdio: ["pipe", "ignore", "pipe"] });
  archive.stdout.pipe(untar.stdin);
  let errors = "";
  archive.stderr.on("data", (c) => (errors += c));
  untar.stderr.on("data", (c) => (errors += c));
  const done = (child: typeof archive | typeof untar) =>
    new Promise<number>((resolve) => child.on("close", (code) => resolve(code ?? -1)).on("error", () => resolve(-1)));
  const [a, t] = await Promise.all([done(archive), done(untar)]);
  if (a !== 0 || t !== 0) throw new Error(`could not write out ${commit}: ${errors.trim() || `git archive ${a}, tar ${t}`}`);
}
