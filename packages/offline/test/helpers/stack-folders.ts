// Stack working folders as `npm run local` leaves them, for the readers of state: each
// `<dir>/cdktf.out/stacks/<stack>/` initialised by the real terraform with a local backend at a
// path of the test's choosing (no provider is needed to read state), so the readers pull the
// state through terraform as they do after a deploy.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { StackStates } from "../../src/terraform-state/stack-state";

export const DEPLOY_HINT = "npm run local -- deploy auth0 aws --auto-approve";

/**
 * The folder of each stack initialised with its state at `statePath(stack)`, which must not exist
 * yet (init would install the providers a state names, and the registry is out of reach).
 */
export function initialisedStackFolders(dir: string, stacks: readonly string[], statePath: (stack: string) => string): StackStates {
  mkdirSync(dir, { recursive: true });
  const cliConfig = join(dir, "terraformrc");
  writeFileSync(cliConfig, "");
  const env = { ...process.env, TF_CLI_CONFIG_FILE: cliConfig, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" };
  const states = stackStatesIn(dir, env);
  for (const stack of stacks) {
    const folder = states.workingDir(stack);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, "cdk.tf.json"), JSON.stringify({ terraform: { backend: { local: { path: statePath(stack) } } } }));
    const init = spawnSync("terraform", ["init", "-input=false", "-no-color"], { cwd: folder, env, encoding: "utf8", timeout: 60_000 });
    if (init.status !== 0) throw new Error(`terraform init in ${folder} failed: ${init.stderr}${init.stdout}`);
  }
  return states;
}

/** The readers' view of `<dir>/cdktf.out/stacks/<stack>/`, whether or not anything is there. */
export function stackStatesIn(dir: string, env: NodeJS.ProcessEnv = process.env): StackStates {
  return {
    workingDir: (stack) => join(dir, "cdktf.out", "stacks", stack),
    env,
    deployCommand: DEPLOY_HINT,
    shown: (path) => relative(dir, path),
  };
}
