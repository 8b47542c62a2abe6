// Short builders for the catalogue files: each fixes a rule's kind, the SDK's wording for its
// check and the source it comes from, so a resource's file reads as the list of its rules.
import type { Value } from "../cty";
import type {
  ApiLimitRule,
  Check,
  ComputedBlockRule,
  ComputedRule,
  DiffSuppressRule,
  DefaultRule,
  ForceNewRule,
  PlanModifierRule,
  ProviderCheckRule,
  RequiredRule,
  Source,
  ValidatorRule,
  Via,
} from "./types";

const SDK = "hashicorp/terraform-plugin-sdk";
const SDK_SCHEMA = { repo: SDK, path: "helper/schema/schema.go", ref: "v2 (helper/schema, as the providers vendor it)" } as const;

/** The messages helper/validation gives its validators (terraform-plugin-sdk v2). */
const SDK_MESSAGES = {
  oneOf: "expected {key} to be one of {values}, got {value}",
  intOneOf: "expected {key} to be one of {values}, got {value}",
  intBetween: "expected {key} to be in the range ({min} - {max}), got {value}",
  intAtLeast: "expected {key} to be at least ({min}), got {value}",
  lengthBetween: "expected length of {key} to be in the range ({min} - {max}), got {value}",
  matchNoMessage: "expected value of {key} to match regular expression {pattern}, got {value}",
  json: "{qkey} contains an invalid JSON: {err}",
  empty: "expected {qkey} to be an empty string: got {value}",
  notEmpty: "expected {qkey} to not be an empty string, got {value}",
} as const;

type Opts = { readonly via?: Via; readonly name?: string; readonly notRun?: string; readonly note?: string };

/** The builders for one provider file: `symbol` is the schema function, e.g. "resourceFunction". */
export function rulesOf(file: {
  readonly repo: string;
  readonly path: string;
  readonly ref: string;
  readonly symbol: string;
  readonly note?: string;
}) {
  const at = (path: string, what?: string, note?: string): Source => ({
    repo: file.repo,
    path: file.path,
    ref: file.ref,
    symbol: `${file.symbol} ${JSON.stringify(path.replace(/\[\]$/, ""))}${what ? ` ${what}` : ""}`,
    ...((note ?? file.note) ? { note: note ?? file.note } : {}),
  });
  const validator = (path: string, check: Check, message: string, what: string, o: Opts = {}): ValidatorRule => ({
    kind: "validator",
    phase: "plan",
    path,
    via: o.via ?? "ValidateFunc",
    check,
    message,
    source: at(path, what, o.note),
    ...(o.name ? { name: o.name } : {}),
    ...(o.notRun ? { notRun: o.notRun } : {}),
  });
  return {
    required: (path: string): RequiredRule => ({ kind: "required", phase: "plan", path, source: at(path, "Required: true") }),
    forceNew: (path: string, note?: string): ForceNewRule => ({ kind: "force-new", phase: "plan", path, source: at(path, "ForceNew: true", note) }),
    default: (path: string, value: Value): DefaultRule => ({
      kind: "default",
      phase: "plan",
      path,
      value,
      source: at(path, `Default: ${JSON.stringify(value)}`),
    }),
    wholeNumber: (path: string): ValidatorRule => ({
      kind: "validator",
      phase: "plan",
      path,
      via: "schema",
      check: { type: "whole-number" },
      message: "Attribute must be a whole number, got {value}",
      source: { ...SDK_SCHEMA, symbol: `schemaMap.validatePrimitive (TypeInt), for ${file.symbol} ${JSON.stringify(path.replace(/\[\]$/, ""))}` },
    }),
    oneOf: (path: string, values: readonly string[], ignoreCase: boolean, o: Opts = {}) =>
      validator(
        path,
        { type: "one-of", values, ignoreCase },
        SDK_MESSAGES.oneOf,
        o.via === "ValidateDiagFunc" ? "enum.Validate" : `StringInSlice(…, ${ignoreCase})`,
        o,
      ),
    intOneOf: (path: string, values: readonly number[], o: Opts = {}) =>
      validator(path, { type: "int-one-of", values }, SDK_MESSAGES.intOneOf, "IntInSlice", o),
    intBetween: (path: string, min: number, max: number, o: Opts = {}) =>
      validator(path, { type: "int-between", min, max }, SDK_MESSAGES.intBetween, `IntBetween(${min}, ${max})`, o),
    intAtLeast: (path: string, min: number, o: Opts = {}) =>
      validator(path, { type: "int-at-least", min }, SDK_MESSAGES.intAtLeast, `IntAtLeast(${min})`, o),
    lengthBetween: (path: string, min: number, max: number, o: Opts = {}) =>
      validator(path, { type: "length-between", min, max }, SDK_MESSAGES.lengthBetween, `StringLenBetween(${min}, ${max})`, o),
    /** StringMatch: with a message "invalid value for k (message)", without the regular expression. */
    matches: (path: string, pattern: string, message: string | undefined, o: Opts = {}) =>
      validator(
        path,
        { type: "matches", pattern },
        message ? `invalid value for {key} (${message})` : SDK_MESSAGES.matchNoMessage,
        `StringMatch(${pattern})`,
        o,
      ),
    doesNotMatch: (path: string, pattern: string, message: string, o: Opts = {}) =>
      validator(path, { type: "does-not-match", pattern }, `invalid value for {key} (${message})`, `StringDoesNotMatch(${pattern})`, o),
    json: (path: string, o: Opts = {}) => validator(path, { type: "json" }, SDK_MESSAGES.json, "StringIsJSON", o),
    empty: (path: string, o: Opts = {}) => validator(path, { type: "empty" }, SDK_MESSAGES.empty, "StringIsEmpty", o),
    notEmpty: (path: string, o: Opts = {}) => validator(path, { type: "not-empty" }, SDK_MESSAGES.notEmpty, "StringIsNotEmpty", o),
    /** A validator with its own wording (a provider's function, not helper/validation's). */
    custom: (path: string, check: Check, message: string, what: string, o: Opts = {}) => validator(path, check, message, what, o),
    conflictsWith: (path: string, keys: readonly string[]) =>
      schemaRule(
        path,
        { type: "conflicts-with", keys },
        "Conflicting configuration arguments",
        "{qkey}: conflicts with {other}",
        at(path, `ConflictsWith: ${keys.join(", ")}`),
      ),
    exactlyOneOf: (path: string, keys: readonly string[]) =>
      schemaRule(path, { type: "exactly-one-of", keys }, "Invalid combination of arguments", "{err}", at(path, `ExactlyOneOf: ${keys.join(", ")}`)),
    atLeastOneOf: (path: string, keys: readonly string[]) =>
      schemaRule(
        path,
        { type: "at-least-one-of", keys },
        "Missing required argument",
        "{qkey}: one of `{keys}` must be specified",
        at(path, `AtLeastOneOf: ${keys.join(", ")}`),
      ),
    requiredWith: (path: string, keys: readonly string[]) =>
      schemaRule(
        path,
        { type: "required-with", keys },
        "Missing required argument",
        "{qkey}: all of `{keys}` must be specified",
        at(path, `RequiredWith: ${keys.join(", ")}`),
      ),
    maxItems: (path: string, max: number) =>
      schemaRule(
        path,
        { type: "max-items", max },
        "List longer than MaxItems",
        "Attribute {key} supports {max} item maximum, but config has {count} declared",
        at(path, `MaxItems: ${max}`),
      ),
    /** A CustomizeDiff function: implemented in engine.ts by name, its error as the summary. */
    customizeDiff: (path: string, name: string, message: string, symbol: string): ValidatorRule => ({
      kind: "validator",
      phase: "plan",
      path,
      via: "CustomizeDiff",
      check: { type: "custom", name },
      message,
      source: { repo: file.repo, path: file.path, ref: file.ref, symbol, ...(file.note ? { note: file.note } : {}) },
      name,
    }),
    /** A CustomizeDiff that plans the value the provider computes from the configuration (plan-functions.ts, by `name`). */
    computeOnPlan: (path: string, when: readonly string[], symbol: string, name: string): PlanModifierRule => ({
      kind: "plan-modifier",
      phase: "plan",
      path,
      when,
      effect: "compute",
      name,
      source: { repo: file.repo, path: file.path, ref: file.ref, symbol, ...(file.note ? { note: file.note } : {}) },
    }),
    /** The provider's own check of a service's answer (a resource's create: apply; a data source's read: plan). */
    providerCheck: (
      path: string,
      phase: "plan" | "apply",
      name: string,
      message: string,
      symbol: string,
      note?: string,
      detail?: string,
    ): ProviderCheckRule => ({
      kind: "provider-check",
      phase,
      path,
      check: { type: "custom", name },
      message,
      ...(detail ? { detail } : {}),
      name,
      source: { repo: file.repo, path: file.path, ref: file.ref, symbol, ...((note ?? file.note) ? { note: note ?? file.note } : {}) },
    }),
    /** An Optional and Computed block: absent from an update's configuration, it keeps its value. */
    computedBlock: (path: string): ComputedBlockRule => ({
      kind: "computed-block",
      phase: "plan",
      path,
      source: at(path, "Optional: true, Computed: true (a block)"),
    }),
    /** A DiffSuppressFunc, implemented by `name` in plan-functions.ts. */
    diffSuppress: (path: string, name: string, symbol = "DiffSuppressFunc"): DiffSuppressRule => ({
      kind: "diff-suppress",
      phase: "plan",
      path,
      name,
      source: at(path, symbol),
    }),
    planModifier: (
      path: string,
      when: readonly string[],
      symbol: string,
      o: { onlyIf?: string; effect?: "unknown" | "replace"; name?: string } = {},
    ): PlanModifierRule => ({
      kind: "plan-modifier",
      phase: "plan",
      path,
      when,
      effect: o.effect ?? "unknown",
      ...(o.onlyIf ? { onlyIf: o.onlyIf } : {}),
      ...(o.name ? { name: o.name } : {}),
      source: { repo: file.repo, path: file.path, ref: file.ref, symbol, ...(file.note ? { note: file.note } : {}) },
    }),
  };
}

function schemaRule(path: string, check: Check, summary: string, detail: string, source: Source): ValidatorRule {
  const sdkSymbol = {
    "conflicts-with": "validateConflictingAttributes",
    "exactly-one-of": "validateExactlyOneAttribute",
    "at-least-one-of": "validateAtLeastOneAttribute",
    "required-with": "validateRequiredWithAttribute",
    "max-items": "validateList",
  }[check.type as "conflicts-with"];
  const note = `worded by ${SDK}'s ${SDK_SCHEMA.path} ${sdkSymbol}`;
  return { kind: "validator", phase: "plan", path, via: "schema", check, message: summary, detail, source: { ...source, note } };
}

/** A service-side limit, documented by `doc`. */
export function apiLimit(
  path: string,
  o: {
    call: string;
    field: string;
    check: Check;
    status: number;
    code: string;
    message: string;
    doc: string;
    note?: string;
    name?: string;
    notRun?: string;
  },
): ApiLimitRule {
  return {
    kind: "api-limit",
    phase: "apply",
    path,
    call: o.call,
    field: o.field,
    check: o.check,
    status: o.status,
    code: o.code,
    message: o.message,
    source: { doc: o.doc, ...(o.note ? { note: o.note } : {}) },
    ...(o.name ? { name: o.name } : {}),
    ...(o.notRun ? { notRun: o.notRun } : {}),
  };
}

/** A value the service fills in at create when the configuration leaves it unset. */
export function serviceDefault(path: string, value: Value, source: Source): ComputedRule {
  return { kind: "computed", phase: "apply", path, value, source };
}
