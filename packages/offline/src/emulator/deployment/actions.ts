// The Actions the auth0 stack deploys and binds, as the stand-in runs them: auth0_action's code,
// dependencies and secrets, in the order auth0_trigger_actions binds them to each trigger. The
// same attributes in the synthesized JSON and in state; how a binding names its Action differs
// (a reference in the JSON, the id in state), so callers say how to follow it.
import { type ActionDefinition, type ActionSecret, SERVED_TRIGGERS, type ServedTrigger, type TenantActions } from "./description";
import type { Json } from "./resources";

const VARIABLE = /^\$\{var\.([A-Za-z0-9_-]+)\}$/;

export interface ActionSources {
  /** Every auth0_trigger_actions, with where it is named in messages. */
  readonly bindings: readonly [where: string, binding: Json][];
  /** The auth0_action a binding's `actions[].id` names, with where it is named in messages. */
  readonly actionOf: (id: unknown, where: string) => [where: string, action: Json];
  /** The literal value of a string attribute (the JSON's are templates; state's are values). */
  readonly literal: (value: string, where: string) => string;
}

export function tenantActionsOf(sources: ActionSources): TenantActions | undefined {
  if (sources.bindings.length === 0) return undefined;
  const bound = Object.fromEntries(SERVED_TRIGGERS.map((t) => [t, [] as ActionDefinition[]])) as Record<ServedTrigger, ActionDefinition[]>;
  const unservedTriggers: string[] = [];
  for (const [where, binding] of sources.bindings) {
    const trigger = String(binding.trigger);
    if (!(SERVED_TRIGGERS as readonly string[]).includes(trigger)) {
      unservedTriggers.push(trigger);
      continue;
    }
    for (const [index, entry] of (binding.actions ?? []).entries()) {
      bound[trigger as ServedTrigger].push(actionOf(...sources.actionOf(entry.id, `${where}.actions[${index}].id`), sources.literal));
    }
  }
  return { bound, unservedTriggers };
}

function actionOf(where: string, action: Json, literal: ActionSources["literal"]): ActionDefinition {
  if (typeof action.code !== "string") throw new Error(`${where}.code: expected the Action's code as a string`);
  return {
    name: String(action.name),
    code: literal(action.code, `${where}.code`),
    ...(typeof action.runtime === "string" ? { runtime: action.runtime } : {}),
    dependencies: (action.dependencies ?? []).map((d: Json) => ({ name: String(d.name), version: String(d.version) })),
    secrets: (action.secrets ?? []).map((s: Json, i: number): ActionSecret => {
      const variable = typeof s.value === "string" ? VARIABLE.exec(s.value) : null;
      if (variable) return { name: String(s.name), variable: variable[1] };
      return { name: String(s.name), value: literal(String(s.value ?? ""), `${where}.secrets[${i}].value`) };
    }),
  };
}

/** A user's app_metadata or user_metadata: a JSON object in a string (the provider's jsonencode'd attribute). */
export function metadataOf(value: unknown, where: string, literal: ActionSources["literal"]): Record<string, unknown> | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string") throw new Error(`${where}: expected a JSON object as a string`);
  let parsed: unknown;
  try {
    // JSON.parse makes every key an own property ("__proto__" too): the metadata stays data.
    parsed = JSON.parse(literal(value, where));
  } catch (err) {
    throw new Error(`${where}: not a JSON object (${(err as Error).message})`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error(`${where}: not a JSON object`);
  return parsed as Record<string, unknown>;
}
