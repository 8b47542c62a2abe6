// ConfigureProvider: the provider block's configuration becomes the context the later RPCs call the services with.
import { conform, decodeValue } from "../cty";
import type { ProviderContext } from "../provider";
import type { RequestOf, ResponseOf } from "../rpc";
import type { ServerState } from "./state";

export function configureProvider<C extends ProviderContext>(
  server: ServerState<C>,
  request: RequestOf<"ConfigureProvider">,
): ResponseOf<"ConfigureProvider"> {
  const { definition } = server;
  server.context = definition.context(conform(decodeValue(request.config?.msgpack), definition.schema.provider.block), process.env);
  return { diagnostics: [] };
}
