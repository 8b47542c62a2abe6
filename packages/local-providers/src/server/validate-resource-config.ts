// ValidateResourceConfig: the catalogue's validators over a resource's configuration.
import { validateConfig } from "../catalogue/engine";
import { conform, decodeValue } from "../cty";
import type { ProviderContext } from "../provider";
import type { RequestOf, ResponseOf } from "../rpc";
import { problemDiagnostics } from "./diagnostics";
import type { ServerState } from "./state";

export function validateResourceConfig<C extends ProviderContext>(
  server: ServerState<C>,
  request: RequestOf<"ValidateResourceConfig">,
): ResponseOf<"ValidateResourceConfig"> {
  const { block } = server.resourceSchema(request.type_name);
  const behaviour = server.definition.resources[request.type_name];
  return problemDiagnostics(behaviour ? validateConfig(behaviour.catalogue, block, conform(decodeValue(request.config?.msgpack), block)) : []);
}
