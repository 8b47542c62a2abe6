// The value checks of the catalogue, as the Go SDK's and providers' validators decide them
// (helper/validation, internal/verify, internal/validation), and the rendering of their
// messages. A check sees one value; rules between attributes live in engine.ts.
import type { Check } from "./types";
import { type GoUrl, GoUrlError, goParseUrl } from "../go-url";
import { goDuplicateKeys, goJsonError, goQuote, goQuoteList, goValue } from "./go-format";

/** What a failed check adds to its message's placeholders (one entry per error it reports). */
export type Failure = Readonly<Record<string, string>>;

/** Go's len() of a string counts UTF-8 bytes, and so do the SDK's length checks. */
const byteLength = (s: string) => Buffer.byteLength(s, "utf8");

/** The failures of `value` against `check`; [] when it passes or the check does not apply. */
export function failuresOf(check: Check, value: unknown): Failure[] {
  const run = VALUE_CHECKS[check.type] as ((c: Check, v: unknown) => Failure[]) | undefined;
  return run ? run(check, value) : [];
}

const fail = (vars: Failure = {}): Failure[] => [vars];
const str = (f: (s: string) => Failure[]) => (v: unknown) => (typeof v === "string" ? f(v) : []);
const num = (f: (n: number) => Failure[]) => (v: unknown) => (typeof v === "number" ? f(v) : []);

type Of<T extends Check["type"]> = Extract<Check, { type: T }>;
const VALUE_CHECKS: { [T in Check["type"]]?: (c: Of<T>, v: unknown) => Failure[] } = {
  "one-of": (c, v) =>
    str((s) =>
      c.values.some((x) => x === s || (c.ignoreCase && x.toLowerCase() === s.toLowerCase())) ? [] : fail({ values: goQuoteList(c.values) }),
    )(v),
  "int-one-of": (c, v) => num((n) => (c.values.includes(n) ? [] : fail({ values: `[${c.values.join(" ")}]` })))(v),
  "int-between": (c, v) => num((n) => (n >= c.min && n <= c.max ? [] : fail()))(v),
  "int-at-least": (c, v) => num((n) => (n >= c.min ? [] : fail()))(v),
  "int-at-most": (c, v) => num((n) => (n <= c.max ? [] : fail()))(v),
  "length-between": (c, v) => str((s) => (byteLength(s) >= c.min && byteLength(s) <= c.max ? [] : fail()))(v),
  "min-length": (c, v) => str((s) => (byteLength(s) >= c.min ? [] : fail({ len: String(byteLength(s)) })))(v),
  "max-length": (c, v) => str((s) => (byteLength(s) <= c.max ? [] : fail({ len: String(byteLength(s)) })))(v),
  matches: (c, v) => str((s) => (new RegExp(c.pattern, "u").test(s) ? [] : fail({ pattern: goQuote(c.pattern) })))(v),
  "does-not-match": (c, v) => str((s) => (new RegExp(c.pattern, "u").test(s) ? fail({ pattern: goQuote(c.pattern) }) : []))(v),
  // structure.NormalizeJsonString lets the empty string through.
  json: (_c, v) => str((s) => (s === "" ? [] : jsonFailure(s)))(v),
  "iam-policy-json": (_c, v) => str(iamPolicyFailures)(v),
  "json-or-yaml": (_c, v) => str((s) => (/^\s*\{/.test(s) ? jsonFailure(s) : []))(v),
  empty: (_c, v) => str((s) => (s === "" ? [] : fail()))(v),
  "not-empty": (_c, v) => str((s) => (s === "" ? fail() : []))(v),
  arn: (_c, v) => str((s) => arnErrors(s).map((err) => ({ err })))(v),
  "not-arn": (_c, v) => str((s) => (s !== "" && arnErrors(s).length === 0 ? fail() : []))(v),
  "account-id": (_c, v) => str((s) => (/^\d{12}$/.test(s) ? [] : fail()))(v),
  "https-url-or-empty": (c, v) => str((s) => httpsUrlFailures(c.loginPlaceholders ? s.replace(LOGIN_PLACEHOLDER, "placeholder") : s))(v),
  "max-items": (c, v) => (Array.isArray(v) && v.length > c.max ? fail({ count: String(v.length) }) : []),
};

function jsonFailure(s: string): Failure[] {
  const error = goJsonError(s);
  return error ? fail({ err: error.message }) : [];
}

/** verify.ValidIAMPolicyJSON: an object, no leading space, parseable, no duplicate keys. */
function iamPolicyFailures(s: string): Failure[] {
  if (s.length < 1) return fail({ err: "is an empty string, which is not a valid JSON value" });
  const first = s[0];
  if (first !== "{") {
    if (" \t\r\n".includes(first)) return fail({ err: "contains an invalid JSON policy: leading space characters are not allowed" });
    if (first === '"') return fail({ err: "contains an invalid JSON policy: contains a JSON-encoded string, not a JSON-encoded object" });
    if (first === "[") return fail({ err: "contains an invalid JSON policy: contains a JSON array, not a JSON object" });
    return fail({ err: "contains an invalid JSON policy: not a JSON object" });
  }
  const error = goJsonError(s);
  if (!error) {
    const duplicates = goDuplicateKeys(s);
    return duplicates ? fail({ err: `contains duplicate JSON keys: ${duplicates}` }) : [];
  }
  const offset = error.message === "unexpected end of JSON input" ? "" : `, at byte offset ${error.offset}`;
  return fail({ err: `contains an invalid JSON policy: ${error.message}${offset}` });
}

const PARTITION = /^aws(-[a-z]+)*$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const ACCOUNT = /^(aws|aws-managed|third-party|\d{12}|cw.{10})$/;

/** verify.ValidARN: aws-sdk-go's arn.Parse, then partition, region, account and resource checks. */
function arnErrors(value: string): string[] {
  if (value === "") return [];
  if (!value.startsWith("arn:")) return ["arn: invalid prefix"];
  const sections = value.split(":");
  if (sections.length < 6) return ["arn: not enough sections"];
  const [, partition, , region, account] = sections;
  const resource = sections.slice(5).join(":");
  const errors: string[] = [];
  if (partition === "") errors.push("missing partition value");
  else if (!PARTITION.test(partition)) errors.push(`invalid partition value (expecting to match regular expression: ${PARTITION.source})`);
  if (region !== "" && !REGION.test(region)) errors.push(`invalid region value (expecting to match regular expression: ${REGION.source})`);
  if (account !== "" && !ACCOUNT.test(account)) errors.push(`invalid account ID value (expecting to match regular expression: ${ACCOUNT.source})`);
  if (resource === "") errors.push("missing resource value");
  return errors;
}

const LOGIN_PLACEHOLDER = /\{(organization|custom_domain)\.metadata\.(public_|PUBLIC_)[A-Za-z0-9_]+\}/g;

/**
 * internal/validation.IsURLWithHTTPSorEmptyString (and its placeholder variant, which parses the
 * URL with the placeholders replaced): Go's url.Parse, then a host, then the scheme "https".
 */
function httpsUrlFailures(s: string): Failure[] {
  if (s === "") return [];
  let url: GoUrl;
  try {
    url = goParseUrl(s);
  } catch (err) {
    // The parse error goes in as a value of its own: a URL holding "{key}" is never filled in.
    if (err instanceof GoUrlError) return fail({ err: "expected {qkey} to be a valid url, got {value}: {parseError}", parseError: err.message });
    throw err;
  }
  if (url.host === "") return fail({ err: "expected {qkey} to have a host, got {value}" });
  if (url.scheme !== "https") return fail({ err: 'expected {qkey} to have a url with schema of: "https", got {value}' });
  return [];
}

/** Fills `{name}` placeholders; a failure's own text (`{err}`) may hold placeholders too. */
export function renderMessage(template: string, vars: Readonly<Record<string, string>>): string {
  const fill = (t: string, from: Readonly<Record<string, string>>) => t.replace(/\{(\w+)\}/g, (whole, name: string) => from[name] ?? whole);
  // One pass each, so a value holding "{key}" is never filled in itself.
  const filled: Record<string, string> = { ...vars };
  if (vars.err !== undefined) filled.err = fill(vars.err, vars);
  return fill(template, filled);
}

/** The placeholders every message may use, from the key and the value. */
export function baseVars(key: string, value: unknown, check: Check): Record<string, string> {
  const vars: Record<string, string> = { key, qkey: goQuote(key), value: goValue(value), qvalue: goQuote(goValue(value)) };
  for (const [name, v] of Object.entries(check)) if (typeof v === "number") vars[name] = String(v);
  return vars;
}
