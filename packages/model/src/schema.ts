// The shape of the access model. Structural rules live here (zod); rules that relate one
// part of the model to another live in validate.ts.
import { z } from "zod";
import { actionSchema, metadataSchema } from "./actions";
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

const nonEmpty = (what: string) =>
  z
    .string()
    .trim()
    .min(1, { error: `${what} must not be empty` });

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
  name: permissionName.describe('The permission\'s name, e.g. "read:unicorn": a scope of the Auth0 API, and what routes, roles and clients name.'),
  description: nonEmpty("a permission description").describe("Shown in the Auth0 dashboard and on consent screens."),
});

export const routeSchema = z.strictObject({
  method: z
    .enum(HTTP_METHODS, {
      error: (issue) => `${JSON.stringify(issue.input)} is not a supported HTTP method; use one of ${HTTP_METHODS.join(", ")} (upper case)`,
    })
    .describe("Upper case. OPTIONS is left out on purpose: API Gateway answers CORS preflight itself."),
  path: z
    .string()
    .refine((p) => p.startsWith("/"), {
      error: (issue) => `${JSON.stringify(issue.input)} must start with "/", e.g. "/${String(issue.input).replace(/^\/*/, "")}"`,
    })
    .describe('Starts with "/"; `{name}` for a path parameter. No trailing "/", no greedy `{proxy+}`.'),
  handler: handlerName.describe("A file lambda-src/<handler>.ts exporting `handler`; routes may share one."),
  example: z
    .string()
    .optional()
    .describe(
      'A request path (with query) that exercises the route, e.g. "/unicorn?name=Gaia": what npm start prints. Default: the path, parameters filled in.',
    ),
  scopes: z
    .array(permissionName)
    .min(1, { error: "a route needs at least one scope; every route is protected, name the permission it requires" })
    .max(MAX_SCOPES_PER_ROUTE, {
      error: (issue) =>
        `has ${(issue.input as unknown[]).length} scopes, but API Gateway allows at most ${MAX_SCOPES_PER_ROUTE} per route; split the route or merge permissions`,
    })
    .describe(`Declared permissions, 1 to ${MAX_SCOPES_PER_ROUTE}: a token needs at least one of them (API Gateway's rule).`),
});

export const roleSchema = z.strictObject({
  name: nonEmpty("a role name").describe("The Auth0 role's name (users are assigned roles in Auth0)."),
  description: z.string().optional().describe("Shown in the Auth0 dashboard."),
  permissions: z
    .array(permissionName)
    .min(1, { error: "a role must grant at least one permission" })
    .describe("Declared permissions the role grants."),
});

export const spaClientSchema = z.strictObject({
  name: nonEmpty("the SPA client name").describe("The Auth0 application's name."),
  callbackUrls: z
    .array(httpUrl)
    .min(1, { error: "the SPA needs at least one callback URL" })
    .describe("Where Auth0 may send the browser back after login."),
  logoutUrls: z.array(httpUrl).describe("Where Auth0 may send the browser after logout."),
  webOrigins: z
    .array(webOrigin)
    .min(1, { error: "the SPA needs at least one web origin (it is also the API's CORS origin)" })
    .describe("Origins (scheme, host, port) the app runs at; also the API's CORS origins."),
});

/** A machine-to-machine application: a service that calls the API with its own credentials. */
export const clientSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, {
      error: (issue) => `${JSON.stringify(issue.input)} is not a client name; use lower case and dashes, e.g. "nightly-report"`,
    })
    .describe("Lower case with dashes; the Auth0 application is named after it (with the environment)."),
  description: nonEmpty("a client description").describe("What the service is, shown in the Auth0 dashboard."),
  permissions: z
    .array(permissionName)
    .min(1, { error: "a client must be granted at least one permission" })
    .describe("What its client grant on the API holds: its tokens carry these and no others."),
});

export const testUserSchema = z.strictObject({
  email: z
    .email({ error: (issue) => `${JSON.stringify(issue.input)} is not an e-mail address` })
    .describe("The user's e-mail, unique per connection."),
  roles: z.array(z.string()).min(1, { error: "a test user needs at least one role" }).describe("Declared roles assigned to the user."),
  appMetadata: metadataSchema
    .optional()
    .describe('The user\'s app_metadata, a JSON object (what Actions read as event.user.app_metadata); its keys are data, "__proto__" too.'),
  userMetadata: metadataSchema
    .optional()
    .describe('The user\'s user_metadata, a JSON object (event.user.user_metadata); its keys are data, "__proto__" too.'),
});

const stageSchema = z.strictObject({
  throttlingBurstLimit: z.number().int().positive().describe("The $default stage's route throttling: requests a route may take at once."),
  throttlingRateLimit: z.number().positive().describe("The $default stage's route throttling: requests per second, sustained."),
  logRetentionDays: z
    .literal(CLOUDWATCH_RETENTION_DAYS, {
      error: (issue) => `${JSON.stringify(issue.input)} is not a CloudWatch retention period; use one of ${CLOUDWATCH_RETENTION_DAYS.join(", ")}`,
    })
    .describe("Days every log group keeps (access logs, each function's): one of CloudWatch's periods."),
});

const objectId = (what: string) => nonEmpty(what).describe(`The id ${what.replace(/^the /, "")} has where it already exists.`);

const isPlainObject = (input: unknown): input is Record<string, unknown> => typeof input === "object" && input !== null && !Array.isArray(input);

/**
 * Values by a name from outside. zod's own record drops a "__proto__" key as it parses, and an
 * Auth0 role may be named that: this one keeps every own key, in an object without a prototype
 * (so no name reads an inherited property either), and is documented as the record it is.
 */
function namedRecord<V extends z.ZodType>(value: V) {
  const documented = z.record(z.string(), value);
  const { $schema: _, ...json } = z.toJSONSchema(documented, { io: "input", unrepresentable: "any" });
  const parsed = (input: Record<string, unknown>) => Object.entries(input).map(([name, raw]) => [name, value.safeParse(raw)] as const);
  return z
    .custom<Record<string, z.output<V>>>(isPlainObject, {
      error: (issue) => `expected an object of ids by name, received ${JSON.stringify(issue.input)}`,
    })
    .superRefine((input, ctx) => {
      for (const [name, result] of parsed(input))
        for (const issue of result.error?.issues ?? []) ctx.addIssue({ ...issue, code: "custom", path: [name, ...issue.path] } as never);
    })
    .overwrite((input) => {
      const out: Record<string, z.output<V>> = Object.create(null);
      for (const [name, result] of parsed(input)) if (result.success) out[name] = result.data;
      return out;
    })
    .meta(json);
}

/**
 * Objects that already exist (built in a console, found by `npm run adopt`): the first deploy
 * imports them (terraform import blocks) instead of creating them, so their ids, the audience,
 * the client id and the invoke URL stay as they are.
 */
export const importsSchema = z.strictObject({
  auth0: z
    .strictObject({
      resourceServer: objectId("the Auth0 API (resource server)").describe(
        "The Auth0 API's id (not its identifier), e.g. 5f2c…: its resource server and its permissions are imported.",
      ),
      roles: namedRecord(objectId("the role"))
        .default({})
        .describe("Role ids by the model's role name (rol_…): each role and its permissions are imported; users keep their assignments."),
      spa: objectId("the SPA application").optional().describe("The SPA application's client id: imported, so the app's client id does not change."),
      clients: namedRecord(
        z.strictObject({
          client: objectId("the client").describe("The application's client id."),
          grant: objectId("the client grant").describe("Its client grant's id on the API (cgr_…)."),
        }),
      )
        .default({})
        .describe("Machine-to-machine applications by the model's client name: the client and its grant are imported."),
      actions: namedRecord(objectId("the Action"))
        .default({})
        .describe("Action ids by the model's Action name: each Action is imported, and the bindings of its trigger with it."),
    })
    .optional()
    .describe("The tenant's objects to import."),
  aws: z
    .strictObject({
      api: objectId("the HTTP API").describe("The HTTP API's id: imported, so its invoke URL does not change."),
      authorizer: objectId("the JWT authorizer").describe("The API's JWT authorizer's id."),
      routes: namedRecord(objectId("the route")).default({}).describe('Route ids by route key ("GET /unicorn").'),
      stage: z.literal("$default").optional().describe("The $default stage, imported when set."),
    })
    .optional()
    .describe("The account's objects to import."),
});

/**
 * A host name as DNS, ACM and API Gateway take it: lower-case labels of letters, digits and
 * dashes (no dash first or last, at most 63 each), dots between, at most 253 in all, no
 * trailing dot, at least two labels.
 */
export const HOST_NAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** An ACM certificate's ARN: arn:<partition>:acm:<region>:<account>:certificate/<id>. */
export const ACM_CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:[a-z]{2}(-[a-z]+)+-\d:\d{12}:certificate\/[A-Za-z0-9-]+$/;

/** What a value meant as a host name should have been: its host, lower case, when it has one. */
function hostNameOf(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  try {
    const host = new URL(value.includes("://") ? value.trim() : `https://${value.trim()}`).hostname.toLowerCase().replace(/\.$/, "");
    return HOST_NAME.test(host) ? host : undefined;
  } catch {
    return undefined;
  }
}

const hostName = (what: string, example: string) =>
  z.string().refine((value) => HOST_NAME.test(value), {
    error: (issue) => {
      const fix = hostNameOf(issue.input);
      return `${JSON.stringify(issue.input)} is not a ${what}; give the host name only, lower case, without scheme, port, path or trailing dot: ${JSON.stringify(fix ?? example)}`;
    },
  });

/** The tenant's Auth0 custom domain: a host name set up and verified in the tenant beforehand. */
const customDomain = hostName("custom domain", "login.example.com");

/** The API on the team's own domain: a host name in a Route 53 hosted zone of the account. */
export const domainSchema = z.strictObject({
  name: hostName("host name", "api.unicorns.example.com").describe(
    "The API's host name, e.g. api.unicorns.example.com: clients call https://<name>. Lower case, no scheme, no path; inside hostedZone. Changing it replaces the certificate and the custom domain.",
  ),
  hostedZone: hostName("hosted zone name", "unicorns.example.com").describe(
    "The public Route 53 hosted zone that holds the name (it must exist in the account): the stack writes the certificate's DNS validation records and the A/AAAA alias records there.",
  ),
  certificateArn: z
    .string()
    .regex(ACM_CERTIFICATE_ARN, {
      error: (issue) =>
        `${JSON.stringify(issue.input)} is not an ACM certificate ARN; give it as arn:aws:acm:<region>:<account>:certificate/<id>, or leave certificateArn out to have the stack request one`,
    })
    .optional()
    .describe(
      "An issued ACM certificate in the API's region that covers the name, used instead of a new one (no certificate is requested and no validation records are written).",
    ),
});

/** Environment names end up in resource names and state keys: short, lower case, dashes. */
export const ENVIRONMENT_NAME = /^[a-z][a-z0-9]{0,9}$/;

/** What one environment overrides; everything else comes from the top of the model. */
export const environmentSchema = z.strictObject({
  production: z.boolean().default(false).describe("Refuses http:// and localhost URLs, `*` in any URL, and test users."),
  tenant: z
    .strictObject({
      domain: z.string().describe("This environment's tenant."),
      customDomain: customDomain
        .optional()
        .describe(
          "This tenant's custom domain, if it logs in through one: the top-level tenant.customDomain belongs to the top-level tenant and is not inherited here.",
        ),
    })
    .optional(),
  spa: spaClientSchema.omit({ name: true }).partial().optional().describe("This environment's SPA URLs (and so its CORS origins)."),
  users: z.array(testUserSchema).optional().describe("Replaces the top-level users in this environment."),
  actions: z.array(actionSchema).optional().describe("Replaces the top-level Actions in this environment."),
  stage: stageSchema.partial().optional().describe("This environment's throttling and log retention."),
  imports: importsSchema.optional().describe("This environment's existing objects to import on its first deploy (replaces the top-level imports)."),
  domain: domainSchema
    .optional()
    .describe("This environment's own domain, replacing the top-level one (each environment needs a host name of its own)."),
});

export const accessModelSchema = z.strictObject({
  tenant: z.strictObject({
    // Checked in validate.ts, with AUTH0_DOMAIN.
    domain: z
      .string()
      .optional()
      .describe("The Auth0 tenant's host name, e.g. my-tenant.eu.auth0.com (no scheme, no path). AUTH0_DOMAIN overrides it."),
    customDomain: customDomain
      .optional()
      .describe(
        "The tenant's Auth0 custom domain, e.g. login.unicorns.example.com (host name only), set up and verified in the tenant beforehand; the stacks do not create it. Tokens requested through it carry iss https://<customDomain>/: the issuer the API trusts and the domain the SPA logs in through follow it. See docs/DOMAIN.md.",
      ),
    userConnection: nonEmpty("the user connection")
      .default(DEFAULTS.userConnection)
      .describe("The database connection the test users are created in."),
  }),
  api: z.strictObject({
    name: nonEmpty("the API name").describe("The API's display name in Auth0, and (as a slug) in every AWS name."),
    identifier: nonEmpty("the API identifier (the audience)").describe(
      "The Auth0 API identifier: the `aud` of every access token. Changing it replaces the API and refuses every token issued before.",
    ),
    tokenLifetimeSeconds: z
      .number()
      .int()
      .min(60)
      .max(LIMITS.tokenLifetimeSecondsMax)
      .default(DEFAULTS.tokenLifetimeSeconds)
      .describe("Access-token lifetime in seconds, for the token endpoint and web flows alike."),
  }),
  permissions: z.array(permissionSchema).min(1, { error: "declare at least one permission" }).describe("Every permission the API defines."),
  routes: z
    .array(routeSchema)
    .min(1, { error: "declare at least one route" })
    .describe("The HTTP API's routes, each protected by the JWT authorizer."),
  roles: z.array(roleSchema).describe("Auth0 roles and the permissions each grants."),
  spa: spaClientSchema.describe("The single-page app's Auth0 application."),
  users: z
    .array(testUserSchema)
    .default([])
    .describe("Test users to create (their password: the sensitive variable test_user_password). Refused in production."),
  clients: z.array(clientSchema).default([]).describe("Machine-to-machine applications and the permissions each is granted."),
  actions: z
    .array(actionSchema)
    .default([])
    .describe(
      "Auth0 Actions: code in `<actionDir>/<name>.ts` that the tenant runs at login (post-login) or for a machine-to-machine token (credentials-exchange), bound to its trigger in the list's order.",
    ),
  stage: z
    .strictObject({
      throttlingBurstLimit: stageSchema.shape.throttlingBurstLimit.default(DEFAULTS.throttlingBurstLimit),
      throttlingRateLimit: stageSchema.shape.throttlingRateLimit.default(DEFAULTS.throttlingRateLimit),
      logRetentionDays: stageSchema.shape.logRetentionDays.default(DEFAULTS.logRetentionDays),
    })
    .prefault({})
    .describe("The $default stage: route throttling and log retention."),
  domain: domainSchema
    .optional()
    .describe(
      "The API on your own domain (https://<name>): a DNS-validated ACM certificate, an API Gateway custom domain and alias records in the hosted zone; the execute-api endpoint is then disabled. Unset: the API is served at its execute-api URL. See docs/DOMAIN.md.",
    ),
  environments: z
    .record(
      z.string().regex(ENVIRONMENT_NAME, {
        error: (issue) =>
          `${JSON.stringify(issue.input)} is not an environment name; use up to 10 lower-case letters and digits, starting with a letter, e.g. "dev"`,
      }),
      environmentSchema,
    )
    .optional()
    .describe(
      'Deployment environments by name (e.g. dev, prod), each overriding what differs; chosen with DEPLOY_ENV or the cdktf context "env". Unset: one environment, names and state keys without one.',
    ),
  defaultEnvironment: z
    .string()
    .optional()
    .describe('Required with environments: the one used when DEPLOY_ENV and the cdktf context "env" are unset.'),
  imports: importsSchema
    .optional()
    .describe(
      "Existing objects (a console-built setup) the first deploy imports instead of creating: written by npm run adopt (its ADOPT.md, in @apigw-auth0-rbac/offline).",
    ),
  externalTenant: z
    .strictObject({
      issuer: z.string().describe("The tenant's issuer (https, normalised to end in exactly one /)."),
      audience: nonEmpty("externalTenant.audience").describe("The audience the authorizer accepts."),
    })
    .optional()
    .describe("A tenant managed elsewhere: the aws stack uses these instead of the auth0 stack's state."),
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
export type ModelAction = ParsedAccessModel["actions"][number];
export type EnvironmentOverrides = z.output<typeof environmentSchema>;
export type Imports = z.output<typeof importsSchema>;
export type DomainSettings = z.output<typeof domainSchema>;
