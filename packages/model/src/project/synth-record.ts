// What a synth was made from, recorded beside its output: the variables the app read and the
// content hash of every file it read (the app's own code and model, and each handler with what
// it imports). A later command reuses the output only while all of them are the same.
import { join } from "node:path";
import { hashesOf, inputsCurrent, readRecord, writeRecord } from "./content-record";
import { STATE_VARIABLES } from "./state";

export const SYNTH_RECORD = "synth-record.json";
/** What stands for the installed packages: whichever lockfile the project's package manager keeps (the others are recorded absent). */
export const LOCKFILES = ["package-lock.json", "pnpm-lock.yaml", "yarn.lock"];
/**
 * Set to "1" by `npm run local` for the synth it has the cdktf CLI run, into the run's own output
 * folder: the stacks' resource and data blocks are written without their construct path
 * (`"//".metadata.path`, a comment to terraform). The CLI tests every line terraform prints
 * against every block that has one, with a regex built for each (createEnhanceLogMessage in
 * @cdktf/cli-core's execution-logs.ts), while terraform waits on its output pipe: at 300 routes
 * that made a local deploy about 1.4× slower. Every other synth keeps the paths.
 */
export const LOCAL_RUN_SYNTH = "APIGW_LOCAL_RUN_SYNTH";
/** Environment variables that change what the app synthesizes: the state settings are read from state.ts's own list. */
export const SYNTH_VARIABLES = ["DEPLOY_ENV", "AUTH0_DOMAIN", LOCAL_RUN_SYNTH, ...STATE_VARIABLES];

export interface SynthRecord {
  readonly variables: Record<string, string | null>;
  /** Path relative to the project root → base64url SHA-256. */
  readonly inputs: Record<string, string>;
}

export function synthVariables(env: Readonly<Record<string, string | undefined>>): Record<string, string | null> {
  return Object.fromEntries(SYNTH_VARIABLES.map((name) => [name, env[name] || null]));
}

/** Records the synth in `outdir`: `inputs` are paths relative to `root`. */
export function writeSynthRecord(
  outdir: string,
  root: string,
  inputs: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
): void {
  const record: SynthRecord = { variables: synthVariables(env), inputs: hashesOf(root, [...inputs, "cdktf.json", ...LOCKFILES]) };
  writeRecord(join(outdir, SYNTH_RECORD), record);
}

/** Whether the record in `outdir` says the synth there was made from these files and variables. */
export function synthRecordCurrent(outdir: string, root: string, env: Readonly<Record<string, string | undefined>>): boolean {
  const record = readRecord<SynthRecord>(join(outdir, SYNTH_RECORD));
  if (!record) return false;
  if (JSON.stringify(record.variables) !== JSON.stringify(synthVariables(env))) return false;
  return inputsCurrent(root, record.inputs);
}
