// zod's findings in the model's own words: each names its field and the fix, and a field
// name that is not known suggests the nearest one that is. zod's generic wording ("expected
// array, received undefined") never reaches the user.
import type { z } from "zod";

/** The problem text for one zod issue of `root` on `input`: "routes[0].method: …". */
export function describeIssue(root: z.ZodType, input: unknown, issue: z.core.$ZodIssue): string {
  const field = fieldName(issue.path);
  return `${field || "model"}: ${message(root, issue, valueAt(input, issue.path))}`;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) value = typeof value === "object" && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

function fieldName(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === "number" ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), "");
}

function message(root: z.ZodType, issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((key) => unknownField(key, knownFields(root, issue.path))).join("; ");
    case "invalid_key":
      // A record's key (an environment name): the key's own message says what is wrong.
      return issue.issues[0]?.message ?? issue.message;
    case "invalid_type":
      if (value === undefined) return `is missing; it is required (${kind(issue.expected)})`;
      return `must be ${kind(issue.expected)}, not ${describe(value)}`;
    case "too_small":
      return customOr(
        issue,
        `must be ${issue.inclusive === false ? "more than" : "at least"} ${issue.minimum}${issue.origin === "array" ? " entries" : ""}`,
      );
    case "too_big":
      return customOr(
        issue,
        `must be ${issue.inclusive === false ? "less than" : "at most"} ${issue.maximum}${issue.origin === "array" ? " entries" : ""}`,
      );
    case "not_multiple_of":
      return customOr(issue, `must be a whole number`);
    default:
      return issue.message;
  }
}

/** zod writes "Too small: …" when the schema gave no message of its own. */
function customOr(issue: z.core.$ZodIssue, fallback: string): string {
  return /^(Too small|Too big|Invalid input)/.test(issue.message) ? fallback : issue.message;
}

const KINDS: Record<string, string> = {
  array: "a list",
  object: "an object",
  string: "a string",
  number: "a number",
  boolean: "true or false",
  int: "a whole number",
};
const kind = (expected: string) => KINDS[expected] ?? expected;

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : `${typeof value} ${JSON.stringify(value)}`;
}

function unknownField(key: string, known: readonly string[]): string {
  const nearest = known
    .map((k) => [k, distance(key.toLowerCase(), k.toLowerCase())] as const)
    .filter(([k, d]) => d <= Math.max(2, Math.floor(k.length / 3)))
    .sort((a, b) => a[1] - b[1])[0]?.[0];
  const hint = nearest ? `did you mean ${JSON.stringify(nearest)}?` : `known fields: ${known.join(", ")}`;
  return `unknown field ${JSON.stringify(key)}; ${hint}`;
}

/** The field names of the object schema at `path` under `root`. */
function knownFields(root: z.ZodType, path: readonly PropertyKey[]): string[] {
  let schema: z.ZodType | undefined = root;
  for (const key of path) schema = schema && child(unwrap(schema), key);
  const def = schema && (unwrap(schema) as any)._zod.def;
  return def?.type === "object" ? Object.keys(def.shape) : [];
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current: any = schema;
  while (["optional", "default", "prefault", "nullable"].includes(current._zod.def.type)) current = current._zod.def.innerType;
  return current;
}

function child(schema: z.ZodType, key: PropertyKey): z.ZodType | undefined {
  const def = (schema as any)._zod.def;
  if (def.type === "object") return def.shape[key as string];
  if (def.type === "array") return def.element;
  if (def.type === "record") return def.valueType;
  return undefined;
}

/** Levenshtein distance, for suggestions between short field names. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}
