// What the emulator serves, as one description of a deployment: the tenant (API, roles,
// users, clients), the HTTP API (CORS, authorizer, routes with their functions) and the
// auth0 stack's outputs. Three readers fill it: from-synth.ts from what `cdktf synth` wrote,
// from-state.ts from what terraform applied, from-cloud.ts from what the local cloud holds now.
// Plain data.

export interface Deployment {
  readonly tenant: TenantDefinition;
  readonly api: HttpApiDefinition;
  /** The scope an app requests: the auth0 stack's spa_auth_config scope. */
  readonly spaScope: string;
  /** The auth0 stack's outputs whose values are known (literals in the JSON; everything in state). */
  readonly outputs: Record<string, string>;
}

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
  readonly users: readonly {
    readonly email: string;
    readonly connection: string;
    readonly roles: readonly string[];
    /** The id the tenant gave the user (a local cloud's); otherwise the stand-in derives one. */
    readonly userId?: string;
    /** The tenant's check of the user's password, where it keeps one (a local cloud's users, hashed). */
    readonly verifyPassword?: (password: string) => boolean;
    /** The user's app_metadata and user_metadata as the stack sets them (JSON objects; any key, "__proto__" included, is an own property). */
    readonly appMetadata?: Readonly<Record<string, unknown>>;
    readonly userMetadata?: Readonly<Record<string, unknown>>;
  }[];
  /** The tenant's signing key (a local cloud's, kept across starts), so tokens outlive a restart. */
  readonly signingKey?: Record<string, unknown>;
  readonly clients: readonly ClientDefinition[];
  /** The Actions bound to the triggers the stand-in runs. Absent: none. */
  readonly actions?: TenantActions;
}

/** The triggers whose Actions the stand-in runs, where Auth0 runs them. */
export const SERVED_TRIGGERS = ["post-login", "credentials-exchange"] as const;
export type ServedTrigger = (typeof SERVED_TRIGGERS)[number];

export interface TenantActions {
  /** Per trigger, the bound Actions in their binding order (auth0_trigger_actions). */
  readonly bound: Readonly<Record<ServedTrigger, readonly ActionDefinition[]>>;
  /** Triggers the stack binds Actions to that the stand-in does not run. */
  readonly unservedTriggers: readonly string[];
}

export interface ActionDefinition {
  /** auth0_action.name, as the tenant shows it. */
  readonly name: string;
  /** The code Auth0 would run: one CommonJS file, terraform's escapes undone. */
  readonly code: string;
  readonly runtime?: string;
  /** The npm packages Auth0 installs for it. */
  readonly dependencies: readonly { readonly name: string; readonly version: string }[];
  /** Its secrets: a literal value, or the Terraform variable that holds it (TF_VAR_<variable> offline). */
  readonly secrets: readonly ActionSecret[];
}

export type ActionSecret = { readonly name: string } & ({ readonly variable: string } | { readonly value: string });

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
  /** client_metadata: what Actions see as event.client.metadata. */
  readonly metadata?: Readonly<Record<string, string>>;
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

/** The JWT authorizer as configured: issuer and audience may name the auth0 stack's outputs. */
export interface AuthorizerDefinition {
  readonly issuer: ConfigValue;
  readonly audience: readonly ConfigValue[];
  /** Header name, lower case (from `$request.header.Authorization`). */
  readonly identityHeader: string;
}

export interface HttpApiDefinition {
  readonly name: string;
  readonly cors?: CorsDefinition;
  readonly authorizer?: AuthorizerDefinition;
  readonly routes: readonly RouteDefinition[];
  /** The stage's access-log format: field → `$context.…` variable. */
  readonly accessLogFormat?: Readonly<Record<string, string>>;
  readonly throttling?: ThrottlingDefinition;
  /** Custom domain names mapped to the $default stage (without a mapping key), lower case. */
  readonly customDomains?: readonly string[];
  /** disable_execute_api_endpoint: the API answers on its custom domains only. */
  readonly executeApiEndpointDisabled?: boolean;
}
