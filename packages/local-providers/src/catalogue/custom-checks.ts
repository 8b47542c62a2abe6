// The providers' CustomizeDiff functions (and the policy document's read-time check) the
// catalogue names by `check.name`: each returns the errors it would report.
import { isObj, isUnknown, type Obj, type Value } from "../cty";

export type CustomError = { readonly err: string; readonly value?: string };
type CustomCheck = (config: Obj) => CustomError[];

const blocks = (v: Value): Obj[] => (Array.isArray(v) ? v.filter(isObj) : isObj(v) ? [v] : []);
/** ResourceDiff.GetOk: false for null, unknown and the zero value. */
const getOk = (v: Value | undefined) => v !== null && v !== undefined && !isUnknown(v) && v !== "" && v !== 0 && v !== false;
const known = (v: Value | undefined) => v !== null && v !== undefined;

/** hashicorp/go-multierror's ListFormatFunc: how the auth0 provider's joined errors print. */
export function multierrorText(messages: readonly string[]): string {
  const head = messages.length === 1 ? "1 error occurred:" : `${messages.length} errors occurred:`;
  return `${head}\n${messages.map((m) => `\t* ${m}`).join("\n")}\n\n`;
}

function multierror(messages: string[]): CustomError[] {
  return messages.length === 0 ? [] : [{ err: multierrorText(messages) }];
}

export const CUSTOM_CHECKS: Readonly<Record<string, CustomCheck>> = {
  /** lambda checkHandlerRuntimeForZipFunction: package_type defaults to Zip. */
  "zip-needs-handler-and-runtime": (c) => {
    const packageType = c.package_type ?? "Zip";
    const set = (v: Value | undefined) => getOk(v) || isUnknown(v);
    return packageType === "Zip" && (!set(c.handler) || !set(c.runtime)) ? [{ err: "" }] : [];
  },
  /** resourceserver validateResourceServer: `disable` excludes the other settings of three blocks. */
  "disable-excludes-settings": (c) => {
    const disabledWith = (block: string, others: (b: Obj) => boolean) => {
      const list = blocks(c[block] ?? null);
      return list.some((b) => b.disable === true) && list.some(others);
    };
    const messages: string[] = [];
    if (disabledWith("authorization_details", (b) => known(b.type)))
      messages.push("only one of disable and type should be set in the authorization_details block");
    if (disabledWith("token_encryption", (b) => known(b.format) || blocks(b.encryption_key ?? null).length > 0)) {
      messages.push("only one of disable and format or encryption_key should be set in the token_encryption blocks");
    }
    if (disabledWith("proof_of_possession", (b) => known(b.mechanism) || b.required === true)) {
      messages.push("only one of disable and mechanism or required should be set in the proof_of_possession block");
    }
    return multierror(messages);
  },
  /** role validateRole: owner_id goes with type "organization" only. */
  "owner-id-needs-organization-type": (c) => {
    const ownerSet = known(c.owner_id);
    if (c.type === null || c.type === undefined || isUnknown(c.type))
      return ownerSet ? [{ err: "type must be set to organization when owner_id is set" }] : [];
    if (c.type === "organization") return ownerSet ? [] : [{ err: "owner_id is required when type is set to organization" }];
    return ownerSet ? [{ err: "owner_id can only be set when type is set to organization" }] : [];
  },
  /** client grant validateClientGrant: scopes, or allow_all_scopes, not both. */
  "scopes-or-allow-all": (c) => {
    const allowAll = c.allow_all_scopes === true;
    const scopes = c.scopes ?? null;
    if (allowAll && Array.isArray(scopes) && scopes.length > 0)
      return [{ err: "`scopes` cannot be provided when `allow_all_scopes` is set to `true`" }];
    if (!allowAll && scopes === null) return [{ err: "either `scopes` must be provided or `allow_all_scopes` must be set to `true`" }];
    return [];
  },
  /** policy document read: two statements with one non-empty Sid. */
  "unique-statement-sid": (c) => {
    const seen = new Set<string>();
    for (const statement of blocks(c.statement ?? null)) {
      const sid = typeof statement.sid === "string" ? statement.sid : "";
      if (seen.has(sid)) return [{ err: "", value: sid }];
      if (sid) seen.add(sid);
    }
    return [];
  },
};
