// Reads what `cdktf synth` wrote, not the model: the emulator runs exactly what would be
// deployed. References between resources are followed; values only known after apply (ids,
// the remote state's issuer) are left for the local system to resolve.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { AUTH0_OUTPUTS, STACK_NAMES } from "@apigw-auth0-rbac/model";
import type { ConfigValue, Deployment, HttpApiDefinition, RouteDefinition, TenantDefinition } from "./description";
import {
  apiSettingsOf,
  clientOf,
  corsOf,
  emulatableRoute,
  functionOf,
  identityHeaderOf,
  isApiGrant,
  letsApiGatewayInvoke,
  mappedDomain,
  throttlingOf,
  withGrant,
  type Json,
} from "./resources";
import { metadataOf, tenantActionsOf } from "./actions";
import { templateLiteral } from "./terraform-template";

/** Both stacks as synthesized into `outdir`. */
export function readSynthesized(outdir: string): Deployment {
  const auth0 = readStackJson(outdir, STACK_NAMES.auth0);
  const aws = readStackJson(outdir, STACK_NAMES.aws);
  return {
    tenant: readTenant(auth0),
    outputs: readLiteralOutputs(auth0),
    api: readHttpApi(aws, join(outdir, "stacks", STACK_NAMES.aws)),
    spaScope: readSpaScope(auth0),
  };
}

function readStackJson(outdir: string, stack: string): Json {
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
    if (match)
      userRoles.set(
        match[2],
        ur.roles.map((r: string) => roleOf(r, `auth0_user_roles.${id}`)),
      );
  }
  const users = resourcesOf(auth0, "auth0_user").map(([id, u]) => {
    const appMetadata = metadataOf(u.app_metadata, `auth0_user.${id}.app_metadata`, templateLiteral);
    const userMetadata = metadataOf(u.user_metadata, `auth0_user.${id}.user_metadata`, templateLiteral);
    return {
      email: u.email as string,
      connection: u.connection_name as string,
      roles: userRoles.get(id) ?? [],
      ...(appMetadata ? { appMetadata } : {}),
      ...(userMetadata ? { userMetadata } : {}),
    };
  });

  const apiIdentifier = literal(auth0, server.identifier, "auth0_resource_server.identifier");
  const clientGrants = new Map<string, string[]>();
  for (const [id, g] of resourcesOf(auth0, "auth0_client_grant")) {
    const client = typeof g.client_id === "string" ? REF.exec(g.client_id) : null;
    if (client?.[1] !== "auth0_client")
      throw new Error(`auth0_client_grant.${id}: its client_id ${JSON.stringify(g.client_id)} is not a client of the stack`);
    if (isApiGrant(g, literal(auth0, g.audience, `auth0_client_grant.${id}.audience`), apiIdentifier)) clientGrants.set(client[2], g.scopes ?? []);
  }
  const modelNames = new Map<string, string>();
  for (const [name, ref] of Object.entries<unknown>(auth0.output?.[AUTH0_OUTPUTS.m2mClientIds]?.value ?? {})) {
    const match = typeof ref === "string" ? REF.exec(ref) : null;
    if (match && match[1] === "auth0_client") modelNames.set(match[2], name);
  }
  const clients = resourcesOf(auth0, "auth0_client").map(([id, c]) =>
    withGrant(clientOf(c, c.refresh_token), clientGrants.get(id), modelNames.get(id)),
  );

  const actions = tenantActionsOf({
    bindings: resourcesOf(auth0, "auth0_trigger_actions").map(([id, binding]) => [`auth0_trigger_actions.${id}`, binding]),
    actionOf: (ref, where) => {
      const match = typeof ref === "string" ? REF.exec(ref) : null;
      if (match?.[1] !== "auth0_action") throw new Error(`${where}: ${JSON.stringify(ref)} is not an auth0_action of the stack`);
      return [`auth0_action.${match[2]}`, deref(auth0, ref, where)];
    },
    literal: templateLiteral,
  });

  return {
    api: apiSettingsOf(server, apiIdentifier, scopes),
    roles,
    users,
    clients,
    ...(actions ? { actions } : {}),
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
  const [apiId, api] = apis[0];
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
      isTheApisAuthorizer:
        !!authorizerRef && authorizerRef[1] === "aws_apigatewayv2_authorizer" && authorizerRef[2] === authorizerId && authorizerRef[3] === "id",
      integration,
    });
    const { method, path } = key;
    const fnRef = typeof integration.integration_uri === "string" ? REF.exec(integration.integration_uri) : null;
    if (fnRef?.[1] !== "aws_lambda_function") refuse("its integration does not invoke a Lambda function of the stack");
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
    customDomains: customDomainsOf(aws, apiId),
    executeApiEndpointDisabled: api.disable_execute_api_endpoint === true,
  };
}

/** The domain names the API's mappings serve it on: each mapping's domain and stage followed to their resources. */
function customDomainsOf(aws: Json, apiId: string): string[] {
  return resourcesOf(aws, "aws_apigatewayv2_api_mapping")
    .filter(([, m]) => m.api_id === `\${aws_apigatewayv2_api.${apiId}.id}`)
    .map(([id, m]) => {
      const where = `aws_apigatewayv2_api_mapping.${id}`;
      const stageName = REF.test(String(m.stage)) ? deref(aws, m.stage, `${where}.stage`).name : m.stage;
      const domainName = REF.test(String(m.domain_name)) ? deref(aws, m.domain_name, `${where}.domain_name`).domain_name : m.domain_name;
      return mappedDomain(where, { stageName, mappingKey: m.api_mapping_key, domainName });
    });
}

/**
 * The source-ARN suffixes of the Lambda permissions that let API Gateway invoke a function:
 * principal apigateway.amazonaws.com, action lambda:InvokeFunction, the function named by
 * reference or by name. A permission without a source ARN allows every path ("*").
 */
function invokePermissionsFor(permissions: [string, Json][], functionId: string, functionName: string): string[] {
  const names = new Set([`\${aws_lambda_function.${functionId}.function_name}`, `\${aws_lambda_function.${functionId}.arn}`, functionName]);
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
