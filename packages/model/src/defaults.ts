// The defaults the model and the constructs fall back to, and the limits more than one part
// checks (model, constructs, emulator). A limit only one part checks stays beside it: the
// emulator's request sizes, the invoke-permission budget, the stand-ins' catalogue.

/** What a model or a construct gets when it says nothing. */
export const DEFAULTS = {
  /** Access-token lifetime, token endpoint and web flows alike. */
  tokenLifetimeSeconds: 3600,
  /** Every log group: access logs and each function's. */
  logRetentionDays: 30,
  /** The $default stage's route throttling. */
  throttlingBurstLimit: 100,
  throttlingRateLimit: 50,
  /** The HTTP API's JWT authorizer's name. */
  authorizerName: "auth0-jwt",
  /** How long browsers may cache a CORS preflight answer. */
  corsMaxAgeSeconds: 600,
  /** Every function's runtime (and so the esbuild target of its bundle). */
  lambdaRuntime: "nodejs22.x",
  /** Every function's memory and time limit. */
  lambdaMemoryMb: 128,
  lambdaTimeoutSeconds: 5,
  /** What each handler file exports, and so what the runtime calls: `index.handler`. */
  handlerExport: "handler",
  /** The database connection test users are created in. */
  userConnection: "Username-Password-Authentication",
  /**
   * Every Auth0 Action's runtime (and so the esbuild target of its bundle): the newest the pinned
   * provider accepts (auth0 1.55.0, internal/auth0/action/resource.go, NewResource "runtime"
   * StringInSlice: node12, node16, node18, node22).
   */
  actionRuntime: "node22",
} as const;

/** The limits AWS and Auth0 set, and the project's own where it sets one. */
export const LIMITS = {
  /** API Gateway: authorization scopes per route. */
  scopesPerRoute: 10,
  /** API Gateway: audiences per JWT authorizer. */
  audiencesPerAuthorizer: 50,
  /** The auth0 stack's `test_user_password` variable refuses anything shorter. */
  testUserPasswordMinLength: 12,
  /** Auth0: the longest access-token lifetime (30 days). */
  tokenLifetimeSecondsMax: 2_592_000,
} as const;

/**
 * The oldest terraform the stacks work with: S3-native state locking (use_lockfile) came in
 * 1.10. Both stacks declare it as required_version, and `npm run local` checks it.
 */
export const MINIMUM_TERRAFORM_VERSION = "1.10";

/** The OIDC scopes the SPA requests besides the API's permissions. */
export const SPA_OIDC_SCOPES = ["openid", "profile", "email"] as const;
/** Scopes Auth0 grants for the user's profile rather than the API: never subject to RBAC. */
export const OIDC_SCOPES = [...SPA_OIDC_SCOPES, "offline_access"] as const;

/** A handler's name: its file in lambda-src/ without extension, lower case with dashes. */
export const HANDLER_NAME = /^[a-z0-9][a-z0-9-]*$/;

/** The retention periods CloudWatch Logs accepts. */
export const CLOUDWATCH_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;
export type RetentionDays = (typeof CLOUDWATCH_RETENTION_DAYS)[number];
