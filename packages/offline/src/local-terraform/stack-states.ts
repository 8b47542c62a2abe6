// Where `npm run local` ran each stack of an environment, for the readers of its state (drift,
// `npm start -- --applied`, the review's drift): the stack folders of its synth output, and the
// environment its terraform runs with, so the state is pulled from whatever backend the run used.
import { join } from "node:path";
import { shellWord } from "@apigw-auth0-rbac/model/text";
import type { StackStates } from "../terraform-state/stack-state";
import type { LocalLayout } from "./layout";
import { childEnvironment } from "./setup";

export function localStackStates(layout: LocalLayout, environment: string | undefined, env: NodeJS.ProcessEnv = process.env): StackStates {
  return {
    workingDir: (stack) => join(layout.outdir(environment), "stacks", stack),
    env: childEnvironment(layout, layout.cloudDir(environment), env),
    deployCommand: `${environment ? `DEPLOY_ENV=${shellWord(environment)} ` : ""}npm run local -- deploy auth0 aws --auto-approve`,
    shown: (path) => layout.shown(path),
  };
}
