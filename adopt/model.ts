// From what adopt found to the access model that keeps every identity: the API identifier and
// names, the roles, the SPA client and the M2M clients with their grants, the routes and their
// scopes, CORS origins and stage settings, with the import ids that make the first deploy import
// them; plus the report of what that deploy changes and leaves alone, and what the model cannot
// express (refused, with the reason). No cdktf import.
import { DEFAULTS, HANDLER_NAME, LIMITS } from "../model/defaults";
import { RouteKey } from "../model/route-key";
import { HTTP_METHODS, type AccessModelInput } from "../model/schema";
import { AdoptError, functionArnOf, type FoundApi, type FoundTenant, type Json } from "./read";

export interface ReportLine {
  /** The terraform resource type the line is about ("aws_apigatewayv2_api"), where it is one. */
  readonly resource?: string;
  readonly text: string;
}

export interface Adoption {
  readonly model: AccessModelInput;
  /** lambda-src/<name>.ts stubs, one per handler, saying what the old function was. */
  readonly handlers: readonly { readonly name: string; readonly source: string }[];
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
const code = (v: unknown) => `\`${typeof v === "string" ? v : JSON.stringify(v)}\``;

/** The one JWT authorizer the model has room for; anything else is refused with why. */
function authorizerOf(found: FoundApi, refusals: string[]): Json | undefined {
  const jwt = found.authorizers.filter((a) => a.AuthorizerType === "JWT");
  const other = found.authorizers.filter((a) => a.AuthorizerType !== "JWT");
  for (const a of other)
    refusals.push(
      `authorizer ${code(a.Name)} (${a.AuthorizerId}) is a ${a.AuthorizerType} authorizer: the model's API is protected by one JWT authorizer only`,
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
function routesOf(found: FoundApi, authorizer: Json | undefined, scopes: readonly string[], refusals: string[]) {
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
      refusals.push(`${where}: method ${key.method} is not one the model routes (${HTTP_METHODS.join(", ")})`);
      continue;
    }
    if (route.AuthorizationType !== "JWT") {
      refusals.push(
        `${where} has no authorizer (authorization ${route.AuthorizationType ?? "NONE"}): the model protects every route; attach the JWT authorizer with its scopes in the console, or delete the route, then adopt again`,
      );
      continue;
    }
    if (authorizer && route.AuthorizerId !== authorizer.AuthorizerId)
      refusals.push(`${where} uses authorizer ${route.AuthorizerId}, not the API's JWT authorizer: the model has one authorizer`);
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
      handler = base;
      for (let i = 2; [...handlers.values()].includes(handler) || !HANDLER_NAME.test(handler); i++)
        handler = `${base.slice(0, 40)}-${i}`.replace(/^-/, "h-");
      handlers.set(functionArn, handler);
    }
    routes.push({ method: key.method, path: key.path, handler, scopes: routeScopes, routeId: route.RouteId, routeKey: key.toString(), functionArn });
  }
  return routes;
}

function stubOf(fn: Json | undefined, arn: string, routes: readonly string[]): string {
  const was = fn ? `${fn.FunctionName} (${fn.Runtime ?? "container image"}, handler ${fn.Handler ?? "?"}, ${fn.CodeSize ?? "?"} bytes)` : arn;
  return `// Adopted by npm run adopt: a stub for ${routes.join(", ")}.
// The route invoked ${was},
// ${arn}.
// The first deploy points the route at this handler instead: port the old function's logic
// here. Until then it answers 501, so a caller can tell it from an authorization error.
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2 } from "aws-lambda";

export async function handler(event: APIGatewayProxyEventV2WithJWTAuthorizer): Promise<APIGatewayProxyResultV2> {
  return {
    statusCode: 501,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ message: "Not implemented yet: ported from ${fn?.FunctionName ?? arn}", route: event.routeKey }),
  };
}
`;
}

/** The model, the stubs and the report; refused (an AdoptError listing every reason) when the model cannot express what was found. */
export function adoptionOf(tenant: FoundTenant, found: FoundApi): Adoption {
  const refusals: string[] = [];
  const changes: ReportLine[] = [];
  const untouched: string[] = [];
  const server = tenant.resourceServer;
  const identifier: string = server.identifier;
  const permissions = (server.scopes ?? []).map((s: Json) => ({
    name: s.value as string,
    description: (s.description as string) || (s.value as string),
  }));
  const scopeNames = permissions.map((p: { name: string }) => p.name);
  if (permissions.length === 0)
    refusals.push(`the Auth0 API ${code(identifier)} defines no permissions: the model needs at least one (the routes' scopes)`);

  const authorizer = authorizerOf(found, refusals);
  const issuer: string = authorizer?.JwtConfiguration?.Issuer ?? "";
  const domain = /^https:\/\/([^/]+)\/$/.exec(issuer)?.[1];
  if (authorizer && !domain)
    refusals.push(
      `the authorizer's issuer ${code(issuer)} is not https://<tenant domain>/ (with its trailing slash): the model's authorizer trusts the tenant's issuer`,
    );
  if (authorizer && authorizer.Name !== DEFAULTS.authorizerName)
    changes.push({
      resource: "aws_apigatewayv2_authorizer",
      text: `the authorizer ${code(authorizer.Name)} keeps its id and is renamed ${code(DEFAULTS.authorizerName)}`,
    });
  if (authorizer && JSON.stringify(authorizer.IdentitySource ?? []) !== JSON.stringify(["$request.header.Authorization"])) {
    changes.push({
      resource: "aws_apigatewayv2_authorizer",
      text: `the authorizer reads the token from the Authorization header (it read ${code(authorizer.IdentitySource ?? [])})`,
    });
  }
  if (authorizer && !(authorizer.JwtConfiguration?.Audience ?? []).includes(identifier)) {
    changes.push({
      resource: "aws_apigatewayv2_authorizer",
      text: `the authorizer's audience ${code(authorizer.JwtConfiguration?.Audience ?? [])} becomes ${code([identifier])}, the API identifier`,
    });
  }

  const routes = routesOf(found, authorizer, scopeNames, refusals);

  const spas = tenant.clients.filter((c) => c.app_type === "spa");
  if (spas.length === 0)
    refusals.push(
      "the tenant has no single-page application: the model's SPA client is one; create it in the dashboard (Applications → Single Page Application), then adopt again",
    );
  if (spas.length > 1)
    refusals.push(
      `the tenant has ${spas.length} single-page applications (${spas.map((c) => code(c.name)).join(", ")}): the model has one SPA client; adopting one would leave the others unmanaged`,
    );
  const spa = spas[0];
  const webOrigins: string[] = spa?.web_origins?.length
    ? spa.web_origins
    : [...new Set<string>((spa?.callbacks ?? []).map(originOf).filter(Boolean))];
  if (spa && !spa.web_origins?.length)
    changes.push({
      resource: "auth0_client",
      text: `the SPA client has no allowed web origins: its callbacks' origins ${code(webOrigins)} become them (and the API's CORS origins)`,
    });
  if (spa && webOrigins.length === 0)
    refusals.push(
      `the SPA client ${code(spa.name)} has neither web origins nor callback URLs: give it its app's origin in the dashboard, then adopt again`,
    );

  const roles = tenant.roles.filter((r) => r.permissions.length > 0);
  for (const r of tenant.roles.filter((x) => x.permissions.length === 0))
    untouched.push(`role ${code(r.role.name)}: it grants no permission of this API, so the model does not manage it`);

  const clientNames = new Map<string, string>();
  const m2m = tenant.grants.flatMap((grant) => {
    const client = tenant.clients.find((c) => c.client_id === grant.client_id);
    if (!client || client.app_type === "spa") return [];
    let name = slug(client.name);
    while ([...clientNames.values()].includes(name)) name = `${name.slice(0, 60)}-2`;
    clientNames.set(client.client_id, name);
    if (name !== client.name)
      changes.push({
        resource: "auth0_client",
        text: `the application ${code(client.name)} is named ${code(name)} in the model and is renamed to it (its client id and secret stay)`,
      });
    return [{ client, grant, name }];
  });

  const cors = found.api.CorsConfiguration ?? {};
  const corsOrigins: string[] = cors.AllowOrigins ?? [];
  if (!same(corsOrigins, webOrigins)) {
    changes.push({
      resource: "aws_apigatewayv2_api",
      text: `CORS origins ${code(corsOrigins.length ? corsOrigins : "none")} become the SPA's web origins ${code(webOrigins)}${corsOrigins.includes("*") ? " (narrowed from `*`: only the app's origins may call the API from a browser)" : ""}`,
    });
  }
  changes.push({
    resource: "aws_apigatewayv2_api",
    text: `CORS allows the routes' methods and the authorization and content-type headers only, with a ${DEFAULTS.corsMaxAgeSeconds}-second preflight cache`,
  });

  const stages = found.stages;
  const stage = stages.find((s) => s.StageName === "$default");
  for (const s of stages.filter((x) => x.StageName !== "$default"))
    refusals.push(`stage ${code(s.StageName)}: the model serves the $default stage only; delete the stage or keep it out of this API`);
  if (!stage) changes.push({ resource: "aws_apigatewayv2_stage", text: "a $default stage is created (the API has none: nothing was served)" });
  const throttling = stage?.DefaultRouteSettings;
  const burst =
    typeof throttling?.ThrottlingBurstLimit === "number" && throttling.ThrottlingBurstLimit > 0 ? throttling.ThrottlingBurstLimit : undefined;
  const rate = typeof throttling?.ThrottlingRateLimit === "number" && throttling.ThrottlingRateLimit > 0 ? throttling.ThrottlingRateLimit : undefined;
  if (stage) {
    if (!stage.AccessLogSettings)
      changes.push({ resource: "aws_apigatewayv2_stage", text: "access logs are turned on (JSON, one line per request, to a new log group)" });
    if (burst === undefined || rate === undefined)
      changes.push({
        resource: "aws_apigatewayv2_stage",
        text: `throttling is added: ${DEFAULTS.throttlingBurstLimit} burst, ${DEFAULTS.throttlingRateLimit} requests per second per route`,
      });
    changes.push({ resource: "aws_apigatewayv2_stage", text: "automatic deployment and detailed metrics are set as the model sets them" });
  }

  // What the stacks set on the imported tenant objects that the console left otherwise.
  const expectServer: Record<string, unknown> = {
    enforce_policies: true,
    token_dialect: "access_token_authz",
    signing_alg: "RS256",
    allow_offline_access: true,
    skip_consent_for_verifiable_first_party_clients: true,
  };
  if (server.enforce_policies !== true)
    untouched.push(
      "tokens issued before the deploy: they keep the scopes they were given (without RBAC, whatever was requested) until they expire; tokens issued after it carry only what the roles grant",
    );
  for (const [field, value] of Object.entries(expectServer)) {
    if (server[field] !== value)
      changes.push({
        resource: "auth0_resource_server",
        text: `${field} ${code(server[field] ?? "unset")} becomes ${code(value)}${field === "enforce_policies" ? " (RBAC: a token's scopes are what its user's roles grant)" : field === "token_dialect" ? " (tokens carry the permissions claim)" : ""}`,
      });
  }
  const lifetime = Math.min(Number(server.token_lifetime ?? DEFAULTS.tokenLifetimeSeconds), LIMITS.tokenLifetimeSecondsMax);
  if (server.token_lifetime_for_web !== lifetime)
    changes.push({
      resource: "auth0_resource_server",
      text: `token_lifetime_for_web ${code(server.token_lifetime_for_web ?? "unset")} becomes ${lifetime} (the token lifetime, for web flows too)`,
    });
  if (spa) {
    if (!same(spa.grant_types ?? [], ["authorization_code", "refresh_token"]))
      changes.push({
        resource: "auth0_client",
        text: `the SPA's grant types ${code(spa.grant_types ?? [])} become authorization_code and refresh_token`,
      });
    if (spa.refresh_token?.rotation_type !== "rotating")
      changes.push({ resource: "auth0_client", text: "the SPA's refresh tokens become rotating and expiring" });
    changes.push({ resource: "auth0_client", text: "the SPA is set OIDC conformant, first party, RS256, as the model sets it" });
  }
  for (const { client } of m2m)
    changes.push({
      resource: "auth0_client",
      text: `the application ${code(client.name)} gets app_type non_interactive and the client-credentials grant only`,
    });
  if (found.api.Name)
    changes.push({
      resource: "aws_apigatewayv2_api",
      text: `the HTTP API ${code(found.api.Name)} keeps its id and invoke URL; its name follows the model's API name`,
    });

  const handlers = [...new Map(routes.map((r) => [r.handler, r])).values()].map((r) => ({
    name: r.handler,
    source: stubOf(
      found.functions.get(r.functionArn),
      r.functionArn,
      routes.filter((x) => x.handler === r.handler).map((x) => x.routeKey),
    ),
  }));
  changes.push({
    resource: "aws_apigatewayv2_integration",
    text: `new integrations invoke the bundled handlers (${handlers.map((h) => `lambda-src/${h.name}.ts`).join(", ")}); the routes are pointed at them`,
  });
  changes.push({ resource: "aws_apigatewayv2_route", text: "each route is pointed at its new integration (its key, authorizer and scopes stay)" });
  changes.push({
    resource: "aws_lambda_function",
    text: "a function per handler is created, with its IAM role, log group and the invoke permissions of its routes",
  });
  for (const [arn, fn] of found.functions)
    untouched.push(
      `the function ${code(fn.FunctionName ?? arn)} (${fn.Runtime ?? "?"}): no longer invoked by the adopted routes; delete it when the new handler has its logic`,
    );
  untouched.push(
    ...found.integrations.map(
      (i) => `the integration ${i.IntegrationId} stays in the API, unused by the adopted routes; delete it with the old function`,
    ),
  );
  for (const { user, roles: held } of tenant.users)
    untouched.push(
      `user ${code(user.email ?? user.user_id)}${held.length ? ` with ${held.map((r) => code(r)).join(", ")}` : ""}: users are not managed; the roles are imported, so the assignments stay`,
    );

  if (refusals.length > 0)
    throw new AdoptError(
      `the setup cannot be adopted as it is; the model cannot express:\n${refusals.map((r) => `  - ${r}`).join("\n")}\nNothing was written.`,
    );

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
    spa: { name: spa.name, callbackUrls: spa.callbacks ?? [], logoutUrls: spa.allowed_logout_urls ?? [], webOrigins },
    clients: m2m.map(({ client, grant, name }) => ({
      name,
      description: client.description || `Adopted from Auth0: ${client.name}`,
      permissions: grant.scope ?? [],
    })),
    users: [],
    ...(burst !== undefined && rate !== undefined ? { stage: { throttlingBurstLimit: burst, throttlingRateLimit: rate } } : {}),
    imports: {
      auth0: {
        resourceServer: server.id,
        roles: Object.fromEntries(roles.map((r) => [r.role.name, r.role.id])),
        spa: spa.client_id,
        clients: Object.fromEntries(m2m.map(({ client, grant, name }) => [name, { client: client.client_id, grant: grant.id }])),
      },
      aws: {
        api: found.api.ApiId,
        authorizer: authorizer!.AuthorizerId,
        routes: Object.fromEntries(routes.map((r) => [r.routeKey, r.routeId])),
        ...(stage ? { stage: "$default" as const } : {}),
      },
    },
  };
  return { model, handlers, changes, untouched };
}
