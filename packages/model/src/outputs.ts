// The names the two stacks are deployed under and the outputs they write: the contract
// between the stacks that write them and everything that reads them (the aws stack's
// remote state, the emulator, the review, the test app's config).

/** `cdktf deploy auth0 aws`: the auth0 stack first, the aws stack reads its state. */
export const STACK_NAMES = { auth0: "auth0", aws: "aws" } as const;
export const STACKS = [STACK_NAMES.auth0, STACK_NAMES.aws] as const;

export const AUTH0_OUTPUTS = {
  /** `https://<custom domain or domain>/`, trailing slash included: the authorizer's issuer. */
  issuer: "issuer",
  /**
   * The tenant's custom domain, present only when the model names one: the host apps and services
   * request tokens through (the issuer's host), as opposed to the tenant's own domain.
   */
  customDomain: "custom_domain",
  /** The API identifier: the authorizer's audience. */
  audience: "audience",
  spaClientId: "spa_client_id",
  /** Machine-to-machine client ids by the model's client name (no secrets). */
  m2mClientIds: "m2m_client_ids",
  /** The Auth0 SPA sample's auth_config.json, as JSON text. */
  spaAuthConfig: "spa_auth_config",
} as const;

export const AWS_OUTPUTS = {
  /** The API's base URL: https://<domain> when the model gives a domain, else the $default stage's invoke URL. */
  apiEndpoint: "api_endpoint",
  /** One URL per route key, on that base URL. */
  routeUrls: "route_urls",
  /** With a domain: the API Gateway host name its alias records point to (for DNS kept outside Route 53, or a check with dig). */
  domainTarget: "domain_target",
} as const;
