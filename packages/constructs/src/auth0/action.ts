import { Construct, type IConstruct } from "constructs";
import { ACTION_TRIGGERS, type ActionTrigger, DEFAULTS } from "@apigw-auth0-rbac/model";
import { terraformString } from "@apigw-auth0-rbac/model/text";
import { Action } from "../auth0-provider/action";

export interface Auth0ActionProps {
  /** The Action's name in the tenant. */
  readonly name: string;
  /** Where Auth0 runs it; the trigger's current version is used. */
  readonly trigger: ActionTrigger;
  /** The code exactly as it must run (a bundle): escaped here so terraform reads it back byte for byte. */
  readonly code: string;
  /** npm packages Auth0 installs for it. @default - none */
  readonly dependencies?: readonly { readonly name: string; readonly version: string }[];
  /** Secrets by name, each value a sensitive variable's (never a literal in code). @default - none */
  readonly secrets?: readonly { readonly name: string; readonly value: string }[];
  /** @default "node22" - the newest runtime the pinned provider accepts */
  readonly runtime?: string;
  /** The files the code was bundled from (absolute paths), for the synth's record. @default - none */
  readonly inputs?: readonly string[];
}

/** The markers cdktf takes for its own tokens in any string it resolves (cdktf/lib/tokens/private/encoding.js). */
const CDKTF_TOKEN_MARKER = /[$#&]\{TfToken\[/;

/**
 * An Auth0 Action, deployed: `deploy = true` makes the provider build and deploy each version
 * and wait until it is deployed (since provider 1.49.0), so a binding made after it finds it
 * ready; and removed only once no binding names it. Bind it with Auth0TriggerActions.
 */
export class Auth0Action extends Construct {
  readonly action: Action;
  readonly trigger: ActionTrigger;
  /** The files its code was bundled from. */
  readonly inputs: readonly string[];

  constructor(scope: Construct, id: string, props: Auth0ActionProps) {
    super(scope, id);
    if (CDKTF_TOKEN_MARKER.test(props.code)) {
      throw new Error(
        `Auth0Action "${props.name}": its code holds the text ${JSON.stringify(CDKTF_TOKEN_MARKER.exec(props.code)![0])}, which cdktf would take for one of its tokens; write that string another way (e.g. split it in two)`,
      );
    }
    this.trigger = props.trigger;
    this.inputs = props.inputs ?? [];
    this.action = new Action(this, "action", {
      name: props.name,
      code: terraformString(props.code),
      runtime: props.runtime ?? DEFAULTS.actionRuntime,
      deploy: true,
      supportedTriggers: { id: props.trigger, version: ACTION_TRIGGERS[props.trigger] },
      ...(props.dependencies?.length ? { dependencies: props.dependencies.map((d) => ({ name: d.name, version: d.version })) } : {}),
      ...(props.secrets?.length ? { secrets: props.secrets.map((s) => ({ name: s.name, value: s.value })) } : {}),
      // Auth0 refuses to delete an Action a trigger still binds (409). Without this, terraform
      // deletes an Action removed from the model while it updates the binding that drops it;
      // with it, terraform updates the binding first (its dependents), then deletes the Action.
      lifecycle: { createBeforeDestroy: true },
    });
  }
}

/** The files every Action under `scope` was bundled from (absolute paths): what the synth's record hashes. */
export function actionInputsOf(scope: IConstruct): string[] {
  const actions = scope.node.findAll().filter((c): c is Auth0Action => c instanceof Auth0Action);
  return [...new Set(actions.flatMap((a) => a.inputs))];
}
