// UpgradeResourceState: the stored state (JSON) as an object of the schema; no older schema version is migrated.
import { conform, encodeValue } from "../cty";
import type { ProviderContext } from "../provider";
import type { RequestOf, ResponseOf } from "../rpc";
import type { ServerState } from "./state";

export function upgradeResourceState<C extends ProviderContext>(
  server: ServerState<C>,
  request: RequestOf<"UpgradeResourceState">,
): ResponseOf<"UpgradeResourceState"> {
  const { block } = server.resourceSchema(request.type_name);
  const raw = request.raw_state?.json?.length ? JSON.parse(Buffer.from(request.raw_state.json).toString("utf8")) : null;
  return { upgraded_state: { msgpack: encodeValue(raw === null ? null : conform(raw, block)) }, diagnostics: [] };
}
