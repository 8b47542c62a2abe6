// ReadDataSource: a data source is read while planning, so what its read finds wrong (no such
// hosted zone) is a plan-time error.
import { applyDefaults, customizeDiffProblems } from "../catalogue/engine";
import { conform, decodeValue, encodeValue } from "../cty";
import type { ProviderContext } from "../provider";
import type { RequestOf, ResponseOf } from "../rpc";
import { errorDiagnostic, problemDiagnostics } from "./diagnostics";
import { fillUnknowns } from "./fill-unknowns";
import type { ServerState } from "./state";

export function readDataSource<C extends ProviderContext>(
  server: ServerState<C>,
  request: RequestOf<"ReadDataSource">,
): ResponseOf<"ReadDataSource"> {
  const { block } = server.dataSchema(request.type_name);
  const behaviour = server.definition.dataSources[request.type_name];
  const config = conform(decodeValue(request.config?.msgpack), block);
  if (!behaviour) {
    return { diagnostics: [errorDiagnostic(`the local stand-in for ${server.definition.address} does not model data source ${request.type_name}`)] };
  }
  const problems = customizeDiffProblems(behaviour.catalogue, config);
  if (problems.length > 0) return problemDiagnostics(problems);
  applyDefaults(behaviour.catalogue, block, config, structuredClone(config));
  const state = { ...config, ...behaviour.read(config, server.context) };
  fillUnknowns(state, block);
  return { state: { msgpack: encodeValue(conform(state, block)) }, diagnostics: [] };
}
