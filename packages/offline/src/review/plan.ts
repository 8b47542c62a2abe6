// What a saved terraform plan changes, read from `terraform show -json` (terraform's JSON
// output format: resource_changes[].change.actions, replace_paths, output_changes).
import { codeDiff } from "./code-diff";
export interface ResourceChange {
  readonly address: string;
  readonly mode: string;
  readonly type: string;
  readonly name: string;
  readonly change: {
    readonly actions: readonly string[];
    readonly before?: any;
    readonly after?: any;
    /** Which of after's attributes only apply knows (true, or a structure of booleans). */
    readonly after_unknown?: any;
    /** Attribute paths that force the replacement, e.g. [["identifier"]]. */
    readonly replace_paths?: readonly (readonly (string | number)[])[];
  };
}

export interface TerraformPlan {
  readonly resource_changes?: readonly ResourceChange[];
  readonly output_changes?: Readonly<Record<string, { readonly actions: readonly string[] }>>;
}

export type Action = "create" | "update" | "replace" | "destroy";

/** terraform's actions list as one word; undefined for no-op and read. */
export function actionOf(actions: readonly string[]): Action | undefined {
  const set = new Set(actions);
  if (set.has("delete") && set.has("create")) return "replace";
  if (set.has("delete")) return "destroy";
  if (set.has("create")) return "create";
  if (set.has("update")) return "update";
  return undefined;
}

export interface ResourceLine {
  readonly action: Action;
  readonly address: string;
  /** The construct that made it, from the synthesized JSON (the base's for what is destroyed). */
  readonly constructPath?: string;
  /** Attributes that force a replacement. */
  readonly forcedBy: readonly string[];
  /** What an update or replacement changes that the plan already knows: `scopes: +orders:cancel`, `cors_configuration`. */
  readonly changes: readonly string[];
  /** A unified diff of the resource's `code` (an Auth0 Action's) when the plan changes it: what was deployed against this change. */
  readonly codeDiff?: string;
}

/** The unified diff of `code` between what is deployed and what the plan makes of it; undefined when it does not change. */
function codeDiffOf(change: ResourceChange): string | undefined {
  const { before, after, after_unknown: unknown } = change.change;
  const [was, now] = [before?.code, after?.code];
  if (unknown?.code === true || (typeof was !== "string" && typeof now !== "string") || was === now) return undefined;
  return codeDiff(typeof was === "string" ? was : "", typeof now === "string" ? now : "", "deployed", "this change");
}

/** A list of names, or of objects with a name (permissions, scopes): shown as what joins and leaves it. */
const namesIn = (value: unknown): string[] | undefined =>
  Array.isArray(value) && value.every((x) => typeof x === "string" || typeof x?.name === "string")
    ? value.map((x) => (typeof x === "string" ? x : x.name))
    : undefined;

/** The top-level attributes an update or replacement changes, leaving out what only apply knows. */
function attributeChanges(change: ResourceChange): string[] {
  const { before, after, after_unknown: unknown } = change.change;
  if (!before || !after) return [];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys
    .filter((key) => unknown?.[key] !== true && JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    .map((key) => {
      const [was, now] = [namesIn(before[key] ?? []), namesIn(after[key] ?? [])];
      if (!was || !now) return key;
      const moves = [...now.filter((n) => !was.includes(n)).map((n) => `+${n}`), ...was.filter((n) => !now.includes(n)).map((n) => `-${n}`)];
      return moves.length ? `${key}: ${moves.join(", ")}` : key;
    });
}

export const managedChanges = (plan: TerraformPlan | undefined): ResourceChange[] =>
  (plan?.resource_changes ?? []).filter((c) => c.mode === "managed");

const ORDER: Record<Action, number> = { replace: 0, destroy: 1, update: 2, create: 3 };

/** Every resource the plan changes, the most disruptive first. */
export function resourceLines(plan: TerraformPlan, paths: ReadonlyMap<string, string>): ResourceLine[] {
  const lines: ResourceLine[] = [];
  for (const change of managedChanges(plan)) {
    const action = actionOf(change.change.actions);
    if (!action) continue;
    const forcedBy = (change.change.replace_paths ?? []).map((path) => path.join("."));
    const codeDiff = codeDiffOf(change);
    lines.push({
      action,
      address: change.address,
      constructPath: paths.get(change.address),
      forcedBy,
      changes: attributeChanges(change),
      ...(codeDiff ? { codeDiff } : {}),
    });
  }
  return lines.sort((a, b) => ORDER[a.action] - ORDER[b.action] || a.address.localeCompare(b.address));
}

/** terraform's own summary line, counted the way terraform counts (a replacement adds one and destroys one). */
export function planSummary(lines: readonly ResourceLine[]): string {
  if (lines.length === 0) return "No changes.";
  const count = (...actions: Action[]) => lines.filter((l) => actions.includes(l.action)).length;
  return `Plan: ${count("create", "replace")} to add, ${count("update")} to change, ${count("destroy", "replace")} to destroy.`;
}

/** The outputs whose value the plan changes. */
export function changedOutputs(plan: TerraformPlan): string[] {
  return Object.entries(plan.output_changes ?? {})
    .filter(([, change]) => change.actions.some((a) => a !== "no-op"))
    .map(([name]) => name)
    .sort();
}
