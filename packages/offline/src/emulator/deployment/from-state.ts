// What terraform applied, read from the two stacks' state where their backend keeps it
// (terraform-state/stack-state.ts: `terraform state pull` in the folders `npm run local -- deploy`
// ran them in): the same description the synthesized JSON gives (description.ts), with the
// values the providers returned — client ids, the authorizer's issuer and audience, routes
// wired through integration ids.
import { metadataOf, tenantActionsOf } from "./actions";
import { join } from "node:path";
import { AUTH0_OUTPUTS, STACK_NAMES } from "@apigw-auth0-rbac/model";
import { pullStackState, type StackStates, StateUnavailable, type TerraformState } from "../../terraform-state/stack-state";
import type { Deployment, HttpApiDefinition, RouteDefinition, TenantDefinition } from "./description";
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
} from "./resources";

type Attrs = Record<string, any>;

/** `stack`'s applied state; StateUnavailable, naming the fix, when it has none or holds no resources. */
export function appliedState(states: StackStates, stack: string): TerraformState {
  const state = pullStackState(states, stack);
  if (state.resources.length === 0) {
    throw new StateUnavailable(
      `the ${stack} stack's state holds no resources (destroyed, or never applied): deploy it first: ${states.deployCommand}`,
    );
  }
  return state;
}

const all = (state: TerraformState, type: string): Attrs[] =>
  state.resources.filter((r) => r.mode === "managed" && r.type === type).flatMap((r) => r.instances.map((i) => i.attributes));

function tenantOf(state: TerraformState): TenantDefinition {
  const ids = (state.outputs?.[AUTH0_OUTPUTS.m2mClientIds]?.value ?? {}) as Record<string, string>;
  const modelNames = new Map(Object.entries(ids).map(([name, id]) => [id, name]));
  const servers = all(state, "auth0_resource_server");
  if (servers.length !== 1) throw new Error(`the auth0 state must hold one auth0_resource_server, found ${servers.length}`);
  const server = servers[0];
  const roles = all(state, "auth0_role");
  const roleName = new Map(roles.map((r) => [r.id, r.name as string]));
  const grants = new Map<string, string[]>();
  for (const rp of all(state, "auth0_role_permissions")) {
    const name = roleName.get(rp.role_id);
    if (name) grants.set(name, [...(grants.get(name) ?? []), ...(rp.permissions ?? []).map((p: Attrs) => p.name)]);
  }
  const userRoles = new Map(
    all(state, "auth0_user_roles").map((ur) => [ur.user_id, (ur.roles ?? []).map((id: string) => roleName.get(id)).filter(Boolean)]),
  );
  const clientGrants = new Map(
    all(state, "auth0_client_grant")
      .filter((g) => isApiGrant(g, g.audience, server.identifier))
      .map((g) => [g.client_id, g.scopes ?? []]),
  );
  const clients = all(state, "auth0_client").map((c) =>
    withGrant(clientOf(c, c.refresh_token?.[0], c.client_id), clientGrants.get(c.client_id), modelNames.get(c.client_id)),
  );
  const scopes = all(state, "auth0_resource_server_scopes").flatMap((s) => (s.scopes ?? []).map((x: Attrs) => x.name));
  return {
    api: apiSettingsOf(server, server.identifier, scopes),
    roles: roles.map((r) => ({ name: r.name, permissions: grants.get(r.name) ?? [] })),
    users: all(state, "auth0_user").map((u) => {
      const appMetadata = metadataOf(u.app_metadata, `auth0_user ${u.id} app_metadata`, asIs);
      const userMetadata = metadataOf(u.user_metadata, `auth0_user ${u.id} user_metadata`, asIs);
      return {
        email: u.email,
        connection: u.connection_name,
        roles: userRoles.get(u.id) ?? [],
        ...(appMetadata ? { appMetadata } : {}),
        ...(userMetadata ? { userMetadata } : {}),
      };
    }),
    clients,
    ...actionsOf(state),
  };
}

/** State holds values, not templates. */
const asIs = (value: string) => value;

/** The bound Actions as applied: a binding names its Action by id. */
function actionsOf(state: TerraformState): Pick<TenantDefinition, "actions"> {
  const byId = new Map(all(state, "auth0_action").map((a) => [a.id, a]));
  const actions = tenantActionsOf({
    bindings: all(state, "auth0_trigger_actions").map((b) => [`auth0_trigger_actions ${b.id}`, b]),
    actionOf: (id, where) => {
      const action = byId.get(id);
      if (!action) throw new Error(`${where}: no auth0_action ${JSON.stringify(id)} in the state`);
      return [`auth0_action ${action.id}`, action];
    },
    literal: asIs,
  });
  return actions ? { actions } : {};
}

function apiOf(state: TerraformState, stackDir: string): HttpApiDefinition {
  const apis = all(state, "aws_apigatewayv2_api");
  if (apis.length !== 1) throw new Error(`the aws state must hold one aws_apigatewayv2_api, found ${apis.length}`);
  const api = apis[0];
  const authorizers = all(state, "aws_apigatewayv2_authorizer").filter((a) => a.authorizer_type === "JWT");
  if (authorizers.length !== 1) throw new Error(`the emulator needs exactly one JWT authorizer in the aws state, found ${authorizers.length}`);
  const authorizer = authorizers[0];
  const integrations = new Map(all(state, "aws_apigatewayv2_integration").map((i) => [i.id, i]));
  const functions = new Map(all(state, "aws_lambda_function").map((f) => [f.invoke_arn, f]));
  const permissions = all(state, "aws_lambda_permission");

  const routes = all(state, "aws_apigatewayv2_route").map((r): RouteDefinition => {
    const integration = integrations.get(String(r.target ?? "").replace(/^integrations\//, ""));
    const {
      key,
      authorizationType: type,
      refuse,
    } = emulatableRoute(`applied route ${r.route_key}`, {
      routeKey: r.route_key,
      authorizationType: r.authorization_type,
      authorizerId: r.authorizer_id,
      isTheApisAuthorizer: r.authorizer_id === authorizer.id,
      integration,
    });
    const { method, path } = key;
    const fn = functions.get(integration!.integration_uri) ?? refuse("its integration does not invoke a Lambda function of the stack");
    const prefix = `${api.execution_arn}`;
    return {
      routeKey: r.route_key,
      method,
      path,
      authorizationType: type,
      scopes: r.authorization_scopes ?? [],
      ...functionOf(fn, stackDir),
      invokePermissions: permissions
        .filter((p) => [fn.function_name, fn.arn].includes(p.function_name) && letsApiGatewayInvoke(p))
        .map((p) => (p.source_arn ? (String(p.source_arn).startsWith(prefix) ? String(p.source_arn).slice(prefix.length) : undefined) : "*"))
        .filter((s): s is string => s !== undefined),
    };
  });

  const stage = all(state, "aws_apigatewayv2_stage")[0];
  const jwt = authorizer.jwt_configuration?.[0] ?? {};
  return {
    name: api.name,
    cors: corsOf(api.cors_configuration?.[0]),
    authorizer: {
      issuer: { literal: jwt.issuer ?? "" },
      audience: (jwt.audience ?? []).map((a: string) => ({ literal: a })),
      identityHeader: identityHeaderOf(authorizer),
    },
    routes,
    accessLogFormat: stage?.access_log_settings?.[0]?.format ? JSON.parse(stage.access_log_settings[0].format) : undefined,
    throttling: throttlingOf(stage?.default_route_settings?.[0]),
    customDomains: all(state, "aws_apigatewayv2_api_mapping")
      .filter((m) => m.api_id === api.id)
      .map((m) => mappedDomain(`applied API mapping ${m.id}`, { stageName: m.stage, mappingKey: m.api_mapping_key, domainName: m.domain_name })),
    executeApiEndpointDisabled: api.disable_execute_api_endpoint === true,
  };
}

/**
 * Both stacks as applied, their state pulled where `states` says they ran; `outdir` is where
 * terraform ran (the Lambda archives' paths are relative to its aws stack).
 */
export function readApplied(states: StackStates, outdir: string): Deployment {
  return deploymentOf(appliedState(states, STACK_NAMES.auth0), appliedState(states, STACK_NAMES.aws), outdir);
}

/** Both stacks' states (as applied, or as the local cloud holds them now: from-cloud.ts) as a deployment. */
export function deploymentOf(auth0: TerraformState, aws: TerraformState, outdir: string): Deployment {
  // Only the text outputs: what the local system resolves the authorizer's settings from.
  const outputs = Object.fromEntries(
    Object.entries(auth0.outputs ?? {})
      .filter((e): e is [string, { value: string }] => typeof e[1].value === "string")
      .map(([k, v]) => [k, v.value]),
  );
  const config = outputs[AUTH0_OUTPUTS.spaAuthConfig] !== undefined ? JSON.parse(outputs[AUTH0_OUTPUTS.spaAuthConfig]) : undefined;
  if (typeof config?.scope !== "string") throw new Error("the applied auth0 stack has no spa_auth_config output with a scope");
  return { tenant: tenantOf(auth0), api: apiOf(aws, join(outdir, "stacks", STACK_NAMES.aws)), spaScope: config.scope, outputs };
}
