// Between a resource's terraform attributes and the object its service API holds: which
// attribute is which API field (`function_name` ↔ `FunctionName`), and how a refresh folds what
// the API answers into the prior state without inventing changes (a set in another order, an
// empty list for a null, the same policy JSON written differently are the same value). What the
// real providers' Read functions do, field by field, as data.
import { isObj, isUnknown, type Obj, type Value } from "../cty";

/** A nested block of at most one element (cors_configuration ↔ CorsConfiguration). */
export interface BlockField {
  readonly block: string;
  readonly api: string;
  readonly fields: FieldMap;
}
/** An attribute named as the API names it in PascalCase, or [attribute, API field] where they differ. */
export type Field = string | readonly [tf: string, api: string] | BlockField;
export type FieldMap = readonly Field[];

const pascal = (name: string) => name.replace(/(^|_)([a-z0-9])/g, (_m, _s, c: string) => c.toUpperCase());
const names = (field: string | readonly [string, string]): [string, string] =>
  typeof field === "string" ? [field, pascal(field)] : [field[0], field[1]];

const absent = (v: Value | undefined) => v === undefined || v === null || v === "" || isUnknown(v) || (Array.isArray(v) && v.length === 0);

/** The API input of `attrs`: set attributes only (null, "", [] and unknowns left out). */
export function toApi(attrs: Obj, map: FieldMap): Record<string, any> {
  const out: Record<string, any> = {};
  for (const field of map) {
    if (typeof field === "object" && "block" in field) {
      const element = Array.isArray(attrs[field.block]) ? (attrs[field.block] as Value[])[0] : attrs[field.block];
      if (isObj(element)) out[field.api] = toApi(element, field.fields);
      continue;
    }
    const [tf, api] = names(field);
    const value = attrs[tf];
    if (!absent(value)) out[api] = value;
  }
  return out;
}

/** The attributes of an API object: every mapped attribute, null where the API holds nothing. */
export function fromApi(shape: Record<string, any>, map: FieldMap): Obj {
  const out: Obj = {};
  for (const field of map) {
    if (typeof field === "object" && "block" in field) {
      const nested = shape[field.api];
      out[field.block] = nested && typeof nested === "object" ? [fromApi(nested, field.fields)] : [];
      continue;
    }
    const [tf, api] = names(field);
    out[tf] = shape[api] === undefined ? null : (shape[api] as Value);
  }
  return out;
}

/** Empty in the ways SDKv2 providers treat alike: null, "", [], {} and false for an unset value. */
const empty = (v: Value | undefined) => absent(v) || v === false || (isObj(v) && Object.keys(v).length === 0);

function jsonOf(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

const canonical = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonical).sort().join(",")}]`;
  if (value && typeof value === "object")
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as any)[k])}`)
      .join(",")}}`;
  return JSON.stringify(value);
};

/** The same value as far as the service is concerned (sets without order, JSON documents by content). */
export function equivalent(a: Value | undefined, b: Value | undefined): boolean {
  if (empty(a) && empty(b)) return true;
  if (typeof a === "string" && typeof b === "string" && a !== b && /^\s*[{[]/.test(a) && /^\s*[{[]/.test(b)) {
    const [x, y] = [jsonOf(a), jsonOf(b)];
    return x !== undefined && canonical(x) === canonical(y);
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    const rest = [...b];
    return a.every((x) => {
      const i = rest.findIndex((y) => equivalent(x, y));
      return i >= 0 && rest.splice(i, 1).length === 1;
    });
  }
  if (isObj(a) && isObj(b)) return [...new Set([...Object.keys(a), ...Object.keys(b)])].every((k) => equivalent(a[k], b[k]));
  return a === b;
}

/**
 * The state after a refresh: the prior state with each attribute the API answered, kept as it
 * was where the two are equivalent (so a clean refresh changes nothing), and merged element by
 * element in a one-element block (so attributes the API does not hold keep their prior value).
 */
export function refreshed(prior: Obj, read: Obj): Obj {
  const out: Obj = { ...prior };
  for (const [key, value] of Object.entries(read)) {
    const was = prior[key];
    if (equivalent(was, value)) continue;
    if (Array.isArray(was) && Array.isArray(value) && was.length === 1 && value.length === 1 && isObj(was[0]) && isObj(value[0])) {
      out[key] = [refreshed(was[0], value[0])];
      continue;
    }
    out[key] = value;
  }
  return out;
}
