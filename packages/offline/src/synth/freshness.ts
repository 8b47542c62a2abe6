// `npm start`, `npm run access` and the benchmarks run what is synthesized: this says whether
// the synth in an output folder is the one the current sources and variables would make (by
// the record the app leaves beside it), and makes it when not, with the project's own app.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { STACKS } from "@apigw-auth0-rbac/model";
import { type Project, projectPath, synthRecordCurrent } from "@apigw-auth0-rbac/model/project";
import { terminalText } from "@apigw-auth0-rbac/model/text";

/** The app refused the model or failed: `output` is what it said. */
export class SynthError extends Error {
  constructor(readonly output: string) {
    super(`synth failed:\n${output}`);
  }
}

/**
 * Whether `outdir` holds both stacks synthesized from the files there are now (by content)
 * with the current variables (a synth made with DEPLOY_ENV=prod is stale for dev). A synth
 * without a record counts as stale.
 */
export function isSynthFresh(project: Pick<Project, "root">, outdir: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const manifest = join(outdir, "manifest.json");
  if (!existsSync(manifest)) return false;
  const stacks = Object.keys(JSON.parse(readFileSync(manifest, "utf8")).stacks ?? {});
  return STACKS.every((stack) => stacks.includes(stack)) && synthRecordCurrent(outdir, project.root, env);
}

/**
 * Runs the project's cdktf.json "app" into `outdir` (what `cdktf synth` runs, without the CLI's
 * start-up cost). Throws a SynthError with the app's own words when it fails.
 */
export function synthesize(project: Pick<Project, "root" | "app">, outdir: string, env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync(project.app, {
    shell: true,
    cwd: project.root,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    env: { ...env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: "1" },
  });
  if (result.status !== 0) throw new SynthError((result.stderr || result.stdout || result.error?.message || "").trim());
  if (result.stderr.trim()) process.stderr.write(result.stderr);
  process.stderr.write(synthWarningText(outdir));
}

/** Synthesizes into `outdir` unless what is there is current; says which on stderr. */
export function synthesizeUnlessFresh(project: Pick<Project, "root" | "app">, outdir: string, env: NodeJS.ProcessEnv = process.env): void {
  if (isSynthFresh(project, outdir, env)) {
    process.stderr.write(`${projectPath(project, outdir)} is current: using it\n`);
    return;
  }
  const started = Date.now();
  process.stderr.write("synthesizing both stacks…\n");
  synthesize(project, outdir, env);
  process.stderr.write(`synthesized in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

/**
 * One `warning: …` line per warning the synth in `outdir` left, each as the terminal may show it:
 * a warning quotes the model, which is outside input.
 */
export function synthWarningText(outdir: string): string {
  return synthWarnings(outdir)
    .map((warning) => terminalText(`warning: ${warning.replace(/\n/g, " ")}\n`))
    .join("");
}

/**
 * The warnings the app left in the manifest as cdktf annotations (what the CLI shows as WARN).
 * The level is "@cdktf/warn" under cdktf; matched by its suffix, whatever prefix the fork gives it.
 */
function synthWarnings(outdir: string): string[] {
  const stacks = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")).stacks ?? {};
  return Object.values(stacks).flatMap((stack: any) =>
    (stack.annotations ?? []).filter((a: any) => /\/warn$/.test(String(a.level))).map((a: any) => String(a.message)),
  );
}
