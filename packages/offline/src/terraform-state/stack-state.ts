// A stack's terraform state, read where its backend keeps it: `terraform state pull` in the
// folder terraform ran the stack in (its synthesized stack folder, which cdktf initialised),
// with the environment it ran with. The backend that folder was initialised with decides where
// the state is (a local file, S3, any other), so the same call reads all of them, and a reader
// never guesses a file name that only the local backend would have.
//
// When reading a local file directly is still right: not for a stack's state. Measured on the
// 2-core development machine (whole processes, medians of 20, each pair run in turn): `terraform
// state pull` of the aws stack 0.040 s against `cat` of its state file 0.001 s (33 times as
// long); a Node process pulling both stacks through this module 0.246 s against one reading both
// files 0.093 s (2.5 times). That is about 40 ms a stack, paid once a command by a reader that
// runs beside terraform or starts servers: `npm run local -- diff aws`, after which drift pulls
// one stack, takes 3.6 s. The file would be faster and wrong for every backend but the local
// one, so no reader of a stack's state reads it. What is still read directly is not state: the
// working folder's `.terraform/` (was it ever initialised). `npm run local`'s own checks around
// a run (the state serials an interrupted run compares, the auth0 state an aws-only deploy
// needs) still look for its local state files, which is where that command keeps state today.
import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { UserError } from "../errors";

/** A stack's state that cannot be read: why, and how to get it, in one line. */
export class StateUnavailable extends UserError {}

export interface StateResource {
  readonly mode: string;
  readonly type: string;
  readonly name: string;
  readonly instances: readonly { readonly attributes: Record<string, any>; readonly index_key?: unknown }[];
}

/** The parts of terraform's state (format version 4) the readers use. */
export interface TerraformState {
  readonly serial?: number;
  readonly resources: readonly StateResource[];
  readonly outputs: Readonly<Record<string, { readonly value: unknown }>>;
}

/** Where the stacks of one deployment ran: what the readers need to pull their state. */
export interface StackStates {
  /** The folder terraform runs `stack` in: `<synth output>/stacks/<stack>`. */
  readonly workingDir: (stack: string) => string;
  /** The environment terraform ran with (its CLI configuration, the backend's settings and credentials). */
  readonly env: NodeJS.ProcessEnv;
  /** The command that deploys the stacks, said as the fix when one has no state. */
  readonly deployCommand: string;
  /** A path as the user writes it. */
  readonly shown: (path: string) => string;
  /** What must run while terraform reads the state: npm run local's state server, for its local files. */
  readonly serve?: () => { close(): void };
}

/** A backend that does not answer (an S3 endpoint retrying) is given up on after this long. */
const PULL_TIMEOUT_MS = 120_000;

/** `stack`'s state as its backend holds it; StateUnavailable when it was never initialised, has none, or cannot be read. */
export function pullStackState(states: StackStates, stack: string): TerraformState {
  const dir = states.workingDir(stack);
  const fix = `deploy it first: ${states.deployCommand}`;
  if (!existsSync(dir)) {
    throw new StateUnavailable(`the ${stack} stack was never deployed here (no terraform working folder ${states.shown(dir)}/): ${fix}`);
  }
  if (!existsSync(join(dir, ".terraform"))) {
    throw new StateUnavailable(`the ${stack} stack's working folder ${states.shown(dir)}/ was never initialised by terraform: ${fix}`);
  }
  // TF_CLI_ARGS is added to every terraform command, and `state pull` refuses the flags a CI
  // gives plan and apply there (-input=false): the pull takes no flag of the user's.
  const { TF_CLI_ARGS: _everyCommand, ...env } = states.env;
  const served = states.serve?.();
  let result: SpawnSyncReturns<string>;
  try {
    result = spawnSync("terraform", ["state", "pull"], {
      cwd: dir,
      env: { ...env, TF_INPUT: "0", CHECKPOINT_DISABLE: "1" },
      encoding: "utf8",
      timeout: PULL_TIMEOUT_MS,
      maxBuffer: 256 * 1024 * 1024,
    });
  } finally {
    served?.close();
  }
  const cannot = `cannot read the ${stack} stack's state (terraform state pull in ${states.shown(dir)}/)`;
  if (result.error) {
    const why = (result.error as NodeJS.ErrnoException).code === "ENOENT" ? "terraform is not on the PATH" : result.error.message;
    throw new StateUnavailable(`${cannot}: ${why}`);
  }
  if (result.status !== 0) throw new StateUnavailable(`${cannot}: ${terraformError(result.stderr || result.stdout)}`);
  if (result.stdout.trim() === "") throw new StateUnavailable(`the ${stack} stack has no state yet (its backend holds none): ${fix}`);
  try {
    const state = JSON.parse(result.stdout);
    return { serial: state.serial, resources: state.resources ?? [], outputs: state.outputs ?? {} };
  } catch (err) {
    throw new StateUnavailable(`${cannot}: its output is not JSON (${(err as Error).message})`);
  }
}

/** terraform's diagnostic in one line: its "Error:" summary and, when it gives one, its "Reason:". */
function terraformError(output: string): string {
  const lines = stripVTControlCharacters(output)
    .split("\n")
    .map((l) => l.replace(/^[│╷╵\s]+/, "").trim())
    .filter(Boolean);
  const summary = lines.find((l) => l.startsWith("Error:")) ?? lines[0] ?? "(no output)";
  const reason = lines.find((l) => l.startsWith("Reason:"));
  return reason ? `${summary} (${reason})` : summary;
}
