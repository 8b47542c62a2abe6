// `npm start`, `npm run access` and the benchmarks run what is synthesized: this says whether
// the synth in an output folder is the one the current sources and variables would make
// (by the record the app leaves beside it, stacks/synth-record.ts), and makes it when not.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { SYNTH_RECORD, synthVariables, type SynthRecord } from "@apigw-auth0-rbac/model/project/synth-record";
import { inputsCurrent, readRecord } from "@apigw-auth0-rbac/model/project/content-record";

/**
 * Whether `outdir` holds both stacks synthesized from the files there are now (by content)
 * with the current variables (a synth made with DEPLOY_ENV=prod is stale for dev). A synth
 * without a record counts as stale.
 */
export function isSynthFresh(root: string, outdir: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const manifest = join(outdir, "manifest.json");
  const record = readRecord<SynthRecord>(join(outdir, SYNTH_RECORD));
  if (!existsSync(manifest) || !record) return false;
  if (JSON.stringify(record.variables) !== JSON.stringify(synthVariables(env))) return false;
  const stacks = Object.keys(JSON.parse(readFileSync(manifest, "utf8")).stacks ?? {});
  return stacks.includes("auth0") && stacks.includes("aws") && inputsCurrent(root, record.inputs);
}

/**
 * Runs the cdktf app directly (what `cdktf synth` runs, without the CLI's start-up cost).
 * Throws with the app's own message when the configuration is rejected.
 */
export function synthesize(root: string, outdir: string): void {
  const app = JSON.parse(readFileSync(join(root, "cdktf.json"), "utf8")).app as string;
  const result = spawnSync(app, {
    shell: true,
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: "1" },
  });
  if (result.status !== 0) {
    throw new Error(`synth failed (${app}):\n${(result.stderr || result.stdout || "").trim()}`);
  }
  if (result.stderr.trim()) process.stderr.write(result.stderr);
  for (const warning of synthWarnings(outdir)) process.stderr.write(`warning: ${warning}\n`);
}

/**
 * The warnings the app left in the manifest as cdktf annotations (what the CLI shows as WARN).
 * The level is "@cdktf/warn" under cdktf; matched by its suffix, whatever prefix the fork gives it.
 */
export function synthWarnings(outdir: string): string[] {
  const stacks = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")).stacks ?? {};
  return Object.values(stacks).flatMap((stack: any) =>
    (stack.annotations ?? []).filter((a: any) => /\/warn$/.test(String(a.level))).map((a: any) => String(a.message)),
  );
}
