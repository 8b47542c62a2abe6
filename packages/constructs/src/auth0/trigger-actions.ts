import { Construct } from "constructs";
import type { ActionTrigger } from "@apigw-auth0-rbac/model";
import { TriggerActions } from "../auth0-provider/trigger-actions";
import type { Auth0Action } from "./action";

export interface Auth0TriggerActionsProps {
  readonly trigger: ActionTrigger;
  /** The Actions bound to it, in the order they run; each must be one of the trigger's. */
  readonly actions: readonly Auth0Action[];
}

/**
 * Every Action bound to one trigger, in order, authoritatively (a binding made elsewhere is
 * removed). Each entry names its Action's id and name, so the binding is made after the Actions
 * are created and deployed, and updated before one of them is destroyed.
 */
export class Auth0TriggerActions extends Construct {
  readonly binding: TriggerActions;

  constructor(scope: Construct, id: string, props: Auth0TriggerActionsProps) {
    super(scope, id);
    if (props.actions.length === 0) throw new Error(`Auth0TriggerActions "${props.trigger}": bind at least one Action (the provider requires one)`);
    const other = props.actions.find((a) => a.trigger !== props.trigger);
    if (other)
      throw new Error(`Auth0TriggerActions "${props.trigger}": the Action ${other.node.path} runs on ${other.trigger}, not on ${props.trigger}`);
    this.binding = new TriggerActions(this, "binding", {
      trigger: props.trigger,
      actions: props.actions.map((a) => ({ id: a.action.id, displayName: a.action.name })),
    });
  }
}
