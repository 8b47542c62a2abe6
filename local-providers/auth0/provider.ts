// auth0/auth0 1.55.0, as far as the auth0 stack uses it: the eight resources of
// schema/auth0-1.55.0.providers-schema.json. Validation and planning run from the catalogue
// (catalogue/auth0/); apply makes the provider's Management API calls to the local tenant
// (api/management.ts), which refuses what Auth0 refuses. Nothing here calls Auth0.
import { randomBytes } from "node:crypto";
import { STATUS_CODES } from "node:http";
import { AUTH0_CATALOGUE } from "../catalogue";
import { type Obj, type Value } from "../cty";
import type { ProviderContext, ProviderDefinition, ResourceBehaviour } from "../provider";
import type { ServiceError } from "../service-rules";
import { ManagementApi } from "./api/management";

export interface Auth0Context extends ProviderContext {
  readonly tenant: ManagementApi;
}

const str = (v: Value | undefined) => (typeof v === "string" ? v : "");
const num = (v: Value | undefined) => (typeof v === "number" ? v : undefined);
const withCatalogue = <T extends object>(type: string, behaviour: T) => ({ catalogue: AUTH0_CATALOGUE[type], ...behaviour });

const resources: Record<string, ResourceBehaviour<Auth0Context>> = {
  auth0_resource_server: withCatalogue("auth0_resource_server", {
    create: (p: Obj, ctx: Auth0Context) => {
      const { id } = ctx.tenant.createResourceServer({ identifier: str(p.identifier), name: str(p.name) || null, token_lifetime: num(p.token_lifetime) ?? null });
      return {
        id,
        // Auth0 names an API by its identifier when it is given no name.
        name: str(p.name) || str(p.identifier),
        signing_secret: p.signing_alg === "HS256" ? randomBytes(24).toString("base64url") : "",
        client_id: "",
        is_system: false,
      };
    },
    delete: (prior: Obj, ctx: Auth0Context) => ctx.tenant.deleteResourceServer(str(prior.identifier)),
  }),
  auth0_resource_server_scopes: withCatalogue("auth0_resource_server_scopes", { create: (p: Obj) => ({ id: str(p.resource_server_identifier) }) }),
  auth0_role: withCatalogue("auth0_role", { create: (_p: Obj, ctx: Auth0Context) => ctx.tenant.createRole() }),
  auth0_role_permissions: withCatalogue("auth0_role_permissions", { create: (p: Obj) => ({ id: str(p.role_id) }) }),
  auth0_client: withCatalogue("auth0_client", {
    // The client id is the resource id, as the provider sets both from the created client.
    create: (p: Obj, ctx: Auth0Context) => {
      const { client_id } = ctx.tenant.createClient({ name: str(p.name), description: p.description });
      return { id: client_id, client_id, is_first_party: typeof p.is_first_party === "boolean" ? p.is_first_party : true };
    },
  }),
  auth0_client_grant: withCatalogue("auth0_client_grant", { create: (_p: Obj, ctx: Auth0Context) => ({ ...ctx.tenant.createClientGrant(), is_system: false }) }),
  auth0_user: withCatalogue("auth0_user", {
    create: (p: Obj, ctx: Auth0Context) => {
      const { user_id } = ctx.tenant.createUser({ user_id: str(p.user_id) || null });
      return { id: user_id, user_id };
    },
  }),
  auth0_user_roles: withCatalogue("auth0_user_roles", { create: (p: Obj) => ({ id: str(p.user_id) }) }),
};

/** go-auth0's management.Error: "409 Conflict: <message>", which the provider returns as it is. */
function formatError(error: ServiceError): string {
  return `${error.status} ${STATUS_CODES[error.status] ?? ""}: ${error.message}`;
}

export function auth0Provider(schema: ProviderDefinition["schema"]): ProviderDefinition<Auth0Context> {
  return {
    address: "auth0/auth0",
    schema,
    resources,
    dataSources: {},
    context: (config, env) => ({ config, env, tenant: new ManagementApi(str(config.domain) || env.AUTH0_DOMAIN || "") }),
    formatError,
  };
}
