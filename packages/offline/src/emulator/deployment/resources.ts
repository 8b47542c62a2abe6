// How the resources' attributes become the description, for both readers: the attribute
// names are the same in the synthesized JSON and in state (blocks differ: an object in the
// JSON, a list of one in state, so callers pass the block).
import { resolve } from "node:path";
import { RouteKey } from "@apigw-auth0-rbac/model";
import type { ClientDefinition, CorsDefinition, RouteDefinition, TenantDefinition, ThrottlingDefinition } from "./description";

export type Json = Record<string, any>;

/** What aws_lambda_function plans when timeout or memory_size is left out (the provider's schema defaults). */
const LAMBDA_PROVIDER_DEFAULTS = { timeout: 3, memory_size: 128 } as const;

/** A route's function as the runtime needs it: the same attributes in the JSON and in state. */
export function functionOf(
  fn: Json,
  stackDir: string,
): Pick<RouteDefinition, "functionName" | "archivePath" | "handler" | "timeoutSeconds" | "memorySizeMb"> {
  return {
    functionName: fn.function_name,
    archivePath: resolve(stackDir, fn.filename),
    handler: fn.handler,
    timeoutSeconds: fn.timeout ?? LAMBDA_PROVIDER_DEFAULTS.timeout,
    memorySizeMb: fn.memory_size ?? LAMBDA_PROVIDER_DEFAULTS.memory_size,
  };
}

/** A route the emulator cannot run faithfully: it refuses to start rather than serve it open. */
export class UnsupportedRouteError extends Error {}

/**
 * What both readers (the synthesized JSON and the applied state) check of a route before
 * serving it: a "METHOD /path" key, an authorization type the emulator runs, the API's own
 * JWT authorizer, and an AWS_PROXY 2.0 integration. Anything else is refused, naming `where`.
 */
export function emulatableRoute(
  where: string,
  route: { routeKey: unknown; authorizationType: unknown; authorizerId: unknown; isTheApisAuthorizer: boolean; integration: Json | undefined },
): { key: RouteKey; authorizationType: string; refuse: (why: string) => never } {
  const refuse = (why: string): never => {
    throw new UnsupportedRouteError(`${where}: ${why}; the emulator refuses to serve it rather than serve it differently from AWS`);
  };
  let key: RouteKey;
  try {
    key = RouteKey.parse(String(route.routeKey));
  } catch {
    return refuse('only "METHOD /path" route keys are emulated ($default and other keys are not)');
  }
  const authorizationType = String(route.authorizationType ?? "NONE");
  if (!EMULATED_AUTHORIZATION.includes(authorizationType)) refuse(`authorization type ${authorizationType} cannot be emulated`);
  if (authorizationType === "JWT" && !route.isTheApisAuthorizer) {
    refuse(`its authorizer_id ${JSON.stringify(route.authorizerId ?? null)} is not the API's JWT authorizer`);
  }
  const integration = route.integration;
  if (integration?.integration_type !== "AWS_PROXY" || integration.payload_format_version !== "2.0") {
    refuse("the emulator runs AWS_PROXY integrations with payload format 2.0 only");
  }
  return { key, authorizationType, refuse };
}

/** A Lambda permission that lets API Gateway invoke the function. */
export const letsApiGatewayInvoke = (p: Json): boolean =>
  p.principal === "apigateway.amazonaws.com" && ["lambda:InvokeFunction", "lambda:*"].includes(p.action);

/** Authorization types the emulator runs: JWT through its authorizer, NONE open as AWS serves it. */
const EMULATED_AUTHORIZATION = ["JWT", "NONE"];

/**
 * An auth0_client's settings, with Auth0's defaults where unset; `refreshToken` is its
 * refresh_token block (an object in the JSON, the first element of a list in state).
 */
export function clientOf(c: Json, refreshToken: Json | undefined, clientId?: string): ClientDefinition {
  return {
    name: c.name,
    ...(clientId ? { clientId } : {}),
    appType: c.app_type ?? "regular_web",
    grantTypes: c.grant_types ?? [],
    callbacks: c.callbacks ?? [],
    logoutUrls: c.allowed_logout_urls ?? [],
    webOrigins: c.web_origins ?? [],
    rotatingRefreshTokens: refreshToken?.rotation_type === "rotating",
    refreshTokenLifetimeSeconds: refreshToken?.token_lifetime ?? 2_592_000,
    refreshTokenIdleLifetimeSeconds: refreshToken?.idle_token_lifetime ?? 1_296_000,
    ...(c.client_metadata ? { metadata: c.client_metadata } : {}),
  };
}

/** A client grant that lets its client ask for client_credentials tokens for the API. */
export function isApiGrant(grant: Json, audience: string, apiIdentifier: string): boolean {
  return audience === apiIdentifier && (grant.subject_type ?? "client") === "client";
}

export function withGrant(client: ClientDefinition, scopes: readonly string[] | undefined, modelName: string | undefined): ClientDefinition {
  return { ...client, ...(scopes ? { apiGrant: scopes } : {}), ...(modelName ? { modelName } : {}) };
}

/** An auth0_resource_server's settings, with Auth0's defaults where unset. */
export function apiSettingsOf(server: Json, identifier: string, scopes: readonly string[]): TenantDefinition["api"] {
  return {
    identifier,
    name: server.name ?? server.identifier,
    enforcePolicies: server.enforce_policies === true,
    tokenDialect: server.token_dialect ?? "access_token",
    tokenLifetimeSeconds: server.token_lifetime ?? 86400,
    signingAlg: server.signing_alg ?? "RS256",
    allowOfflineAccess: server.allow_offline_access === true,
    scopes,
  };
}

/** The API's cors_configuration as the emulator applies it. */
export function corsOf(cors: Json | undefined): CorsDefinition | undefined {
  if (!cors) return undefined;
  return {
    allowOrigins: cors.allow_origins ?? [],
    allowMethods: (cors.allow_methods ?? []).map((m: string) => m.toUpperCase()),
    allowHeaders: (cors.allow_headers ?? []).map((h: string) => h.toLowerCase()),
    exposeHeaders: cors.expose_headers ?? [],
    maxAge: cors.max_age ?? undefined,
    allowCredentials: cors.allow_credentials === true,
  };
}

/** The lower-case header an authorizer reads the token from; only headers are emulated. */
export function identityHeaderOf(authorizer: Json): string {
  const identity = String(authorizer.identity_sources?.[0] ?? "$request.header.Authorization");
  const header = /^\$request\.header\.(.+)$/.exec(identity);
  if (!header) throw new Error(`the emulator reads tokens from a header only, not ${identity}`);
  return header[1].toLowerCase();
}

export function throttlingOf(settings: Json | undefined): ThrottlingDefinition | undefined {
  const burst = settings?.throttling_burst_limit;
  const rate = settings?.throttling_rate_limit;
  if (typeof burst !== "number" || typeof rate !== "number") return undefined;
  return { burstLimit: burst, rateLimit: rate };
}

/**
 * The domain name an API mapping serves the API's $default stage on. A mapping of another stage
 * or under a path (api_mapping_key) is refused: the emulator serves the $default stage at the
 * root only, rather than serve it differently from AWS.
 */
export function mappedDomain(where: string, mapping: { stageName: unknown; mappingKey: unknown; domainName: unknown }): string {
  const refuse = (why: string): never => {
    throw new UnsupportedRouteError(`${where}: ${why}; the emulator refuses to serve it rather than serve it differently from AWS`);
  };
  if (mapping.stageName !== "$default") refuse(`it maps stage ${JSON.stringify(mapping.stageName)}; only the $default stage is emulated`);
  if (typeof mapping.mappingKey === "string" && mapping.mappingKey !== "")
    refuse(`its api_mapping_key ${JSON.stringify(mapping.mappingKey)} serves the API under a path`);
  if (typeof mapping.domainName !== "string" || mapping.domainName === "") refuse("its domain name is not known");
  return (mapping.domainName as string).toLowerCase();
}
