// What can still be read from a model that does not pass its schema, so the checks that
// relate one part to another (a scope to the permissions, a handler to its file) run anyway
// and every problem comes in one run. Only used to find problems: a model with any is never
// synthesized.
import type { z } from "zod";

/**
 * `value` as `schema` would parse it, keeping what passes: an object field by field, a list
 * element by element. A value of the right kind that fails a refinement (a method "get") is
 * kept as it is, so its neighbours can still be checked; a value of the wrong kind is left
 * out, and a list element missing a required field with it. Defaults are filled in.
 */
export function salvage(schema: z.ZodType, value: unknown): unknown {
  const def = (schema as z.ZodType & { _zod: { def: any } })._zod.def;
  switch (def.type) {
    case "default":
    case "prefault":
      return value === undefined
        ? structuredClone(typeof def.defaultValue === "function" ? def.defaultValue() : def.defaultValue)
        : salvage(def.innerType, value);
    case "optional":
      return value === undefined ? undefined : salvage(def.innerType, value);
    case "object":
      return salvageObject(def.shape, value);
    case "array":
      return Array.isArray(value) ? value.map((v) => salvageElement(def.element, v)).filter((v) => v !== undefined) : [];
    case "record":
      return isObject(value)
        ? Object.fromEntries(
            Object.entries(value)
              .filter(([k]) => def.keyType.safeParse(k).success)
              .map(([k, v]) => [k, salvage(def.valueType, v)]),
          )
        : {};
    default: {
      const parsed = schema.safeParse(value);
      if (parsed.success) return parsed.data;
      return sameKind(def, value) ? value : undefined;
    }
  }
}

function salvageObject(shape: Record<string, z.ZodType>, value: unknown): Record<string, unknown> {
  const source = isObject(value) ? value : {};
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(shape)) {
    const kept = salvage(field, source[key]);
    if (kept !== undefined) out[key] = kept;
  }
  return out;
}

/** A list element: an object missing any required field is left out whole. */
function salvageElement(schema: z.ZodType, value: unknown): unknown {
  const kept = salvage(schema, value);
  const def = (schema as z.ZodType & { _zod: { def: any } })._zod.def;
  if (def.type !== "object") return kept;
  const required = Object.entries(def.shape as Record<string, z.ZodType>).filter(([, f]) => !f.safeParse(undefined).success);
  return required.every(([key]) => (kept as Record<string, unknown>)[key] !== undefined) ? kept : undefined;
}

/** Whether a value that failed its schema is still of the kind the schema reads (a string for a string). */
function sameKind(def: { type: string; values?: readonly unknown[] }, value: unknown): boolean {
  const kind = def.type === "enum" ? "string" : def.type === "literal" ? typeof def.values?.[0] : def.type;
  if (kind === "number") return typeof value === "number" && Number.isFinite(value);
  return (kind === "string" || kind === "boolean") && typeof value === kind;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
