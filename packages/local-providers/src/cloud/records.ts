// Objects keyed by what a request names: an id, a function, role or log group name, a policy or
// stage name. Such a name may be "__proto__", "constructor" or "toString", valid AWS and Auth0
// names that are also names of Object.prototype's properties: in a plain object a lookup of one
// finds the prototype's property, and an assignment to "__proto__" replaces the prototype instead
// of adding a key. A null-prototype object has no such names: each key is its own, looked up and
// assigned like any other. The store hands out every object of its documents in this form.

/** A null-prototype object holding `entries`. */
export function records<T>(entries: Iterable<readonly [string, T]> = []): Record<string, T> {
  const out: Record<string, T> = Object.create(null);
  for (const [key, value] of entries) out[key] = value;
  return out;
}

const withoutPrototype = (_key: string, value: unknown) =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? Object.setPrototypeOf(value, null) : value;

/** JSON text with every object in it a null-prototype object (JSON.parse keeps "__proto__" as an own key). */
export const parseRecords = (text: string): unknown => JSON.parse(text, withoutPrototype);

/** A copy of a JSON value, every object in it a null-prototype object. */
export const copyRecords = <T>(value: T): T => parseRecords(JSON.stringify(value)) as T;
