// From what adopt found to the access model that keeps every identity: the API identifier and
// names, the roles, the SPA client and the M2M clients with their grants, the Actions bound to
// the model's triggers (actions.ts), the routes and their scopes, CORS origins and stage
// settings, with the import ids that make the first deploy import them; plus the report of what
// that deploy changes and leaves alone, and what the model cannot express (refused, with the reason).
import { awsNamePrefix, DEFAULTS, functionNameOf, HANDLER_NAME, LIMITS, MODEL_LIMITS } from "@apigw-auth0-rbac/model";
import { RouteKey } from "@apigw-auth0-rbac/model";
import { HTTP_METHODS, type AccessModelInput } from "@apigw-auth0-rbac/model";
import { markdownCode, markdownText } from "@apigw-auth0-rbac/model/text";
import { AdoptError, functionArnOf, type FoundApi, type FoundTenant, type Json } from "./read";
import { actionsOf } from "./actions";
import { handlerStub } from "./stub";

export interface ReportLine {
  /** The terraform resource type the line is about ("aws_apigatewayv2_api"), where it is one. */
  readonly resource?: string;
  readonly text: string;
}

export interface Adoption {
  readonly model: AccessModelInput;
  /** lambda-src/<name>.ts stubs, one per handler, saying what the old function was. */
  readonly handlers: readonly { readonly name: string; readonly source: string }[];
  /** actions/<name>.ts: each adopted Action's deployed code. */
  readonly actions: readonly { readonly name: string; readonly source: string }[];
  /** What the first deploy changes, and why. */
  readonly changes: readonly ReportLine[];
  /** What it leaves alone. */
  readonly untouched: readonly string[];
}

const kebab = (name: string) =>
  name
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .toLowerCase();
/** `text` cut to at most `bytes` bytes of UTF-8, whole characters only, "…" where it was cut. */
function withinBytes(text: string, bytes: number): string {
  if (Buffer.byteLength(text) <= bytes) return text;
  let cut = "";
  for (const char of text) {
    if (Buffer.byteLength(`${cut}${char}…`) > bytes) break;
    cut += char;
  }
  return `${cut}…`;
}
const slug = (name: string) =>
  kebab(name)
    .replace(/^[^a-z0-9]+/, "")
    .slice(0, 63) || "client";
const originOf = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
};
const same = (a: readonly unknown[], b: readonly unknown[]) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
/** A value from the account in a line of the report (Markdown, also said in the terminal when adopting is refused). */
const code = (v: unknown) => markdownCode(typeof v === "string" ? v : String(JSON.stringify(v)));

/** The one JWT authorizer the model has room for; anything else is refused with why. */
function authorizerOf(found: FoundApi, refusals: string[]): Json | undefined {
  const jwt = found.authorizers.filter((a) => a.AuthorizerType === "JWT");
  const other = found.authorizers.filter((a) => a.AuthorizerType !== "JWT");
  for (const a of other)
    refusals.push(
      `authorizer ${code(a.Name)} (${markdownText(String(a.AuthorizerId))}) is a ${markdownText(String(a.AuthorizerType))} authorizer: the model's API is protected by one JWT authorizer only`,
    );
  if (jwt.length > 1)
    refusals.push(
      `the HTTP API has ${jwt.length} JWT authorizers (${jwt.map((a) => code(a.Name)).join(", ")}): the model has one; detach and delete the others, then adopt again`,
    );
  if (jwt.length === 0)
    refusals.push(
      "the HTTP API has no JWT authorizer: the model protects every route with one; create it in the console (issuer https://<tenant>/, audience the API identifier), attach it to the routes, then adopt again",
    );
  return jwt.length === 1 ? jwt[0] : undefined;
}

/** Each route as the model writes it, or why it cannot be. */
function routesOf(found: FoundApi, authorizer: Json | undefined, scopes: readonly string[], refusals: string[], handlerRoom: number) {
  const integrations = new Map(found.integrations.map((i) => [i.IntegrationId as string, i]));
  const handlers = new Map<string, string>();
  const routes: { method: string; path: string; handler: string; scopes: string[]; routeId: string; routeKey: string; functionArn: string }[] = [];
  for (const route of found.routes) {
    const where = `route ${code(route.RouteKey)}`;
    let key: RouteKey;
    try {
      key = RouteKey.parse(route.RouteKey);
    } catch {
      refusals.push(`${where}: only "METHOD /path" routes can be modelled ($default and other keys are not)`);
      continue;
    }
    if (!(HTTP_METHODS as readonly string[]).includes(key.method)) {
      refusals.push(`${where}: method ${markdownText(key.method)} is not one the model routes (${HTTP_METHODS.join(", ")})`);
      continue;
    }
    if (route.AuthorizationType !== "JWT") {
      refusals.push(
        `${where} has no authorizer (authorization ${markdownText(String(route.AuthorizationType ?? "NONE"))}): the model protects every route; attach the JWT authorizer with its scopes in the console, or delete the route, then adopt again`,
      );
      continue;
    }
    if (authorizer && route.AuthorizerId !== authorizer.AuthorizerId)
      refusals.push(
        `${where} uses authorizer ${markdownText(String(route.AuthorizerId))}, not the API's JWT authorizer: the model has one authorizer`,
      );
    const routeScopes: string[] = route.AuthorizationScopes ?? [];
    if (routeScopes.length === 0)
      refusals.push(
        `${where} checks no scope: every model route needs at least one; add the permission it requires as its authorization scope, then adopt again`,
      );
    for (const s of routeScopes)
      if (!scopes.includes(s))
        refusals.push(`${where} requires scope ${code(s)}, which the Auth0 API does not define: add it to the API's permissions, then adopt again`);
    const integration = integrations.get(String(route.Target ?? "").replace(/^integrations\//, ""));
    const functionArn = functionArnOf(integration?.IntegrationUri);
    if (integration?.IntegrationType !== "AWS_PROXY" || !functionArn) {
      refusals.push(`${where}: its integration is not a Lambda proxy integration; the model's routes each invoke a bundled Lambda handler`);
      continue;
    }
    const functionName = functionArn.split(":").pop()!;
    let handler = handlers.get(functionArn);
    if (!handler) {
      const base = kebab(functionName).replace(/^[^a-z]+/, "") || "handler";
      // Short enough that the function the model names after it fits Lambda's 64 characters.
      const fitted = (text: string, room: number) => text.slice(0, Math.max(room, 1)).replace(/-+$/, "") || "h";
      handler = fitted(base, handlerRoom);
      for (let i = 2; [...handlers.values()].includes(handler) || !HANDLER_NAME.test(handler); i++)
        handler = `${fitted(base, handlerRoom - String(i).length - 1)}-${i}`.replace(/^-/, "h-");
      handlers.set(functionArn, handler);
    }
    routes.push({ method: key.method, path: key.path, handler, scopes: routeScopes, routeId: route.RouteId, routeKey: key.toString(), functionArn });
  }
  return routes;
}

/** What adopting says, collected step by step in the order the report gives it. */
interface Report {
  readonly refusals: string[];
  readonly changes: ReportLine[];
  readonly untouched: string[];
}

type Client = Json;
type M2mClient = { readonly client: Client; readonly grant: Json; readonly name: string };

/** The API's permissions, from its scopes. */
function permissionsOf(server: Json, report: Report): { name: string; description: string }[] {
  const permissions = (server.scopes ?? []).map((s: Json) => ({
    name: s.value as string,
    description: (s.description as string) || (s.value as string),
  }));
  if (permissions.length === 0)
    report.refusals.push(`the Auth0 API ${code(server.identifier)} defines no permissions: the model needs at least one (the routes' scopes)`);
  return permissions;
}

/** The tenant's domain, from the authorizer's issuer; what the deploy changes on the authorizer. */
function tenantDomainOf(authorizer: Json | undefined, identifier: string, report: Report): string | undefined {
  const issuer: string = authorizer?.JwtConfiguration?.Issuer ?? "";
  const domain = /^https:\/\/([^/]+)\/$/.exec(issuer)?.[1];
  if (!authorizer) return domain;
  if (!domain)
    report.refusals.push(
      `the authorizer's issuer ${code(issuer)} is not https://<tenant domain>/ (with its trailing slash): the model's authorizer trusts the tenant's issuer`,
    );
  const change = (text: string) => report.changes.push({ resource: "aws_apigatewayv2_authorizer", text });
  if (authorizer.Name !== DEFAULTS.authorizerName)
    change(`the authorizer ${code(authorizer.Name)} keeps its id and is renamed ${code(DEFAULTS.authorizerName)}`);
  if (JSON.stringify(authorizer.IdentitySource ?? []) !== JSON.stringify(["$request.header.Authorization"]))
    change(`the authorizer reads the token from the Authorization header (it read ${code(authorizer.IdentitySource ?? [])})`);
  if (!(authorizer.JwtConfiguration?.Audience ?? []).includes(identifier))
    change(`the authorizer's audience ${code(authorizer.JwtConfiguration?.Audience ?? [])} becomes ${code([identifier])}, the API identifier`);
  return domain;
}

/** The one single-page application, and its web origins (from its callbacks where it has none). */
function spaOf(tenant: FoundTenant, report: Report): { spa: Client | undefined; webOrigins: string[] } {
  const spas = tenant.clients.filter((c) => c.app_type === "spa");
  if (spas.length === 0)
    report.refusals.push(
      "the tenant has no single-page application: the model's SPA client is one; create it in the dashboard (Applications → Single Page Application), then adopt again",
    );
  if (spas.length > 1)
    report.refusals.push(
      `the tenant has ${spas.length} single-page applications (${spas.map((c) => code(c.name)).join(", ")}): the model has one SPA client; adopting one would leave the others unmanaged`,
    );
  const spa = spas[0];
  const webOrigins: string[] = spa?.web_origins?.length
    ? spa.web_origins
    : [...new Set<string>((spa?.callbacks ?? []).map(originOf).filter(Boolean))];
  if (spa && !spa.web_origins?.length)
    report.changes.push({
      resource: "auth0_client",
      text: `the SPA client has no allowed web origins: its callbacks' origins ${code(webOrigins)} become them (and the API's CORS origins)`,
    });
  if (spa && webOrigins.length === 0)
    report.refusals.push(
      `the SPA client ${code(spa.name)} has neither web origins nor callback URLs: give it its app's origin in the dashboard, then adopt again`,
    );
  return { spa, webOrigins };
}

/** The roles that grant a permission of this API (the others are left alone). */
function rolesOf(tenant: FoundTenant, report: Report): FoundTenant["roles"] {
  for (const r of tenant.roles.filter((x) => x.permissions.length === 0))
    report.untouched.push(`role ${code(r.role.name)}: it grants no permission of this API, so the model does not manage it`);
  return tenant.roles.filter((r) => r.permissions.length > 0);
}

/** Each application granted the API, under the model's name for it. */
function m2mClientsOf(tenant: FoundTenant, report: Report): M2mClient[] {
  const clientNames = new Map<string, string>();
  return tenant.grants.flatMap((grant) => {
    const client = tenant.clients.find((c) => c.client_id === grant.client_id);
    if (!client || client.app_type === "spa") return [];
    let name = slug(client.name);
    while ([...clientNames.values()].includes(name)) name = `${name.slice(0, 60)}-2`;
    clientNames.set(client.client_id, name);
    if (name !== client.name)
      report.changes.push({
        resource: "auth0_client",
        text: `the application ${code(client.name)} is named ${code(name)} in the model and is renamed to it (its client id and secret stay)`,
      });
    return [{ client, grant, name }];
  });
}

function corsChanges(found: FoundApi, webOrigins: readonly string[], report: Report): void {
  const corsOrigins: string[] = found.api.CorsConfiguration?.AllowOrigins ?? [];
  if (!same(corsOrigins, webOrigins)) {
    report.changes.push({
      resource: "aws_apigatewayv2_api",
      text: `CORS origins ${code(corsOrigins.length ? corsOrigins : "none")} become the SPA's web origins ${code(webOrigins)}${corsOrigins.includes("*") ? " (narrowed from `*`: only the app's origins may call the API from a browser)" : ""}`,
    });
  }
  report.changes.push({
    resource: "aws_apigatewayv2_api",
    text: `CORS allows the routes' methods and the authorization and content-type headers only, with a ${DEFAULTS.corsMaxAgeSeconds}-second preflight cache`,
  });
}

/** The $default stage and its throttling (kept where both limits are set). */
function stageOf(found: FoundApi, report: Report): { stage: Json | undefined; burst?: number; rate?: number } {
  const stage = found.stages.find((s) => s.StageName === "$default");
  for (const s of found.stages.filter((x) => x.StageName !== "$default"))
    report.refusals.push(`stage ${code(s.StageName)}: the model serves the $default stage only; delete the stage or keep it out of this API`);
  const change = (text: string) => report.changes.push({ resource: "aws_apigatewayv2_stage", text });
  if (!stage) change("a $default stage is created (the API has none: nothing was served)");
  const throttling = stage?.DefaultRouteSettings;
  const positive = (v: unknown) => (typeof v === "number" && v > 0 ? v : undefined);
  const burst = positive(throttling?.ThrottlingBurstLimit);
  const rate = positive(throttling?.ThrottlingRateLimit);
  if (stage) {
    if (!stage.AccessLogSettings) change("access logs are turned on (JSON, one line per request, to a new log group)");
    if (burst === undefined || rate === undefined)
      change(`throttling is added: ${DEFAULTS.throttlingBurstLimit} burst, ${DEFAULTS.throttlingRateLimit} requests per second per route`);
    change("automatic deployment and detailed metrics are set as the model sets them");
  }
  return { stage, burst, rate };
}

/** What the stacks set on the imported tenant objects that the console left otherwise; returns the token lifetime kept. */
function tenantSettingChanges(server: Json, spa: Client | undefined, m2m: readonly M2mClient[], found: FoundApi, report: Report): number {
  const expectServer: Record<string, unknown> = {
    enforce_policies: true,
    token_dialect: "access_token_authz",
    signing_alg: "RS256",
    allow_offline_access: true,
    skip_consent_for_verifiable_first_party_clients: true,
  };
  if (server.enforce_policies !== true)
    report.untouched.push(
      "tokens issued before the deploy: they keep the scopes they were given (without RBAC, whatever was requested) until they expire; tokens issued after it carry only what the roles grant",
    );
  const change = (resource: string, text: string) => report.changes.push({ resource, text });
  for (const [field, value] of Object.entries(expectServer)) {
    if (server[field] !== value)
      change(
        "auth0_resource_server",
        `${field} ${code(server[field] ?? "unset")} becomes ${code(value)}${field === "enforce_policies" ? " (RBAC: a token's scopes are what its user's roles grant)" : field === "token_dialect" ? " (tokens carry the permissions claim)" : ""}`,
      );
  }
  const lifetime = Math.min(Number(server.token_lifetime ?? DEFAULTS.tokenLifetimeSeconds), LIMITS.tokenLifetimeSecondsMax);
  if (server.token_lifetime_for_web !== lifetime)
    change(
      "auth0_resource_server",
      `token_lifetime_for_web ${code(server.token_lifetime_for_web ?? "unset")} becomes ${lifetime} (the token lifetime, for web flows too)`,
    );
  if (spa) {
    if (!same(spa.grant_types ?? [], ["authorization_code", "refresh_token"]))
      change("auth0_client", `the SPA's grant types ${code(spa.grant_types ?? [])} become authorization_code and refresh_token`);
    if (spa.refresh_token?.rotation_type !== "rotating") change("auth0_client", "the SPA's refresh tokens become rotating and expiring");
    change("auth0_client", "the SPA is set OIDC conformant, first party, RS256, as the model sets it");
  }
  for (const { client } of m2m)
    change("auth0_client", `the application ${code(client.name)} gets app_type non_interactive and the client-credentials grant only`);
  if (found.api.Name)
    change("aws_apigatewayv2_api", `the HTTP API ${code(found.api.Name)} keeps its id and invoke URL; its name follows the model's API name`);
  return lifetime;
}

type AdoptedRoute = ReturnType<typeof routesOf>[number];

/** A stub per handler; the new integrations and functions the first deploy makes for them. */
function handlersOf(routes: readonly AdoptedRoute[], found: FoundApi, report: Report): Adoption["handlers"] {
  const handlers = [...new Map(routes.map((r) => [r.handler, r])).values()].map((r) => ({
    name: r.handler,
    source: handlerStub(
      found.functions.get(r.functionArn),
      r.functionArn,
      routes.filter((x) => x.handler === r.handler).map((x) => x.routeKey),
    ),
  }));
  report.changes.push(
    {
      resource: "aws_apigatewayv2_integration",
      text: `new integrations invoke the bundled handlers (${handlers.map((h) => `lambda-src/${h.name}.ts`).join(", ")}); the routes are pointed at them`,
    },
    { resource: "aws_apigatewayv2_route", text: "each route is pointed at its new integration (its key, authorizer and scopes stay)" },
    {
      resource: "aws_lambda_function",
      text: "a function per handler is created, with its IAM role, log group and the invoke permissions of its routes",
    },
  );
  return handlers;
}

/** What the deploy leaves in the account and tenant: the old functions and integrations, the users. */
function leftAlone(found: FoundApi, tenant: FoundTenant, report: Report): void {
  for (const [arn, fn] of found.functions)
    report.untouched.push(
      `the function ${code(fn.FunctionName ?? arn)} (${markdownText(String(fn.Runtime ?? "?"))}): no longer invoked by the adopted routes; delete it when the new handler has its logic`,
    );
  for (const i of found.integrations)
    report.untouched.push(
      `the integration ${markdownText(String(i.IntegrationId))} stays in the API, unused by the adopted routes; delete it with the old function`,
    );
  for (const { user, roles: held } of tenant.users)
    report.untouched.push(
      `user ${code(user.email ?? user.user_id)}${held.length ? ` with ${held.map((r) => code(r)).join(", ")}` : ""}: users are not managed; the roles are imported, so the assignments stay`,
    );
}

/** The model, the stubs and the report; refused (an AdoptError listing every reason) when the model cannot express what was found. */
export function adoptionOf(tenant: FoundTenant, found: FoundApi): Adoption {
  const report: Report = { refusals: [], changes: [], untouched: [] };
  const server = tenant.resourceServer;
  const identifier: string = server.identifier;
  const permissions = permissionsOf(server, report);
  const authorizer = authorizerOf(found, report.refusals);
  const domain = tenantDomainOf(authorizer, identifier, report);
  const routes = routesOf(
    found,
    authorizer,
    permissions.map((p) => p.name),
    report.refusals,
    // The room the handler's name has in its function's name (model/names.ts).
    MODEL_LIMITS.functionNameLength - functionNameOf(awsNamePrefix(server.name, undefined), "").length,
  );
  const { spa, webOrigins } = spaOf(tenant, report);
  const roles = rolesOf(tenant, report);
  const m2m = m2mClientsOf(tenant, report);
  corsChanges(found, webOrigins, report);
  const { stage, burst, rate } = stageOf(found, report);
  const lifetime = tenantSettingChanges(server, spa, m2m, found, report);
  const handlers = handlersOf(routes, found, report);
  const actions = actionsOf(tenant, report);
  leftAlone(found, tenant, report);
  if (report.refusals.length > 0)
    throw new AdoptError(
      `the setup cannot be adopted as it is; the model cannot express:\n${report.refusals.map((r) => `  - ${r}`).join("\n")}\nNothing was written.`,
    );

  // Present past the refusals: a tenant without one was refused above.
  const adoptedSpa = spa!;
  const model: AccessModelInput = {
    tenant: { domain: domain! },
    api: { name: server.name, identifier, tokenLifetimeSeconds: lifetime },
    permissions,
    routes: routes.map((r) => ({ method: r.method as any, path: r.path, handler: r.handler, scopes: r.scopes })),
    roles: roles.map((r) => ({
      name: r.role.name,
      ...(r.role.description ? { description: r.role.description } : {}),
      permissions: [...r.permissions],
    })),
    spa: { name: adoptedSpa.name, callbackUrls: adoptedSpa.callbacks ?? [], logoutUrls: adoptedSpa.allowed_logout_urls ?? [], webOrigins },
    clients: m2m.map(({ client, grant, name }) => ({
      name,
      description: client.description || withinBytes(`Adopted from Auth0: ${client.name}`, MODEL_LIMITS.clientDescriptionBytes),
      permissions: grant.scope ?? [],
    })),
    users: [],
    ...(actions.actions.length ? { actions: [...actions.actions] } : {}),
    ...(burst !== undefined && rate !== undefined ? { stage: { throttlingBurstLimit: burst, throttlingRateLimit: rate } } : {}),
    imports: {
      auth0: {
        resourceServer: server.id,
        roles: Object.fromEntries(roles.map((r) => [r.role.name, r.role.id])),
        spa: adoptedSpa.client_id,
        clients: Object.fromEntries(m2m.map(({ client, grant, name }) => [name, { client: client.client_id, grant: grant.id }])),
        ...(actions.actions.length ? { actions: actions.imports } : {}),
      },
      aws: {
        api: found.api.ApiId,
        authorizer: authorizer!.AuthorizerId,
        routes: Object.fromEntries(routes.map((r) => [r.routeKey, r.routeId])),
        ...(stage ? { stage: "$default" as const } : {}),
      },
    },
  };
  return { model, handlers, actions: actions.files, changes: report.changes, untouched: report.untouched };
}
