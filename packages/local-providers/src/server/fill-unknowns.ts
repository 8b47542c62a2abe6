// After apply or a data source's read, nothing may stay unknown: what the services did not
// answer becomes a neutral value of its type.
import { isObj, isUnknown, type Obj, type SchemaBlock, type Value } from "../cty";

function neutral(type: unknown): Value {
  if (type === "string") return "";
  if (type === "number") return 0;
  if (type === "bool") return false;
  if (Array.isArray(type) && type[0] === "map") return {};
  if (Array.isArray(type) && (type[0] === "list" || type[0] === "set")) return [];
  return null;
}

/** Unknowns left after the provider's own values: a neutral value of the attribute's type. */
export function fillUnknowns(value: Obj, block: SchemaBlock): void {
  for (const [name, attr] of Object.entries(block.attributes ?? {})) {
    if (isUnknown(value[name])) value[name] = neutral(attr.type);
  }
  for (const [name, nested] of Object.entries(block.block_types ?? {})) {
    const v = value[name];
    if (isUnknown(v))
      value[name] = nested.nesting_mode === "single" || nested.nesting_mode === "group" ? null : nested.nesting_mode === "map" ? {} : [];
    else if (Array.isArray(v)) {
      for (const e of v) if (isObj(e)) fillUnknowns(e, nested.block);
    } else if (isObj(v) && nested.nesting_mode !== "map") fillUnknowns(v, nested.block);
  }
}
