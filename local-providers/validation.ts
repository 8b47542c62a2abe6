// Value checks as the SDKv2 providers word them (helper/validation), so a bad value reads
// as it would from the real provider: "expected runtime to be one of [...], got nodejs9.x".
import { isObj, isUnknown, type Obj, type Value } from "./cty";
import type { PathStep, Problem } from "./provider";

type Check = (value: Value, name: string) => string | undefined;

const quoted = (values: readonly (string | number)[]) => `[${values.map((v) => (typeof v === "string" ? JSON.stringify(v) : v)).join(" ")}]`;

export const oneOf =
  (allowed: readonly string[]): Check =>
  (v, name) =>
    typeof v === "string" && !allowed.includes(v) ? `expected ${name} to be one of ${quoted(allowed)}, got ${v}` : undefined;

export const intOneOf =
  (allowed: readonly number[]): Check =>
  (v, name) =>
    typeof v === "number" && !allowed.includes(v) ? `expected ${name} to be one of ${quoted(allowed)}, got ${v}` : undefined;

export const intBetween =
  (min: number, max: number): Check =>
  (v, name) =>
    typeof v === "number" && (v < min || v > max || !Number.isInteger(v)) ? `expected ${name} to be in the range (${min} - ${max}), got ${v}` : undefined;

export const lengthBetween =
  (min: number, max: number): Check =>
  (v, name) =>
    typeof v === "string" && (v.length < min || v.length > max) ? `expected length of ${name} to be in the range (${min} - ${max}), got ${v}` : undefined;

export const matches =
  (pattern: RegExp, what: string): Check =>
  (v, name) =>
    typeof v === "string" && !pattern.test(v) ? `invalid value for ${name} (${what})` : undefined;

export const validJson: Check = (v, name) => {
  if (typeof v !== "string") return undefined;
  try {
    JSON.parse(v);
    return undefined;
  } catch (err) {
    return `"${name}" contains an invalid JSON: ${(err as Error).message}`;
  }
};

/** Applies `check` to an attribute: a list or set attribute's elements one by one. */
export function check(config: Obj, name: string, ...checks: Check[]): Problem[] {
  return checkAt(config, [name], name, checks);
}

function checkAt(container: Obj, path: PathStep[], name: string, checks: Check[]): Problem[] {
  const value = container[path[path.length - 1] as string];
  if (value === null || value === undefined || isUnknown(value)) return [];
  const values: [Value, PathStep[]][] = Array.isArray(value) ? value.map((v, i) => [v, [...path, i]]) : [[value, path]];
  const problems: Problem[] = [];
  for (const [v, p] of values) {
    if (isUnknown(v)) continue;
    for (const c of checks) {
      const message = c(v, name);
      if (message) problems.push({ path: p, summary: message, detail: "" });
    }
  }
  return problems;
}

/** Runs `body` on every element of a nested block, with paths that name the element. */
export function inBlock(config: Obj, block: string, body: (element: Obj) => Problem[]): Problem[] {
  const value = config[block];
  const elements = Array.isArray(value) ? value : isObj(value) ? [value] : [];
  return elements.flatMap((element, i) =>
    isObj(element) ? body(element).map((p) => ({ ...p, path: [block, ...(Array.isArray(value) ? [i] : []), ...p.path] })) : [],
  );
}
