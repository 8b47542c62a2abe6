// Turns a declared access model into a resolved one, or explains every problem at once.
// Runs before any construct exists, so a bad model never leaves half a synth behind.
import { describeIssue } from "./issues";
import { MODEL_PROBLEMS, ProblemsError } from "./problems";
import { routePathMatcher } from "./route-path";
import { salvage } from "./salvage";
import { accessModelSchema, HOST_NAME, type HttpMethod, type ParsedAccessModel, type Route } from "./schema";
import { selectEnvironment, type EnvironmentSelection, type ResolvedEnvironment } from "./environments";
import { SPA_OIDC_SCOPES } from "./defaults";
import { ACTION_EXPORTS } from "./actions";
import { RouteKey } from "./route-key";
import { limitProblems, limitWarnings, type LimitsInput } from "./limits";
import { roleConstructId, sharedConstructIds, testUserConstructId } from "./construct-ids";
import { domainProblems, domainWarnings, type DomainCheckInput } from "./domain";
import { exampleValueWarnings } from "./example-values";
import { customDomainProblems } from "./custom-domain";
import { terraformTextProblems } from "./terraform-templates";

export interface ResolvedRoute extends Route {
  readonly method: HttpMethod;
  /** The route key as a value: construct and statement ids derive from it. */
  readonly key: RouteKey;
  /** API Gateway's route key, e.g. "GET /unicorn" (key.toString()). */
  readonly routeKey: string;
}

/** Where the aws stack gets the JWT authorizer's issuer and audience from. */
export type AuthorizerSource = { readonly kind: "auth0-stack" } | { readonly kind: "explicit"; readonly issuer: string; readonly audience: string };

export interface AccessModel extends Omit<ParsedAccessModel, "routes"> {
  readonly tenant: ParsedAccessModel["tenant"] & {
    /** Where the domain came from, for error messages and docs. */
    readonly domainSource: "AUTH0_DOMAIN" | "tenant.domain";
    /** The host apps and services request tokens through, and so the issuer's: customDomain when set, else domain. */
    readonly issuerDomain: string;
  };
  readonly routes: readonly ResolvedRoute[];
  /** `https://<issuerDomain>/`: exactly what Auth0 writes into `iss`, trailing slash included. */
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
  /** Environment variables to read overrides from (`AUTH0_DOMAIN`, `DEPLOY_ENV`; `AWS_REGION` for the domain's certificate). Defaults to none. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The cdktf context "env": the environment to use when DEPLOY_ENV is unset. */
  readonly contextEnvironment?: string;
  /** Handler names that exist in the handler folder; when given, routes naming others are errors. */
  readonly availableHandlers?: readonly string[];
  /** The handler folder as the user writes it, for the messages. @default "lambda-src" */
  readonly handlerFolder?: string;
  /** Action names that have a file in the action folder; when given, Actions naming others are errors. */
  readonly availableActions?: readonly string[];
  /** The action folder as the user writes it, for the messages. @default "actions" */
  readonly actionFolder?: string;
}

export interface ResolveResult {
  readonly model: AccessModel;
  /** Problems worth a look that do not stop a synth. */
  readonly warnings: readonly string[];
}

/**
 * The model resolved for one environment, or every problem it has, in one run: the schema's
 * findings and the checks that relate one part to another (scopes to permissions, handlers
 * to files, users to roles) run together, each problem naming its field and the fix.
 */
export function resolveAccessModel(input: unknown, options: ResolveOptions = {}): ResolveResult {
  const parsed = accessModelSchema.safeParse(input);
  const structural = parsed.success ? [] : parsed.error.issues.map((issue) => describeIssue(accessModelSchema, input, issue));
  // Read what still can be read, so the other checks run too.
  const declaredModel = parsed.success ? parsed.data : (salvage(accessModelSchema, input) as ParsedAccessModel);
  const selection = selectEnvironment(declaredModel, { deployEnv: options.env?.DEPLOY_ENV, contextEnvironment: options.contextEnvironment });
  const m = selection.model;
  const tenant = tenantDomain(m, selection, options.env);
  const routes = resolveRoutes(m.routes);
  const declared = m.permissions.map((p) => p.name);
  // A field the schema already refused is not read again by a check that would misreport it.
  const refusedFields = structural.map((p) => p.slice(0, p.indexOf(": ")));
  const refused = (field: string) => refusedFields.some((f) => f === field || (field.startsWith(f) && /^[.[]/.test(field.slice(f.length))));
  // A list the schema refused part of cannot say what is missing from it.
  const partly = (list: string) => refusedFields.some((f) => f === list || (f.startsWith(list) && /^[.[]/.test(f.slice(list.length))));

  const related = [
    ...(tenant.problem ? [tenant.problem] : []),
    ...selection.problems,
    ...duplicateProblems(m, routes, selection),
    ...routeProblems(m.routes, routes, partly("permissions") ? undefined : declared, options, refused),
    ...(partly("permissions") ? [] : grantProblems(m, declared)),
    ...(partly("roles") ? [] : userProblems(m, selection)),
    ...actionProblems(m, selection, options),
    ...importProblems(m, routes),
    ...terraformTextProblems(input),
  ];
  const authorizer = authorizerOf(m);
  if (typeof authorizer === "string") related.push(authorizer);
  const limits: LimitsInput = {
    model: m,
    declared: declaredModel,
    environment: selection.environment,
    fieldOf: selection.fieldOf,
    ...(tenant.source === "AUTH0_DOMAIN" ? { domainOverride: tenant.domain } : {}),
  };
  related.push(...whenReadable(parsed.success, () => limitProblems(limits)));
  const domain: DomainCheckInput = {
    declared: declaredModel,
    environment: selection.environment,
    domain: m.domain,
    field: selection.fieldOf("domain"),
    region: options.env?.AWS_REGION || options.env?.AWS_DEFAULT_REGION || undefined,
  };
  related.push(...whenReadable(parsed.success, () => domainProblems(domain)));
  related.push(...whenReadable(parsed.success, () => customDomainProblems(declaredModel)));
  const problems = [...structural, ...related.filter((p) => !refused(p.slice(0, p.indexOf(": "))))];
  if (problems.length > 0 || typeof authorizer === "string") throw new ProblemsError(problems, MODEL_PROBLEMS);

  // Auth0 writes the domain a token was requested through into its iss: the custom domain, when the tenant logs in through one.
  const issuerDomain = m.tenant.customDomain ?? tenant.domain;
  const model: AccessModel = {
    ...m,
    tenant: { ...m.tenant, domain: tenant.domain, domainSource: tenant.source, issuerDomain },
    routes: routes as ResolvedRoute[],
    issuer: `https://${issuerDomain}/`,
    spaScope: [...SPA_OIDC_SCOPES, ...declared].join(" "),
    handlers: [...new Set(m.routes.map((r) => r.handler))],
    authorizer,
    ...(selection.environment ? { environment: selection.environment } : {}),
  };
  const examples = exampleValueWarnings({
    model: m,
    environment: selection.environment,
    tenant: { domain: tenant.domain, field: tenant.source === "AUTH0_DOMAIN" ? "AUTH0_DOMAIN" : selection.fieldOf("tenant.domain") },
    fieldOf: selection.fieldOf,
  });
  return { model, warnings: [...warningsOf(m, model.routes, declared), ...limitWarnings(limits), ...domainWarnings(domain), ...examples] };
}

/**
 * Checks that read the model as a whole: run on a model the schema refused too, to report
 * what they can, but one that cannot read what the schema left out says nothing this time.
 */
function whenReadable(parsed: boolean, check: () => string[]): string[] {
  if (parsed) return check();
  try {
    return check();
  } catch {
    return [];
  }
}

/** The tenant domain, from AUTH0_DOMAIN or the model, and its problem if it is not a bare host name. */
function tenantDomain(m: ParsedAccessModel, selection: EnvironmentSelection, env: ResolveOptions["env"]) {
  const fromEnv = env?.AUTH0_DOMAIN !== undefined && env.AUTH0_DOMAIN !== "";
  const domain = fromEnv ? env!.AUTH0_DOMAIN! : m.tenant?.domain;
  const source: AccessModel["tenant"]["domainSource"] = fromEnv ? "AUTH0_DOMAIN" : "tenant.domain";
  return { domain: domain as string, source, problem: checkTenantDomain(domain, fromEnv ? "AUTH0_DOMAIN" : selection.fieldOf("tenant.domain")) };
}

/** Each route with its key; undefined where the method or path cannot make one (the schema said why). */
function resolveRoutes(routes: readonly Route[]): (ResolvedRoute | undefined)[] {
  return routes.map((route) => {
    try {
      const key = RouteKey.of(route.method, route.path);
      return { ...route, method: route.method as HttpMethod, key, routeKey: key.toString() };
    } catch {
      return undefined;
    }
  });
}

/** Imports name the model's roles, clients and routes: one it does not declare would import nothing, silently. */
function importProblems(m: ParsedAccessModel, routes: readonly (ResolvedRoute | undefined)[]): string[] {
  const problems: string[] = [];
  const unknown = (field: string, what: string, name: string, known: readonly string[]) =>
    problems.push(
      `${field}: imports ${/^[AEIOU]/.test(what) ? "an" : "a"} ${what} ${JSON.stringify(name)} the model does not declare; declare it, or remove the import (known: ${known.join(", ") || "none"})`,
    );
  const roles = m.roles.map((r) => r.name);
  const clients = m.clients.map((c) => c.name);
  const keys = routes.filter((r): r is ResolvedRoute => !!r).map((r) => r.routeKey);
  for (const name of Object.keys(m.imports?.auth0?.roles ?? {}))
    if (!roles.includes(name)) unknown(`imports.auth0.roles.${name}`, "role", name, roles);
  for (const name of Object.keys(m.imports?.auth0?.clients ?? {}))
    if (!clients.includes(name)) unknown(`imports.auth0.clients.${name}`, "client", name, clients);
  for (const key of Object.keys(m.imports?.aws?.routes ?? {})) if (!keys.includes(key)) unknown(`imports.aws.routes["${key}"]`, "route", key, keys);
  const actions = m.actions.map((a) => a.name);
  for (const name of Object.keys(m.imports?.auth0?.actions ?? {}))
    if (!actions.includes(name)) unknown(`imports.auth0.actions.${name}`, "Action", name, actions);
  return problems;
}

/**
 * Every environment's Actions: a name once (it names the file and the Auth0 Action), a secret
 * and a dependency once each; the chosen environment's Actions each with its file.
 */
function actionProblems(m: ParsedAccessModel, selection: EnvironmentSelection, options: ResolveOptions): string[] {
  const problems: string[] = [];
  for (const { field, actions } of selection.actionLists) {
    for (const name of duplicates(actions.map((a) => a.name)))
      problems.push(`${field}: Action ${JSON.stringify(name)} is declared more than once; an Action is one file, give the others names of their own`);
    actions.forEach((action, i) => {
      for (const secret of duplicates(action.secrets))
        problems.push(`${field}[${i}].secrets: ${JSON.stringify(secret)} is listed twice; list it once`);
      for (const name of duplicates(action.dependencies.map((d) => d.name)))
        problems.push(
          `${field}[${i}].dependencies: ${JSON.stringify(name)} is listed more than once; Auth0 installs one version of a package, keep one entry`,
        );
    });
  }
  const available = options.availableActions;
  if (!available) return problems;
  const folder = options.actionFolder ?? "actions";
  m.actions.forEach((action, i) => {
    if (!available.includes(action.name))
      problems.push(
        `${selection.fieldOf("actions")}[${i}].name: no file ${folder}/${action.name}.ts for Action ${JSON.stringify(action.name)}; create it exporting ${ACTION_EXPORTS[action.trigger]}, or use one of: ${available.join(", ") || "(none found)"}`,
      );
  });
  return problems;
}

function duplicateProblems(m: ParsedAccessModel, routes: readonly (ResolvedRoute | undefined)[], selection: EnvironmentSelection): string[] {
  const problems: string[] = [];
  for (const name of duplicates(m.permissions.map((p) => p.name)))
    problems.push(`permissions: ${JSON.stringify(name)} is declared more than once; keep one entry`);
  for (const name of duplicates(m.roles.map((r) => r.name)))
    problems.push(`roles: role ${JSON.stringify(name)} is declared more than once; keep one entry or rename one`);
  for (const email of duplicates(m.users.map((u) => u.email.toLowerCase()))) {
    problems.push(`${selection.fieldOf("users")}: ${JSON.stringify(email)} is declared more than once; Auth0 e-mails are unique per connection`);
  }
  for (const name of duplicates(m.clients.map((c) => c.name)))
    problems.push(`clients: client ${JSON.stringify(name)} is declared more than once; keep one entry or rename one`);
  problems.push(...sharedConstructIdProblems(m, selection));
  const keyed = routes.filter((r): r is ResolvedRoute => r !== undefined);
  for (const key of duplicates(keyed.map((r) => r.routeKey))) {
    problems.push(`routes: ${JSON.stringify(key)} is declared more than once; a method and path may have one route only`);
  }
  // API Gateway ignores parameter names when it compares routes, and so do their Lambda
  // permissions' statement ids: two such routes would fail at deploy time.
  routes.forEach((route, i) => {
    const earlier = route && keyed.slice(0, keyed.indexOf(route)).find((r) => r.key.shape === route.key.shape && r.routeKey !== route.routeKey);
    if (route && earlier) {
      problems.push(
        `routes[${i}]: ${JSON.stringify(route.routeKey)} and ${JSON.stringify(earlier.routeKey)} differ only in parameter names, which API Gateway refuses as conflicting routes; use one route with one parameter name`,
      );
    }
  });
  return problems;
}

const unknownPermission = (declared: readonly string[], field: string, owner: string, name: string) =>
  `${field}: ${owner} needs unknown permission ${JSON.stringify(name)}; declare it under permissions (known: ${declared.join(", ")})`;

function routeProblems(
  declaredRoutes: readonly Route[],
  routes: readonly (ResolvedRoute | undefined)[],
  /** Undefined when the permissions could not all be read: unknown scopes are then not reported. */
  declared: readonly string[] | undefined,
  options: ResolveOptions,
  refused: (field: string) => boolean,
): string[] {
  const problems: string[] = [];
  declaredRoutes.forEach((route, i) => {
    const field = `routes[${i}]`;
    const name = routes[i] ? JSON.stringify(routes[i]!.routeKey) : field;
    if (!refused(`${field}.path`)) problems.push(...pathProblems(route, field));
    route.scopes.forEach((scope, j) => {
      if (declared && !declared.includes(scope)) problems.push(unknownPermission(declared, `${field}.scopes[${j}]`, `route ${name}`, scope));
    });
    for (const s of duplicates(route.scopes)) problems.push(`${field}.scopes: ${JSON.stringify(s)} is listed twice; list it once`);
    if (options.availableHandlers && !options.availableHandlers.includes(route.handler)) {
      problems.push(
        `${field}.handler: no file ${options.handlerFolder ?? "lambda-src"}/${route.handler}.ts for route ${name}; create it or use one of: ${options.availableHandlers.join(", ") || "(none found)"}`,
      );
    }
  });
  return problems;
}

/** What API Gateway or the emulator would make of the path, and whether the example calls it. */
function pathProblems(route: Route, field: string): string[] {
  const problems: string[] = [];
  if (route.path.length > 1 && route.path.endsWith("/")) {
    problems.push(`${field}.path: ${JSON.stringify(route.path)} ends with "/"; write ${JSON.stringify(route.path.replace(/\/+$/, ""))}`);
  }
  if (route.example !== undefined && !routePathMatcher(route.path).pattern.test(route.example.split("?")[0])) {
    problems.push(
      `${field}.example: ${JSON.stringify(route.example)} does not call ${route.path}; write the path, then any query, e.g. "${route.path}?name=value"`,
    );
  }
  if (/\{[^}]*\+\}/.test(route.path)) {
    problems.push(
      `${field}.path: ${JSON.stringify(route.path)} is a greedy catch-all; with a JWT authorizer it also catches CORS preflight (OPTIONS → 401). Declare explicit paths instead`,
    );
  }
  return problems;
}

/** Roles' and clients' permissions must be declared, each once. */
function grantProblems(m: ParsedAccessModel, declared: readonly string[]): string[] {
  const problems: string[] = [];
  const holders = [
    ...m.roles.map((r, i) => ({ field: `roles[${i}]`, owner: `role ${JSON.stringify(r.name)}`, permissions: r.permissions })),
    ...m.clients.map((c, i) => ({ field: `clients[${i}]`, owner: `client ${JSON.stringify(c.name)}`, permissions: c.permissions })),
  ];
  for (const { field, owner, permissions } of holders) {
    permissions.forEach((permission, j) => {
      if (!declared.includes(permission)) problems.push(unknownPermission(declared, `${field}.permissions[${j}]`, owner, permission));
    });
    for (const p of duplicates(permissions)) problems.push(`${field}.permissions: ${JSON.stringify(p)} is listed twice; list it once`);
  }
  return problems;
}

/** Every environment's users, so a dev synth already says what is wrong with prod's. */
function userProblems(m: ParsedAccessModel, selection: EnvironmentSelection): string[] {
  const roleNames = m.roles.map((r) => r.name);
  return selection.userLists.flatMap(({ field, users }) =>
    users.flatMap((user, i) =>
      user.roles
        .map((role, j) =>
          roleNames.includes(role)
            ? undefined
            : `${field}[${i}].roles[${j}]: user ${JSON.stringify(user.email)} has unknown role ${JSON.stringify(role)}; declare it under roles (known: ${roleNames.join(", ") || "none"})`,
        )
        .filter((p): p is string => p !== undefined),
    ),
  );
}

/** Where the authorizer's issuer and audience come from; a string is the problem with externalTenant. */
function authorizerOf(m: ParsedAccessModel): AuthorizerSource | string {
  if (!m.externalTenant) return { kind: "auth0-stack" };
  const issuer = normaliseIssuer(m.externalTenant.issuer);
  if (typeof issuer !== "string") return `externalTenant.issuer: ${issuer.problem}`;
  return { kind: "explicit", issuer, audience: m.externalTenant.audience };
}

/** What does not stop a synth but deserves a look: permissions nobody needs, routes nobody can call. */
function warningsOf(m: ParsedAccessModel, routes: readonly ResolvedRoute[], declared: readonly string[]): string[] {
  const warnings: string[] = [];
  const used = new Set(routes.flatMap((r) => r.scopes));
  for (const name of declared) {
    if (!used.has(name))
      warnings.push(
        `permissions: ${JSON.stringify(name)} is declared but no route requires it; a role holding it gains nothing. Use it on a route or remove it`,
      );
  }
  const granted = new Set([...m.roles.flatMap((r) => r.permissions), ...m.clients.flatMap((c) => c.permissions)]);
  for (const route of routes) {
    if (!route.scopes.some((s) => granted.has(s))) {
      warnings.push(
        `routes: no role or client grants any scope of ${JSON.stringify(route.routeKey)} (${route.scopes.join(", ")}); nobody can call it`,
      );
    }
  }
  m.clients.forEach((client, i) => {
    if (declared.length > 0 && !client.permissions.some((p) => used.has(p))) {
      warnings.push(
        `clients[${i}]: client ${JSON.stringify(client.name)} is granted ${client.permissions.join(", ")}, which no route requires; it can call no route`,
      );
    }
  });
  return warnings;
}

/** A host name such as `my-tenant.eu.auth0.com`: no scheme, no path, no trailing slash. */
const TENANT_HOST_NAME = new RegExp(HOST_NAME.source, "i");

export function checkTenantDomain(domain: unknown, field: string): string | undefined {
  if (typeof domain !== "string" || domain.trim() === "") {
    return `${field}: the Auth0 tenant domain is missing; set it, e.g. ${field === "AUTH0_DOMAIN" ? "AUTH0_DOMAIN=" : "domain: "}my-tenant.eu.auth0.com`;
  }
  if (TENANT_HOST_NAME.test(domain)) return undefined;
  let suggestion = "my-tenant.eu.auth0.com";
  try {
    const host = new URL(domain.includes("://") ? domain : `https://${domain}`).hostname;
    if (TENANT_HOST_NAME.test(host)) suggestion = host;
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

/** Roles or test users that are different entries but would be one construct in the auth0 stack (construct-ids.ts). */
function sharedConstructIdProblems(m: ParsedAccessModel, selection: EnvironmentSelection): string[] {
  const separators = 'a construct id writes "/" and a line break as "--"';
  return [
    ...sharedConstructIds(
      m.roles.map((r) => r.name),
      roleConstructId,
    ).map(
      ([a, b, id]) =>
        `roles: ${JSON.stringify(a)} and ${JSON.stringify(b)} would be one construct (${JSON.stringify(id)}: ${separators}); rename one`,
    ),
    ...sharedConstructIds(
      m.users.map((u) => u.email),
      testUserConstructId,
      (email) => email.toLowerCase(),
    ).map(
      ([a, b, id]) =>
        `${selection.fieldOf("users")}: ${JSON.stringify(a)} and ${JSON.stringify(b)} would be one construct (${JSON.stringify(id)}: the stack names a test user by the letters and digits of its e-mail); use another address for one`,
    ),
  ];
}

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const v of values) (seen.has(v) ? repeated : seen).add(v);
  return [...repeated];
}
