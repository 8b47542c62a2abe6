// SDKv2 identifies a set's elements by a hash of their flatmap form, in which an unset primitive
// is its zero value ("" / 0 / false) and a computed attribute the configuration leaves out keeps
// the value it had (terraform-plugin-sdk v2 helper/schema: schemaMap.diffSet compares the old and
// new set codes; HashResource serializes every Optional or Required field with its zero value).
// So a planned element that differs from a prior one only there is the prior element, unchanged.
import { isObj, same, type Obj, type SchemaBlock, type Value } from "../cty";

function zero(type: unknown): Value | undefined {
  if (type === "string") return "";
  if (type === "number") return 0;
  if (type === "bool") return false;
  return undefined;
}

/** The planned element is the prior one as the SDK sees it. */
function sameElement(planned: Obj, prior: Obj, block: SchemaBlock): boolean {
  for (const [name, attr] of Object.entries(block.attributes ?? {})) {
    const p = planned[name] ?? null;
    const q = prior[name] ?? null;
    if (same(p, q)) continue;
    if (p === null && (attr.computed || same(q, zero(attr.type) ?? null))) continue;
    return false;
  }
  return Object.keys(block.block_types ?? {}).every((name) => same(planned[name], prior[name]));
}

/** Each planned element of the set blocks of `block` that the SDK would take for a prior element becomes that element. */
export function keepPriorSetElements(planned: Obj, prior: Obj, block: SchemaBlock): void {
  for (const [name, nested] of Object.entries(block.block_types ?? {})) {
    if (nested.nesting_mode !== "set") continue;
    const elements = planned[name];
    const before = prior[name];
    if (!Array.isArray(elements) || !Array.isArray(before)) continue;
    const unused = before.filter(isObj);
    planned[name] = elements.map((element) => {
      if (!isObj(element)) return element;
      const i = unused.findIndex((p) => sameElement(element, p, nested.block));
      return i < 0 ? element : unused.splice(i, 1)[0];
    });
  }
}
