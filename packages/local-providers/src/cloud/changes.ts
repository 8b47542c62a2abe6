// A change to one service's objects as the store's log keeps it: the paths whose values differ,
// each with its new value, or none where a key was removed. A change costs what it touched to
// write and to replay, whatever the size of the store. Every object here is a null-prototype
// one (records.ts), so a path step such as "__proto__" is a key like any other.
import { records } from "./records";

/**
 * `[path, value]` sets the value at `path`, a list of object keys (the service's part itself
 * when empty); `[path]` removes the key. A list is never entered: it is set whole.
 */
export type Op = readonly [readonly string[], unknown?];

type Tree = Record<string, unknown>;
const isRecord = (v: unknown): v is Tree =>
  v !== null && typeof v === "object" && !Array.isArray(v) && [null, Object.prototype].includes(Object.getPrototypeOf(v));

/** A copy of a value as loaded from JSON (null-prototype objects, arrays, plain values). */
export function copyTree<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyTree) as T;
  if (!isRecord(value)) return value;
  const out = records<unknown>();
  for (const key of Object.keys(value)) out[key] = copyTree(value[key]);
  return out as T;
}

/** Whether two JSON values are equal as JSON (a key holding undefined counts as absent). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameJson(v, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a).filter((k) => a[k] !== undefined);
    return keys.length === Object.keys(b).filter((k) => b[k] !== undefined).length && keys.every((k) => Object.hasOwn(b, k) && sameJson(a[k], b[k]));
  }
  // Anything else a change put in (a Date): as JSON writes it.
  return typeof a === "object" && typeof b === "object" && JSON.stringify(a) === JSON.stringify(b);
}

/** The ops that turn `before` into `after`: objects compared key by key, a list or a value replaced whole. */
export function diff(before: unknown, after: unknown, path: string[] = [], ops: Op[] = []): Op[] {
  if (isRecord(before) && isRecord(after)) {
    for (const key of Object.keys(before)) {
      if (before[key] !== undefined && (!Object.hasOwn(after, key) || after[key] === undefined)) ops.push([[...path, key]]);
    }
    for (const key of Object.keys(after)) {
      if (after[key] === undefined) continue;
      if (Object.hasOwn(before, key) && before[key] !== undefined) diff(before[key], after[key], [...path, key], ops);
      else ops.push([[...path, key], after[key]]);
    }
  } else if (!sameJson(before, after)) ops.push([path, after]);
  return ops;
}

/**
 * `root` (a service's part) with `op` applied, as a new root: the objects on the op's path are
 * copied, never changed, so what a reader was handed before stays as it was. `removed` gets the
 * value the op replaced or removed.
 */
export function applyOp(root: unknown, op: Op, removed?: (value: unknown) => void): unknown {
  const [path, ...value] = op;
  if (path.length === 0) {
    removed?.(root);
    return value[0];
  }
  const [key, ...rest] = path;
  if (!isRecord(root)) throw new Error(`the change names ${JSON.stringify(path)}, which the store does not hold`);
  const copy = Object.assign(records<unknown>(), root);
  if (rest.length > 0) copy[key] = applyOp(root[key], [rest, ...value] as unknown as Op, removed);
  else {
    if (Object.hasOwn(root, key)) removed?.(root[key]);
    if (value.length === 0) delete copy[key];
    else copy[key] = value[0];
  }
  return copy;
}

/** Calls `visit` with every key and string in `value` that `pattern` matches. */
export function eachMatching(value: unknown, pattern: RegExp, visit: (text: string) => void): void {
  if (typeof value === "string") {
    if (pattern.test(value)) visit(value);
  } else if (Array.isArray(value)) {
    for (const v of value) eachMatching(v, pattern, visit);
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (pattern.test(k)) visit(k);
      eachMatching(v, pattern, visit);
    }
  }
}
