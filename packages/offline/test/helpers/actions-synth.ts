// Actions in a synthesized auth0 stack, written in the shape the auth0 stack synthesizes them
// (constructs' Auth0Action and Auth0TriggerActions): one auth0_action per Action with its code escaped for terraform,
// one auth0_trigger_actions per trigger in binding order, a sensitive variable per secret, and
// the users' metadata as JSON strings. The runtime's tests use it for what the model cannot
// declare (a trigger the stand-in does not serve, hand-written CommonJS that misbehaves on
// purpose); actions-deployed.test.ts runs what the stack itself synthesizes.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { terraformString } from "@apigw-auth0-rbac/model/text";
import type { SynthesizedProject } from "./synth";

export interface FixtureAction {
  /** Also its logical id (dashes made underscores). */
  readonly name: string;
  readonly trigger: "post-login" | "credentials-exchange" | "pre-user-registration";
  /** CommonJS: `exports.onExecutePostLogin = async (event, api) => { … }`. */
  readonly code: string;
  readonly dependencies?: readonly { readonly name: string; readonly version: string }[];
  readonly secrets?: readonly string[];
}

export interface FixtureUserMetadata {
  readonly email: string;
  readonly appMetadata?: Record<string, unknown>;
  readonly userMetadata?: Record<string, unknown>;
}

/** What terraform reads back as `text` (the stack's own escaping). */
export const terraformEscaped = terraformString;

/** A copy of the project's synth output whose auth0 stack deploys and binds `actions`. */
export function withActions(
  project: SynthesizedProject,
  actions: readonly FixtureAction[],
  users: readonly FixtureUserMetadata[] = [],
): SynthesizedProject {
  const outdir = mkdtempSync(join(tmpdir(), "actions-synth-"));
  process.once("exit", () => rmSync(outdir, { recursive: true, force: true }));
  cpSync(project.outdir, outdir, { recursive: true });
  const file = join(outdir, "stacks", "auth0", "cdk.tf.json");
  const stack = JSON.parse(readFileSync(file, "utf8"));
  stack.resource ??= {};
  stack.variable ??= {};
  const actionResources: Record<string, unknown> = {};
  const bindings: Record<string, { trigger: string; actions: { id: string; display_name: string }[] }> = {};
  for (const action of actions) {
    const id = action.name.replace(/-/g, "_");
    for (const secret of action.secrets ?? []) stack.variable[`action_secret_${secret}`] = { type: "string", sensitive: true };
    actionResources[id] = {
      name: action.name,
      code: terraformEscaped(action.code),
      runtime: "node22",
      deploy: true,
      dependencies: action.dependencies ?? [],
      secrets: (action.secrets ?? []).map((name) => ({ name, value: `\${var.action_secret_${name}}` })),
      supported_triggers: { id: action.trigger, version: action.trigger === "post-login" ? "v3" : "v2" },
    };
    const bindingId = action.trigger.replace(/-/g, "_");
    bindings[bindingId] ??= { trigger: action.trigger, actions: [] };
    bindings[bindingId].actions.push({ id: `\${auth0_action.${id}.id}`, display_name: action.name });
  }
  stack.resource.auth0_action = actionResources;
  stack.resource.auth0_trigger_actions = bindings;
  for (const user of users) {
    const resource = Object.values<any>(stack.resource.auth0_user ?? {}).find((u) => u.email === user.email);
    if (!resource) throw new Error(`the fixture's auth0 stack has no user ${user.email}`);
    if (user.appMetadata) resource.app_metadata = terraformEscaped(JSON.stringify(user.appMetadata));
    if (user.userMetadata) resource.user_metadata = terraformEscaped(JSON.stringify(user.userMetadata));
  }
  const auth0Text = JSON.stringify(stack, null, 2);
  writeFileSync(file, auth0Text);
  return { ...project, outdir, auth0: stack, auth0Text };
}
