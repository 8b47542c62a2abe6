// The shape of the access model. Structural rules live here (zod); rules that relate one
// part of the model to another live in validate.ts. No cdktf import: this outlives cdktf.
import { z } from "zod";
import { CLOUDWATCH_RETENTION_DAYS, DEFAULTS, HANDLER_NAME, LIMITS } from "./defaults";

/** API Gateway accepts at most 10 authorization scopes per route. */
export const MAX_SCOPES_PER_ROUTE = LIMITS.scopesPerRoute;
/** The auth0 stack's `test_user_password` variable refuses anything shorter. */
export const MIN_TEST_USER_PASSWORD_LENGTH = LIMITS.testUserPasswordMinLength;

/**
 * Methods a route may use. OPTIONS is left out on purpose: API Gateway answers CORS
 * preflight itself, and an authorized OPTIONS route would turn every preflight into a 401.
 */
export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export { CLOUDWATCH_RETENTION_DAYS };

const nonEmpty = (what: string) => z.string().trim().min(1, { error: `${what} must not be empty` });

const httpUrl = z.string().refine(
  (value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "http:" || url.protocol === "https:") && value === value.trim();
    } catch {
      return false;
    }
  },
  { error: (issue) => `${JSON.stringify(issue.input)} is not an http(s) URL; write it as https://host/path` },
);

const webOrigin = httpUrl.refine(
  (value) => {
    const url = new URL(value);
    return value.replace(/\/$/, "") === url.origin;
  },
  { error: (issue) => `${JSON.stringify(issue.input)} is not an origin; give scheme, host and port only, e.g. ${safeOrigin(issue.input)}` },
);

function safeOrigin(value: unknown): string {
  try {
    return new URL(String(value)).origin;
  } catch {
    return "http://localhost:3000";
  }
}

/** Scope values travel space-separated in the token's `scope` claim: whitespace would split one into two. */
const permissionName = z
  .string()
  .min(1, { error: "a permission name must not be empty" })
  .regex(/^[\x21-\x7e]+$/, {
    error: (issue) => `${JSON.stringify(issue.input)} contains whitespace or non-ASCII characters; use a form like "read:orders"`,
  });

const handlerName = z.string().regex(HANDLER_NAME, {
  error: (issue) =>
    `${JSON.stringify(issue.input)} is not a handler name; use the file name in lambda-src/ without extension, lower-case with dashes (e.g. "get-unicorn")`,
});

export const permissionSchema = z.strictObject({
  name: permissionName,
  description: nonEmpty("a permission description"),
});

export const routeSchema = z.strictObject({
  method: z.enum(HTTP_METHODS, {
    error: (issue) =>
      `${JSON.stringify(issue.input)} is not a supported HTTP method; use one of ${HTTP_METHODS.join(", ")} (upper case)`,
  }),
  path: z.string().refine((p) => p.startsWith("/"), {
    error: (issue) => `${JSON.stringify(issue.input)} must start with "/", e.g. "/${String(issue.input).replace(/^\/*/, "")}"`,
  }),
  handler: handlerName,
  /**
   * A request path (with query) that exercises the route, e.g. "/unicorn?name=Gaia":
   * `npm start` prints it in its ready-to-paste curl commands.
   * @default - the path itself
   */
  example: z.string().optional(),
  /** Permissions of which the caller's token must hold at least one (API Gateway semantics). */
  scopes: z
    .array(permissionName)
    .min(1, { error: "a route needs at least one scope; every route is protected, name the permission it requires" })
    .max(MAX_SCOPES_PER_ROUTE, {
      error: (issue) =>
        `has ${(issue.input as unknown[]).length} scopes, but API Gateway allows at most ${MAX_SCOPES_PER_ROUTE} per route; split the route or merge permissions`,
    }),
});

export const roleSchema = z.strictObject({
  name: nonEmpty("a role name"),
  description: z.string().optional(),
  permissions: z.array(permissionName).min(1, { error: "a role must grant at least one permission" }),
});

export const spaClientSchema = z.strictObject({
  name: nonEmpty("the SPA client name"),
  callbackUrls: z.array(httpUrl).min(1, { error: "the SPA needs at least one callback URL" }),
  logoutUrls: z.array(httpUrl),
  webOrigins: z.array(webOrigin).min(1, { error: "the SPA needs at least one web origin (it is also the API's CORS origin)" }),
});

/** A machine-to-machine application: a service that calls the API with its own credentials. */
export const clientSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, {
    error: (issue) => `${JSON.stringify(issue.input)} is not a client name; use lower case and dashes, e.g. "nightly-report"`,
  }),
  description: nonEmpty("a client description"),
  /** The permissions its client grant on the API holds; its tokens carry no others. */
  permissions: z.array(permissionName).min(1, { error: "a client must be granted at least one permission" }),
});

export const testUserSchema = z.strictObject({
  email: z.email({ error: (issue) => `${JSON.stringify(issue.input)} is not an e-mail address` }),
  roles: z.array(z.string()).min(1, { error: "a test user needs at least one role" }),
});

const stageSchema = z.strictObject({
  throttlingBurstLimit: z.number().int().positive(),
  throttlingRateLimit: z.number().positive(),
  logRetentionDays: z.literal(CLOUDWATCH_RETENTION_DAYS, {
    error: (issue) => `${JSON.stringify(issue.input)} is not a CloudWatch retention period; use one of ${CLOUDWATCH_RETENTION_DAYS.join(", ")}`,
  }),
});

/** Environment names end up in resource names and state keys: short, lower case, dashes. */
export const ENVIRONMENT_NAME = /^[a-z][a-z0-9]{0,9}$/;

/** What one environment overrides; everything else comes from the top of the model. */
export const environmentSchema = z.strictObject({
  /**
   * A production environment refuses http:// and localhost URLs, `*` in any URL, and test users.
   * @default false
   */
  production: z.boolean().default(false),
  tenant: z.strictObject({ domain: z.string() }).optional(),
  spa: spaClientSchema.omit({ name: true }).partial().optional(),
  /** Replaces the top-level users in this environment. */
  users: z.array(testUserSchema).optional(),
  stage: stageSchema.partial().optional(),
});

export const accessModelSchema = z.strictObject({
  tenant: z.strictObject({
    /** Auth0 tenant domain, host name only. `AUTH0_DOMAIN` overrides it; checked in validate.ts. */
    domain: z.string().optional(),
    /** Database connection the test users are created in. */
    userConnection: nonEmpty("the user connection").default(DEFAULTS.userConnection),
  }),
  api: z.strictObject({
    name: nonEmpty("the API name"),
    /** The Auth0 API identifier, which is the `aud` of every access token. */
    identifier: nonEmpty("the API identifier (the audience)"),
    /** Access-token lifetime in seconds. */
    tokenLifetimeSeconds: z.number().int().min(60).max(LIMITS.tokenLifetimeSecondsMax).default(DEFAULTS.tokenLifetimeSeconds),
  }),
  permissions: z.array(permissionSchema).min(1, { error: "declare at least one permission" }),
  routes: z.array(routeSchema).min(1, { error: "declare at least one route" }),
  roles: z.array(roleSchema),
  spa: spaClientSchema,
  users: z.array(testUserSchema).default([]),
  /** Machine-to-machine applications and the permissions each is granted. */
  clients: z.array(clientSchema).default([]),
  stage: z
    .strictObject({
      throttlingBurstLimit: stageSchema.shape.throttlingBurstLimit.default(DEFAULTS.throttlingBurstLimit),
      throttlingRateLimit: stageSchema.shape.throttlingRateLimit.default(DEFAULTS.throttlingRateLimit),
      logRetentionDays: stageSchema.shape.logRetentionDays.default(DEFAULTS.logRetentionDays),
    })
    .prefault({}),
  /**
   * Deployment environments by name (e.g. dev, prod), each overriding what differs. Chosen with
   * DEPLOY_ENV or cdktf context "env"; names of resources and state keys carry it.
   * @default - one unnamed environment: names and state keys as without environments
   */
  environments: z
    .record(
      z.string().regex(ENVIRONMENT_NAME, {
        error: (issue) => `${JSON.stringify(issue.input)} is not an environment name; use up to 10 lower-case letters and digits, starting with a letter, e.g. "dev"`,
      }),
      environmentSchema,
    )
    .optional(),
  /** The environment used when DEPLOY_ENV and the cdktf context "env" are unset. */
  defaultEnvironment: z.string().optional(),
  /**
   * For a tenant managed elsewhere: the aws stack then uses these values instead of
   * reading the auth0 stack's remote state.
   */
  externalTenant: z
    .strictObject({
      issuer: z.string(),
      audience: nonEmpty("externalTenant.audience"),
    })
    .optional(),
});

/** What a model file declares (defaults may be left out). */
export type AccessModelInput = z.input<typeof accessModelSchema>;
/** A model with its defaults filled in, as zod parsed it. */
export type ParsedAccessModel = z.output<typeof accessModelSchema>;
export type Route = ParsedAccessModel["routes"][number];
export type Role = ParsedAccessModel["roles"][number];
export type Permission = ParsedAccessModel["permissions"][number];
export type TestUser = ParsedAccessModel["users"][number];
export type SpaClient = ParsedAccessModel["spa"];
export type MachineClient = ParsedAccessModel["clients"][number];
export type EnvironmentOverrides = z.output<typeof environmentSchema>;
