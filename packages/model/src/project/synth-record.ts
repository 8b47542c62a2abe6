// What a synth was made from, recorded beside its output: the variables the app read and
// the content hash of every file it read (the app's own code and model, and each handler
// with what it imports). A later command reuses the output only while all of them are the
// same (scripts/synth-freshness.ts). No cdktf import.
import { join, relative, sep } from "node:path";
import { hashesOf, readRecord, writeRecord } from "./content-record";

export const SYNTH_RECORD = "synth-record.json";
/** Environment variables that change what the app synthesizes. */
export const SYNTH_VARIABLES = [
  "DEPLOY_ENV",
  "AUTH0_DOMAIN",
  "STATE_BACKEND",
  "STATE_LOCAL_DIR",
  "STATE_S3_BUCKET",
  "STATE_S3_KEY_PREFIX",
  "STATE_S3_REGION",
  "STATE_S3_ENCRYPT",
  "STATE_S3_USE_LOCKFILE",
];

export interface SynthRecord {
  readonly variables: Record<string, string | null>;
  /** Path relative to the project root → base64url SHA-256. */
  readonly inputs: Record<string, string>;
}

export function synthVariables(env: NodeJS.ProcessEnv): Record<string, string | null> {
  return Object.fromEntries(SYNTH_VARIABLES.map((name) => [name, env[name] || null]));
}

/**
 * The project files the running app was built from: its build record's inputs when it runs
 * prebuilt (scripts/app.js names the record), otherwise the project modules it has loaded.
 */
export function appInputs(root: string): string[] {
  const build = process.env.APP_BUILD_RECORD ? readRecord<{ inputs: Record<string, string> }>(process.env.APP_BUILD_RECORD) : undefined;
  if (build) return Object.keys(build.inputs);
  return Object.keys(require.cache)
    .map((file) => relative(root, file).split(sep).join("/"))
    .filter((file) => !file.startsWith("..") && !file.includes("node_modules/"));
}

/** Records the synth in `outdir`: `inputs` are paths relative to `root`. */
export function writeSynthRecord(outdir: string, root: string, inputs: readonly string[], env: NodeJS.ProcessEnv = process.env): void {
  const record: SynthRecord = { variables: synthVariables(env), inputs: hashesOf(root, [...inputs, "cdktf.json", "package-lock.json"]) };
  writeRecord(join(outdir, SYNTH_RECORD), record);
}
