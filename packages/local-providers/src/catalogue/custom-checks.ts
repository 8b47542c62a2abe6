// The providers' CustomizeDiff functions (and the policy document's read-time check) the
// catalogue names by `check.name`: each returns the errors it would report.
import { isObj, isUnknown, type Obj, type Value } from "../cty";

/** policyDecodeConfigStrings: a set of strings in reverse lexical order. */
export const reverseSorted = (values: readonly string[]): string[] => [...values].sort().reverse();

/** A policy document's statements, as the provider's json.Unmarshal finds them (none where it would fail). */
export function policyStatementsOf(text: string): Obj[] {
  try {
    const doc: unknown = JSON.parse(text);
    const statements = isObj(doc as Value) ? (doc as Obj).Statement : undefined;
    return Array.isArray(statements) ? statements.filter(isObj) : [];
  } catch {
    return [];
  }
}

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
  /** policy document read: a Sid of a source document an earlier source document holds (they are merged in order). */
  "unique-source-sid": (c) => {
    const documents = c.source_policy_documents;
    if (!Array.isArray(documents)) return [];
    const seen = new Set<string>();
    for (const [index, text] of documents.entries()) {
      if (typeof text !== "string") continue;
      const statements = policyStatementsOf(text);
      for (const [i, statement] of statements.entries()) {
        const sid = typeof statement.Sid === "string" ? statement.Sid : "";
        if (!sid) continue;
        if (seen.has(sid))
          return [
            {
              err: `writing IAM Policy Document: merging source document ${index}: duplicate Sid (${sid}) in source_policy_documents (statement ${i}). Remove the Sid or ensure Sids are unique.`,
            },
          ];
        seen.add(sid);
      }
    }
    return [];
  },
  /** policy document read: an &{ sequence in a statement's resources, principals or condition values, which version 2008-10-17 cannot hold. */
  "no-var-sequence-before-2012": (c) => {
    if (c.version !== "2008-10-17") return [];
    const found = (values: Value | undefined): string | undefined => {
      const list = Array.isArray(values) ? values.filter((v): v is string => typeof v === "string") : [];
      return reverseSorted(list).find((v) => v.includes("&{"));
    };
    const fail = (what: string, value: string) => [
      { err: `${what}found &{ sequence in (${value}), which is not supported in document version 2008-10-17` },
    ];
    for (const statement of blocks(c.statement ?? null)) {
      for (const [attr, what] of [
        ["resources", "reading resources: "],
        ["not_resources", "reading not_resources: "],
      ] as const) {
        const value = found(statement[attr]);
        if (value !== undefined) return fail(what, value);
      }
      for (const attr of ["principals", "not_principals"] as const) {
        for (const principal of blocks(statement[attr] ?? null)) {
          const value = found(principal.identifiers);
          if (value !== undefined) return fail(`reading ${attr}: reading identifiers: `, value);
        }
      }
      for (const condition of blocks(statement.condition ?? null)) {
        const values = Array.isArray(condition.values) ? condition.values.filter((v): v is string => typeof v === "string") : [];
        const value = values.find((v) => v.includes("&{"));
        if (value !== undefined) return fail("reading condition: reading values: ", value);
      }
    }
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
