// The Management API v2 calls the local cloud serves, one handler a route, onto the local
// tenant's ManagementApi: CRUD of resource servers, roles, clients, client grants and users, a
// role's permissions and users, a user's roles; Actions, their deploy and each trigger's bindings
// (https://auth0.com/docs/api/management/v2).
import type { BindingRequest, ManagementApi, Permission } from "@apigw-auth0-rbac/local-providers/cloud";
import { HttpError } from "./http-error";

type Json = Record<string, any>;

export interface Answer {
  readonly status: number;
  readonly body?: unknown;
}

export interface Call {
  readonly tenant: ManagementApi;
  /** The path's id segment, decoded ("" when there is none). */
  readonly id: string;
  readonly body: Json;
  readonly url: URL;
}

type Handler = (call: Call) => Answer;

const ok = (body: unknown, status = 200): Answer => ({ status, body });

/** The five calls of a collection: list (paged), create, get, update, delete. */
interface Collection {
  readonly path: string;
  /** The list's name in Auth0's page (`resource_servers`). */
  readonly page: string;
  readonly list: (c: Call) => Json[];
  readonly create: (c: Call) => Json;
  readonly get: (c: Call) => Json;
  readonly update: (c: Call) => Json;
  readonly remove: (c: Call) => void;
}

function crud(c: Collection): [string, Handler][] {
  return [
    [`GET ${c.path}`, (call) => ok(page(call.url, c.page, c.list(call)))],
    [`POST ${c.path}`, (call) => ok(c.create(call), 201)],
    [`GET ${c.path}/:id`, (call) => ok(c.get(call))],
    [`PATCH ${c.path}/:id`, (call) => ok(c.update(call))],
    [
      `DELETE ${c.path}/:id`,
      (call) => {
        c.get(call);
        c.remove(call);
        return ok(undefined, 204);
      },
    ],
  ];
}

const COLLECTIONS: Collection[] = [
  {
    path: "resource-servers",
    page: "resource_servers",
    list: ({ tenant }) => tenant.listResourceServers(),
    create: ({ tenant, body }) => tenant.createResourceServer(resourceServerBody(required(body, "identifier"))),
    get: ({ tenant, id }) => tenant.getResourceServer(id),
    update: ({ tenant, id, body }) => tenant.updateResourceServer(id, resourceServerBody(body)),
    remove: ({ tenant, id }) => tenant.deleteResourceServer(id),
  },
  {
    path: "roles",
    page: "roles",
    list: ({ tenant }) => tenant.listRoles(),
    create: ({ tenant, body }) => tenant.createRole(required(body, "name")),
    get: ({ tenant, id }) => tenant.getRole(id),
    update: ({ tenant, id, body }) => tenant.updateRole(id, body),
    remove: ({ tenant, id }) => tenant.deleteRole(id),
  },
  {
    path: "clients",
    page: "clients",
    list: ({ tenant }) => tenant.listClients(),
    create: ({ tenant, body }) => tenant.createClient(required(body, "name")),
    get: ({ tenant, id }) => tenant.getClient(id),
    update: ({ tenant, id, body }) => tenant.updateClient(id, body),
    remove: ({ tenant, id }) => tenant.deleteClient(id),
  },
  {
    path: "client-grants",
    page: "client_grants",
    list: ({ tenant, url }) =>
      tenant.listClientGrants({ audience: url.searchParams.get("audience") ?? undefined, client_id: url.searchParams.get("client_id") ?? undefined }),
    create: ({ tenant, body }) => tenant.createClientGrant(required(body, "client_id", "audience")),
    get: ({ tenant, id }) => tenant.getClientGrant(id),
    update: ({ tenant, id, body }) => tenant.updateClientGrant(id, body),
    remove: ({ tenant, id }) => tenant.deleteClientGrant(id),
  },
  {
    path: "users",
    page: "users",
    list: ({ tenant }) => tenant.listUsers(),
    create: ({ tenant, body }) => tenant.createUser(required(body, "connection")),
    get: ({ tenant, id }) => tenant.getUser(id),
    update: ({ tenant, id, body }) => tenant.updateUser(id, body),
    remove: ({ tenant, id }) => tenant.deleteUser(id),
  },
];

/** A user's roles in a POST or DELETE body: the strings of `roles`. */
const rolesOf = (body: Json): string[] => (Array.isArray(body.roles) ? body.roles.filter((r: unknown): r is string => typeof r === "string") : []);

/** Each route ("GET roles/:id/permissions") and its handler. */
export const MANAGEMENT_ROUTES: ReadonlyMap<string, Handler> = new Map<string, Handler>([
  ...COLLECTIONS.flatMap(crud),
  ["GET roles/:id/permissions", ({ tenant, id, url }) => ok(page(url, "permissions", tenant.getRolePermissions(id)))],
  [
    "POST roles/:id/permissions",
    ({ tenant, id, body }) => {
      tenant.addRolePermissions(id, permissionsOf(body));
      return ok({}, 201);
    },
  ],
  [
    "DELETE roles/:id/permissions",
    ({ tenant, id, body }) => {
      tenant.removeRolePermissions(id, permissionsOf(body));
      return ok(undefined, 204);
    },
  ],
  [
    "GET roles/:id/users",
    ({ tenant, id, url }) => {
      tenant.getRole(id);
      return ok(
        page(
          url,
          "users",
          tenant.listUsers().filter((u) => tenant.getUserRoles(u.user_id).some((r) => r.id === id)),
        ),
      );
    },
  ],
  ["GET users/:id/roles", ({ tenant, id, url }) => ok(page(url, "roles", tenant.getUserRoles(id)))],
  // Actions: lists always come as Auth0's page object ({ actions: [...], total, page, per_page }).
  [
    "GET actions/actions",
    ({ tenant, url }) => {
      const deployed = url.searchParams.get("deployed");
      const filter = {
        triggerId: url.searchParams.get("triggerId") ?? undefined,
        actionName: url.searchParams.get("actionName") ?? undefined,
        deployed: deployed === null ? undefined : deployed === "true",
      };
      return ok(actionsPage(url, "actions", tenant.listActions(filter)));
    },
  ],
  ["POST actions/actions", ({ tenant, body }) => ok(tenant.createAction(actionBody(required(body, "name"))), 201)],
  ["GET actions/actions/:id", ({ tenant, id }) => ok(tenant.getAction(id))],
  ["PATCH actions/actions/:id", ({ tenant, id, body }) => ok(tenant.updateAction(id, actionBody(body)))],
  [
    "DELETE actions/actions/:id",
    ({ tenant, id, url }) => {
      tenant.deleteAction(id, url.searchParams.get("force") === "true");
      return ok(undefined, 204);
    },
  ],
  ["POST actions/actions/:id/deploy", ({ tenant, id }) => ok(tenant.deployAction(id), 202)],
  ["GET actions/triggers/:id/bindings", ({ tenant, id, url }) => ok(actionsPage(url, "bindings", tenant.getBindings(id)))],
  ["PATCH actions/triggers/:id/bindings", ({ tenant, id, body }) => ok({ bindings: tenant.updateBindings(id, bindingsOf(body)) })],
  [
    "POST users/:id/roles",
    ({ tenant, id, body }) => {
      tenant.assignUserRoles(id, rolesOf(body));
      return ok(undefined, 204);
    },
  ],
  [
    "DELETE users/:id/roles",
    ({ tenant, id, body }) => {
      tenant.removeUserRoles(id, rolesOf(body));
      return ok(undefined, 204);
    },
  ],
]);

/** A list, or Auth0's page of it when include_totals=true (`{ <name>: [...], start, limit, total }`). */
function page(url: URL, name: string, items: readonly Json[]): unknown {
  const perPage = Math.min(Number(url.searchParams.get("per_page") ?? 50) || 50, 100);
  const pageNo = Number(url.searchParams.get("page") ?? 0) || 0;
  const slice = items.slice(pageNo * perPage, pageNo * perPage + perPage);
  return url.searchParams.get("include_totals") === "true"
    ? { [name]: slice, start: pageNo * perPage, limit: perPage, length: slice.length, total: items.length }
    : slice;
}

/** Auth0's page of an Actions list, which it answers whether or not totals were asked for. */
function actionsPage(url: URL, name: string, items: readonly Json[]): unknown {
  const perPage = Math.min(Number(url.searchParams.get("per_page") ?? 50) || 50, 100);
  const pageNo = Number(url.searchParams.get("page") ?? 0) || 0;
  return { [name]: items.slice(pageNo * perPage, pageNo * perPage + perPage), total: items.length, page: pageNo, per_page: perPage };
}

/**
 * An Action's body as the API's request schema declares it (https://auth0.com/docs/api/management/v2/actions/post-action;
 * the `auth0` SDK's CreateActionRequestContent): its lists are lists of objects, a trigger has
 * its `id`, and their fields, like its code and runtime, are strings. An item of another type
 * would be stored and break every later call that reads it (a list by trigger, adopt, the
 * provider's refresh).
 */
function actionBody(body: Json): Json {
  for (const text of ["name", "code", "runtime"]) checkType(body[text], "string", text);
  for (const [list, fields] of Object.entries(ACTION_LIST_ITEMS)) checkList(body, list, fields, list === "supported_triggers" ? "id" : undefined);
  return body;
}

/**
 * A resource server's body as the API's request schema declares its scopes
 * (https://auth0.com/docs/api/management/v2/resource-servers/post-resource-servers, which PATCH
 * shares; the `auth0` SDK's ResourceServerScope): a list of objects, each with its `value`, a
 * string, and a string `description`. Scopes of another type would be stored and break every
 * later read of a role's permissions on that API (their descriptions are looked up there).
 */
function resourceServerBody(body: Json): Json {
  checkList(body, "scopes", ["value", "description"], "value");
  return body;
}

/** The body's list `list`, when there: objects, with `id` present, and `fields` strings. */
function checkList(body: Json, list: string, fields: readonly string[], id?: string): void {
  const items = body[list];
  if (items === undefined) return;
  checkType(items, "array", list);
  items.forEach((item: unknown, i: number) => {
    checkType(item, "object", `${list}[${i}]`);
    if (id !== undefined && (item as Json)[id] === undefined) throw payloadError(`'Missing required property: ${id}' on property ${list}[${i}].`);
    for (const field of fields) checkType((item as Json)[field], "string", `${list}[${i}].${field}`);
  });
}

/** The string fields of each list's items (ActionTrigger, ActionVersionDependency, ActionSecretRequest). */
const ACTION_LIST_ITEMS: Readonly<Record<string, readonly string[]>> = {
  supported_triggers: ["id", "version"],
  dependencies: ["name", "version", "registry_url"],
  secrets: ["name", "value"],
};

/** A JSON value of `type`, when it is there. */
function checkType(value: unknown, type: "string" | "array" | "object", property: string): void {
  if (value === undefined) return;
  const found = value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
  if (found !== type) throw payloadError(`'Expected type ${type} but found type ${found}' on property ${property}.`);
}

const payloadError = (detail: string) => new HttpError(400, `Payload validation error: ${detail}`, "invalid_body");

/** A bindings PATCH body: { bindings: [{ ref: { type, value }, display_name }] }. */
function bindingsOf(body: Json): BindingRequest[] {
  const list = Array.isArray(body.bindings) ? body.bindings : [];
  return list.map((b: Json) => {
    const ref = b?.ref;
    if ((ref?.type !== "action_id" && ref?.type !== "action_name") || typeof ref?.value !== "string")
      throw new HttpError(400, "Payload validation error: 'Missing required property: ref' on property bindings.", "invalid_body");
    return { ref: { type: ref.type, value: ref.value }, ...(typeof b.display_name === "string" ? { display_name: b.display_name } : {}) };
  });
}

/**
 * The body's required properties: present, and strings, as the Management API's request schemas
 * declare them (https://auth0.com/docs/api/management/v2); a violation is its 400 "Payload
 * validation error". The message's wording is ours, in the form of the API's answers.
 */
function required(body: Json, ...names: string[]): Json {
  const missing = names.find((n) => body[n] === undefined || body[n] === "");
  if (missing) throw new HttpError(400, `Payload validation error: 'Missing required property: ${missing}'.`, "invalid_body");
  const mistyped = names.find((n) => typeof body[n] !== "string");
  if (mistyped) {
    const found = body[mistyped] === null ? "null" : Array.isArray(body[mistyped]) ? "array" : typeof body[mistyped];
    throw new HttpError(400, `Payload validation error: 'Expected type string but found type ${found}' on property ${mistyped}.`, "invalid_body");
  }
  return body;
}

function permissionsOf(body: Json): Permission[] {
  const list = Array.isArray(body.permissions) ? body.permissions : [];
  return list.map((p: Json) => {
    if (typeof p?.permission_name !== "string" || typeof p?.resource_server_identifier !== "string") {
      throw new HttpError(400, "Payload validation error: 'Missing required property: permission_name' on property permissions.", "invalid_body");
    }
    return { permission_name: p.permission_name, resource_server_identifier: p.resource_server_identifier };
  });
}
