// What every RPC of one provider server shares: its definition, the schemas by type name, and
// the context ConfigureProvider sets.
import type { ResourceSchema } from "../cty";
import type { ProviderContext, ProviderDefinition } from "../provider";

/** A type terraform names that the stand-in has no schema for. */
export class UnsupportedTypeError extends Error {}

export interface ServerState<C extends ProviderContext = ProviderContext> {
  readonly definition: ProviderDefinition<C>;
  /** The provider block's context: an empty block's until ConfigureProvider sets it. */
  context: C;
  readonly resourceSchema: (type: string) => ResourceSchema;
  readonly dataSchema: (type: string) => ResourceSchema;
}

const unsupported = (message: string): never => {
  throw new UnsupportedTypeError(message);
};

export function serverState<C extends ProviderContext>(definition: ProviderDefinition<C>): ServerState<C> {
  const { address, schema } = definition;
  return {
    definition,
    context: definition.context({}, process.env),
    resourceSchema: (type) =>
      schema.resource_schemas[type] ??
      unsupported(
        `the local stand-in for ${address} has no schema for resource ${type}; it serves ${Object.keys(schema.resource_schemas).join(", ")}`,
      ),
    dataSchema: (type) =>
      schema.data_source_schemas?.[type] ??
      unsupported(
        `the local stand-in for ${address} has no schema for data source ${type}; it serves ${Object.keys(schema.data_source_schemas ?? {}).join(", ") || "none"}`,
      ),
  };
}
