// What `npm run adopt` reads: the tenant's API, roles, clients, grants and users, and the
// HTTP API with its authorizers, routes, integrations, stages and their functions. The AWS side
// through the official SDKs (the default credential chain, or the local cloud's endpoint); the
// tenant through the `auth0` SDK with Management API credentials, or the local cloud's tenant
// directly (--local). Read only: nothing is changed anywhere.
import { ACTION_TRIGGERS } from "@apigw-auth0-rbac/model";
import { UserError } from "../errors";
import {
  ApiGatewayV2Client,
  GetApisCommand,
  GetAuthorizersCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStagesCommand,
} from "@aws-sdk/client-apigatewayv2";
import { GetFunctionConfigurationCommand, LambdaClient } from "@aws-sdk/client-lambda";
import type { ManagementApi } from "@apigw-auth0-rbac/local-providers/cloud";

export type Json = Record<string, any>;

export class AdoptError extends UserError {}

export interface FoundTenant {
  readonly resourceServer: Json;
  readonly roles: readonly { readonly role: Json; readonly permissions: readonly string[] }[];
  readonly clients: readonly Json[];
  /** Client grants on the API (subject type client). */
  readonly grants: readonly Json[];
  readonly users: readonly { readonly user: Json; readonly roles: readonly string[] }[];
  /** The tenant's Actions, as GET /api/v2/actions/actions answers them. */
  readonly actions?: readonly Json[];
  /** The bindings of each trigger the model binds Actions to, in the order they run. */
  readonly bindings?: ReadonlyMap<string, readonly Json[]>;
}

export interface FoundApi {
  readonly api: Json;
  readonly authorizers: readonly Json[];
  readonly routes: readonly Json[];
  readonly integrations: readonly Json[];
  readonly stages: readonly Json[];
  /** Lambda configurations by function ARN, for the integrations that invoke one. */
  readonly functions: ReadonlyMap<string, Json>;
}

/** The Management API calls adopt makes, the same whether the tenant is Auth0's or the local cloud's. */
export interface TenantReader {
  listResourceServers(): Promise<Json[]>;
  listRoles(): Promise<Json[]>;
  getRolePermissions(roleId: string): Promise<Json[]>;
  listClients(): Promise<Json[]>;
  listClientGrants(audience: string): Promise<Json[]>;
  listUsers(): Promise<Json[]>;
  getUserRoles(userId: string): Promise<Json[]>;
  listActions(): Promise<Json[]>;
  getBindings(triggerId: string): Promise<Json[]>;
}

export function localTenantReader(tenant: ManagementApi): TenantReader {
  return {
    listResourceServers: async () => tenant.listResourceServers(),
    listRoles: async () => tenant.listRoles(),
    getRolePermissions: async (id) => tenant.getRolePermissions(id),
    listClients: async () => tenant.listClients(),
    listClientGrants: async (audience) => tenant.listClientGrants({ audience }),
    listUsers: async () => tenant.listUsers(),
    getUserRoles: async (id) => tenant.getUserRoles(id),
    listActions: async () => tenant.listActions(),
    getBindings: async (trigger) => tenant.getBindings(trigger),
  };
}

/** Auth0's tenant through its Node SDK: AUTH0_DOMAIN with AUTH0_CLIENT_ID/AUTH0_CLIENT_SECRET or AUTH0_API_TOKEN. */
export function auth0TenantReader(env: NodeJS.ProcessEnv): TenantReader {
  const domain = env.AUTH0_DOMAIN;
  if (!domain || !(env.AUTH0_API_TOKEN || (env.AUTH0_CLIENT_ID && env.AUTH0_CLIENT_SECRET))) {
    throw new AdoptError(
      "no Management API credentials: set AUTH0_DOMAIN and AUTH0_CLIENT_ID with AUTH0_CLIENT_SECRET (a machine-to-machine application authorized for the Management API with read:resource_servers, read:roles, read:clients, read:client_grants, read:users, read:actions), or AUTH0_API_TOKEN; or adopt from the local cloud with --local",
    );
  }
  // Loaded only here: the SDK is a development dependency, like the command.
  const { ManagementClient } = require("auth0");
  const client = env.AUTH0_API_TOKEN
    ? new ManagementClient({ domain, token: env.AUTH0_API_TOKEN })
    : new ManagementClient({ domain, clientId: env.AUTH0_CLIENT_ID, clientSecret: env.AUTH0_CLIENT_SECRET });
  const all = async (list: (page: number) => Promise<any>): Promise<Json[]> => {
    const out: Json[] = [];
    for (let page = 0; ; page++) {
      const answer = await list(page);
      const items: Json[] = answer?.data ?? answer ?? [];
      out.push(...items);
      if (items.length < 50) return out;
    }
  };
  return {
    listResourceServers: () => all((page) => client.resourceServers.list({ page, per_page: 50 })),
    listRoles: () => all((page) => client.roles.list({ page, per_page: 50 })),
    getRolePermissions: (id) => all((page) => client.roles.permissions.list(id, { page, per_page: 50 })),
    listClients: () => all((page) => client.clients.list({ page, per_page: 50 })),
    listClientGrants: (audience) => all((page) => client.clientGrants.list({ audience, page, per_page: 50 })),
    listUsers: () => all((page) => client.users.list({ page, per_page: 50 })),
    getUserRoles: (id) => all((page) => client.users.roles.list(id, { page, per_page: 50 })),
    listActions: () => all((page) => client.actions.list({ page, per_page: 50 })),
    getBindings: (trigger) => all((page) => client.actions.triggers.bindings.list(trigger, { page, per_page: 50 })),
  };
}

/** The tenant's API with `identifier` and everything that belongs to it. */
export async function readTenant(reader: TenantReader, identifier: string): Promise<FoundTenant> {
  const servers = await reader.listResourceServers();
  const resourceServer = servers.find((s) => s.identifier === identifier);
  if (!resourceServer) {
    const known = servers.filter((s) => !s.is_system).map((s) => s.identifier);
    throw new AdoptError(
      `the tenant has no API with identifier ${JSON.stringify(identifier)}; it has ${known.length ? known.map((k) => JSON.stringify(k)).join(", ") : "no API"}: give --identifier one of them`,
    );
  }
  const roles = await Promise.all(
    (await reader.listRoles()).map(async (role) => ({
      role,
      permissions: (await reader.getRolePermissions(role.id))
        .filter((p) => p.resource_server_identifier === identifier)
        .map((p) => p.permission_name as string),
    })),
  );
  const grants = (await reader.listClientGrants(identifier)).filter((g) => g.audience === identifier && (g.subject_type ?? "client") === "client");
  const users = await Promise.all(
    (await reader.listUsers()).map(async (user) => ({ user, roles: (await reader.getUserRoles(user.user_id)).map((r) => r.name as string) })),
  );
  const bindings = new Map<string, Json[]>();
  for (const trigger of Object.keys(ACTION_TRIGGERS)) bindings.set(trigger, await reader.getBindings(trigger));
  return { resourceServer, roles, clients: await reader.listClients(), grants, users, actions: await reader.listActions(), bindings };
}

export interface AwsTarget {
  /** The local cloud's endpoint and credentials; unset: AWS's, by the default credential chain. */
  readonly endpoint?: string;
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly region?: string;
}

/** The HTTP API by id or name, with its parts and the functions its integrations invoke. */
export async function readHttpApi(target: AwsTarget, which: { readonly id?: string; readonly name?: string }): Promise<FoundApi> {
  const config = {
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
    ...(target.credentials ? { credentials: target.credentials } : {}),
    ...(target.region ? { region: target.region } : {}),
  };
  const gw = new ApiGatewayV2Client(config);
  const lambda = new LambdaClient(config);
  try {
    const items = async <T>(page: (token?: string) => Promise<{ Items?: T[]; NextToken?: string }>): Promise<T[]> => {
      const out: T[] = [];
      let token: string | undefined;
      do {
        const answer = await page(token);
        out.push(...(answer.Items ?? []));
        token = answer.NextToken;
      } while (token);
      return out;
    };
    const apis = (await items((NextToken) => gw.send(new GetApisCommand({ NextToken })))).filter((a) => a.ProtocolType === "HTTP");
    const matches = apis.filter((a) => (which.id ? a.ApiId === which.id : a.Name === which.name));
    const known = apis.map((a) => `${a.Name} (${a.ApiId})`).join(", ") || "none";
    if (matches.length === 0)
      throw new AdoptError(
        `no HTTP API ${which.id ? `with id ${JSON.stringify(which.id)}` : `named ${JSON.stringify(which.name)}`} in this account and region (${target.region ?? "the default region"}); its HTTP APIs: ${known}`,
      );
    if (matches.length > 1)
      throw new AdoptError(
        `${matches.length} HTTP APIs are named ${JSON.stringify(which.name)} (${matches.map((a) => a.ApiId).join(", ")}): give --api-id instead`,
      );
    const api = matches[0] as Json;
    const ApiId = api.ApiId as string;
    const integrations = (await items((NextToken) => gw.send(new GetIntegrationsCommand({ ApiId, NextToken })))) as Json[];
    const functions = new Map<string, Json>();
    for (const integration of integrations) {
      const arn = functionArnOf(integration.IntegrationUri);
      if (arn && !functions.has(arn)) functions.set(arn, (await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: arn }))) as Json);
    }
    return {
      api,
      authorizers: (await items((NextToken) => gw.send(new GetAuthorizersCommand({ ApiId, NextToken })))) as Json[],
      routes: (await items((NextToken) => gw.send(new GetRoutesCommand({ ApiId, NextToken })))) as Json[],
      integrations,
      stages: (await items((NextToken) => gw.send(new GetStagesCommand({ ApiId, NextToken })))) as Json[],
      functions,
    };
  } catch (err) {
    if (err instanceof AdoptError) throw err;
    const name = (err as Error).name;
    if (name === "CredentialsProviderError" || name === "UnrecognizedClientException" || name === "InvalidSignatureException") {
      throw new AdoptError(
        `AWS refused the credentials (${(err as Error).message}): set them as for the AWS CLI (AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY) with AWS_REGION; or adopt from the local cloud with --local`,
      );
    }
    throw err;
  } finally {
    gw.destroy();
    lambda.destroy();
  }
}

/** The function ARN inside an integration URI: the ARN itself, or API Gateway's …/functions/<arn>/invocations. */
export function functionArnOf(uri: unknown): string | undefined {
  const text = String(uri ?? "");
  const inner = /\/functions\/(arn:[^/]+)\/invocations$/.exec(text)?.[1] ?? text;
  return /^arn:[\w-]+:lambda:/.test(inner) ? inner.replace(/:\$LATEST$/, "") : undefined;
}
