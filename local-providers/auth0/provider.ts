// auth0/auth0 1.55.0, as far as the auth0 stack uses it: the eight resources of
// schema/auth0-1.55.0.providers-schema.json. Each behaviour names the provider source it
// follows (auth0/terraform-provider-auth0, internal/auth0/...). Nothing here calls Auth0.
import { randomBytes } from "node:crypto";
import { isObj, type Obj, type Value } from "../cty";
import { randomId, type ProviderContext, type ProviderDefinition, type ResourceBehaviour } from "../provider";
import { check, inBlock, intBetween, oneOf } from "../validation";

const APP_TYPES = [
  "native", "spa", "regular_web", "non_interactive", "resource_server", "express_configuration", "rms", "box", "cloudbees", "concur", "dropbox",
  "mscrm", "echosign", "egnyte", "newrelic", "office365", "salesforce", "sentry", "sharepoint", "slack", "springcm", "sso_integration",
  "zendesk", "zoom",
];
const GRANT_TYPES = [
  "authorization_code", "client_credentials", "implicit", "password", "refresh_token", "http://auth0.com/oauth/grant-type/password-realm",
  "http://auth0.com/oauth/grant-type/mfa-oob", "http://auth0.com/oauth/grant-type/mfa-otp", "http://auth0.com/oauth/grant-type/mfa-recovery-code",
  "http://auth0.com/oauth/grant-type/passwordless/otp", "urn:ietf:params:oauth:grant-type:device_code", "urn:openid:params:grant-type:ciba",
  "urn:ietf:params:oauth:grant-type:token-exchange", "urn:okta:params:oauth:grant-type:webauthn", "urn:auth0:params:oauth:grant-type:token-exchange:federated-connection-access-token",
];
const str = (v: Value) => (typeof v === "string" ? v : "");
const hex = (n: number) => randomBytes(n).toString("hex");

const resources: Record<string, ResourceBehaviour> = {
  auth0_resource_server: {
    source: "internal/auth0/resourceserver/resource.go",
    forceNew: ["identifier"],
    validate: (c) => [
      ...check(c, "signing_alg", oneOf(["HS256", "RS256", "PS256"])),
      ...check(c, "token_dialect", oneOf(["access_token", "access_token_authz", "rfc9068_profile", "rfc9068_profile_authz"])),
      ...check(c, "token_lifetime", intBetween(0, 2592000)),
      ...check(c, "token_lifetime_for_web", intBetween(0, 2592000)),
      ...check(c, "consent_policy", oneOf(["transactional-authorization-with-mfa", "null"])),
    ],
    apply: (p) => ({
      id: hex(12),
      name: str(p.name) || str(p.identifier),
      signing_alg: "RS256",
      // Auth0's defaults for a new API.
      token_lifetime: 86400,
      token_lifetime_for_web: 7200,
      token_dialect: "access_token",
      enforce_policies: false,
      allow_offline_access: false,
      skip_consent_for_verifiable_first_party_clients: false,
      signing_secret: p.signing_alg === "HS256" ? randomBytes(24).toString("base64url") : "",
      client_id: "",
      is_system: false,
    }),
  },
  auth0_resource_server_scopes: {
    source: "internal/auth0/resourceserver/resource_scopes.go",
    forceNew: ["resource_server_identifier"],
    apply: (p) => ({ id: str(p.resource_server_identifier) }),
  },
  auth0_role: {
    source: "internal/auth0/role/resource.go",
    apply: () => ({ id: `rol_${randomId(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")}` }),
  },
  auth0_role_permissions: {
    source: "internal/auth0/role/resource_permissions.go",
    forceNew: ["role_id"],
    apply: (p) => ({ id: str(p.role_id) }),
  },
  auth0_client: {
    source: "internal/auth0/client/resource.go",
    validate: (c) => [
      ...check(c, "app_type", oneOf(APP_TYPES)),
      ...check(c, "grant_types", oneOf(GRANT_TYPES)),
      ...check(c, "organization_usage", oneOf(["deny", "allow", "require"])),
      ...check(c, "organization_require_behavior", oneOf(["no_prompt", "pre_login_prompt", "post_login_prompt"])),
      ...inBlock(c, "refresh_token", (r) => [
        ...check(r, "rotation_type", oneOf(["rotating", "non-rotating"])),
        ...check(r, "expiration_type", oneOf(["expiring", "non-expiring"])),
      ]),
      ...inBlock(c, "jwt_configuration", (j) => check(j, "alg", oneOf(["HS256", "RS256", "PS256"]))),
    ],
    apply: (p) => clientId(p),
  },
  auth0_client_grant: {
    source: "internal/auth0/client/resource_grant.go",
    forceNew: ["client_id", "audience"],
    validate: (c) => [
      ...check(c, "subject_type", oneOf(["client", "user"])),
      ...check(c, "organization_usage", oneOf(["deny", "allow", "require"])),
      ...check(c, "default_for", oneOf(["third_party_clients"])),
    ],
    // subject_type is Optional+Computed: Auth0 answers "client" when it was left out.
    apply: (p) => ({ id: `cgr_${randomId(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")}`, subject_type: str(p.subject_type) || "client", is_system: false }),
  },
  auth0_user: {
    source: "internal/auth0/user/resource.go",
    forceNew: ["connection_name"],
    validate: (c) => check(c, "connection_name", (v, name) => (typeof v === "string" && v === "" ? `expected ${name} to not be an empty string` : undefined)),
    // The Management API answers with the connection's prefix, and flattenUser sets user_id
    // to that same id (internal/auth0/user/flatten.go, v1.55.0).
    apply: (p) => {
      const id = `auth0|${str(p.user_id) || hex(12)}`;
      return { id, user_id: id };
    },
  },
  auth0_user_roles: {
    source: "internal/auth0/user/resource_roles.go",
    forceNew: ["user_id"],
    apply: (p) => ({ id: str(p.user_id) }),
  },
};

/** The client id is the resource id, as the provider sets both from the created client. */
function clientId(p: Obj): Obj {
  const id = randomId(32, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
  return { id, client_id: id, is_first_party: isObj(p) && typeof p.is_first_party === "boolean" ? p.is_first_party : true };
}

export function auth0Provider(schema: ProviderDefinition["schema"]): ProviderDefinition {
  return { address: "auth0/auth0", schema, resources, dataSources: {}, context: (config, env): ProviderContext => ({ config, env }) };
}
