// Both stacks, named as `cdktf deploy auth0 aws` expects: main.ts builds them on the app, and
// the tests on cdktf's Testing app.
import type { App } from "cdktf";
import type { Configuration } from "@apigw-auth0-rbac/constructs";
import { AUTH0_STACK_NAME, Auth0Stack } from "./auth0-stack";
import { AWS_STACK_NAME, AwsStack } from "./aws-stack";

export interface ProjectStacks {
  readonly auth0: Auth0Stack;
  readonly aws: AwsStack;
}

export function buildStacks(app: App, configuration: Configuration): ProjectStacks {
  const { model, state, handlerDir, actionDir, root, bundleDir } = configuration;
  const auth0 = new Auth0Stack(app, AUTH0_STACK_NAME, { model, state, actionDir, root });
  const aws = new AwsStack(app, AWS_STACK_NAME, {
    model,
    state,
    auth0Stack: model.authorizer.kind === "auth0-stack" ? auth0 : undefined,
    handlerDir,
    bundleDir,
  });
  return { auth0, aws };
}
