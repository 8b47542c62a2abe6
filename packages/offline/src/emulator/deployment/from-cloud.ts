// What the local cloud holds now, for `npm start -- --applied`: terraform's applied state
// refreshed against the local cloud with the stand-in providers' own reads (what a refresh
// would find: a route someone opened, a permission added to a role, an object deleted), plus
// the routes of the HTTP API that terraform never created, and the tenant's users as the cloud
// keeps them (their passwords checked against its hashes) with its signing key.
import { STACK_NAMES } from "@apigw-auth0-rbac/model";
import { AwsCloud } from "@apigw-auth0-rbac/local-providers/cloud";
import { AWS_RESOURCES } from "@apigw-auth0-rbac/local-providers/cloud";
import { ManagementApi } from "@apigw-auth0-rbac/local-providers/cloud";
import { AUTH0_RESOURCES } from "@apigw-auth0-rbac/local-providers/cloud";
import { refreshed } from "@apigw-auth0-rbac/local-providers/cloud";
import { fileStore, type CloudStore } from "@apigw-auth0-rbac/local-providers/cloud";
import type { ResourceBehaviour } from "@apigw-auth0-rbac/local-providers/cloud";
import type { Deployment, TenantDefinition } from "./description";
import { apiSettingsOf, clientOf, isApiGrant, withGrant } from "./resources";
import type { StackStates, TerraformState } from "../../terraform-state/stack-state";
import { appliedState, deploymentOf } from "./from-state";

type Attrs = Record<string, any>;

/** Each managed instance as a refresh reads it from the cloud; one that is gone is left out. */
function refreshedState(state: TerraformState, behaviours: Record<string, ResourceBehaviour<any>>, context: unknown): TerraformState {
  return {
    ...state,
    resources: state.resources.map((r) => {
      const read = r.mode === "managed" ? behaviours[r.type]?.read : undefined;
      if (!read) return r;
      const instances = r.instances.flatMap((i) => {
        const now = read(i.attributes, context);
        return now ? [{ ...i, attributes: refreshed(i.attributes, now) as Attrs }] : [];
      });
      return { ...r, instances };
    }),
  };
}

/** Routes (with their integrations) the API holds in the cloud that terraform's state does not: opened behind its back. */
function withRoutesOutsideState(state: TerraformState, cloud: AwsCloud, context: unknown): TerraformState {
  const api = state.resources.find((r) => r.type === "aws_apigatewayv2_api")?.instances[0]?.attributes;
  if (!api) return state;
  const known = (type: string) => new Set(state.resources.filter((r) => r.type === type).flatMap((r) => r.instances.map((i) => i.attributes.id)));
  const extra = (type: string, child: "routes" | "integrations") =>
    cloud.apigatewayv2
      .getChildren(api.id, child)
      .filter((c) => !known(type).has(c.RouteId ?? c.IntegrationId))
      .map((c) => ({
        attributes: { api_id: api.id, ...AWS_RESOURCES[type].read!({ api_id: api.id, id: c.RouteId ?? c.IntegrationId }, context as never)! },
      }));
  const added = [
    { mode: "managed", type: "aws_apigatewayv2_route", name: "outside-terraform", instances: extra("aws_apigatewayv2_route", "routes") },
    {
      mode: "managed",
      type: "aws_apigatewayv2_integration",
      name: "outside-terraform",
      instances: extra("aws_apigatewayv2_integration", "integrations"),
    },
  ].filter((r) => r.instances.length > 0);
  return { ...state, resources: [...state.resources, ...added] };
}

/**
 * The deployment as the local cloud `cloudDir` holds it now. `states` and `outdir` are those
 * of `npm run local` for the environment: the state names which objects are the stacks'.
 */
export function readFromCloud(
  states: StackStates,
  outdir: string,
  cloudDir: string,
  store: CloudStore = fileStore(cloudDir),
  warn: (message: string) => void = () => undefined,
): Deployment {
  const region = process.env.AWS_REGION ?? "us-east-1";
  const cloud = new AwsCloud(region, {}, store);
  const tenant = new ManagementApi("", store);
  const auth0 = refreshedState(appliedState(states, STACK_NAMES.auth0), AUTH0_RESOURCES, { tenant });
  const context = { cloud, region };
  const aws = withRoutesOutsideState(refreshedState(appliedState(states, STACK_NAMES.aws), AWS_RESOURCES, context), cloud, context);
  const deployment = deploymentOf(auth0, aws, outdir);
  // The tenant's own users (not only the stack's test users), with their roles and hashed passwords.
  const roleNames = new Map(tenant.listRoles().map((r) => [r.id as string, r.name as string]));
  const users = usersOf(tenant, (r) => roleNames.get(r.id) ?? r.name, warn);
  return { ...deployment, tenant: { ...deployment.tenant, users, signingKey: tenant.signingKey() } };
}

/**
 * The tenant's users who can log in with an email and a password, as the stand-in's logins are:
 * Auth0 requires only a connection of a user, and one without an email (an SMS or passwordless
 * user) is left out, said through `warn`.
 */
function usersOf(tenant: ManagementApi, roleName: (role: Record<string, any>) => string, warn: (message: string) => void): TenantDefinition["users"] {
  return tenant.listUsers().flatMap((u) => {
    if (typeof u.email !== "string" || u.email === "") {
      warn(
        `the tenant's user ${JSON.stringify(String(u.user_id))} has no email (an SMS or passwordless user): the stand-in logs users in by email and password, so it is left out`,
      );
      return [];
    }
    return [
      {
        email: u.email,
        connection: u.identities?.[0]?.connection ?? "Username-Password-Authentication",
        roles: tenant.getUserRoles(u.user_id).map(roleName),
        userId: u.user_id as string,
        verifyPassword: (password: string) => tenant.checkPassword(u.email, password),
      },
    ];
  });
}

/**
 * The tenant of a local cloud as it is, with no terraform state (a console-built setup before
 * adoption): its API `identifier`, every role's permissions on it, its users and their roles, its
 * applications with their grants on the API, and its signing key.
 */
export function tenantFromCloud(store: CloudStore, identifier: string, warn: (message: string) => void = () => undefined): TenantDefinition {
  const tenant = new ManagementApi("", store);
  const server = tenant.getResourceServer(identifier);
  const roles = tenant.listRoles().map((r) => ({
    name: r.name as string,
    permissions: tenant
      .getRolePermissions(r.id)
      .filter((p) => p.resource_server_identifier === identifier)
      .map((p) => p.permission_name as string),
  }));
  const grants = new Map(
    tenant
      .listClientGrants({ audience: identifier })
      .filter((g) => isApiGrant(g, g.audience, identifier))
      .map((g) => [g.client_id as string, g.scope as string[]]),
  );
  return {
    api: apiSettingsOf(
      server,
      identifier,
      (server.scopes ?? []).map((s: Record<string, any>) => s.value),
    ),
    roles,
    users: usersOf(tenant, (r) => r.name as string, warn),
    clients: tenant.listClients().map((c) => withGrant(clientOf(c, c.refresh_token, c.client_id), grants.get(c.client_id), undefined)),
    signingKey: tenant.signingKey(),
  };
}
