// The values providers compute while planning, by the name the catalogue's "compute" plan
// modifiers give (plan-modifier rules with effect "compute"): each reads the planned object (the
// configuration with defaults) as the provider's CustomizeDiff reads its ResourceDiff, and sets
// what it sets.
import { isUnknown, UNKNOWN, type Obj, type Value } from "../cty";

export type PlanFunction = (planned: Obj) => void;

/** ResourceDiff.Get of a string: "" for null and unknown. */
const text = (v: Value | undefined) => (typeof v === "string" ? v : "");
/** ResourceDiff.Get of a set of strings: empty for null and unknown. */
const strings = (v: Value | undefined) => (Array.isArray(v) ? v.filter((s): s is string => typeof s === "string") : []);

export const PLAN_FUNCTIONS: Readonly<Record<string, PlanFunction>> = {
  /**
   * aws_acm_certificate, CustomizeDiff: with DNS validation, one domain_validation_options entry
   * per domain name (domain_name, then the subject alternative names; a set keyed by the name),
   * the record's name, type and value known after apply. What lets a for_each over them plan.
   */
  "dns-validation-options": (planned) => {
    if (text(planned.validation_method) !== "DNS") return;
    const names = [...new Set([text(planned.domain_name), ...strings(planned.subject_alternative_names)])].sort();
    planned.domain_validation_options = names.map((name) => ({
      domain_name: name,
      resource_record_name: UNKNOWN,
      resource_record_type: UNKNOWN,
      resource_record_value: UNKNOWN,
    }));
  },
  /** aws_acm_certificate, CustomizeDiff: ACM adds domain_name to the subject alternative names, and so does the plan. */
  "domain-in-sans": (planned) => {
    const sans = isUnknown(planned.subject_alternative_names) ? [] : strings(planned.subject_alternative_names);
    // A set of strings: in cty's (lexical) order, as terraform hands it back.
    planned.subject_alternative_names = [...new Set([...sans, text(planned.domain_name)])].sort();
  },
};

/** A DiffSuppressFunc: true when the prior and planned values are the same to the provider. */
export type SuppressFunction = (prior: Value | undefined, planned: Value | undefined) => boolean;

export const SUPPRESS_FUNCTIONS: Readonly<Record<string, SuppressFunction>> = {
  /** auth0_user user_id: the configured id without its "auth0|" connection prefix is the stored id. */
  "auth0-user-id": (prior, planned) => typeof prior === "string" && typeof planned === "string" && prior === `auth0|${planned}`,
};
