// What Actions' calls do to the tokens: custom claims within Auth0's restrictions, and the scopes
// post-login Actions add or remove. Pure functions over the claims the stand-in already decided.

/**
 * Claims an Action cannot set: "Any attempt to modify one of these claims will be ignored. The
 * transaction won't fail, but the claim will not be added to tokens." (Migrate Custom Claims,
 * Restricted claims; the same list in Create Custom Claims, General restrictions:
 * https://auth0.com/docs/secure/tokens/json-web-tokens/create-custom-claims).
 */
// biome-ignore format: one documented list, kept as Auth0 writes it
export const RESTRICTED_CLAIMS: ReadonlySet<string> = new Set([
  "acr", "act", "active", "amr", "at_hash", "ath", "attest", "aud", "auth_time", "authorization_details", "azp", "c_hash",
  "client_id", "cnf", "cty", "dest", "entitlements", "events", "exp", "groups", "gty", "htm", "htu", "iat", "internalService",
  "iss", "jcard", "jku", "jti", "jwe", "jwk", "kid", "may_act", "mky", "nbf", "nonce", "object_id", "org_id", "org_name", "orig",
  "origid", "permissions", "roles", "rph", "s_hash", "sid", "sip_callid", "sip_cseq_num", "sip_date", "sip_from_tag",
  "sip_via_branch", "sub", "sub_jwk", "toe", "txn", "typ", "uuid", "vot", "vtm", "x5t#S256",
]);

/** "Auth0 domains cannot be used as namespace identifiers" (Create Custom Claims, Namespaced guidelines). */
const AUTH0_NAMESPACE_DOMAINS = ["auth0.com", "webtask.io", "webtask.run"];

/**
 * "Custom claims payload is set to a maximum of 100KB" for each token, names and values alike;
 * past it "the authentication transaction will fail with an error" (Migrate Custom Claims,
 * Maximum token size).
 */
export const CUSTOM_CLAIMS_MAX_BYTES = 100 * 1024;

/** Why Auth0 ignores a custom claim of this name; undefined when it sets it. */
export function ignoredClaim(name: string): string | undefined {
  if (RESTRICTED_CLAIMS.has(name)) return "a restricted claim";
  // "claims used internally by Auth0 cannot be customized or modified" (General restrictions):
  // the granted scope is Auth0's; api.accessToken.addScope and removeScope are the way to change it.
  if (name === "scope") return "the scope Auth0 grants (use api.accessToken.addScope/removeScope)";
  if (/^urn:auth0(:|$)/i.test(name)) return "in the reserved urn:auth0 namespace";
  const host = /^https?:\/\/([^/?#]+)/i.exec(name)?.[1]?.toLowerCase();
  if (host && AUTH0_NAMESPACE_DOMAINS.some((d) => host === d || host.endsWith(`.${d}`))) return "in an Auth0 domain's namespace";
  return undefined;
}

/** The size Auth0 counts: every custom claim's name and value. */
export function customClaimsBytes(claims: readonly (readonly [string, unknown])[]): number {
  return claims.reduce((sum, [name, value]) => sum + Buffer.byteLength(name) + Buffer.byteLength(JSON.stringify(value) ?? ""), 0);
}

export interface ScopeChange {
  readonly add: boolean;
  readonly scope: string;
}

/** `scope` (space-separated) after the Actions' addScope/removeScope calls, in the order they were made. */
export function changedScope(scope: string, changes: readonly ScopeChange[]): string {
  const scopes = scope.split(" ").filter(Boolean);
  for (const { add, scope: s } of changes) {
    const at = scopes.indexOf(s);
    if (add && at < 0) scopes.push(s);
    if (!add && at >= 0) scopes.splice(at, 1);
  }
  return scopes.join(" ");
}

/** The claims with the custom claims added: built from entries, so any name is an own property ("__proto__" too). */
export function withCustomClaims(
  claims: Readonly<Record<string, unknown>>,
  custom: readonly (readonly [string, unknown])[],
): Record<string, unknown> {
  return Object.fromEntries([...Object.entries(claims), ...custom.filter(([, value]) => value !== undefined)]);
}

/** What a grant adds to its tokens after the Actions ran. */
export interface TokenChanges {
  readonly accessTokenClaims: readonly (readonly [string, unknown])[];
  readonly idTokenClaims: readonly (readonly [string, unknown])[];
  readonly scopeChanges: readonly ScopeChange[];
}

export const NO_CHANGES: TokenChanges = { accessTokenClaims: [], idTokenClaims: [], scopeChanges: [] };

/** An access token's claims with the Actions' scopes and custom claims. */
export function changedAccessClaims(claims: Readonly<Record<string, unknown>>, changes: TokenChanges): Record<string, unknown> {
  const scoped = changes.scopeChanges.length > 0 ? { ...claims, scope: changedScope(String(claims.scope ?? ""), changes.scopeChanges) } : claims;
  return withCustomClaims(scoped, changes.accessTokenClaims);
}
