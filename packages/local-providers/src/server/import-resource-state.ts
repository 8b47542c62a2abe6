// ImportResourceState: as the SDK's passthrough importers do, the id parsed into the attributes
// the read needs; the ReadResource terraform calls next fills in the rest.
import { conform, encodeValue } from "../cty";
import type { ProviderContext } from "../provider";
import type { Diagnostic, RequestOf, ResponseOf } from "../rpc";
import { errorDiagnostic } from "./diagnostics";
import type { ServerState } from "./state";

type Response = ResponseOf<"ImportResourceState">;

/** An import that failed imports nothing. */
export const importNothing = (diagnostic: Diagnostic): Response => ({ imported_resources: [], diagnostics: [diagnostic] });

export function importResourceState<C extends ProviderContext>(server: ServerState<C>, request: RequestOf<"ImportResourceState">): Response {
  const { block } = server.resourceSchema(request.type_name);
  const { address, resources } = server.definition;
  const importState = resources[request.type_name]?.importState;
  if (!importState) {
    return importNothing(
      errorDiagnostic(
        `the local stand-in for ${address} does not import ${request.type_name}`,
        `${request.type_name} ${request.id}: import it against the real provider`,
      ),
    );
  }
  const state = conform(importState(String(request.id ?? ""), server.context), block);
  return {
    imported_resources: [{ type_name: request.type_name, state: { msgpack: encodeValue(state) }, private: Buffer.alloc(0) }],
    diagnostics: [],
  };
}
