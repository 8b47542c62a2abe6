// Runs a resource's catalogue the way the SDK runs a schema: ValidateResourceConfig (required,
// whole numbers, validators, the rules between attributes) and PlanResourceChange (CustomizeDiff,
// defaults, ForceNew, computed values that a change makes unknown).
import { isObj, isUnknown, same, type Obj, type SchemaBlock, type Value } from "../cty";
import type { PathStep, Problem } from "../provider";
import { baseVars, failuresOf, renderMessage } from "./checks";
import { CUSTOM_CHECKS } from "./custom-checks";
import { goFloat, goQuote } from "./go-format";
import { flatLookup, locate, type Located } from "./paths";
import { PLAN_FUNCTIONS, SUPPRESS_FUNCTIONS } from "./plan-functions";
import type { Check, ResourceCatalogue, Rule, ValidatorRule } from "./types";

const runs = (rule: Rule) => rule.notRun === undefined;
const present = (v: Value) => v !== null && !isUnknown(v);

/** ValidateResourceConfig / ValidateDataResourceConfig: every rule the SDK checks before planning. */
export function validateConfig(catalogue: ResourceCatalogue, block: SchemaBlock, config: Obj): Problem[] {
  const rules = catalogue.rules.filter(runs);
  const problems: Problem[] = [];
  const notWhole = new Set<string>();
  for (const rule of rules) {
    if (rule.kind === "required") problems.push(...requiredProblems(rule.path, block, config));
    if (rule.kind === "validator" && rule.check.type === "whole-number") {
      for (const at of locate(config, block, rule.path).filter((a) => present(a.value) && !isWhole(a.value))) {
        notWhole.add(at.flatKey);
        problems.push(problem(at, renderMessage(rule.message, { value: shownNumber(at.value) })));
      }
    }
  }
  for (const rule of rules) {
    if (rule.kind !== "validator" || rule.via === "CustomizeDiff" || rule.check.type === "whole-number") continue;
    problems.push(...(rule.via === "schema" ? schemaProblems(rule, block, config) : valueProblems(rule, block, config, notWhole)));
  }
  return problems;
}

/** PlanResourceChange's CustomizeDiff errors (and, for a data source, the errors its read reports). */
export function customizeDiffProblems(catalogue: ResourceCatalogue, config: Obj): Problem[] {
  return catalogue.rules.filter(runs).flatMap((rule) => {
    if (rule.kind !== "validator" || rule.via !== "CustomizeDiff" || rule.check.type !== "custom") return [];
    const errors = CUSTOM_CHECKS[rule.check.name]?.(config) ?? [];
    return errors.map((e) => ({ path: [], summary: renderMessage(rule.message, { err: e.err, value: e.value ?? "" }) }));
  });
}

function requiredProblems(path: string, block: SchemaBlock, config: Obj): Problem[] {
  return locate(config, block, path)
    .filter((at) => at.value === null)
    .map((at) => ({
      path: at.steps,
      summary: "Missing required argument",
      detail: `The argument ${goQuote(at.flatKey)} is required, but no definition was found.`,
    }));
}

function valueProblems(rule: ValidatorRule, block: SchemaBlock, config: Obj, notWhole: ReadonlySet<string>): Problem[] {
  return locate(config, block, rule.path)
    .filter((at) => present(at.value) && !notWhole.has(at.flatKey))
    .flatMap((at) => {
      const key = rule.via === "ValidateDiagFunc" ? at.lastName : at.flatKey;
      return failuresOf(rule.check, at.value).map((failure) =>
        problem(at, renderMessage(rule.message, { ...baseVars(key, at.value, rule.check), ...failure })),
      );
    });
}

/** ConflictsWith, ExactlyOneOf, AtLeastOneOf, RequiredWith and a list's MaxItems, as helper/schema words them. */
function schemaProblems(rule: ValidatorRule, block: SchemaBlock, config: Obj): Problem[] {
  const check = rule.check;
  // locate() also yields the unset attributes of existing blocks: ExactlyOneOf runs for those.
  return locate(config, block, rule.path).flatMap((at) => {
    const error = schemaError(check, at, block, config);
    return error === undefined
      ? []
      : [{ path: at.steps, summary: rule.message, detail: renderMessage(rule.detail ?? "", { ...baseVars(at.flatKey, at.value, check), ...error }) }];
  });
}

function schemaError(check: Check, at: Located, block: SchemaBlock, config: Obj): Record<string, string> | undefined {
  const isSet = flatLookup(config, block, at.flatKey);
  if (check.type === "max-items") return Array.isArray(at.value) && at.value.length > check.max ? { count: String(at.value.length) } : undefined;
  if (check.type === "conflicts-with") {
    if (!isSet.set || isSet.unknown) return undefined;
    const other = check.keys.find((k) => flatLookup(config, block, k).set && !flatLookup(config, block, k).unknown);
    return other ? { other } : undefined;
  }
  if (check.type !== "required-with" && check.type !== "at-least-one-of" && check.type !== "exactly-one-of") return undefined;
  const keys = [...new Set([...check.keys, at.flatKey])].sort();
  const looked = keys.map((k) => ({ k, ...flatLookup(config, block, k) }));
  const specified = looked.filter((l) => l.set && !l.unknown).map((l) => l.k);
  const unknown = looked.some((l) => l.unknown);
  const vars = { keys: keys.join(",") };
  if (check.type === "required-with") return isSet.set && looked.some((l) => !l.set) ? vars : undefined;
  if (check.type === "at-least-one-of") return specified.length === 0 && !unknown ? vars : undefined;
  if (check.type === "exactly-one-of") {
    if (specified.length === 0 && !unknown) return { ...vars, err: `{qkey}: one of \`${vars.keys}\` must be specified` };
    if (specified.length > 1)
      return { ...vars, err: `{qkey}: only one of \`${vars.keys}\` can be specified, but \`${specified.join(",")}\` were specified.` };
  }
  return undefined;
}

const problem = (at: Located, summary: string): Problem => ({ path: at.steps, summary });

/** TypeInt: the shim hands the SDK an int only for a whole number that fits an int64. */
function isWhole(v: Value): boolean {
  return typeof v === "number" && Number.isInteger(v) && Math.abs(v) <= 2 ** 63 /* int64's range, as a float64 compares it */;
}
function shownNumber(v: Value): string {
  const n = typeof v === "number" ? v : Number(v);
  return Number.isInteger(n) && Math.abs(n) < 2 ** 63 ? String(n) : goFloat(n);
}

// ---- planning -------------------------------------------------------------------------

/** Default rules: what the SDK plans for an attribute the configuration leaves null, in blocks too. */
export function applyDefaults(catalogue: ResourceCatalogue, block: SchemaBlock, planned: Obj, config: Obj): Set<string> {
  const defaulted = new Set<string>();
  for (const rule of catalogue.rules.filter(runs)) {
    if (rule.kind !== "default") continue;
    const [parentPath, name] = splitLast(rule.path);
    const parents = parentPath ? locateBlocks(planned, block, parentPath) : [planned];
    const configured = parentPath ? locateBlocks(config, block, parentPath) : [config];
    parents.forEach((parent, i) => {
      if ((configured[i]?.[name] ?? null) === null && name in parent) {
        parent[name] = rule.value;
        if (!parentPath) defaulted.add(name);
      }
    });
  }
  return defaulted;
}

/** The attribute paths (as terraform's requires_replace wants them) whose change forces a new object. */
export function replacePaths(catalogue: ResourceCatalogue, block: SchemaBlock, prior: Obj, planned: Obj): PathStep[][] {
  const paths: PathStep[][] = [];
  for (const rule of catalogue.rules.filter(runs)) {
    if (rule.kind === "force-new") {
      const before = new Map(locate(prior, block, rule.path).map((at) => [at.flatKey, at.value]));
      const after = locate(planned, block, rule.path);
      const changed = after.filter((at) => !same(before.get(at.flatKey) ?? null, at.value)).map((at) => at.steps);
      const removed = before.size > after.length ? [locate(prior, block, rule.path)[0].steps] : [];
      paths.push(...(changed.length || removed.length ? [[...(changed[0] ?? removed[0])]] : []));
    }
    if (rule.kind === "plan-modifier" && rule.effect === "replace") {
      const count = (v: Value) => (Array.isArray(v) ? v.length : 0);
      const [was, is] = [count(prior[rule.path] ?? null), count(planned[rule.path] ?? null)];
      if ((was === 0) !== (is === 0)) paths.push([rule.path]);
    }
  }
  return paths;
}

/** Plan modifiers: computed attributes an update of `changed` makes unknown (lambda's last_modified, version). */
export function unknownOnUpdate(catalogue: ResourceCatalogue, changed: ReadonlySet<string>, planned: Obj): string[] {
  return catalogue.rules
    .filter(runs)
    .filter((r) => r.kind === "plan-modifier" && r.effect === "unknown")
    .filter((r) => r.kind === "plan-modifier" && r.when.some((w) => changed.has(w)) && (!r.onlyIf || planned[r.onlyIf] === true))
    .map((r) => r.path);
}

/**
 * "compute" plan modifiers: the values the provider's CustomizeDiff plans from the configuration,
 * on create (no prior object) or when any of their `when` attributes changes.
 */
export function computeOnPlan(catalogue: ResourceCatalogue, planned: Obj, prior: Obj | null): void {
  for (const rule of catalogue.rules.filter(runs)) {
    if (rule.kind !== "plan-modifier" || rule.effect !== "compute") continue;
    if (prior && !rule.when.some((w) => !same(prior[w] ?? null, planned[w] ?? null))) continue;
    const compute = PLAN_FUNCTIONS[rule.name ?? ""];
    if (!compute) throw new Error(`${catalogue.type} ${rule.path}: no plan function ${JSON.stringify(rule.name)} in plan-functions.ts`);
    compute(planned);
  }
}

/**
 * On an update: computed blocks the configuration leaves out keep their prior value, parents
 * first, and a value a DiffSuppressFunc takes for the prior one stays the prior one.
 */
export function keepPriorValues(catalogue: ResourceCatalogue, block: SchemaBlock, planned: Obj, config: Obj, prior: Obj): void {
  const rules = catalogue.rules.filter(runs);
  const blocks = rules.filter((r) => r.kind === "computed-block").sort((a, b) => a.path.split(".").length - b.path.split(".").length);
  for (const rule of blocks) {
    const [parentPath, name] = splitLast(rule.path);
    const at = (v: Obj) => (parentPath ? locateBlocks(v, block, parentPath) : [v]);
    const [parents, configured, priors] = [at(planned), at(config), at(prior)];
    parents.forEach((parent, i) => {
      const wanted = configured[i]?.[name] ?? null;
      const had = priors[i]?.[name] ?? null;
      if ((wanted === null || (Array.isArray(wanted) && wanted.length === 0)) && Array.isArray(had) && had.length > 0)
        parent[name] = structuredClone(had);
    });
  }
  for (const rule of rules) {
    if (rule.kind !== "diff-suppress") continue;
    const suppress = SUPPRESS_FUNCTIONS[rule.name];
    if (!suppress) throw new Error(`${catalogue.type} ${rule.path}: no suppress function ${JSON.stringify(rule.name)} in plan-functions.ts`);
    if (suppress(prior[rule.path], planned[rule.path])) planned[rule.path] = prior[rule.path];
  }
}

function splitLast(path: string): [string, string] {
  const i = path.lastIndexOf(".");
  return i < 0 ? ["", path] : [path.slice(0, i), path.slice(i + 1)];
}

/** The element objects of the blocks at `path` (one per element of each enclosing block). */
function locateBlocks(value: Obj, block: SchemaBlock, path: string): Obj[] {
  const [head, ...rest] = path.split(".");
  const nested = block.block_types?.[head];
  if (!nested) return [];
  const v = value[head];
  const list = (Array.isArray(v) ? v : isObj(v) ? [v] : []).filter(isObj);
  return rest.length === 0 ? list : list.flatMap((e) => locateBlocks(e, nested.block, rest.join(".")));
}
