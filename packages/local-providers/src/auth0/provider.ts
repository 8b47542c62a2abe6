// auth0/auth0 1.55.0, as far as the auth0 stack uses it: the resources of
// schema/auth0-1.55.0.providers-schema.json. Validation and planning run from the catalogue
// (catalogue/auth0/); apply, refresh and import make the provider's Management API calls
// (resources.ts) to the local tenant (api/management.ts), which refuses what Auth0 refuses and
// keeps its objects in the local cloud (LOCAL_CLOUD_DIR). Nothing here calls Auth0.
import { STATUS_CODES } from "node:http";
import { storeFromEnv } from "../cloud/store";
import type { Value } from "../cty";
import type { ProviderContext, ProviderDefinition } from "../provider";
import type { ServiceError } from "../service-rules";
import { ManagementApi } from "./api/management";
import { AUTH0_RESOURCES } from "./resources";

export interface Auth0Context extends ProviderContext {
  readonly tenant: ManagementApi;
}

const str = (v: Value | undefined) => (typeof v === "string" ? v : "");

/** go-auth0's management.Error: "409 Conflict: <message>", which the provider returns as it is. */
function formatError(error: ServiceError): string {
  return `${error.status} ${STATUS_CODES[error.status] ?? ""}: ${error.message}`;
}

export function auth0Provider(schema: ProviderDefinition["schema"]): ProviderDefinition<Auth0Context> {
  return {
    address: "auth0/auth0",
    schema,
    resources: AUTH0_RESOURCES,
    dataSources: {},
    context: (config, env) => ({
      config,
      env,
      tenant: new ManagementApi(str(config.domain) || env.AUTH0_DOMAIN || "", storeFromEnv(env)),
      persistent: !!env.LOCAL_CLOUD_DIR,
    }),
    formatError,
  };
}
