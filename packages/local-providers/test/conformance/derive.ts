// Turns the catalogue and its conformance cases into terraform configurations: one resource
// instance per rule and outcome, and what terraform must report for it in which phase.
import { ruleId, type Check, type ResourceCatalogue, type Rule } from "../../src/catalogue";
import { CASES, type Case } from "./cases";
import { BLOCKS, FIXTURES } from "./fixtures";

type Json = any;

/** The phase a configuration is run in: the outcome an instance is there to show. */
export type Stage = "validate" | "diff" | "apply" | "change";

/** What terraform must show for one rule (`rule`, its id). */
export type Expectation = { readonly rule: string } & (
  | {
      readonly kind: "error";
      readonly stage: "validate" | "diff" | "apply";
      readonly address: string;
      readonly pattern: RegExp;
      readonly attribute?: string;
      readonly count?: number;
    }
  | { readonly kind: "planned"; readonly address: string; readonly path: string; readonly value: Json }
  | { readonly kind: "state"; readonly address: string; readonly path: string; readonly value: Json }
  | { readonly kind: "replace"; readonly address: string; readonly path: readonly (string | number)[] }
  | { readonly kind: "unknown"; readonly address: string; readonly path: string }
  /** A value the provider computes at plan: in the change stage's plan, at `path` (first elements on the way). */
  | { readonly kind: "planned-change"; readonly address: string; readonly path: string; readonly value: Json }
);

export interface Instance {
  readonly rule: string;
  readonly type: string;
  readonly dataSource: boolean;
  readonly name: string;
  readonly stage: Stage;
  readonly config: Json;
  /** The configuration of the instance in the change stage (force-new, plan modifiers). */
  readonly changed?: Json;
  readonly count?: number;
}

const clone = (v: Json) => structuredClone(v);

/** Sets `value` at a rule path, creating the blocks it goes through from their sample elements. */
function setAt(type: string, config: Json, path: string, value: Json): Json {
  const parts = path.split(".");
  let container = config;
  for (let i = 0; i < parts.length - 1; i++) {
    const blockPath = parts.slice(0, i + 1).join(".");
    const name = parts[i];
    const sample = BLOCKS[type]?.[blockPath] ?? {};
    if (!Array.isArray(container[name]) || container[name].length === 0) container[name] = [clone(sample)];
    container = container[name][0];
  }
  const last = parts[parts.length - 1];
  if (last.endsWith("[]")) container[last.slice(0, -2)] = [value];
  else container[last] = value;
  return config;
}

/** A failing and a passing value for a check, where the check's own data says enough. */
function derivedValues(check: Check): { pass: Json; fail: Json } | undefined {
  switch (check.type) {
    case "one-of": {
      const swapped = [...check.values[0]].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join("");
      // Case-insensitive enums pass in another case; case-sensitive ones fail in it.
      return check.ignoreCase
        ? { pass: swapped, fail: `not-${check.values[0]}` }
        : { pass: check.values[0], fail: swapped === check.values[0] ? `not-${check.values[0]}` : swapped };
    }
    case "int-one-of":
      return { pass: check.values[1] ?? check.values[0], fail: 42 };
    case "int-between":
      return { pass: check.max, fail: check.max + 1 };
    case "int-at-least":
      return { pass: check.min, fail: check.min - 1 };
    case "int-at-most":
      return { pass: check.max, fail: check.max + 1 };
    case "length-between":
      return { pass: "a".repeat(check.max), fail: "a".repeat(check.max + 1) };
    case "min-length":
      return { pass: "a".repeat(check.min), fail: "a".repeat(check.min - 1) };
    case "max-length":
      return { pass: "a".repeat(check.max), fail: "a".repeat(check.max + 1) };
    case "json":
    case "json-or-yaml":
      return { pass: '{"a":1}', fail: '{"a":' };
    case "iam-policy-json":
      return { pass: '{"Version":"2012-10-17","Statement":[]}', fail: '["not","an","object"]' };
    case "empty":
      return { pass: "", fail: "x" };
    case "not-empty":
      return { pass: "x", fail: "" };
    case "arn":
      return { pass: "arn:aws:iam::123456789012:role/conformance", fail: "not-an-arn" };
    case "not-arn":
      return { pass: "conformance", fail: "arn:aws:iam::123456789012:role/conformance" };
    case "account-id":
      return { pass: "123456789012", fail: "12345" };
    case "https-url-or-empty":
      return { pass: "https://example.test", fail: "http://example.test" };
    default:
      return undefined;
  }
}

type Explicit = Exclude<Case, "derived">;

/** The case of a rule: explicit in cases.ts, with what it leaves out derived from the rule's check. */
function caseOf(id: string, rule: Rule, catalogue: ResourceCatalogue): Explicit {
  const given = CASES[id];
  if (given === undefined) throw new Error(`the catalogue rule ${id} has no conformance case in __tests__/terraform/conformance/cases.ts`);
  const explicit: Explicit = given === "derived" ? {} : given;
  const complete = (c: Explicit) =>
    c.quota ||
    c.failWith ||
    c.neverFails ||
    c.to !== undefined ||
    rule.kind === "default" ||
    rule.kind === "computed" ||
    ("fail" in c && ("pass" in c || "passWith" in c));
  if (complete(explicit)) return explicit;
  const derived = derivedCase(rule, catalogue);
  if (!derived) throw new Error(`rule ${id} cannot be derived: give it an explicit case`);
  return { ...derived, ...explicit };
}

function derivedCase(rule: Rule, catalogue: ResourceCatalogue): { pass: Json; fail: Json } | undefined {
  // A top-level required attribute is set in every instance already: its pass is any instance.
  if (rule.kind === "required") return { pass: rule.path.includes(".") ? sampleAt(catalogue.type, rule.path) : undefined, fail: null };
  if (rule.kind !== "validator" && rule.kind !== "api-limit") return undefined;
  if (rule.check.type === "whole-number") {
    // The boundary value of an integer check on the same attribute, else its sample, else 1.
    const sibling = catalogue.rules.find(
      (r) =>
        r !== rule &&
        r.path === rule.path &&
        (r.kind === "validator" || r.kind === "api-limit") &&
        ["int-between", "int-at-least", "int-at-most", "int-one-of"].includes(r.check.type),
    );
    const pass =
      sibling && (sibling.kind === "validator" || sibling.kind === "api-limit")
        ? derivedValues(sibling.check)!.pass
        : (trySample(catalogue.type, rule.path) ?? 1);
    return { pass, fail: pass + 0.5 };
  }
  return derivedValues(rule.check);
}

function trySample(type: string, path: string): Json {
  try {
    return sampleAt(type, path);
  } catch {
    return undefined;
  }
}

/** The value an attribute has in its block's sample element (or the fixture, at the top). */
function sampleAt(type: string, path: string): Json {
  const i = path.lastIndexOf(".");
  const container = i < 0 ? FIXTURES[type].base : BLOCKS[type]?.[path.slice(0, i)];
  const value = container?.[path.slice(i + 1)];
  if (value === undefined) throw new Error(`no sample for ${type} ${path}: add it to the fixtures`);
  return value;
}

/** Left out of the configuration, the enclosing blocks created (defaults and service values). */
const UNSET = Symbol("unset");

/** A regular expression matching `text` literally. */
const literally = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));

/** A regular expression of a message template: placeholders match anything, the rest literally. */
function templatePattern(template: string): RegExp {
  const parts = template.split(/\{\w+\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(parts.join("[\\s\\S]*?"));
}

let counter = 0;
const nextName = () => `r${String(++counter).padStart(3, "0")}`;

/** The instances and expectations of one resource type's rules. */
export function instancesOf(catalogue: ResourceCatalogue): { instances: Instance[]; expectations: Expectation[] } {
  const instances: Instance[] = [];
  const expectations: Expectation[] = [];
  const fixture = FIXTURES[catalogue.type];
  if (!fixture) throw new Error(`no conformance fixture for ${catalogue.type}`);
  const mode = catalogue.dataSource ? "data" : "resource";
  const make = (id: string, stage: Stage, build: (config: Json) => Json, extra: Partial<Instance> = {}): Instance => {
    const name = nextName();
    const index = Number(name.slice(1));
    const config = build({ ...clone(fixture.base), ...(fixture.unique?.(index) ?? {}) });
    const instance = { rule: id, type: catalogue.type, dataSource: !!catalogue.dataSource, name, stage, config, ...extra };
    instances.push(instance);
    return instance;
  };
  const address = (i: Instance) => `${mode === "data" ? "data." : ""}${i.type}.${i.name}${i.count ? "[*]" : ""}`;

  // Values of rules that need nothing else of an instance share instances: one per stage and
  // attribute at most, and one value once. Terraform's time grows with the instance count.
  const slots = new Map<Stage, { instance: Instance; paths: Set<string> }[]>();
  const packed = new Map<string, Instance>();
  const pack = (stage: Stage, path: string, value: Json): Instance => {
    const attribute = path.replace(/\[\]/g, "");
    const key = `${stage} ${attribute} ${value === UNSET ? "(unset)" : JSON.stringify(value)}`;
    const known = packed.get(key);
    if (known) return known;
    const list = slots.get(stage) ?? [];
    slots.set(stage, list);
    let slot = list.find((s) => !s.paths.has(attribute));
    if (!slot) {
      slot = { instance: make("(shared)", stage, (config) => config), paths: new Set() };
      list.push(slot);
    }
    setAt(catalogue.type, slot.instance.config, path, value === UNSET ? undefined : clone(value));
    slot.paths.add(attribute);
    packed.set(key, slot.instance);
    return slot.instance;
  };

  for (const rule of catalogue.rules) {
    if (rule.notRun) continue;
    const id = ruleId(catalogue.type, rule);
    const c = caseOf(id, rule, catalogue);
    const withCase =
      (value: Json, at = rule.path) =>
      (config: Json) => {
        for (const k of c.drop ?? []) delete config[k];
        if (c.with) Object.assign(config, clone(c.with));
        if (value === undefined) return config;
        return setAt(catalogue.type, config, at, value === UNSET ? undefined : clone(value));
      };
    const lastName = rule.path.split(".").pop()!.replace(/\[\]$/, "");
    const alone = c.with !== undefined || c.drop !== undefined;
    const passing = () =>
      c.passWith || alone
        ? make(id, "apply", c.passWith ? (cfg) => Object.assign(withCase(undefined)(cfg), clone(c.passWith)) : withCase(c.pass))
        : pack("apply", rule.path, c.pass);
    if (rule.kind === "required" || rule.kind === "validator") {
      const stage = rule.kind === "validator" && rule.via === "CustomizeDiff" ? "diff" : "validate";
      if (c.pass !== undefined || c.passWith) passing();
      if (c.neverFails) continue;
      const failed =
        c.failWith || alone || stage === "diff"
          ? make(id, stage, c.failWith ? (cfg) => Object.assign(withCase(undefined)(cfg), clone(c.failWith)) : withCase(c.fail))
          : pack(stage, rule.path, c.fail);
      const summary = rule.kind === "required" ? "Missing required argument" : rule.message;
      const detail = rule.kind === "required" ? "The argument {key} is required, but no definition was found." : rule.detail;
      const pattern = c.failMessage !== undefined ? literally(c.failMessage) : templatePattern(detail ?? summary);
      const onValue = rule.kind === "validator" && rule.via !== "schema" && rule.via !== "CustomizeDiff";
      expectations.push({ rule: id, kind: "error", stage, address: address(failed), pattern, ...(onValue ? { attribute: lastName } : {}) });
    } else if (rule.kind === "api-limit") {
      const call = catalogue.calls?.[rule.call];
      const message = c.failMessage !== undefined ? literally(c.failMessage) : templatePattern(rule.message);
      const pattern = new RegExp(
        `${call ? call.wrap.split("%s")[0].replace(/[.*+?^${}()|[\]\\]/g, "\\$&") : ""}[\\s\\S]*${rule.code}: ${message.source}`,
      );
      if (c.quota) {
        const failed = make(id, "apply", withCase(undefined), { count: c.quota.count });
        failed.config.count = c.quota.count;
        Object.assign(failed.config, c.quota.each);
        expectations.push({ rule: id, kind: "error", stage: "apply", address: address(failed), pattern, count: c.quota.failures ?? 1 });
      } else if (c.neverFails) {
        // A refusal terraform cannot reach (the provider refuses every such value at plan): its passing value only.
        passing();
      } else {
        const failed = make(id, "apply", c.failWith ? (cfg) => Object.assign(withCase(undefined)(cfg), clone(c.failWith)) : withCase(c.fail));
        expectations.push({ rule: id, kind: "error", stage: "apply", address: address(failed), pattern });
        passing();
      }
    } else if (rule.kind === "default") {
      const omitted = alone ? make(id, "apply", withCase(UNSET)) : pack("apply", rule.path, UNSET);
      expectations.push({
        rule: id,
        kind: catalogue.dataSource ? "state" : "planned",
        address: address(omitted),
        path: rule.path,
        value: rule.value,
      });
    } else if (rule.kind === "computed") {
      const omitted = alone ? make(id, "apply", withCase(UNSET)) : pack("apply", rule.path, UNSET);
      expectations.push({ rule: id, kind: "state", address: address(omitted), path: rule.path, value: rule.value });
    } else if (rule.kind === "provider-check") {
      // The provider's own check of a service's answer: a data source's read fails the plan, a create the apply.
      const stage = rule.phase === "plan" ? "diff" : "apply";
      if (c.passWith || c.pass !== undefined) passing();
      if (c.quota) {
        // Instances that meet in the service: the first goes through, the others find what it made.
        const failed = make(id, stage, withCase(undefined), { count: c.quota.count });
        failed.config.count = c.quota.count;
        Object.assign(failed.config, c.quota.each);
        expectations.push({
          rule: id,
          kind: "error",
          stage,
          address: address(failed),
          pattern: templatePattern(rule.message),
          count: c.quota.failures ?? 1,
        });
      } else {
        const failed = make(id, stage, c.failWith ? (cfg) => Object.assign(withCase(undefined)(cfg), clone(c.failWith)) : withCase(c.fail));
        const pattern = c.failMessage !== undefined ? literally(c.failMessage) : templatePattern(rule.message);
        expectations.push({ rule: id, kind: "error", stage, address: address(failed), pattern });
      }
    } else if (rule.kind === "computed-block" || rule.kind === "diff-suppress") {
      // Applied with `from`, then planned with `to`: the prior value stays, where the plan shows it.
      if (c.plannedAt === undefined) throw new Error(`rule ${id} keeps a prior value: give its case plannedAt and planned`);
      const before = make(id, "apply", withCase(c.from, c.at));
      (before as { changed?: Json }).changed = Object.assign(withCase(c.to, c.at)(clone(before.config)), clone(c.toWith ?? {}));
      expectations.push({ rule: id, kind: "planned-change", address: address(before), path: c.plannedAt, value: c.planned });
    } else if (rule.kind === "force-new" || rule.kind === "plan-modifier") {
      const before = make(id, "apply", withCase(c.from, c.at));
      const changed = Object.assign(withCase(c.to, c.at)(clone(before.config)), clone(c.toWith ?? {}));
      (before as { changed?: Json }).changed = changed;
      const steps = rule.path.split(".").flatMap((p, i, all) => (i < all.length - 1 ? [p, 0] : [p]));
      if (rule.kind === "plan-modifier" && rule.effect === "compute") {
        if (c.plannedAt === undefined) throw new Error(`rule ${id} computes at plan: give its case plannedAt and planned`);
        expectations.push({ rule: id, kind: "planned-change", address: address(before), path: c.plannedAt, value: c.planned });
        continue;
      }
      expectations.push(
        rule.kind === "force-new" || rule.effect === "replace"
          ? { rule: id, kind: "replace", address: address(before), path: steps }
          : { rule: id, kind: "unknown", address: address(before), path: rule.path },
      );
    }
  }
  return { instances, expectations };
}
