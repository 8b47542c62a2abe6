// ReadResource (refresh): the object as the service holds it now, so a change made behind
// terraform's back shows as drift; null when it is gone.
import { refreshed } from "../cloud/attributes";
import { conform, decodeValue, encodeValue, isObj } from "../cty";
import type { ProviderContext } from "../provider";
import type { Diagnostic, RequestOf, ResponseOf } from "../rpc";
import type { ServerState } from "./state";

type Request = RequestOf<"ReadResource">;
type Response = ResponseOf<"ReadResource">;

const unchanged = (request: Request, diagnostics: Diagnostic[]): Response => ({
  new_state: request.current_state,
  diagnostics,
  private: request.private,
});

export function readResource<C extends ProviderContext>(server: ServerState<C>, request: Request): Response {
  const { block } = server.resourceSchema(request.type_name);
  const read = server.definition.resources[request.type_name]?.read;
  const current = decodeValue(request.current_state?.msgpack);
  // Only a local cloud that outlives this process has objects to ask; otherwise the stored state is read back.
  if (!read || !server.context.persistent || !isObj(current)) return unchanged(request, []);
  const now = read(current, server.context);
  return {
    new_state: { msgpack: encodeValue(now === null ? null : conform(refreshed(current, now), block)) },
    diagnostics: [],
    private: request.private,
  };
}

/** A read that failed keeps the state terraform has. */
export const keepCurrentState = (diagnostic: Diagnostic, request: Request): Response => unchanged(request, [diagnostic]);
