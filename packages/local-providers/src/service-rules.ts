// The service side of the catalogue: the api-limit rules of a call, run by the objects that stand
// for the service APIs (aws/api/, auth0/api/), and the error such a call answers with.
import { baseVars, failuresOf, renderMessage } from "./catalogue/checks";
import type { ApiLimitRule, ResourceCatalogue } from "./catalogue/types";

/** A refused API call, as the service answers it; the provider wraps it in its own words. */
export class ServiceError extends Error {
  /** The object the call was about where the plan does not name it yet (an id the create just made). */
  subject?: string;

  constructor(
    /** The call as the catalogue names it ("CreateIntegration", "POST /api/v2/resource-servers"). */
    readonly call: string,
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ServiceError";
  }
}

/**
 * A service's 404 as both providers' Reads take it (aws: tfresource.NotFound; auth0:
 * internalError.HandleAPIError): the object is gone, dropped from state and planned anew.
 */
export function orGone<T>(get: () => T): T | null {
  try {
    return get();
  } catch (err) {
    if (err instanceof ServiceError && err.status === 404) return null;
    throw err;
  }
}

/** An apply-time error the provider itself raises (reading the Lambda archive, say); `detail` when its diagnostic has one. */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly detail = "",
  ) {
    super(message);
  }
}

/**
 * The catalogue's provider-check rule `name` of `catalogue`: throws its error once per failure,
 * placeholders filled from each, joined a line each (Go's errors.Join). No failures, or a rule
 * the catalogue does not have or does not run, never throws.
 */
export function checkProvider(catalogue: ResourceCatalogue | undefined, name: string, failures: readonly Readonly<Record<string, string>>[]): void {
  const rule = catalogue?.rules.find((r) => r.kind === "provider-check" && r.check.name === name && r.notRun === undefined);
  if (failures.length > 0 && rule?.kind === "provider-check") {
    const detail = rule.detail === undefined ? "" : failures.map((vars) => renderMessage(rule.detail!, vars)).join("\n");
    throw new ProviderError(failures.map((vars) => renderMessage(rule.message, vars)).join("\n"), detail);
  }
}

/** The api-limit rules of every call of a provider's catalogue, by call. */
export class CallRules {
  private readonly byCall = new Map<string, ApiLimitRule[]>();

  constructor(
    catalogues: readonly ResourceCatalogue[],
    /** An account's applied quota values, by quota name ("routes-per-api"), where they differ from the defaults. */
    private readonly appliedQuotas: Readonly<Record<string, number>> = {},
  ) {
    for (const catalogue of catalogues) {
      for (const rule of catalogue.rules) {
        if (rule.kind !== "api-limit" || rule.notRun !== undefined) continue;
        this.byCall.set(rule.call, [...(this.byCall.get(rule.call) ?? []), rule]);
      }
    }
  }

  /** Throws the first refusal of `call`'s value checks on `input` (fields by dotted name). */
  checkInput(call: string, input: object): void {
    for (const rule of this.byCall.get(call) ?? []) {
      if (rule.check.type === "custom" || rule.check.type === "quota") continue;
      const value = fieldOf(input, rule.field);
      if (value === undefined || value === null) continue;
      const [failure] = failuresOf(rule.check, value);
      if (failure) this.refuse(rule, { ...baseVars(rule.field, value, rule.check), ...failure });
    }
  }

  /** The named quota or stateful rule of `call`, when the catalogue has it (and so the service enforces it). */
  rule(call: string, name: string): ApiLimitRule | undefined {
    return (this.byCall.get(call) ?? []).find((r) => (r.check.type === "custom" || r.check.type === "quota") && r.check.name === name);
  }

  /** The limit of a quota rule (the account's applied value, else the default), or undefined when the catalogue has none. */
  limit(call: string, name: string): number | undefined {
    const rule = this.rule(call, name);
    return rule?.check.type === "quota" ? (this.appliedQuotas[name] ?? rule.check.limit) : undefined;
  }

  /** Throws `rule`'s refusal; `call` names another call that shares the rule (UpdateAssumeRolePolicy shares CreateRole's grammar). */
  refuse(rule: ApiLimitRule, vars: Readonly<Record<string, string>>, call = rule.call): never {
    throw new ServiceError(call, rule.status, rule.code, renderMessage(rule.message, vars));
  }

  /** Refuses with the named rule of `call` when `failed`; does nothing when the catalogue has no such rule. */
  refuseIf(failed: boolean, call: string, name: string, vars: Readonly<Record<string, string>>): void {
    const rule = this.rule(call, name);
    if (failed && rule) this.refuse(rule, vars);
  }
}

function fieldOf(input: object, field: string): unknown {
  let current: unknown = input;
  for (const part of field.split(".")) current = current && typeof current === "object" ? (current as Record<string, unknown>)[part] : undefined;
  return current;
}

/** The adjustable quotas of a provider's catalogue ("routes-per-api"), with their default values: the ones an account may have raised. */
export function quotaDefaults(catalogues: readonly ResourceCatalogue[]): Record<string, number> {
  const quotas: Record<string, number> = {};
  for (const c of catalogues)
    for (const r of c.rules) if (r.kind === "api-limit" && r.check.type === "quota" && r.check.adjustable) quotas[r.check.name] = r.check.limit;
  return quotas;
}

/**
 * LOCAL_AWS_QUOTAS: the applied values of adjustable quotas as Service Quotas shows them, e.g.
 * {"routes-per-api": 500} where AWS raised the routes quota (AWS raises it per API; locally it
 * applies to every API). Unknown or fixed quotas and values that are not positive integers are
 * left out (scripts/local.ts refuses them first).
 */
export function appliedQuotasOf(text: string | undefined, defaults: Readonly<Record<string, number>>): Record<string, number> {
  if (!text) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {};
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return {};
  return Object.fromEntries(
    Object.entries(parsed).filter(([name, v]) => Object.hasOwn(defaults, name) && Number.isInteger(v) && (v as number) > 0),
  ) as Record<string, number>;
}
