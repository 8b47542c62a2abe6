import { existsSync, readdirSync, rmdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { App } from "cdktf";
import { Auth0Stack, AUTH0_STACK_NAME } from "./auth0-stack";
import { AwsStack, AWS_STACK_NAME } from "./aws-stack";
import type { Configuration } from "./configuration";

export interface ProjectStacks {
  readonly auth0: Auth0Stack;
  readonly aws: AwsStack;
}

/** Both stacks, named as `cdktf deploy auth0 aws` expects. */
export function buildStacks(app: App, config: Configuration, options: { bundleDir?: string } = {}): ProjectStacks {
  const auth0 = new Auth0Stack(app, AUTH0_STACK_NAME, { model: config.model, state: config.state });
  const aws = new AwsStack(app, AWS_STACK_NAME, {
    model: config.model,
    state: config.state,
    auth0Stack: config.model.authorizer.kind === "auth0-stack" ? auth0 : undefined,
    lambdaSrcDir: config.lambdaSrcDir,
    bundleDir: options.bundleDir,
  });
  return { auth0, aws };
}

/**
 * Removes what an earlier synth left in `outdir`. Called when the configuration is
 * rejected: the CLI does not clear the folder itself, and a stale plan that no longer
 * matches the model must not be there to deploy.
 */
export function discardSynthOutput(outdir: string): void {
  rmSync(join(outdir, "stacks"), { recursive: true, force: true });
  rmSync(join(outdir, "manifest.json"), { force: true });
  if (existsSync(outdir) && readdirSync(outdir).length === 0) rmdirSync(outdir);
}
