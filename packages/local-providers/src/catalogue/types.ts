// The rule catalogue's shape: what the real providers (and the services behind them) check,
// attribute by attribute, as data. The stand-ins run from it (engine.ts, checks.ts) and
// `npm run fidelity` reports from it.
import type { Value } from "../cty";

export type Phase = "plan" | "apply";

/** A rule's origin: a provider file and function at a version, or a service's documentation. */
export type Source =
  | {
      readonly repo: string;
      readonly path: string;
      /** The Go function, variable or schema entry the rule comes from. */
      readonly symbol: string;
      /** The tag read, or the commit when the tag's state was not readable (see `note`). */
      readonly ref: string;
      readonly note?: string;
    }
  | { readonly doc: string; readonly note?: string };

/**
 * How a value is checked. Each check has the SDK's or the service's wording in the rule's
 * `message`; checks.ts decides pass or fail and fills the message's placeholders.
 */
export type Check =
  | { readonly type: "one-of"; readonly values: readonly string[]; readonly ignoreCase: boolean }
  | { readonly type: "int-one-of"; readonly values: readonly number[] }
  | { readonly type: "int-between"; readonly min: number; readonly max: number }
  | { readonly type: "int-at-least"; readonly min: number }
  | { readonly type: "int-at-most"; readonly max: number }
  | { readonly type: "length-between"; readonly min: number; readonly max: number }
  | { readonly type: "min-length"; readonly min: number }
  | { readonly type: "max-length"; readonly max: number }
  | { readonly type: "matches"; readonly pattern: string }
  | { readonly type: "does-not-match"; readonly pattern: string }
  | { readonly type: "json" }
  | { readonly type: "iam-policy-json" }
  | { readonly type: "json-or-yaml" }
  | { readonly type: "empty" }
  | { readonly type: "not-empty" }
  | { readonly type: "arn" }
  | { readonly type: "not-arn" }
  | { readonly type: "account-id" }
  | { readonly type: "https-url-or-empty"; readonly loginPlaceholders?: boolean }
  | { readonly type: "whole-number" }
  /** SDKv2 schema rules between attributes; `keys` are flatmap keys ("mobile.0.ios"). */
  | { readonly type: "conflicts-with"; readonly keys: readonly string[] }
  | { readonly type: "exactly-one-of"; readonly keys: readonly string[] }
  | { readonly type: "at-least-one-of"; readonly keys: readonly string[] }
  | { readonly type: "required-with"; readonly keys: readonly string[] }
  | { readonly type: "max-items"; readonly max: number }
  /** A provider's CustomizeDiff function, or a service rule needing state: implemented by `name`. */
  | { readonly type: "custom"; readonly name: string }
  /**
   * A service limit over many objects (routes of an API, statements of a policy), by `name`;
   * `adjustable` when AWS raises it on request (Service Quotas), so an account may apply another value.
   */
  | { readonly type: "quota"; readonly name: string; readonly limit: number; readonly adjustable: boolean };

/**
 * Where the SDK runs a validator: ValidateFunc gets the flatmap key ("logging_config.0.log_format"),
 * ValidateDiagFunc the last attribute name ("log_format"); schema rules run beside them in
 * ValidateResourceConfig; CustomizeDiff runs in PlanResourceChange.
 */
export type Via = "ValidateFunc" | "ValidateDiagFunc" | "schema" | "CustomizeDiff";

interface RuleBase {
  /**
   * The attribute: block and attribute names joined by "." ("logging_config.log_format"),
   * with "[]" for the elements of a list or set attribute ("architectures[]").
   */
  readonly path: string;
  readonly source: Source;
  /** Set when the stand-in does not run the rule, with the reason. */
  readonly notRun?: string;
  /** Tells two rules of one kind on one path apart in the rule's id. */
  readonly name?: string;
}

export interface RequiredRule extends RuleBase {
  readonly kind: "required";
  readonly phase: "plan";
}

export interface ValidatorRule extends RuleBase {
  readonly kind: "validator";
  readonly phase: "plan";
  readonly via: Via;
  readonly check: Check;
  /** The diagnostic's summary, in the real wording; placeholders: see checks.ts. */
  readonly message: string;
  /** The diagnostic's detail, when the SDK gives one. */
  readonly detail?: string;
}

export interface ForceNewRule extends RuleBase {
  readonly kind: "force-new";
  readonly phase: "plan";
}

export interface DefaultRule extends RuleBase {
  readonly kind: "default";
  readonly phase: "plan";
  readonly value: Value;
}

/** A value the service decides at create when the configuration leaves it unset. */
export interface ComputedRule extends RuleBase {
  readonly kind: "computed";
  readonly phase: "apply";
  readonly value: Value;
}

/**
 * A CustomizeDiff on a change of any of `when`: marks `path` unknown on an update ("unknown"),
 * replaces when `path` is added or removed ("replace"), or plans the value the provider computes
 * from the configuration ("compute", on create too: implemented by `name` in plan-functions.ts).
 */
export interface PlanModifierRule extends RuleBase {
  readonly kind: "plan-modifier";
  readonly phase: "plan";
  readonly when: readonly string[];
  /** Only while this boolean attribute is true (lambda's `publish`). */
  readonly onlyIf?: string;
  readonly effect: "unknown" | "replace" | "compute";
}

/**
 * An Optional and Computed block of an SDKv2 schema: left out of the configuration of an update,
 * it keeps the value it has (helper/schema's diff finds no change for a computed field the
 * configuration does not set), where a plain optional block would be planned away.
 */
export interface ComputedBlockRule extends RuleBase {
  readonly kind: "computed-block";
  readonly phase: "plan";
}

/**
 * A DiffSuppressFunc: a planned value it finds equal to the prior one is no change, and the plan
 * keeps the prior value. Implemented by `name` in plan-functions.ts.
 */
export interface DiffSuppressRule extends RuleBase {
  readonly kind: "diff-suppress";
  readonly phase: "plan";
  readonly name: string;
}

/** A rule the service API enforces when the provider calls it (apply). */
export interface ApiLimitRule extends RuleBase {
  readonly kind: "api-limit";
  readonly phase: "apply";
  /** The API call that refuses, e.g. "CreateIntegration" or "POST /api/v2/resource-servers". */
  readonly call: string;
  /** The call's input field the check reads, e.g. "TimeoutInMillis". */
  readonly field: string;
  readonly check: Check;
  /** HTTP status and error code the service answers with. */
  readonly status: number;
  readonly code: string;
  /** The service's message; placeholders as for validators. */
  readonly message: string;
}

/**
 * A check the provider makes of what a service answered, in the provider's own words (no
 * service error): at apply in a resource's create, at plan in a data source's read. The
 * behaviour runs it by `check.name` (see provider-checks.ts).
 */
export interface ProviderCheckRule extends RuleBase {
  readonly kind: "provider-check";
  readonly phase: "plan" | "apply";
  readonly check: { readonly type: "custom"; readonly name: string };
  /** The provider's error; placeholders filled by the behaviour. */
  readonly message: string;
  /** The diagnostic's detail, when the provider gives one (diag.Diagnostic's Detail); placeholders as in `message`. */
  readonly detail?: string;
}

export type Rule =
  | RequiredRule
  | ValidatorRule
  | ForceNewRule
  | DefaultRule
  | ComputedRule
  | PlanModifierRule
  | ComputedBlockRule
  | DiffSuppressRule
  | ApiLimitRule
  | ProviderCheckRule;
export type RuleKind = Rule["kind"];

/** How the provider words an apply-time error of one of its calls. */
export interface ApiCall {
  /** "ApiGatewayV2", "Lambda", "IAM", "CloudWatch Logs" (the SDK's service id), or "Auth0". */
  readonly service: string;
  /** The provider's wrapping, with %s for the name it shows and then the error: "creating API Gateway v2 Route: %s". */
  readonly wrap: string;
  /** The planned attribute the wrapping names ("name"), when it names one. */
  readonly nameFrom?: string;
  /**
   * The provider rewords the service's error as "<code>: <message>" instead of the SDK's
   * "operation error …" text (aws_route53_record's InvalidChangeBatch).
   */
  readonly codeAndMessage?: boolean;
}

export interface ResourceCatalogue {
  readonly provider: "auth0/auth0" | "hashicorp/aws";
  readonly type: string;
  readonly dataSource?: boolean;
  /** The file defining the resource, at the version read. */
  readonly source: Source & { readonly repo: string };
  readonly rules: readonly Rule[];
  /** The API calls the provider makes at create, by name, and how it words their errors. */
  readonly calls?: Readonly<Record<string, ApiCall>>;
}

/** A rule's stable id: `<type>:<path>:<kind or check>[:<name>]`, used by the conformance cases. */
export function ruleId(type: string, rule: Rule): string {
  const what = rule.kind === "validator" || rule.kind === "api-limit" ? rule.check.type : rule.kind;
  return [type, rule.path, what, ...(rule.name ? [rule.name] : [])].join(":");
}
