// Finding a rule's attribute in a configuration: its values with the keys the SDK names them by
// (flatmap "logging_config.0.log_format"), the attribute path terraform points at, and whether the
// enclosing block exists.
import { isObj, isUnknown, type NestedBlock, type Obj, type SchemaBlock, type Value } from "../cty";
import type { PathStep } from "../provider";

export interface Located {
  /** The value, null when unset; undefined never. */
  readonly value: Value;
  /** The SDK's flatmap key: "timeout", "logging_config.0.log_format", "layers.2". */
  readonly flatKey: string;
  /** The last attribute name on the path: what a ValidateDiagFunc calls it. */
  readonly lastName: string;
  /** The path terraform shows the diagnostic at (set elements: up to the set). */
  readonly steps: readonly PathStep[];
}

/**
 * Every place `path` names in `config`: one per element of each enclosing block (a block not
 * configured yields none), and with "[]" one per element of a list or set attribute.
 */
export function locate(config: Obj, block: SchemaBlock, path: string): Located[] {
  return walk(config, block, path.split("."), "", []);
}

function walk(container: Obj, block: SchemaBlock, segments: string[], prefix: string, steps: PathStep[]): Located[] {
  const [head, ...rest] = segments;
  const elements = head.endsWith("[]");
  const name = elements ? head.slice(0, -2) : head;
  const key = prefix ? `${prefix}.${name}` : name;
  const nested = block.block_types?.[name];
  if (nested && rest.length > 0) {
    const value = container[name];
    const list = Array.isArray(value) ? value : isObj(value) ? [value] : [];
    const isSet = nested.nesting_mode === "set";
    return list.flatMap((element, i) =>
      isObj(element) ? walk(element, nested.block, rest, `${key}.${i}`, isSet ? [...steps, name] : [...steps, name, i]) : [],
    );
  }
  const value = container[name] ?? null;
  if (!elements) return [{ value, flatKey: key, lastName: name, steps: [...steps, name] }];
  if (!Array.isArray(value)) return [];
  const isSet = Array.isArray(block.attributes?.[name]?.type) && (block.attributes![name].type as unknown[])[0] === "set";
  return value.map((element, i) => ({
    value: element,
    flatKey: `${key}.${i}`,
    lastName: name,
    steps: isSet ? [...steps, name] : [...steps, name, i],
  }));
}

/** The SDK's `c.Get(key)` for a flatmap key: set when configured (a block: with at least one element). */
export function flatLookup(config: Obj, block: SchemaBlock, key: string): { set: boolean; unknown: boolean } {
  let container: Value = config;
  let schema: SchemaBlock | undefined = block;
  const parts = key.split(".");
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (!isObj(container) || !schema) return { set: false, unknown: false };
    const value: Value = container[part] ?? null;
    if (isUnknown(value)) return { set: true, unknown: true };
    const nested: NestedBlock | undefined = schema.block_types?.[part];
    if (nested) {
      const list: Value[] = Array.isArray(value) ? value : isObj(value) ? [value] : [];
      const index = /^\d+$/.test(parts[i + 1] ?? "") ? Number(parts[++i]) : undefined;
      if (index === undefined) return { set: list.length > 0, unknown: false };
      container = list[index] ?? null;
      schema = nested.block;
      if (container === null) return { set: false, unknown: false };
      continue;
    }
    return { set: value !== null, unknown: false };
  }
  return { set: isObj(container), unknown: false };
}
