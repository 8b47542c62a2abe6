// The tenant's Actions under code: each Action bound to a trigger the model binds (post-login,
// credentials-exchange) becomes a model entry in its binding's order, its deployed code the file
// actions/<name>.ts, and its id an import (its trigger's bindings with it). What the first deploy
// changes (the code becomes the file's bundle, a name, the runtime) and what it leaves (unbound
// Actions, other triggers, the secrets' values) go into the report.
import { ACTION_NAME, ACTION_SECRET_NAME, ACTION_TRIGGERS, type ActionTrigger, type AccessModelInput, DEFAULTS } from "@apigw-auth0-rbac/model";
import { markdownCode } from "@apigw-auth0-rbac/model/text";
import type { FoundTenant, Json } from "./read";

type ModelAction = NonNullable<AccessModelInput["actions"]>[number];

export interface ActionReport {
  readonly refusals: string[];
  readonly changes: { readonly resource?: string; readonly text: string }[];
  readonly untouched: string[];
}

export interface AdoptedActions {
  /** The model's entries, each trigger's in its binding's order. */
  readonly actions: readonly ModelAction[];
  /** actions/<name>.ts: the Action's deployed code. */
  readonly files: readonly { readonly name: string; readonly source: string }[];
  /** Action ids by the model's name. */
  readonly imports: Readonly<Record<string, string>>;
}

const TRIGGERS = Object.keys(ACTION_TRIGGERS) as ActionTrigger[];
const code = (v: unknown) => markdownCode(typeof v === "string" ? v : String(JSON.stringify(v)));

/**
 * An adopted Action's file: what Auth0 deployed, as it is, after two lines of ours. The code is
 * the Action's own source, never a value interpolated into ours; the first line keeps the
 * project's type-check off it (it is JavaScript, as the Auth0 editor writes it) until it is typed.
 */
export function actionSource(deployed: string): string {
  return `// @ts-nocheck\n// Adopted by npm run adopt: below is the Action's code as Auth0 deployed it, unchanged; type it, then remove these two lines.\n${deployed}`;
}

/** The model's name for an Action: lower case with dashes, unique. */
function modelName(name: string, taken: Set<string>): string {
  const base =
    String(name)
      .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
      .replace(/[^A-Za-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .toLowerCase()
      .slice(0, 60) || "action";
  let chosen = base;
  for (let i = 2; taken.has(chosen) || !ACTION_NAME.test(chosen); i++) chosen = `${base.slice(0, 58)}-${i}`.replace(/^-/, "a-");
  taken.add(chosen);
  return chosen;
}

/** The Actions bound to the model's triggers, as model entries, files and imports; the rest reported. */
export function actionsOf(tenant: FoundTenant, report: ActionReport): AdoptedActions {
  const found = tenant.actions ?? [];
  const byId = new Map(found.map((a) => [a.id as string, a]));
  const taken = new Set<string>();
  const adopted: { action: Json; trigger: ActionTrigger; name: string; displayName: string }[] = [];
  for (const trigger of TRIGGERS) {
    for (const binding of tenant.bindings?.get(trigger) ?? []) {
      const action = byId.get(binding.action?.id ?? binding.action_id);
      if (!action || adopted.some((a) => a.action === action)) continue;
      adopted.push({ action, trigger, name: modelName(action.name, taken), displayName: binding.display_name });
    }
  }
  for (const action of found.filter((a) => !adopted.some((x) => x.action === a))) {
    const triggers = (action.supported_triggers ?? []).map((t: Json) => t.id);
    report.untouched.push(
      triggers.some((t: string) => (TRIGGERS as string[]).includes(t))
        ? `the Action ${code(action.name)}: bound to no trigger, so nothing runs it; the model does not manage it`
        : `the Action ${code(action.name)} (${triggers.map(code).join(", ") || "no trigger"}): the model binds Actions to ${TRIGGERS.join(" and ")} only`,
    );
  }
  const actions = adopted.map((a) => modelEntry(a, report));
  if (adopted.length > 0) {
    report.changes.push({
      resource: "auth0_trigger_actions",
      text: `the bindings of ${[...new Set(adopted.map((a) => code(a.trigger)))].join(" and ")} are imported and kept in this order; a binding the model does not list is removed`,
    });
  }
  return {
    actions,
    files: adopted.map((a) => ({ name: a.name, source: actionSource(deployedCode(a.action)) })),
    imports: Object.fromEntries(adopted.map((a) => [a.name, a.action.id as string])),
  };
}

/** What runs: the deployed version's code; the draft only when nothing was deployed. */
const deployedCode = (action: Json): string => String(action.deployed_version?.code ?? action.code ?? "");

/** One adopted Action's model entry, and what the first deploy changes about it. */
function modelEntry(a: { action: Json; trigger: ActionTrigger; name: string; displayName: string }, report: ActionReport): ModelAction {
  const { action, trigger, name } = a;
  const change = (text: string) => report.changes.push({ resource: "auth0_action", text });
  const secrets: string[] = (action.secrets ?? []).map((s: Json) => String(s.name));
  for (const secret of secrets.filter((s) => !ACTION_SECRET_NAME.test(s)))
    report.refusals.push(
      `the Action ${code(action.name)} has the secret ${code(secret)}, whose name cannot be a Terraform variable (letters, digits and underscores): rename it in the dashboard, then adopt again`,
    );
  change(
    `the Action ${code(action.name)} runs the bundle of actions/${name}.ts, its deployed code adopted as it was (the same program, written out by esbuild), and is deployed`,
  );
  if (name !== action.name) change(`the Action ${code(action.name)} is named ${code(name)} in the model and is renamed to it (its id stays)`);
  if (a.displayName !== action.name) change(`its binding's display name ${code(a.displayName)} becomes its name`);
  if (action.runtime !== DEFAULTS.actionRuntime) change(`its runtime ${code(action.runtime ?? "unset")} becomes ${code(DEFAULTS.actionRuntime)}`);
  if (action.deployed_version && action.code !== action.deployed_version.code)
    report.untouched.push(
      `the Action ${code(action.name)}'s undeployed draft: adopt took the deployed code, and the first deploy replaces the draft`,
    );
  if (secrets.length)
    report.untouched.push(
      `the values of the Action ${code(action.name)}'s secrets (${secrets.map(code).join(", ")}): Auth0 never answers them; set ${secrets.map((s) => code(`TF_VAR_action_secret_${s}`)).join(", ")} to them before the first deploy`,
    );
  const dependencies = (action.dependencies ?? []).map((d: Json) => ({ name: String(d.name), version: String(d.version) }));
  return {
    name,
    trigger,
    ...(dependencies.length ? { dependencies } : {}),
    ...(secrets.length ? { secrets } : {}),
  };
}
