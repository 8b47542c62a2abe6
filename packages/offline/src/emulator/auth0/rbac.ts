// How Auth0 decides what goes into an access token when RBAC is on. Pure functions, so the
// rules can be tested on their own and read in one place.
import type { TenantDefinition } from "../deployment/description";

import { OIDC_SCOPES } from "@apigw-auth0-rbac/model";

/** OIDC scopes are about the user's profile, not the API: Auth0 grants them when requested. */
export { OIDC_SCOPES };

export interface TokenGrantInput {
  readonly api: TenantDefinition["api"];
  /** The space-separated `scope` of the request, split. */
  readonly requestedScopes: readonly string[];
  /** Everything the user holds through roles on this API. */
  readonly userPermissions: readonly string[];
}

/**
 * With RBAC on (`enforce_policies`), the granted scope is what was requested AND what the
 * user holds: a scope not requested is never granted, even when held. With RBAC off, every
 * requested scope the API defines is granted.
 */
export function grantedScopes(input: TokenGrantInput): string[] {
  const defined = new Set(input.api.scopes);
  const held = new Set(input.userPermissions);
  const granted = input.requestedScopes.filter((scope) => {
    if ((OIDC_SCOPES as readonly string[]).includes(scope)) return true;
    if (!defined.has(scope)) return false;
    return input.api.enforcePolicies ? held.has(scope) : true;
  });
  return [...new Set(granted)];
}

/** The `permissions` claim: everything held, requested or not, with RBAC on and an *_authz dialect. */
export function permissionsClaim(input: TokenGrantInput): string[] | undefined {
  if (!input.api.enforcePolicies || !input.api.tokenDialect.endsWith("_authz")) return undefined;
  const defined = new Set(input.api.scopes);
  return [...new Set(input.userPermissions.filter((p) => defined.has(p)))];
}

/** A user's permissions on the API through the roles they hold. */
export function permissionsOf(tenant: TenantDefinition, roles: readonly string[]): string[] {
  return [...new Set(tenant.roles.filter((r) => roles.includes(r.name)).flatMap((r) => r.permissions))];
}

/** The access token's claims as Auth0 writes them. */
export function accessTokenClaims(options: {
  readonly issuer: string;
  readonly subject: string;
  readonly clientId: string;
  readonly grantType: string;
  readonly now: number;
  readonly grant: TokenGrantInput;
}): Record<string, unknown> {
  const { grant } = options;
  const scope = grantedScopes(grant);
  const permissions = permissionsClaim(grant);
  const audience = grant.requestedScopes.includes("openid") ? [grant.api.identifier, `${options.issuer}userinfo`] : grant.api.identifier;
  return {
    iss: options.issuer,
    sub: options.subject,
    aud: audience,
    iat: options.now,
    exp: options.now + grant.api.tokenLifetimeSeconds,
    scope: scope.join(" "),
    azp: options.clientId,
    gty: options.grantType,
    ...(permissions ? { permissions } : {}),
  };
}

/**
 * A client_credentials token's claims: no user, so `sub` is `<client id>@clients` and the
 * client grant decides. `scope` is what was requested and granted, or everything granted
 * when nothing was requested; `permissions` (with RBAC and an *_authz dialect) is everything
 * granted, as Auth0 writes it for users.
 */
export function clientCredentialsClaims(options: {
  readonly issuer: string;
  readonly clientId: string;
  readonly now: number;
  readonly api: TenantDefinition["api"];
  /** The client grant's scopes on the API. */
  readonly granted: readonly string[];
  readonly requestedScopes: readonly string[];
}): Record<string, unknown> {
  const defined = new Set(options.api.scopes);
  const held = [...new Set(options.granted.filter((s) => defined.has(s)))];
  const scope = options.requestedScopes.length > 0 ? held.filter((s) => options.requestedScopes.includes(s)) : held;
  const permissions = options.api.enforcePolicies && options.api.tokenDialect.endsWith("_authz") ? held : undefined;
  return {
    iss: options.issuer,
    sub: `${options.clientId}@clients`,
    aud: options.api.identifier,
    iat: options.now,
    exp: options.now + options.api.tokenLifetimeSeconds,
    scope: scope.join(" "),
    azp: options.clientId,
    gty: "client-credentials",
    ...(permissions ? { permissions } : {}),
  };
}
