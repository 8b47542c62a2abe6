// GetProviderSchema: the provider's, resources' and data sources' schemas, and what the server supports.
import type { ProviderContext } from "../provider";
import type { ResponseOf } from "../rpc";
import { protoSchema } from "./schema-messages";
import type { ServerState } from "./state";

export function getProviderSchema<C extends ProviderContext>({ definition: { schema } }: ServerState<C>): ResponseOf<"GetProviderSchema"> {
  return {
    provider: protoSchema(schema.provider),
    resource_schemas: Object.fromEntries(Object.entries(schema.resource_schemas).map(([k, v]) => [k, protoSchema(v)])),
    data_source_schemas: Object.fromEntries(Object.entries(schema.data_source_schemas ?? {}).map(([k, v]) => [k, protoSchema(v)])),
    diagnostics: [],
    server_capabilities: { plan_destroy: false, get_provider_schema_optional: false, move_resource_state: false },
  };
}
