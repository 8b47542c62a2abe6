// ValidateDataResourceConfig: the catalogue's validators over a data source's configuration.
import { validateConfig } from "../catalogue/engine";
import { conform, decodeValue } from "../cty";
import type { ProviderContext } from "../provider";
import type { RequestOf, ResponseOf } from "../rpc";
import { problemDiagnostics } from "./diagnostics";
import type { ServerState } from "./state";

export function validateDataResourceConfig<C extends ProviderContext>(
  server: ServerState<C>,
  request: RequestOf<"ValidateDataResourceConfig">,
): ResponseOf<"ValidateDataResourceConfig"> {
  const { block } = server.dataSchema(request.type_name);
  const behaviour = server.definition.dataSources[request.type_name];
  return problemDiagnostics(behaviour ? validateConfig(behaviour.catalogue, block, conform(decodeValue(request.config?.msgpack), block)) : []);
}
