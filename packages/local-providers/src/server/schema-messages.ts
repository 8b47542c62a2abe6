// The schema dump (`terraform providers schema -json`) as the protocol's Schema messages.
import type { NestedBlock, ResourceSchema, SchemaAttribute, SchemaBlock } from "../cty";
import type { AttributeMessage, BlockMessage } from "../rpc";

/** Nesting modes by the schema dump's names: nested attributes know the first four, blocks all five. */
const OBJECT_NESTING: Record<string, "SINGLE" | "LIST" | "SET" | "MAP"> = { single: "SINGLE", list: "LIST", set: "SET", map: "MAP" };
const BLOCK_NESTING: Record<string, "SINGLE" | "LIST" | "SET" | "MAP" | "GROUP"> = { ...OBJECT_NESTING, group: "GROUP" };

function protoAttribute(name: string, a: SchemaAttribute): AttributeMessage {
  return {
    name,
    type: a.type === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(a.type)),
    nested_type: a.nested_type
      ? {
          attributes: Object.entries(a.nested_type.attributes).map(([n, x]) => protoAttribute(n, x)),
          nesting: OBJECT_NESTING[a.nested_type.nesting_mode],
        }
      : undefined,
    description: a.description ?? "",
    required: !!a.required,
    optional: !!a.optional,
    computed: !!a.computed,
    sensitive: !!a.sensitive,
    deprecated: !!a.deprecated,
  };
}

function protoBlock(b: SchemaBlock): BlockMessage {
  return {
    attributes: Object.entries(b.attributes ?? {}).map(([n, a]) => protoAttribute(n, a)),
    block_types: Object.entries(b.block_types ?? {}).map(([n, nb]: [string, NestedBlock]) => ({
      type_name: n,
      block: protoBlock(nb.block),
      nesting: BLOCK_NESTING[nb.nesting_mode],
      min_items: nb.min_items ?? 0,
      max_items: nb.max_items ?? 0,
    })),
    description: b.description ?? "",
    deprecated: !!b.deprecated,
  };
}

export const protoSchema = (s: ResourceSchema) => ({ version: s.version ?? 0, block: protoBlock(s.block) });
