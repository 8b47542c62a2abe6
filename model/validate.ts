// Turns a declared access model into a resolved one, or explains every problem at once.
// Runs before any construct exists, so a bad model never leaves half a synth behind.
import { z } from "zod";
import { routePathMatcher } from "./route-path";
import {
  accessModelSchema,
  type AccessModelInput,
  type HttpMethod,
  type ParsedAccessModel,
  type Route,
} from "./schema";
import { selectEnvironment, type ResolvedEnvironment } from "./environments";
import { SPA_OIDC_SCOPES } from "./defaults";
import { RouteKey } from "./route-key";
import { limitProblems, limitWarnings } from "./limits";

export interface ResolvedRoute extends Route {
  readonly method: HttpMethod;
  /** The route key as a value: construct and statement ids derive from it. */
  readonly key: RouteKey;
  /** API Gateway's route key, e.g. "GET /unicorn" (key.toString()). */
  readonly routeKey: string;
}

/** Where the aws stack gets the JWT authorizer's issuer and audience from. */
export type AuthorizerSource =
  | { readonly kind: "auth0-stack" }
  | { readonly kind: "explicit"; readonly issuer: string; readonly audience: string };

export interface AccessModel extends Omit<ParsedAccessModel, "routes"> {
  readonly tenant: ParsedAccessModel["tenant"] & {
    /** Where the domain came from, for error messages and docs. */
    readonly domainSource: "AUTH0_DOMAIN" | "tenant.domain";
  };
  readonly routes: readonly ResolvedRoute[];
  /** `https://<domain>/`: exactly what Auth0 writes into `iss`, trailing slash included. */
  readonly issuer: string;
  /** The `scope` the SPA must request: OIDC scopes plus every permission, or RBAC grants nothing. */
  readonly spaScope: string;
  /** One Lambda function per distinct handler, in route order. */
  readonly handlers: readonly string[];
  readonly authorizer: AuthorizerSource;
  /** The environment chosen (DEPLOY_ENV, cdktf context "env", defaultEnvironment); absent when the model declares none. */
  readonly environment?: ResolvedEnvironment;
}

export interface ResolveOptions {
  /** Environment variables to read overrides from (`AUTH0_DOMAIN`, `DEPLOY_ENV`). Defaults to none. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The cdktf context "env": the environment to use when DEPLOY_ENV is unset. */
  readonly contextEnvironment?: string;
  /** Handler names that exist in lambda-src/; when given, routes naming others are errors. */
  readonly availableHandlers?: readonly string[];
}

export interface ResolveResult {
  readonly model: AccessModel;
  /** Problems worth a look that do not stop a synth. */
  readonly warnings: readonly string[];
}

/** Every problem found in a model, each naming its field and the fix. */
export class AccessModelError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `The access model has ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n` +
        problems.map((p) => `  - ${p}`).join("\n"),
    );
    this.name = "AccessModelError";
  }
}



export function resolveAccessModel(input: AccessModelInput, options: ResolveOptions = {}): ResolveResult {
  const problems: string[] = [];
  const warnings: string[] = [];

  const envDomain = options.env?.AUTH0_DOMAIN;
  const domainFromEnv = envDomain !== undefined && envDomain !== "";

  const parsed = accessModelSchema.safeParse(input);
  if (!parsed.success) {
    // The domain is checked even so, to report every problem at once.
    const rawDomain = domainFromEnv ? envDomain : (input as { tenant?: { domain?: unknown } })?.tenant?.domain;
    const domainProblem = checkTenantDomain(rawDomain, domainFromEnv ? "AUTH0_DOMAIN" : "tenant.domain");
    throw new AccessModelError([...(domainProblem ? [domainProblem] : []), ...parsed.error.issues.map(formatIssue)]);
  }
  const declaredModel = parsed.data;
  const selection = selectEnvironment(declaredModel, { deployEnv: options.env?.DEPLOY_ENV, contextEnvironment: options.contextEnvironment });
  problems.push(...selection.problems);
  const m = selection.model;

  const domainSource: AccessModel["tenant"]["domainSource"] = domainFromEnv ? "AUTH0_DOMAIN" : "tenant.domain";
  const domain = domainFromEnv ? envDomain : m.tenant.domain;
  const domainProblem = checkTenantDomain(domain, domainFromEnv ? "AUTH0_DOMAIN" : selection.fieldOf("tenant.domain"));
  if (domainProblem) problems.unshift(domainProblem);

  const declared = m.permissions.map((p) => p.name);
  const known = `known: ${declared.join(", ")}`;
  const unknownPermission = (field: string, owner: string, name: string) =>
    `${field}: ${owner} needs unknown permission ${JSON.stringify(name)}; declare it under permissions (${known})`;

  duplicates(declared).forEach((name) =>
    problems.push(`permissions: ${JSON.stringify(name)} is declared more than once; keep one entry`),
  );
  duplicates(m.roles.map((r) => r.name)).forEach((name) =>
    problems.push(`roles: role ${JSON.stringify(name)} is declared more than once; keep one entry or rename one`),
  );
  duplicates(m.users.map((u) => u.email.toLowerCase())).forEach((email) =>
    problems.push(`${selection.fieldOf("users")}: ${JSON.stringify(email)} is declared more than once; Auth0 e-mails are unique per connection`),
  );
  duplicates(m.clients.map((c) => c.name)).forEach((name) =>
    problems.push(`clients: client ${JSON.stringify(name)} is declared more than once; keep one entry or rename one`),
  );

  const routes: ResolvedRoute[] = m.routes.map((route) => {
    const key = RouteKey.of(route.method, route.path);
    return { ...route, method: route.method as HttpMethod, key, routeKey: key.toString() };
  });
  duplicates(routes.map((r) => r.routeKey)).forEach((key) =>
    problems.push(`routes: ${JSON.stringify(key)} is declared more than once; a method and path may have one route only`),
  );
  // API Gateway ignores parameter names when it compares routes, and so do their Lambda
  // permissions' statement ids: two such routes would fail at deploy time.
  routes.forEach((route, i) => {
    const earlier = routes.slice(0, i).find((r) => r.key.shape === route.key.shape && r.routeKey !== route.routeKey);
    if (earlier) {
      problems.push(
        `routes[${i}]: ${JSON.stringify(route.routeKey)} and ${JSON.stringify(earlier.routeKey)} differ only in parameter names, which API Gateway refuses as conflicting routes; use one route with one parameter name`,
      );
    }
  });

  routes.forEach((route, i) => {
    const field = `routes[${i}]`;
    if (route.path.length > 1 && route.path.endsWith("/")) {
      problems.push(`${field}.path: ${JSON.stringify(route.path)} ends with "/"; write ${JSON.stringify(route.path.replace(/\/+$/, ""))}`);
    }
    if (route.example !== undefined && !routePathMatcher(route.path).pattern.test(route.example.split("?")[0])) {
      problems.push(`${field}.example: ${JSON.stringify(route.example)} does not call ${route.path}; write the path, then any query, e.g. "${route.path}?name=value"`);
    }
    if (/\{[^}]*\+\}/.test(route.path)) {
      problems.push(
        `${field}.path: ${JSON.stringify(route.path)} is a greedy catch-all; with a JWT authorizer it also catches CORS preflight (OPTIONS → 401). Declare explicit paths instead`,
      );
    }
    route.scopes.forEach((scope, j) => {
      if (!declared.includes(scope)) problems.push(unknownPermission(`${field}.scopes[${j}]`, `route ${JSON.stringify(route.routeKey)}`, scope));
    });
    duplicates(route.scopes).forEach((s) => problems.push(`${field}.scopes: ${JSON.stringify(s)} is listed twice; list it once`));
    if (options.availableHandlers && !options.availableHandlers.includes(route.handler)) {
      problems.push(
        `${field}.handler: no file lambda-src/${route.handler}.ts for route ${JSON.stringify(route.routeKey)}; create it or use one of: ${options.availableHandlers.join(", ") || "(none found)"}`,
      );
    }
  });

  m.roles.forEach((role, i) => {
    role.permissions.forEach((permission, j) => {
      if (!declared.includes(permission)) {
        problems.push(unknownPermission(`roles[${i}].permissions[${j}]`, `role ${JSON.stringify(role.name)}`, permission));
      }
    });
    duplicates(role.permissions).forEach((p) => problems.push(`roles[${i}].permissions: ${JSON.stringify(p)} is listed twice; list it once`));
  });

  m.clients.forEach((client, i) => {
    client.permissions.forEach((permission, j) => {
      if (!declared.includes(permission)) {
        problems.push(unknownPermission(`clients[${i}].permissions[${j}]`, `client ${JSON.stringify(client.name)}`, permission));
      }
    });
    duplicates(client.permissions).forEach((p) => problems.push(`clients[${i}].permissions: ${JSON.stringify(p)} is listed twice; list it once`));
  });

  const roleNames = m.roles.map((r) => r.name);
  // Every environment's users, so a dev synth already says what is wrong with prod's.
  for (const { field, users } of selection.userLists) {
    users.forEach((user, i) =>
      user.roles.forEach((role, j) => {
        if (!roleNames.includes(role)) {
          problems.push(
            `${field}[${i}].roles[${j}]: user ${JSON.stringify(user.email)} has unknown role ${JSON.stringify(role)}; declare it under roles (known: ${roleNames.join(", ") || "none"})`,
          );
        }
      }),
    );
  }

  const used = new Set(routes.flatMap((r) => r.scopes));
  for (const name of declared) {
    if (!used.has(name)) {
      warnings.push(`permissions: ${JSON.stringify(name)} is declared but no route requires it; a role holding it gains nothing. Use it on a route or remove it`);
    }
  }
  const granted = new Set([...m.roles.flatMap((r) => r.permissions), ...m.clients.flatMap((c) => c.permissions)]);
  for (const route of routes) {
    if (!route.scopes.some((s) => granted.has(s))) {
      warnings.push(`routes: no role or client grants any scope of ${JSON.stringify(route.routeKey)} (${route.scopes.join(", ")}); nobody can call it`);
    }
  }
  m.clients.forEach((client, i) => {
    if (declared.length > 0 && !client.permissions.some((p) => used.has(p))) {
      warnings.push(`clients[${i}]: client ${JSON.stringify(client.name)} is granted ${client.permissions.join(", ")}, which no route requires; it can call no route`);
    }
  });

  let authorizer: AuthorizerSource = { kind: "auth0-stack" };
  if (m.externalTenant) {
    const issuer = normaliseIssuer(m.externalTenant.issuer);
    if (typeof issuer !== "string") problems.push(`externalTenant.issuer: ${issuer.problem}`);
    else authorizer = { kind: "explicit", issuer, audience: m.externalTenant.audience };
  }

  const limits = { model: m, declared: declaredModel, environment: selection.environment, fieldOf: selection.fieldOf, ...(domainFromEnv ? { domainOverride: envDomain } : {}) };
  problems.push(...limitProblems(limits));
  warnings.push(...limitWarnings(limits));

  if (problems.length > 0) throw new AccessModelError(problems);

  const model: AccessModel = {
    ...m,
    tenant: { ...m.tenant, domain: domain as string, domainSource },
    routes,
    issuer: `https://${domain as string}/`,
    spaScope: [...SPA_OIDC_SCOPES, ...declared].join(" "),
    handlers: [...new Set(routes.map((r) => r.handler))],
    authorizer,
    ...(selection.environment ? { environment: selection.environment } : {}),
  };
  return { model, warnings };
}

/** A host name such as `my-tenant.eu.auth0.com`: no scheme, no path, no trailing slash. */
const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/i;

export function checkTenantDomain(domain: unknown, field: string): string | undefined {
  if (typeof domain !== "string" || domain.trim() === "") {
    return `${field}: the Auth0 tenant domain is missing; set it, e.g. ${field === "AUTH0_DOMAIN" ? "AUTH0_DOMAIN=" : "domain: "}my-tenant.eu.auth0.com`;
  }
  if (HOST_NAME.test(domain)) return undefined;
  let suggestion = "my-tenant.eu.auth0.com";
  try {
    const host = new URL(domain.includes("://") ? domain : `https://${domain}`).hostname;
    if (HOST_NAME.test(host)) suggestion = host;
  } catch {
    // keep the generic example
  }
  const example = field === "AUTH0_DOMAIN" ? `AUTH0_DOMAIN=${suggestion}` : `domain: "${suggestion}"`;
  return `${field}: ${JSON.stringify(domain)} is not a bare tenant domain; give the host name only, without scheme, path or trailing slash: ${example}`;
}

/** Issuers must end in exactly one "/" (Auth0's `iss` does); anything else is a 401 for every call. */
export function normaliseIssuer(issuer: string): string | { problem: string } {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return { problem: `${JSON.stringify(issuer)} is not a URL; write it as https://my-tenant.eu.auth0.com/` };
  }
  if (url.protocol !== "https:") {
    return { problem: `${JSON.stringify(issuer)} must use https (API Gateway fetches its keys over TLS)` };
  }
  if (url.search || url.hash) {
    return { problem: `${JSON.stringify(issuer)} must not have a query or fragment; write it as ${url.origin}${url.pathname}` };
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}/`;
}

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const v of values) (seen.has(v) ? repeated : seen).add(v);
  return [...repeated];
}

function formatIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path.reduce<string>(
    (acc, key) => (typeof key === "number" ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)),
    "",
  );
  let message = issue.message;
  if (issue.code === "unrecognized_keys") {
    message = `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => JSON.stringify(k)).join(", ")}; remove or rename ${issue.keys.length > 1 ? "them" : "it"}`;
  } else if (issue.code === "invalid_key") {
    // A record's key (an environment name): the key's own message says what is wrong.
    message = issue.issues[0]?.message ?? message;
  } else if (issue.code === "invalid_type") {
    message = `${message}; set it in the model`;
  }
  return `${field || "model"}: ${message}`;
}
