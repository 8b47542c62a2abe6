// aws_iam_policy_document as the real provider renders it
// (internal/service/iam/policy_document_data_source.go, 04e9356, and policy_model.go): the source
// documents merged in order, then the statements, then the override documents, a later statement
// replacing an earlier one of the same Sid; Version first, Effect "Allow" by default; a set of
// strings as its one value or in reverse lexical order (policyDecodeConfigStrings); &{ written ${;
// principals and conditions keyed by type and test in Go's sorted map order; two-space indentation
// in `json` and none in `minified_json`, with Go's HTML escaping; the id the CRC-32 of the JSON.
// The read's errors (duplicate Sids, &{ with version 2008-10-17) are the catalogue's checks.
import { crc32 } from "node:zlib";
import { policyStatementsOf, reverseSorted } from "../catalogue/custom-checks";
import { isObj, type Obj, type Value } from "../cty";

type Strings = string | string[];
interface Principal {
  readonly type: string;
  readonly identifiers: Strings;
}
interface Condition {
  readonly test: string;
  readonly variable: string;
  readonly values: Strings;
}
interface Statement {
  readonly Sid?: string;
  readonly Effect?: string;
  readonly Action?: unknown;
  readonly NotAction?: unknown;
  readonly Resource?: unknown;
  readonly NotResource?: unknown;
  readonly Principal?: readonly Principal[];
  readonly NotPrincipal?: readonly Principal[];
  readonly Condition?: readonly Condition[];
}
interface PolicyDoc {
  Version: string;
  Id: string;
  Statements: Statement[];
}

const strings = (v: Value | undefined): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
const withVariables = (s: string) => s.replaceAll("&{", "${");
/** policyDecodeConfigStrings: the one value, or all of them in reverse lexical order. */
const decoded = (values: readonly string[]): Strings | undefined =>
  values.length === 0 ? undefined : values.length === 1 ? values[0] : reverseSorted(values);
const mapped = (v: Strings | undefined, f: (s: string) => string): Strings | undefined =>
  v === undefined ? undefined : typeof v === "string" ? f(v) : v.map(f);

function principalsOf(blocks: Value | undefined): Principal[] | undefined {
  const list = (Array.isArray(blocks) ? blocks : []).filter(isObj);
  if (list.length === 0) return undefined;
  return list.map((b) => ({ type: String(b.type ?? ""), identifiers: mapped(decoded(strings(b.identifiers)), withVariables) ?? [] }));
}

function conditionsOf(blocks: Value | undefined): Condition[] | undefined {
  const list = (Array.isArray(blocks) ? blocks : []).filter(isObj);
  if (list.length === 0) return undefined;
  return list.map((b) => {
    const values = strings(b.values).map(withVariables);
    return { test: String(b.test ?? ""), variable: String(b.variable ?? ""), values: values.length === 1 ? values[0] : values };
  });
}

function statementOf(s: Obj): Statement {
  const sid = typeof s.sid === "string" ? s.sid : "";
  return {
    ...(sid ? { Sid: sid } : {}),
    Effect: typeof s.effect === "string" && s.effect !== "" ? s.effect : "Allow",
    Action: decoded(strings(s.actions)),
    NotAction: decoded(strings(s.not_actions)),
    Resource: mapped(decoded(strings(s.resources)), withVariables),
    NotResource: mapped(decoded(strings(s.not_resources)), withVariables),
    Principal: principalsOf(s.principals),
    NotPrincipal: principalsOf(s.not_principals),
    Condition: conditionsOf(s.condition),
  };
}

/** A statement of a source or override document, as json.Unmarshal reads it into the provider's model. */
function statementOfJson(s: Obj): Statement {
  const principal = (v: Value | undefined): Principal[] | undefined => {
    if (typeof v === "string") return [{ type: "*", identifiers: ["*"] }];
    if (!isObj(v)) return undefined;
    return Object.entries(v).map(([type, ids]) => ({ type, identifiers: typeof ids === "string" ? ids : strings(ids).sort() }));
  };
  const condition = (v: Value | undefined): Condition[] | undefined => {
    if (!isObj(v)) return undefined;
    return Object.entries(v).flatMap(([test, variables]) =>
      isObj(variables)
        ? Object.entries(variables).map(([variable, values]) => ({
            test,
            variable,
            values: typeof values === "string" ? [values] : typeof values === "boolean" ? String(values) : strings(values),
          }))
        : [],
    );
  };
  return {
    ...(typeof s.Sid === "string" && s.Sid ? { Sid: s.Sid } : {}),
    ...(typeof s.Effect === "string" && s.Effect ? { Effect: s.Effect } : {}),
    Action: s.Action ?? undefined,
    NotAction: s.NotAction ?? undefined,
    Resource: s.Resource ?? undefined,
    NotResource: s.NotResource ?? undefined,
    Principal: principal(s.Principal),
    NotPrincipal: principal(s.NotPrincipal),
    Condition: condition(s.Condition),
  };
}

/** iamPolicyDoc.Merge: the later Id, the higher Version, a statement of a known Sid in that one's place. */
function merge(into: PolicyDoc, doc: PolicyDoc): void {
  if (doc.Id) into.Id = doc.Id;
  if (doc.Version > into.Version) into.Version = doc.Version;
  for (const statement of doc.Statements) {
    const at = statement.Sid ? into.Statements.findIndex((s) => s.Sid === statement.Sid) : -1;
    if (at >= 0) into.Statements[at] = statement;
    else into.Statements.push(statement);
  }
}

function documentOfJson(text: string): PolicyDoc {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    doc = {};
  }
  const o = isObj(doc as Value) ? (doc as Obj) : {};
  return {
    Version: typeof o.Version === "string" ? o.Version : "",
    Id: typeof o.Id === "string" ? o.Id : "",
    Statements: policyStatementsOf(text).map(statementOfJson),
  };
}

/** Go's json.Marshal of a map: its keys (the configuration's types, tests, variables) in sorted order, in a null-prototype record. */
function sortedKeys<T>(entries: Iterable<[string, T]>): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  for (const [key, value] of [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) out[key] = value;
  return out;
}

/** iamPolicyStatementPrincipalSet.MarshalJSON. */
function principalJson(set: readonly Principal[]): unknown {
  if (set.length === 1 && set[0].type === "*") {
    const ids = set[0].identifiers;
    if (ids === "*" || (Array.isArray(ids) && ids.length === 1 && ids[0] === "*")) return "*";
  }
  const raw = new Map<string, Strings>();
  for (const p of set) {
    const have = raw.get(p.type);
    if (Array.isArray(p.identifiers)) {
      const before = have === undefined ? [] : typeof have === "string" ? [have] : have;
      raw.set(p.type, [...before, ...reverseSorted(p.identifiers)]);
    } else if (have === undefined) raw.set(p.type, p.identifiers);
    else raw.set(p.type, typeof have === "string" ? [have, p.identifiers] : [...have, p.identifiers]);
  }
  return sortedKeys(raw);
}

/** iamPolicyStatementConditionSet.MarshalJSON: values gathered per test and variable, one value on its own. */
function conditionJson(set: readonly Condition[]): unknown {
  const raw = new Map<string, Map<string, string[]>>();
  for (const c of set) {
    const byVariable = raw.get(c.test) ?? new Map<string, string[]>();
    raw.set(c.test, byVariable);
    byVariable.set(c.variable, [...(byVariable.get(c.variable) ?? []), ...(typeof c.values === "string" ? [c.values] : c.values)]);
  }
  return sortedKeys(
    [...raw].map(([test, byVariable]) => [test, sortedKeys([...byVariable].map(([v, values]) => [v, values.length === 1 ? values[0] : values]))]),
  );
}

/** Go's omitempty: nil, "", and an empty slice are left out. */
const present = (v: unknown) => v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && v.length === 0);

function statementJson(s: Statement): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const put = (key: string, v: unknown) => {
    if (present(v)) out[key] = v;
  };
  put("Sid", s.Sid);
  put("Effect", s.Effect);
  put("Action", s.Action);
  put("NotAction", s.NotAction);
  put("Resource", s.Resource);
  put("NotResource", s.NotResource);
  if (s.Principal?.length) out.Principal = principalJson(s.Principal);
  if (s.NotPrincipal?.length) out.NotPrincipal = principalJson(s.NotPrincipal);
  if (s.Condition?.length) out.Condition = conditionJson(s.Condition);
  return out;
}

/** encoding/json's HTML-safe escaping of <, >, & and the two line separators. */
const goEscaped = (json: string) => json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

export function renderPolicyDocument(config: Obj): { json: string; minified_json: string; id: string } {
  const merged: PolicyDoc = { Version: "", Id: "", Statements: [] };
  for (const text of strings(config.source_policy_documents)) merge(merged, documentOfJson(text));
  merge(merged, {
    Version: typeof config.version === "string" && config.version ? config.version : "2012-10-17",
    Id: typeof config.policy_id === "string" ? config.policy_id : "",
    Statements: (Array.isArray(config.statement) ? config.statement : []).filter(isObj).map(statementOf),
  });
  for (const text of strings(config.override_policy_documents)) merge(merged, documentOfJson(text));
  const doc: Record<string, unknown> = {};
  if (merged.Version) doc.Version = merged.Version;
  if (merged.Id) doc.Id = merged.Id;
  if (merged.Statements.length) doc.Statement = merged.Statements.map(statementJson);
  const json = goEscaped(JSON.stringify(doc, null, 2));
  return { json, minified_json: goEscaped(JSON.stringify(doc)), id: String(crc32(json)) };
}
