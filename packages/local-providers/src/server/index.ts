// The tfplugin6 Provider service of one provider definition: each RPC in its own file, and
// every RPC through the one triage of errors into diagnostics.
import type { ProviderContext, ProviderDefinition } from "../provider";
import type { ProviderRpcs } from "../rpc";
import { applyResourceChange, keepPriorState } from "./apply-resource-change";
import { configureProvider } from "./configure-provider";
import { getProviderSchema } from "./get-provider-schema";
import { importNothing, importResourceState } from "./import-resource-state";
import { planResourceChange } from "./plan-resource-change";
import { readDataSource } from "./read-data-source";
import { keepCurrentState, readResource } from "./read-resource";
import { serverState } from "./state";
import { stopProvider } from "./stop-provider";
import { triaged } from "./triage";
import { upgradeResourceState } from "./upgrade-resource-state";
import { validateDataResourceConfig } from "./validate-data-resource-config";
import { validateProviderConfig } from "./validate-provider-config";
import { validateResourceConfig } from "./validate-resource-config";

export function providerService<C extends ProviderContext>(definition: ProviderDefinition<C>): ProviderRpcs {
  const server = serverState(definition);
  return {
    GetProviderSchema: triaged(server, getProviderSchema),
    ValidateProviderConfig: triaged(server, validateProviderConfig),
    ConfigureProvider: triaged(server, configureProvider),
    StopProvider: triaged(server, stopProvider),
    ValidateResourceConfig: triaged(server, validateResourceConfig),
    ValidateDataResourceConfig: triaged(server, validateDataResourceConfig),
    UpgradeResourceState: triaged(server, upgradeResourceState),
    ReadResource: triaged(server, readResource, keepCurrentState),
    PlanResourceChange: triaged(server, planResourceChange),
    ApplyResourceChange: triaged(server, applyResourceChange, keepPriorState),
    ImportResourceState: triaged(server, importResourceState, importNothing),
    ReadDataSource: triaged(server, readDataSource),
  };
}
