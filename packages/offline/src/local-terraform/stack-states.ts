// Where `npm run local` ran each stack of an environment, for the readers of its state (drift,
// `npm start -- --applied`, the review's drift): the stack folders of its synth output (the
// folder of the backend the state settings name: local files, or S3 on a server on this
// machine), and the environment its terraform runs with (the S3 server's keys, or the local state
// server's address and password, included), so the state is pulled from whatever backend the run
// used.
import { join } from "node:path";
import type { Project } from "@apigw-auth0-rbac/model/project";
import { shellWord } from "@apigw-auth0-rbac/model/text";
import type { StackStates } from "../terraform-state/stack-state";
import type { LocalLayout } from "./layout";
import { childEnvironment } from "./setup";
import { planLocalState } from "./state";
import { servedState } from "./state-server";

export function localStackStates(
  project: Project,
  layout: LocalLayout,
  environment: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): StackStates {
  return localRun(project, layout, environment, env).states;
}

/** A local run's synth output (its stacks' working folders are in it) and the readers' view of their state. */
export function localRun(
  project: Project,
  layout: LocalLayout,
  environment: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): { readonly outdir: string; readonly states: StackStates } {
  const plan = planLocalState(project, layout, environment, env);
  const terraformEnv = childEnvironment(layout, layout.cloudDir(environment), env);
  // Local files, reached through the state server the run's working folders were initialised with.
  const served = plan.variables.STATE_BACKEND === "local" ? servedState(layout.dir, layout.stateRoot) : undefined;
  for (const [name, value] of Object.entries({ ...plan.variables, ...served?.variables })) {
    if (value === undefined) delete terraformEnv[name];
    else terraformEnv[name] = value;
  }
  const states: StackStates = {
    ...(served ? { serve: served.serve } : {}),
    workingDir: (stack) => join(plan.outdir, "stacks", stack),
    env: terraformEnv,
    deployCommand: `${environment ? `DEPLOY_ENV=${shellWord(environment)} ` : ""}npm run local -- deploy auth0 aws --auto-approve`,
    shown: (path) => layout.shown(path),
  };
  return { outdir: plan.outdir, states };
}
