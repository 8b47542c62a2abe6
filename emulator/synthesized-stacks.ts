// Reads what `cdktf synth` wrote, not the model: the emulator runs exactly what would be
// deployed. Plain JSON in, plain data out; no cdktf import.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { AUTH0_OUTPUTS } from "../model/outputs";
import { RouteKey } from "../model/route-key";

type Json = Record<string, any>;

export interface TenantDefinition {
  readonly api: {
    readonly identifier: string;
    readonly name: string;
    readonly enforcePolicies: boolean;
    readonly tokenDialect: string;
    readonly tokenLifetimeSeconds: number;
    readonly signingAlg: string;
    /** Whether refresh tokens may be issued for this API. */
    readonly allowOfflineAccess: boolean;
    readonly scopes: readonly string[];
  };
  readonly roles: readonly { readonly name: string; readonly permissions: readonly string[] }[];
  readonly users: readonly { readonly email: string; readonly connection: string; readonly roles: readonly string[] }[];
  readonly clients: readonly ClientDefinition[];
}

export interface ClientDefinition {
  readonly name: string;
  /** The id Auth0 gave it, when read from applied state; otherwise the stand-in derives one. */
  readonly clientId?: string;
  readonly appType: string;
  readonly grantTypes: readonly string[];
  readonly callbacks: readonly string[];
  readonly logoutUrls: readonly string[];
  readonly webOrigins: readonly string[];
  readonly rotatingRefreshTokens: boolean;
  /** refresh_token.token_lifetime and idle_token_lifetime (Auth0's defaults when unset). */
  readonly refreshTokenLifetimeSeconds: number;
  readonly refreshTokenIdleLifetimeSeconds: number;
  /**
   * The scopes of its client grant on the tenant's API (subject_type client): what a
   * client_credentials token may carry. Absent: no grant, so no such token.
   */
  readonly apiGrant?: readonly string[];
  /**
   * The model's name for a machine-to-machine client: its key in the auth0 stack's
   * m2m_client_ids output (the Auth0 name carries the environment, this one does not).
   */
  readonly modelName?: string;
}

export interface RouteDefinition {
  readonly routeKey: string;
  readonly method: string;
  readonly path: string;
  readonly authorizationType: string;
  /** Empty when the route checks no scope. */
  readonly scopes: readonly string[];
  readonly functionName: string;
  /** Absolute path of the archive that would be uploaded. */
  readonly archivePath: string;
  /** "index.handler": file and export inside the archive. */
  readonly handler: string;
  readonly timeoutSeconds: number;
  readonly memorySizeMb: number;
  /**
   * The source ARNs (after the API's execution ARN, e.g. "/*\/GET/unicorn") under which
   * a Lambda permission lets API Gateway invoke the function. Empty: AWS answers 500.
   */
  readonly invokePermissions: readonly string[];
}

/** What aws_lambda_function plans when timeout or memory_size is left out (the provider's schema defaults). */
const LAMBDA_PROVIDER_DEFAULTS = { timeout: 3, memory_size: 128 } as const;

/** A route's function as the runtime needs it: the same attributes in the JSON and in state. */
export function functionOf(fn: Json, stackDir: string): Pick<RouteDefinition, "functionName" | "archivePath" | "handler" | "timeoutSeconds" | "memorySizeMb"> {
  return {
    functionName: fn.function_name,
    archivePath: resolve(stackDir, fn.filename),
    handler: fn.handler,
    timeoutSeconds: fn.timeout ?? LAMBDA_PROVIDER_DEFAULTS.timeout,
    memorySizeMb: fn.memory_size ?? LAMBDA_PROVIDER_DEFAULTS.memory_size,
  };
}

/** The $default stage's route throttling: a token bucket per route, as AWS applies it. */
export interface ThrottlingDefinition {
  readonly burstLimit: number;
  /** Requests per second. */
  readonly rateLimit: number;
}

export interface CorsDefinition {
  readonly allowOrigins: readonly string[];
  readonly allowMethods: readonly string[];
  readonly allowHeaders: readonly string[];
  readonly exposeHeaders: readonly string[];
  readonly maxAge?: number;
  readonly allowCredentials: boolean;
}

/** A value the authorizer needs, either literal or an output of another stack's state. */
export type ConfigValue = { readonly literal: string } | { readonly remoteStateOutput: string };

export interface HttpApiDefinition {
  readonly name: string;
  readonly cors?: CorsDefinition;
  readonly authorizer?: {
    readonly issuer: ConfigValue;
    readonly audience: readonly ConfigValue[];
    /** Header name, lower case (from `$request.header.Authorization`). */
    readonly identityHeader: string;
  };
  readonly routes: readonly RouteDefinition[];
  /** The stage's access-log format: field → `$context.…` variable. */
  readonly accessLogFormat?: Readonly<Record<string, string>>;
  readonly throttling?: ThrottlingDefinition;
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
  if (!integration || integration.integration_type !== "AWS_PROXY" || integration.payload_format_version !== "2.0") {
    refuse("the emulator runs AWS_PROXY integrations with payload format 2.0 only");
  }
  return { key, authorizationType, refuse };
}

/** A Lambda permission that lets API Gateway invoke the function. */
export const letsApiGatewayInvoke = (p: Json): boolean => p.principal === "apigateway.amazonaws.com" && ["lambda:InvokeFunction", "lambda:*"].includes(p.action);

/** Authorization types the emulator runs: JWT through its authorizer, NONE open as AWS serves it. */
const EMULATED_AUTHORIZATION = ["JWT", "NONE"];


export function readStackJson(outdir: string, stack: string): Json {
  const file = join(outdir, "stacks", stack, "cdk.tf.json");
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(`cannot read the synthesized ${stack} stack at ${file}: run \`npm run synth\` first (${(err as Error).message})`);
  }
}

const REF = /^\$\{([a-z0-9_]+)\.([^.}]+)\.([a-z_]+)\}$/;

function resourcesOf(stack: Json, type: string): [string, Json][] {
  return Object.entries(stack.resource?.[type] ?? {});
}

/** The resource a `${type.id.attr}` string points to. */
function deref(stack: Json, ref: unknown, where: string): Json {
  const match = typeof ref === "string" ? REF.exec(ref) : null;
  const target = match && stack.resource?.[match[1]]?.[match[2]];
  if (!target) throw new Error(`${where}: ${JSON.stringify(ref)} does not point to a resource of the stack`);
  return target;
}

/** A literal, or a reference whose attribute is set literally on its resource. */
function literal(stack: Json, value: unknown, where: string): string {
  if (typeof value !== "string") throw new Error(`${where}: expected a string, got ${JSON.stringify(value)}`);
  const match = REF.exec(value);
  if (!match) {
    if (value.includes("${")) throw new Error(`${where}: ${value} is an expression; the emulator reads literals and plain references only`);
    return value;
  }
  const attr = deref(stack, value, where)[match[3]];
  if (typeof attr !== "string") throw new Error(`${where}: ${value} is only known after apply; the emulator cannot resolve it`);
  return attr;
}

export function readTenant(auth0: Json): TenantDefinition {
  const servers = resourcesOf(auth0, "auth0_resource_server");
  if (servers.length !== 1) throw new Error(`the auth0 stack must define one auth0_resource_server, found ${servers.length}`);
  const [, server] = servers[0];
  const scopes = resourcesOf(auth0, "auth0_resource_server_scopes").flatMap(([, s]) => s.scopes.map((x: Json) => x.name));

  const roleNames = new Map(resourcesOf(auth0, "auth0_role").map(([id, r]) => [id, r.name as string]));
  const roleOf = (ref: string, where: string) => {
    const match = REF.exec(ref);
    const name = match && match[1] === "auth0_role" ? roleNames.get(match[2]) : undefined;
    if (!name) throw new Error(`${where}: ${ref} is not a role of the stack`);
    return name;
  };
  const grants = new Map<string, string[]>();
  for (const [id, rp] of resourcesOf(auth0, "auth0_role_permissions")) {
    const role = roleOf(rp.role_id, `auth0_role_permissions.${id}`);
    grants.set(role, [...(grants.get(role) ?? []), ...rp.permissions.map((p: Json) => p.name)]);
  }
  const roles = [...roleNames.values()].map((name) => ({ name, permissions: grants.get(name) ?? [] }));

  const userRoles = new Map<string, string[]>();
  for (const [id, ur] of resourcesOf(auth0, "auth0_user_roles")) {
    const match = REF.exec(ur.user_id);
    if (match) userRoles.set(match[2], ur.roles.map((r: string) => roleOf(r, `auth0_user_roles.${id}`)));
  }
  const users = resourcesOf(auth0, "auth0_user").map(([id, u]) => ({
    email: u.email as string,
    connection: u.connection_name as string,
    roles: userRoles.get(id) ?? [],
  }));

  const apiIdentifier = literal(auth0, server.identifier, "auth0_resource_server.identifier");
  const clientGrants = new Map<string, string[]>();
  for (const [id, g] of resourcesOf(auth0, "auth0_client_grant")) {
    const client = typeof g.client_id === "string" ? REF.exec(g.client_id) : null;
    if (!client || client[1] !== "auth0_client") throw new Error(`auth0_client_grant.${id}: its client_id ${JSON.stringify(g.client_id)} is not a client of the stack`);
    if (isApiGrant(g, literal(auth0, g.audience, `auth0_client_grant.${id}.audience`), apiIdentifier)) clientGrants.set(client[2], g.scopes ?? []);
  }
  const modelNames = new Map<string, string>();
  for (const [name, ref] of Object.entries<unknown>(auth0.output?.[AUTH0_OUTPUTS.m2mClientIds]?.value ?? {})) {
    const match = typeof ref === "string" ? REF.exec(ref) : null;
    if (match && match[1] === "auth0_client") modelNames.set(match[2], name);
  }
  const clients = resourcesOf(auth0, "auth0_client").map(([id, c]) => withGrant(clientOf(c, c.refresh_token), clientGrants.get(id), modelNames.get(id)));

  return {
    api: apiSettingsOf(server, apiIdentifier, scopes),
    roles,
    users,
    clients,
  };
}

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
  };
}

/** A client grant that lets its client ask for client_credentials tokens for the API. */
export function isApiGrant(grant: Json, audience: string, apiIdentifier: string): boolean {
  return audience === apiIdentifier && (grant.subject_type ?? "client") === "client";
}

/** The auth0 stack's output of machine-to-machine client ids, keyed by the model's client names. */

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

/** The outputs of the auth0 stack whose values are known before apply. */
export function readLiteralOutputs(auth0: Json): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, o] of Object.entries<Json>(auth0.output ?? {})) {
    try {
      out[name] = literal(auth0, o.value, `output.${name}`);
    } catch {
      // computed by the provider (client IDs…): not needed by the emulator
    }
  }
  return out;
}

const REMOTE_OUTPUT = /^\$\{data\.terraform_remote_state\.[^.]+\.outputs\.([A-Za-z0-9_-]+)\}$/;

function configValue(stack: Json, value: unknown, where: string): ConfigValue {
  const remote = typeof value === "string" ? REMOTE_OUTPUT.exec(value) : null;
  if (remote) return { remoteStateOutput: remote[1] };
  return { literal: literal(stack, value, where) };
}

export function readHttpApi(aws: Json, stackDir: string): HttpApiDefinition {
  const apis = resourcesOf(aws, "aws_apigatewayv2_api");
  if (apis.length !== 1) throw new Error(`the aws stack must define one aws_apigatewayv2_api, found ${apis.length}`);
  const [, api] = apis[0];
  const cors = api.cors_configuration;

  const authorizers = resourcesOf(aws, "aws_apigatewayv2_authorizer");
  const jwtAuthorizers = authorizers.filter(([, a]) => a.authorizer_type === "JWT");
  if (jwtAuthorizers.length > 1) throw new Error("the emulator supports one JWT authorizer per API");
  const [authorizerId, authorizer] = jwtAuthorizers[0] ?? [];
  const permissions = resourcesOf(aws, "aws_lambda_permission");

  const routes = resourcesOf(aws, "aws_apigatewayv2_route").map(([id, r]): RouteDefinition => {
    const where = `aws_apigatewayv2_route.${id} (${r.route_key})`;
    const authorizerRef = typeof r.authorizer_id === "string" ? REF.exec(r.authorizer_id) : null;
    const integration = deref(aws, String(r.target ?? "").replace(/^integrations\//, ""), `${where}.target`);
    const { key, authorizationType, refuse } = emulatableRoute(where, {
      routeKey: r.route_key,
      authorizationType: r.authorization_type,
      authorizerId: r.authorizer_id,
      isTheApisAuthorizer: !!authorizerRef && authorizerRef[1] === "aws_apigatewayv2_authorizer" && authorizerRef[2] === authorizerId && authorizerRef[3] === "id",
      integration,
    });
    const { method, path } = key;
    const fnRef = typeof integration.integration_uri === "string" ? REF.exec(integration.integration_uri) : null;
    if (!fnRef || fnRef[1] !== "aws_lambda_function") refuse("its integration does not invoke a Lambda function of the stack");
    const fn = deref(aws, integration.integration_uri, `${where} integration_uri`);
    return {
      routeKey: r.route_key,
      method,
      path,
      authorizationType,
      scopes: r.authorization_scopes ?? [],
      ...functionOf(fn, stackDir),
      invokePermissions: invokePermissionsFor(permissions, fnRef![2], fn.function_name),
    };
  });

  const stage = resourcesOf(aws, "aws_apigatewayv2_stage")[0]?.[1];
  return {
    name: api.name,
    cors: corsOf(cors),
    authorizer: authorizer
      ? {
          issuer: configValue(aws, authorizer.jwt_configuration.issuer, "authorizer issuer"),
          audience: (authorizer.jwt_configuration.audience ?? []).map((a: unknown) => configValue(aws, a, "authorizer audience")),
          identityHeader: identityHeaderOf(authorizer),
        }
      : undefined,
    routes,
    accessLogFormat: stage?.access_log_settings?.format ? JSON.parse(stage.access_log_settings.format) : undefined,
    throttling: throttlingOf(stage?.default_route_settings),
  };
}

/** The API's cors_configuration as the emulator applies it (shared with the applied-state reader). */
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
 * The source-ARN suffixes of the Lambda permissions that let API Gateway invoke a function:
 * principal apigateway.amazonaws.com, action lambda:InvokeFunction, the function named by
 * reference or by name. A permission without a source ARN allows every path ("*").
 */
function invokePermissionsFor(permissions: [string, Json][], functionId: string, functionName: string): string[] {
  const names = new Set([
    `\${aws_lambda_function.${functionId}.function_name}`,
    `\${aws_lambda_function.${functionId}.arn}`,
    functionName,
  ]);
  return permissions
    .map(([, p]) => p)
    .filter((p) => names.has(p.function_name) && letsApiGatewayInvoke(p))
    .map((p) => {
      if (p.source_arn === undefined) return "*";
      const arn = /^\$\{aws_apigatewayv2_api\.[^.]+\.execution_arn\}(.*)$/.exec(String(p.source_arn));
      return arn ? arn[1] : undefined;
    })
    .filter((suffix): suffix is string => suffix !== undefined);
}

/**
 * The literal parts of the auth0 stack's `spa_auth_config` output (a `jsonencode({...})`
 * expression): the scope the app must request. The client ID and audience in it are
 * references, resolved by the stand-in. Reading it here means the local app uses exactly
 * what a deployed app would be configured with.
 */
export function readSpaScope(auth0: Json): string {
  const value = auth0.output?.[AUTH0_OUTPUTS.spaAuthConfig]?.value;
  const scope = typeof value === "string" ? /"scope"\s*=\s*"([^"]*)"/.exec(value)?.[1] : undefined;
  if (!scope) throw new Error('the auth0 stack\'s spa_auth_config output has no literal "scope"');
  return scope;
}
