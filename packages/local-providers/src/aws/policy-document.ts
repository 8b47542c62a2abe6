// aws_iam_policy_document as the real provider renders it
// (internal/service/iam/policy_document_data_source.go and policy_model.go): Version first,
// Effect "Allow" by default, a single value as a string and several as a list, principals
// grouped by type, two-space indentation in `json` and none in `minified_json`, and the id
// the CRC-32 of the JSON.
import { crc32 } from "node:zlib";
import { isObj, type Obj, type Value } from "../cty";

const one = (values: readonly string[]): string | string[] => (values.length === 1 ? values[0] : [...values]);
const strings = (v: Value): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

function principals(blocks: Value): Record<string, string | string[]> | string | undefined {
  if (!Array.isArray(blocks) || blocks.length === 0) return undefined;
  const byType = new Map<string, string[]>();
  for (const b of blocks) {
    if (!isObj(b) || typeof b.type !== "string") continue;
    byType.set(b.type, [...(byType.get(b.type) ?? []), ...strings(b.identifiers)]);
  }
  // "*" on its own, as type "*", is written as the bare string.
  if (byType.size === 1 && byType.has("*") && byType.get("*")!.length === 1 && byType.get("*")![0] === "*") return "*";
  return Object.fromEntries([...byType].map(([type, ids]) => [type, one(ids)]));
}

function conditions(blocks: Value): Record<string, Record<string, string | string[]>> | undefined {
  if (!Array.isArray(blocks) || blocks.length === 0) return undefined;
  const out: Record<string, Record<string, string | string[]>> = {};
  for (const b of blocks) {
    if (!isObj(b) || typeof b.test !== "string" || typeof b.variable !== "string") continue;
    out[b.test] = { ...out[b.test], [b.variable]: one(strings(b.values)) };
  }
  return out;
}

export function renderPolicyDocument(config: Obj): { json: string; minified_json: string; id: string } {
  const statements = (Array.isArray(config.statement) ? config.statement : []).filter(isObj).map((s) => {
    const statement: Record<string, unknown> = {};
    if (typeof s.sid === "string" && s.sid !== "") statement.Sid = s.sid;
    statement.Effect = typeof s.effect === "string" && s.effect !== "" ? s.effect : "Allow";
    const fields: [string, Value][] = [
      ["Action", s.actions],
      ["NotAction", s.not_actions],
      ["Resource", s.resources],
      ["NotResource", s.not_resources],
    ];
    for (const [name, v] of fields) if (strings(v).length) statement[name] = one(strings(v));
    const principal = principals(s.principals);
    if (principal) statement.Principal = principal;
    const notPrincipal = principals(s.not_principals);
    if (notPrincipal) statement.NotPrincipal = notPrincipal;
    const condition = conditions(s.condition);
    if (condition) statement.Condition = condition;
    return statement;
  });
  const doc: Record<string, unknown> = { Version: typeof config.version === "string" && config.version ? config.version : "2012-10-17" };
  if (typeof config.policy_id === "string" && config.policy_id) doc.Id = config.policy_id;
  doc.Statement = statements;
  const json = JSON.stringify(doc, null, 2);
  return { json, minified_json: JSON.stringify(doc), id: String(crc32(json)) };
}
