// IAM's grammar of a JSON policy document, as IAM checks it when a role's trust policy
// (CreateRole, UpdateAssumeRolePolicy) or an inline policy (PutRolePolicy) is put: the elements
// and the values each takes, from the IAM User Guide's "Grammar of the IAM JSON policy language"
// (reference_policies_grammar.html) and "IAM JSON policy element reference"
// (reference_policies_elements_*.html). The first refusal is named by a rule of the catalogue
// (catalogue/aws/iam-shared.ts, iamPolicyGrammar), which holds IAM's wording and where it was
// read. What the grammar allows and IAM is not known to refuse is let through.

/** A trust policy (a role's AssumeRolePolicyDocument) or an identity-based policy (an inline policy). */
export type PolicyKind = "trust" | "identity";

/** A refusal: the catalogue rule's check name, and the values its message names. */
export interface GrammarFailure {
  readonly rule: string;
  readonly vars: Readonly<Record<string, string>>;
}

type Json = unknown;
type Statement = Readonly<Record<string, Json>>;

const fail = (rule: string, vars: Record<string, string> = {}): GrammarFailure => ({ rule, vars });
const isObject = (v: Json): v is Statement => typeof v === "object" && v !== null && !Array.isArray(v);
const has = (o: Statement, key: string) => Object.hasOwn(o, key);

/** The first refusal of `document` as a policy of `kind`, or undefined when IAM takes it. */
export function policyGrammarFailure(document: string, kind: PolicyKind): GrammarFailure | undefined {
  let policy: Json;
  try {
    policy = JSON.parse(document);
  } catch {
    return fail("policy-json");
  }
  if (!isObject(policy)) return fail("policy-syntax");
  const documentFailure = documentElements(policy);
  if (documentFailure) return documentFailure;
  const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
  if (!statements.every(isObject)) return fail("policy-syntax");
  for (const statement of statements) {
    const failure = statementFailure(statement, kind);
    if (failure) return failure;
  }
  const sids = statements.map((s) => s.Sid).filter((sid): sid is string => typeof sid === "string" && sid !== "");
  return new Set(sids).size === sids.length ? undefined : fail("sid-unique");
}

/** policy = { version_block?, id_block?, statement_block }: Version one of the two versions, Id a string, a Statement. */
function documentElements(policy: Statement): GrammarFailure | undefined {
  if (has(policy, "Version") && policy.Version !== "2012-10-17" && policy.Version !== "2008-10-17") return fail("policy-syntax");
  if (has(policy, "Id") && typeof policy.Id !== "string") return fail("policy-syntax");
  if (policy.Statement === undefined || policy.Statement === null) return fail("policy-syntax");
  return undefined;
}

function statementFailure(statement: Statement, kind: PolicyKind): GrammarFailure | undefined {
  return (
    shapeFailure(statement) ??
    sidFailure(statement) ??
    effectFailure(statement) ??
    principalFailure(statement, kind) ??
    actionFailure(statement) ??
    resourceFailure(statement, kind) ??
    undefined
  );
}

/** The value types of the elements: strings or lists of strings, a principal map, a condition map; one of each pair. */
function shapeFailure(statement: Statement): GrammarFailure | undefined {
  const pairs = [
    ["Action", "NotAction"],
    ["Resource", "NotResource"],
    ["Principal", "NotPrincipal"],
  ];
  if (pairs.some(([a, b]) => has(statement, a) && has(statement, b))) return fail("policy-syntax");
  for (const key of ["Action", "NotAction", "Resource", "NotResource"]) {
    if (has(statement, key) && !isStringOrStrings(statement[key])) return fail("policy-syntax");
  }
  for (const key of ["Principal", "NotPrincipal"]) {
    if (has(statement, key) && !isPrincipalShape(statement[key])) return fail("policy-syntax");
  }
  if (has(statement, "Condition") && !isConditionShape(statement.Condition)) return fail("policy-syntax");
  return undefined;
}

const isStringOrStrings = (v: Json) => typeof v === "string" || (Array.isArray(v) && v.every((x) => typeof x === "string"));

/** principal_block: "*", or a map of principal types to a string or a list of strings. */
const isPrincipalShape = (v: Json) => v === "*" || (isObject(v) && Object.values(v).every(isStringOrStrings));

/** condition_block: operator → (key → a value or a list of values: strings, numbers or booleans). */
function isConditionShape(v: Json): boolean {
  const scalar = (x: Json) => ["string", "number", "boolean"].includes(typeof x);
  return (
    isObject(v) &&
    Object.values(v).every((keys) => isObject(keys) && Object.values(keys).every((x) => scalar(x) || (Array.isArray(x) && x.every(scalar))))
  );
}

/** sid_block: a string; for IAM policies only ASCII letters and digits (reference_policies_elements_sid.html). */
function sidFailure(statement: Statement): GrammarFailure | undefined {
  if (!has(statement, "Sid")) return undefined;
  if (typeof statement.Sid !== "string") return fail("policy-syntax");
  return /^[0-9A-Za-z]*$/.test(statement.Sid) ? undefined : fail("sid-alphanumeric", { sid: statement.Sid });
}

/** effect_block = "Effect" : ("Allow" | "Deny"), case and all. */
const effectFailure = (statement: Statement) =>
  statement.Effect === "Allow" || statement.Effect === "Deny" ? undefined : fail("policy-effect", { effect: String(statement.Effect ?? "") });

const PRINCIPAL_TYPES = new Set(["AWS", "Federated", "Service", "CanonicalUser"]);

/**
 * A trust policy names who may assume the role in each statement; an identity-based policy
 * never names a principal (reference_policies_elements_principal.html).
 */
function principalFailure(statement: Statement, kind: PolicyKind): GrammarFailure | undefined {
  const principal = statement.Principal ?? statement.NotPrincipal;
  if (kind === "identity") return principal === undefined ? undefined : fail("principal-prohibited");
  if (principal === undefined) return fail("principal-required");
  if (principal === "*") return undefined;
  for (const [type, ids] of Object.entries(principal as Statement)) {
    for (const id of typeof ids === "string" ? [ids] : (ids as string[])) {
      if (!PRINCIPAL_TYPES.has(type) || (type === "AWS" && !isAwsPrincipal(id))) return fail("principal-format", { type, id });
    }
  }
  return undefined;
}

/** An AWS principal: "*", an account id, or the ARN of an IAM or STS principal of an account. */
const isAwsPrincipal = (id: string) => id === "*" || /^\d{12}$/.test(id) || /^arn:aws[a-z-]*:(iam|sts)::\d{12}:.+$/.test(id);

/** action_block: Action or NotAction, each "*" or "<vendor>:<action>" with one colon. */
function actionFailure(statement: Statement): GrammarFailure | undefined {
  const actions = listOf(statement.Action ?? statement.NotAction);
  if (actions.length === 0) return fail("actions-required");
  for (const action of actions) {
    if (action === "*") continue;
    const colons = action.split(":").length - 1;
    if (colons === 0 || action.startsWith(":")) return fail("action-vendor", { action });
    if (colons > 1) return fail("action-colons", { action });
  }
  return undefined;
}

/**
 * resource_block: an identity-based policy names Resource or NotResource, each "*" or an ARN; a
 * trust policy names none (the role is the resource).
 */
function resourceFailure(statement: Statement, kind: PolicyKind): GrammarFailure | undefined {
  const field = has(statement, "Resource") ? "Resource" : has(statement, "NotResource") ? "NotResource" : undefined;
  if (kind === "trust") return field ? fail("resource-prohibited", { field }) : undefined;
  const resources = listOf(field ? statement[field] : undefined);
  if (resources.length === 0) return fail("resources-required");
  const malformed = resources.find((r) => r !== "*" && !/^arn:[^:]*:[^:]*:[^:]*:[^:]*:.*$/.test(r));
  return malformed === undefined ? undefined : fail("resource-arn", { resource: malformed });
}

const listOf = (v: Json): string[] => (typeof v === "string" ? [v] : Array.isArray(v) ? (v as string[]) : []);
