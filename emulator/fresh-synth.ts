// `npm start` runs what is synthesized; this makes sure that is the current code.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Everything a synth reads; a change to any of them makes cdktf.out stale. */
const INPUTS = ["main.ts", "access-model.ts", "cdktf.json", "package-lock.json", "model", "stacks", "constructs", "lambda-src", "schema"];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** Environment variables that change what the app synthesizes. */
const SYNTH_VARIABLES = ["DEPLOY_ENV", "AUTH0_DOMAIN", "STATE_BACKEND", "STATE_LOCAL_DIR", "STATE_S3_BUCKET", "STATE_S3_KEY_PREFIX", "STATE_S3_REGION", "STATE_S3_ENCRYPT", "STATE_S3_USE_LOCKFILE"];
/** What the app records next to the manifest: the variables it ran with. */
const RECORD = "synth-variables.json";

function synthVariables(env: NodeJS.ProcessEnv): Record<string, string | null> {
  return Object.fromEntries(SYNTH_VARIABLES.map((name) => [name, env[name] || null]));
}

/**
 * Whether `outdir` holds a synth of the current sources made with the current variables
 * (a synth made with DEPLOY_ENV=prod is stale for dev). A synth without a record of its
 * variables counts as stale.
 */
export function isSynthFresh(root: string, outdir: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const manifest = join(outdir, "manifest.json");
  if (!existsSync(manifest)) return false;
  try {
    if (JSON.stringify(JSON.parse(readFileSync(join(outdir, RECORD), "utf8"))) !== JSON.stringify(synthVariables(env))) return false;
  } catch {
    return false;
  }
  const stacks = Object.keys(JSON.parse(readFileSync(manifest, "utf8")).stacks ?? {});
  if (!stacks.includes("auth0") || !stacks.includes("aws")) return false;
  return statSync(manifest).mtimeMs >= Math.max(...INPUTS.map((p) => newestMtime(join(root, p))));
}

/** Called by the app after every synth, `cdktf synth` or ours. */
export function recordSynthVariables(outdir: string, env: NodeJS.ProcessEnv = process.env): void {
  writeFileSync(join(outdir, RECORD), JSON.stringify(synthVariables(env)));
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

/** The warnings the app left in the manifest as cdktf annotations (what the CLI shows as WARN). */
export function synthWarnings(outdir: string): string[] {
  const stacks = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")).stacks ?? {};
  return Object.values(stacks).flatMap((stack: any) => (stack.annotations ?? []).filter((a: any) => a.level === "@cdktf/warn").map((a: any) => String(a.message)));
}
