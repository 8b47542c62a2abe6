// Terraform's values as they cross the plugin protocol: go-cty's msgpack encoding, with
// unknown values as msgpack extensions, shaped by the provider schema.
import { decode, encode, ExtensionCodec } from "@msgpack/msgpack";

/** A value only known after apply. Terraform sends extension 0 (or 12, a "refined" unknown, passed back as it came). */
export class Unknown {
  constructor(
    readonly ext = 0,
    readonly data: Uint8Array = new Uint8Array([0]),
  ) {}
}
export const UNKNOWN = new Unknown();

export type Value = null | string | number | boolean | Unknown | Value[] | { [key: string]: Value };
export type Obj = { [key: string]: Value };

export type CtyType = string | [string, CtyType] | ["object", Record<string, CtyType>] | ["tuple", CtyType[]];

export interface SchemaAttribute {
  readonly type?: CtyType;
  readonly nested_type?: { readonly attributes: Record<string, SchemaAttribute>; readonly nesting_mode: string };
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly sensitive?: boolean;
  readonly description?: string;
  readonly deprecated?: boolean;
}

export interface NestedBlock {
  readonly nesting_mode: "single" | "list" | "set" | "map" | "group";
  readonly block: SchemaBlock;
  readonly min_items?: number;
  readonly max_items?: number;
}

export interface SchemaBlock {
  readonly attributes?: Record<string, SchemaAttribute>;
  readonly block_types?: Record<string, NestedBlock>;
  readonly description?: string;
  readonly deprecated?: boolean;
}

export interface ResourceSchema {
  readonly version: number;
  readonly block: SchemaBlock;
}

const codec = new ExtensionCodec();
for (const type of [0, 12]) {
  codec.register({
    type,
    encode: (value: unknown) => (value instanceof Unknown && value.ext === type ? value.data : null),
    decode: (data: Uint8Array) => new Unknown(type, data.slice()),
  });
}

/** A dynamic-typed value arrives as [type JSON, value]: kept as the plain value. */
export function decodeValue(bytes: Uint8Array | undefined): Value {
  if (!bytes || bytes.length === 0) return null;
  return decode(bytes, { extensionCodec: codec, useBigInt64: false }) as Value;
}

export function encodeValue(value: Value): Uint8Array {
  return encode(value, { extensionCodec: codec, ignoreUndefined: false });
}

export const isUnknown = (v: unknown): v is Unknown => v instanceof Unknown;
export const isObj = (v: Value | undefined): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Unknown);

/**
 * `value` with exactly the attributes and blocks of `block`: missing attributes null,
 * missing list/set blocks empty, unknown names dropped. go-cty refuses anything else.
 */
export function conform(value: Value, block: SchemaBlock): Obj {
  const source = isObj(value) ? value : {};
  const out: Obj = {};
  for (const [name, attr] of Object.entries(block.attributes ?? {})) out[name] = conformAttribute(source[name] ?? null, attr);
  for (const [name, nested] of Object.entries(block.block_types ?? {})) {
    const v = source[name];
    switch (nested.nesting_mode) {
      case "single":
      case "group":
        out[name] =
          v === null || v === undefined
            ? nested.nesting_mode === "group"
              ? conform({}, nested.block)
              : null
            : isUnknown(v)
              ? v
              : conform(v, nested.block);
        break;
      case "map":
        out[name] = isObj(v) ? Object.fromEntries(Object.entries(v).map(([k, e]) => [k, conform(e, nested.block)])) : isUnknown(v) ? v : {};
        break;
      default:
        out[name] = Array.isArray(v) ? v.map((e) => (isUnknown(e) ? e : conform(e, nested.block))) : isUnknown(v) ? v : [];
    }
  }
  return out;
}

function conformAttribute(value: Value, attr: SchemaAttribute): Value {
  if (value === null || isUnknown(value) || !attr.nested_type) return value;
  const block = { attributes: attr.nested_type.attributes };
  switch (attr.nested_type.nesting_mode) {
    case "single":
      return conform(value, block);
    case "map":
      return isObj(value) ? Object.fromEntries(Object.entries(value).map(([k, e]) => [k, conform(e, block)])) : value;
    default:
      return Array.isArray(value) ? value.map((e) => conform(e, block)) : value;
  }
}

/** A stable text of a value, for comparing prior and planned values. */
export function same(a: Value | undefined, b: Value | undefined): boolean {
  return JSON.stringify(canonical(a ?? null)) === JSON.stringify(canonical(b ?? null));
}

function canonical(v: Value): unknown {
  if (isUnknown(v)) return { "(unknown)": true };
  if (Array.isArray(v)) return v.map(canonical);
  if (isObj(v))
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, canonical(v[k])]),
    );
  return v;
}
