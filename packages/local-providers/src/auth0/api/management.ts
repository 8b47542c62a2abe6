// The Auth0 Management API v2 of one tenant as the provider and the SDK call it: resource
// servers (with their scopes), roles and their permissions, clients, client grants, users and
// their roles, Actions with their deployed versions and each trigger's bindings, each object kept as the API answers it (Auth0's JSON) in the local cloud's store,
// so both stacks' runs, npm run cloud and npm start see one tenant. Refuses what Auth0 refuses
// where the catalogue names the rule, and answers Auth0's 404s for what it does not hold.
import { generateKeyPairSync, randomBytes, randomUUID, scryptSync, timingSafeEqual } from "node:crypto";
import { AUTH0_CATALOGUE } from "../../catalogue";
import { records } from "../../cloud/records";
import { memoryStore, ServiceState, type CloudStore } from "../../cloud/store";
import { randomId } from "../../provider";
import { CallRules, ServiceError } from "../../service-rules";

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const hex = (bytes: number) => randomId(bytes * 2, "0123456789abcdef");
const now = () => new Date().toISOString();

export type Json = Record<string, any>;
export interface Permission {
  readonly permission_name: string;
  readonly resource_server_identifier: string;
}

interface TenantState {
  resourceServers: Record<string, Json>;
  roles: Record<string, Json & { permissions: Permission[] }>;
  clients: Record<string, Json>;
  clientGrants: Record<string, Json>;
  /** Users by user_id; `password_hash` never leaves the API (Auth0 keeps a hash, and so does this). */
  users: Record<string, Json & { roles: string[] }>;
  /** The tenant's RS256 signing key (a private JWK), made on first use and kept, as a tenant's is. */
  signingKey?: Json;
  /** Actions by id, as GET /api/v2/actions/actions/{id} answers them, with their secrets' values (never answered). Absent in a store written before Actions. */
  actions?: Record<string, StoredAction>;
  /** Each trigger's bindings, in the order they run. Absent in a store written before Actions. */
  bindings?: Record<string, Binding[]>;
}

/** An Action as the tenant keeps it: Auth0's JSON, with its secrets' values, which no call answers. */
export type StoredAction = Json & { id: string; secret_values: Record<string, string> };
/** One Action bound to a trigger, as GET /api/v2/actions/triggers/{triggerId}/bindings answers it (without the action). */
export interface Binding {
  readonly id: string;
  readonly trigger_id: string;
  readonly action_id: string;
  readonly display_name: string;
  readonly created_at: string;
  readonly updated_at: string;
}
/** What a PATCH of a trigger's bindings names: an Action by id or by name, and its name in the flow. */
export interface BindingRequest {
  readonly ref: { readonly type: "action_id" | "action_name"; readonly value: string };
  readonly display_name?: string;
}

/** Auth0's 404 for an object it does not hold (Management API v2 reference, each call's 404). */
const notFound = (call: string, message: string, errorCode: string) => new ServiceError(call, 404, errorCode, message);

export class ManagementApi {
  private readonly rules = new CallRules(Object.values(AUTH0_CATALOGUE));
  private readonly state: ServiceState<TenantState>;

  constructor(
    readonly domain: string,
    store: CloudStore = memoryStore(),
  ) {
    this.state = new ServiceState(store, "auth0", () => ({
      resourceServers: records(),
      roles: records(),
      clients: records(),
      clientGrants: records(),
      users: records(),
    }));
  }

  // ---- resource servers (APIs) -----------------------------------------------------------

  createResourceServer(body: Json): Json {
    const call = "POST /api/v2/resource-servers";
    const id = hex(12);
    const server = {
      signing_alg: "RS256",
      token_lifetime: 86400,
      token_lifetime_for_web: 7200,
      allow_offline_access: false,
      skip_consent_for_verifiable_first_party_clients: false,
      enforce_policies: false,
      token_dialect: "access_token",
      scopes: [],
      ...bodyFields(body),
      // Auth0 names an API by its identifier when it is given no name.
      name: body.name || body.identifier,
      id,
      is_system: false,
      ...(body.signing_alg === "HS256" ? { signing_secret: randomBytes(24).toString("base64url") } : {}),
    };
    // Checked under the store's lock: another process cannot create the identifier in between.
    this.state.update((s) => {
      this.rules.refuseIf(
        Object.values(s.resourceServers).some((r) => r.identifier === body.identifier && !r.implicit),
        call,
        "unique-identifier-per-tenant",
        {},
      );
      this.checkPayload(body);
      // Scopes set before the API was created here (an implicit record, see below) are its own.
      const earlier = Object.values(s.resourceServers).find((r) => r.identifier === body.identifier && r.implicit);
      if (earlier) {
        delete s.resourceServers[earlier.id];
        if (!body.scopes) server.scopes = earlier.scopes;
      }
      s.resourceServers[id] = server;
    });
    return server;
  }

  /** GET /api/v2/resource-servers/{id}: by id or by identifier, as Auth0 accepts both. */
  getResourceServer(idOrIdentifier: string): Json {
    const found = this.findResourceServer(this.state.read(), idOrIdentifier);
    if (!found) throw notFound("GET /api/v2/resource-servers/{id}", "The resource server does not exist", "inexistent_resource_server");
    return found;
  }

  listResourceServers(): Json[] {
    return Object.values(this.state.read().resourceServers).filter((r) => !r.implicit);
  }

  updateResourceServer(idOrIdentifier: string, body: Json): Json {
    return this.state.update((s) => {
      let found = this.findResourceServer(s, idOrIdentifier);
      if (!found && body.scopes && /^[a-z][a-z0-9+.-]*:/i.test(idOrIdentifier))
        found = s.resourceServers[idOrIdentifier] = { id: idOrIdentifier, identifier: idOrIdentifier, scopes: [], implicit: true };
      if (!found) throw notFound("PATCH /api/v2/resource-servers/{id}", "The resource server does not exist", "inexistent_resource_server");
      const { id: _id, identifier: _identifier, ...fields } = body;
      this.checkPayload(fields);
      s.resourceServers[found.id] = { ...found, ...bodyFields(fields) };
      return s.resourceServers[found.id];
    });
  }

  /**
   * The request schema of POST /api/v2/resource-servers, which PATCH shares: the catalogue's
   * value limits, and Proof-of-Possession's mechanism and required given together.
   */
  private checkPayload(body: Json): void {
    const call = "POST /api/v2/resource-servers";
    this.rules.checkInput(call, body);
    const pop = body.proof_of_possession;
    const missing = pop && typeof pop === "object" ? ["mechanism", "required"].find((k) => pop[k] === undefined || pop[k] === null) : undefined;
    this.rules.refuseIf(missing !== undefined, call, "proof-of-possession-complete", { property: missing ?? "" });
  }

  deleteResourceServer(idOrIdentifier: string): void {
    this.state.update((s) => {
      const found = this.findResourceServer(s, idOrIdentifier);
      if (found) delete s.resourceServers[found.id];
    });
  }

  // ---- roles -----------------------------------------------------------------------------

  createRole(body: Json = {}): Json {
    const role = { id: `rol_${randomId(16, ALNUM)}`, name: body.name ?? "", description: body.description ?? "", permissions: [] as Permission[] };
    this.state.update((s) => {
      s.roles[role.id] = role;
    });
    return publicRole(role);
  }

  getRole(id: string): Json {
    return publicRole(this.role(this.state.read(), id, "GET /api/v2/roles/{id}"));
  }

  listRoles(): Json[] {
    return Object.values(this.state.read().roles)
      .filter((r) => !r.implicit)
      .map(publicRole);
  }

  updateRole(id: string, body: Json): Json {
    return this.state.update((s) => {
      const role = this.role(s, id, "PATCH /api/v2/roles/{id}");
      if (body.name !== undefined) role.name = body.name;
      if (body.description !== undefined) role.description = body.description ?? "";
      return publicRole(role);
    });
  }

  deleteRole(id: string): void {
    this.state.update((s) => {
      delete s.roles[id];
      for (const user of Object.values(s.users)) user.roles = user.roles.filter((r) => r !== id);
    });
  }

  /** GET /api/v2/roles/{id}/permissions, with each permission's API name as Auth0 adds it. */
  getRolePermissions(id: string): Json[] {
    const s = this.state.read();
    return this.role(s, id, "GET /api/v2/roles/{id}/permissions").permissions.map((p) => ({
      ...p,
      resource_server_name: this.findResourceServer(s, p.resource_server_identifier)?.name ?? p.resource_server_identifier,
      description:
        this.findResourceServer(s, p.resource_server_identifier)?.scopes?.find((x: Json) => x.value === p.permission_name)?.description ?? "",
    }));
  }

  addRolePermissions(id: string, permissions: readonly Permission[]): void {
    this.state.update((s) => {
      const role = this.role(s, id, "POST /api/v2/roles/{id}/permissions", true);
      for (const p of permissions) {
        if (!role.permissions.some((x) => samePermission(x, p)))
          role.permissions.push({ permission_name: p.permission_name, resource_server_identifier: p.resource_server_identifier });
      }
    });
  }

  removeRolePermissions(id: string, permissions: readonly Permission[]): void {
    this.state.update((s) => {
      const role = this.role(s, id, "DELETE /api/v2/roles/{id}/permissions", true);
      role.permissions = role.permissions.filter((x) => !permissions.some((p) => samePermission(x, p)));
    });
  }

  // ---- clients ---------------------------------------------------------------------------

  createClient(body: Json): Json {
    this.checkClientPayload(body);
    const appType = body.app_type;
    const confidential = appType !== "spa" && appType !== "native";
    const client = {
      tenant: this.domain.split(".")[0],
      global: false,
      is_first_party: true,
      oidc_conformant: false,
      callbacks: [],
      allowed_logout_urls: [],
      web_origins: [],
      allowed_origins: [],
      grant_types: [],
      jwt_configuration: { alg: "RS256", lifetime_in_seconds: 36000, secret_encoded: false },
      token_endpoint_auth_method: appType === "spa" || appType === "native" ? "none" : "client_secret_post",
      ...bodyFields(body),
      client_id: randomId(32, ALNUM),
      ...(confidential ? { client_secret: randomBytes(48).toString("base64url") } : {}),
    };
    this.state.update((s) => {
      s.clients[client.client_id] = client;
    });
    return client;
  }

  getClient(id: string): Json {
    const client = this.state.read().clients[id];
    if (!client) throw notFound("GET /api/v2/clients/{id}", "The client does not exist", "inexistent_client");
    return client;
  }

  listClients(): Json[] {
    return Object.values(this.state.read().clients);
  }

  updateClient(id: string, body: Json): Json {
    return this.state.update((s) => {
      const client = s.clients[id];
      if (!client) throw notFound("PATCH /api/v2/clients/{id}", "The client does not exist", "inexistent_client");
      const { client_id: _id, client_secret: _secret, ...fields } = body;
      // PATCH's request schema has POST's limits.
      this.checkClientPayload(fields);
      s.clients[id] = { ...client, ...bodyFields(fields) };
      return s.clients[id];
    });
  }

  /** The request schema of POST /api/v2/clients, which PATCH shares: the catalogue's value limits, and a default organization's two required properties. */
  private checkClientPayload(body: Json): void {
    const call = "POST /api/v2/clients";
    this.rules.checkInput(call, body);
    const org = body.default_organization;
    const missing = org && typeof org === "object" ? ["organization_id", "flows"].find((k) => org[k] === undefined || org[k] === null) : undefined;
    this.rules.refuseIf(missing !== undefined, call, "default-organization-complete", { property: missing ?? "" });
  }

  deleteClient(id: string): void {
    this.state.update((s) => {
      delete s.clients[id];
      for (const [gid, g] of Object.entries(s.clientGrants)) if (g.client_id === id) delete s.clientGrants[gid];
    });
  }

  // ---- client grants ---------------------------------------------------------------------

  createClientGrant(body: Json = {}): Json {
    this.rules.checkInput("POST /api/v2/client-grants", body);
    const grant = { scope: [], subject_type: "client", is_system: false, ...bodyFields(body), id: `cgr_${randomId(16, ALNUM)}` };
    this.state.update((s) => {
      s.clientGrants[grant.id] = grant;
    });
    return grant;
  }

  getClientGrant(id: string): Json {
    const grant = this.state.read().clientGrants[id];
    if (!grant) throw notFound("GET /api/v2/client-grants/{id}", "The client grant does not exist", "inexistent_client_grant");
    return grant;
  }

  /** GET /api/v2/client-grants, with its audience and client_id filters. */
  listClientGrants(filter: { readonly audience?: string; readonly client_id?: string } = {}): Json[] {
    return Object.values(this.state.read().clientGrants).filter(
      (g) => (!filter.audience || g.audience === filter.audience) && (!filter.client_id || g.client_id === filter.client_id),
    );
  }

  updateClientGrant(id: string, body: Json): Json {
    return this.state.update((s) => {
      const grant = s.clientGrants[id];
      if (!grant) throw notFound("PATCH /api/v2/client-grants/{id}", "The client grant does not exist", "inexistent_client_grant");
      s.clientGrants[id] = { ...grant, ...bodyFields({ scope: body.scope }) };
      return s.clientGrants[id];
    });
  }

  deleteClientGrant(id: string): void {
    this.state.update((s) => {
      delete s.clientGrants[id];
    });
  }

  // ---- users -----------------------------------------------------------------------------

  createUser(body: Json): Json {
    const userId = `auth0|${body.user_id || hex(12)}`;
    const { password, ...fields } = body;
    const user = {
      email_verified: false,
      blocked: false,
      ...bodyFields(fields),
      user_id: userId,
      identities: [
        {
          connection: body.connection ?? "Username-Password-Authentication",
          provider: "auth0",
          user_id: userId.replace(/^auth0\|/, ""),
          isSocial: false,
        },
      ],
      created_at: now(),
      updated_at: now(),
      roles: [] as string[],
      ...(typeof password === "string" ? { password_hash: hashPassword(password) } : {}),
    };
    // Checked under the store's lock: two creates of one user at the same moment make one.
    this.state.update((s) => {
      if (Object.values(s.users).some((u) => !u.implicit && sameUser(u, user))) throw userExists();
      s.users[userId] = user;
    });
    return publicUser(user);
  }

  getUser(id: string): Json {
    return publicUser(this.user(this.state.read(), id, "GET /api/v2/users/{id}"));
  }

  listUsers(): Json[] {
    return Object.values(this.state.read().users)
      .filter((u) => !u.implicit)
      .map(publicUser);
  }

  updateUser(id: string, body: Json): Json {
    return this.state.update((s) => {
      const user = this.user(s, id, "PATCH /api/v2/users/{id}");
      const { password, user_id: _id, ...fields } = body;
      // Copied, not assigned: a field named "__proto__" is a field like any other.
      s.users[id] = {
        ...user,
        ...bodyFields(fields),
        updated_at: now(),
        ...(typeof password === "string" ? { password_hash: hashPassword(password) } : {}),
      };
      return publicUser(s.users[id]);
    });
  }

  deleteUser(id: string): void {
    this.state.update((s) => {
      delete s.users[id];
    });
  }

  getUserRoles(id: string): Json[] {
    const s = this.state.read();
    return this.user(s, id, "GET /api/v2/users/{id}/roles").roles.flatMap((r) => (s.roles[r] ? [publicRole(s.roles[r])] : []));
  }

  assignUserRoles(id: string, roles: readonly string[]): void {
    this.state.update((s) => {
      const user = this.user(s, id, "POST /api/v2/users/{id}/roles", true);
      for (const r of roles) {
        this.role(s, r, "POST /api/v2/users/{id}/roles", true);
        if (!user.roles.includes(r)) user.roles.push(r);
      }
    });
  }

  removeUserRoles(id: string, roles: readonly string[]): void {
    this.state.update((s) => {
      const user = this.user(s, id, "DELETE /api/v2/users/{id}/roles", true);
      user.roles = user.roles.filter((r) => !roles.includes(r));
    });
  }

  /** Whether `password` is the user's (what a login checks; the hash never leaves the tenant). */
  checkPassword(email: string, password: string): boolean {
    const user = Object.values(this.state.read().users).find((u) => typeof u.email === "string" && u.email.toLowerCase() === email.toLowerCase());
    return !!user?.password_hash && verifyPassword(password, user.password_hash);
  }

  /** The tenant's signing key: what npm start signs this tenant's tokens with, the same at every start. */
  signingKey(): Json {
    const kept = this.state.read().signingKey;
    if (kept) return kept;
    const key = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" }) as Json;
    return this.state.update((s) => (s.signingKey ??= key));
  }

  // ---- actions (https://auth0.com/docs/api/management/v2/actions) ---------------------------

  /** POST /api/v2/actions/actions: a draft, built at once (the stand-in builds nothing, so never "failed"). */
  createAction(body: Json): Json {
    const id = uuid();
    const action: StoredAction = {
      runtime: body.runtime ?? "",
      dependencies: [],
      ...actionFields(body),
      id,
      status: "built",
      all_changes_deployed: false,
      created_at: now(),
      updated_at: now(),
      secret_values: secretValuesOf(body.secrets),
    };
    this.state.update((s) => {
      s.actions ??= records();
      s.actions[id] = action;
    });
    return publicAction(action);
  }

  getAction(id: string): Json {
    return publicAction(this.action(this.state.read(), id, "GET /api/v2/actions/actions/{id}"));
  }

  /** GET /api/v2/actions/actions, with its triggerId, actionName and deployed filters. */
  listActions(filter: { readonly triggerId?: string; readonly actionName?: string; readonly deployed?: boolean } = {}): Json[] {
    return Object.values(this.state.read().actions ?? {})
      .filter(
        (a) =>
          (!filter.triggerId || (a.supported_triggers ?? []).some((t: Json) => t.id === filter.triggerId)) &&
          (!filter.actionName || a.name === filter.actionName) &&
          (filter.deployed === undefined || !!a.deployed_version === filter.deployed),
      )
      .map(publicAction);
  }

  /** PATCH /api/v2/actions/actions/{id}: the draft changes; what runs is the deployed version until the next deploy. */
  updateAction(id: string, body: Json): Json {
    return this.state.update((s) => {
      const action = this.action(s, id, "PATCH /api/v2/actions/actions/{id}");
      const secrets = body.secrets === undefined ? action.secret_values : secretValuesOf(body.secrets, action.secret_values);
      const updated: StoredAction = { ...action, ...actionFields(body), all_changes_deployed: false, updated_at: now(), secret_values: secrets };
      s.actions![id] = updated;
      return publicAction(updated);
    });
  }

  /**
   * DELETE /api/v2/actions/actions/{id}: refused while a trigger binds it, unless `force`
   * (the reference: "An action must be unbound from all triggers before it can be deleted";
   * https://auth0.com/docs/api/management/v2/actions/delete-action), as the provider's docs for
   * auth0_trigger_actions at v1.55.0 say ("the API rejects deleting an action while it is still bound": 409).
   */
  deleteAction(id: string, force = false): void {
    this.state.update((s) => {
      this.action(s, id, "DELETE /api/v2/actions/actions/{id}");
      const bound = Object.values(s.bindings ?? {}).some((list) => list.some((b) => b.action_id === id));
      if (bound && !force)
        throw new ServiceError(
          "DELETE /api/v2/actions/actions/{id}",
          409,
          "conflict",
          "An action must be unbound from all triggers before it can be deleted.",
        );
      if (s.bindings) for (const trigger of Object.keys(s.bindings)) s.bindings[trigger] = s.bindings[trigger].filter((b) => b.action_id !== id);
      delete s.actions![id];
    });
  }

  /** POST /api/v2/actions/actions/{id}/deploy: a new immutable version of the draft, which runs from now on. */
  deployAction(id: string): Json {
    return this.state.update((s) => {
      const action = this.action(s, id, "POST /api/v2/actions/actions/{id}/deploy");
      const version = {
        id: uuid(),
        action_id: id,
        number: (action.deployed_version?.number ?? 0) + 1,
        code: action.code,
        runtime: action.runtime,
        dependencies: action.dependencies ?? [],
        secrets: (action.secrets ?? []).map((x: Json) => ({ name: x.name })),
        supported_triggers: action.supported_triggers,
        deployed: true,
        status: "built",
        created_at: now(),
      };
      s.actions![id] = { ...action, deployed_version: version, all_changes_deployed: true };
      return version;
    });
  }

  /** GET /api/v2/actions/triggers/{triggerId}/bindings: in the order they run, each with its Action. */
  getBindings(triggerId: string): Json[] {
    const s = this.state.read();
    return (s.bindings?.[triggerId] ?? []).map((b) => ({
      ...b,
      action: s.actions?.[b.action_id] ? publicAction(s.actions[b.action_id]) : { id: b.action_id },
    }));
  }

  /**
   * PATCH /api/v2/actions/triggers/{triggerId}/bindings: the trigger's bindings become exactly
   * these, in this order. An Action named by id that this tenant never held is bound as named
   * (the stand-in does not check references between objects, docs/FIDELITY.md); one named by
   * name must exist.
   */
  updateBindings(triggerId: string, requested: readonly BindingRequest[]): Json[] {
    this.state.update((s) => {
      const bindings = requested.map((r) => {
        const actionId = r.ref.type === "action_name" ? Object.values(s.actions ?? {}).find((a) => a.name === r.ref.value)?.id : r.ref.value;
        if (actionId === undefined)
          throw notFound("PATCH /api/v2/actions/triggers/{triggerId}/bindings", `Action not found: ${r.ref.value}`, "not_found");
        const name = r.display_name ?? s.actions?.[actionId]?.name ?? "";
        return { id: uuid(), trigger_id: triggerId, action_id: actionId, display_name: name, created_at: now(), updated_at: now() };
      });
      s.bindings ??= records();
      s.bindings[triggerId] = bindings;
    });
    return this.getBindings(triggerId);
  }

  // ---- helpers ---------------------------------------------------------------------------

  private action(s: TenantState, id: string, call: string): StoredAction {
    const action = s.actions?.[id];
    if (!action) throw notFound(call, "The action does not exist.", "not_found");
    return action;
  }

  private findResourceServer(s: TenantState, idOrIdentifier: string): Json | undefined {
    return s.resourceServers[idOrIdentifier] ?? Object.values(s.resourceServers).find((r) => r.identifier === idOrIdentifier);
  }

  /**
   * A role (or user) by id. A write that names one this tenant never held (the conformance cases
   * name made-up ids) gets an implicit record instead of Auth0's 404, as does a scopes update of an
   * API not created here: the stand-in does not check references between objects (docs/FIDELITY.md).
   */
  private role(s: TenantState, id: string, call: string, create = false): TenantState["roles"][string] {
    if (!s.roles[id] && create) s.roles[id] = { id, name: "", description: "", permissions: [], implicit: true };
    const role = s.roles[id];
    if (!role) throw notFound(call, "The role does not exist.", "inexistent_role");
    return role;
  }

  private user(s: TenantState, id: string, call: string, create = false): TenantState["users"][string] {
    if (!s.users[id] && create) s.users[id] = { user_id: id, roles: [], implicit: true };
    const user = s.users[id];
    if (!user) throw notFound(call, "The user does not exist.", "inexistent_user");
    return user;
  }
}

/**
 * Whether two users are one to Auth0: the same user_id, or the same email (case aside) in one
 * connection. POST /api/v2/users answers 409 "The user already exists." for either
 * (https://auth0.com/docs/api/management/v2/users/post-users, its 409; a database connection
 * keeps one user an email).
 */
function sameUser(a: Json, b: Json): boolean {
  if (a.user_id === b.user_id) return true;
  const email = (u: Json) => (typeof u.email === "string" && u.email !== "" ? u.email.toLowerCase() : undefined);
  return email(a) !== undefined && email(a) === email(b) && a.identities?.[0]?.connection === b.identities?.[0]?.connection;
}
/** Auth0's answer to a second create of one user, as the Management API words it. */
const userExists = () => new ServiceError("POST /api/v2/users", 409, "auth0_idp_error", "The user already exists.");

const samePermission = (a: Permission, b: Permission) =>
  a.permission_name === b.permission_name && a.resource_server_identifier === b.resource_server_identifier;
/** What the tenant keeps of its own beside an object's fields: never taken from a request's body. */
const BOOKKEEPING = new Set(["implicit", "roles", "permissions", "password_hash"]);
/** A body's fields as stored: those given a value, less the tenant's bookkeeping. */
const bodyFields = (body: Json): Json =>
  Object.fromEntries(Object.entries(body).filter(([k, v]) => v !== undefined && v !== null && !BOOKKEEPING.has(k)));
const publicRole = ({ permissions: _p, ...role }: Json): Json => role;
/** An Action as Auth0 answers it: its secrets by name only, their values never. */
const publicAction = ({ secret_values: _v, ...action }: StoredAction): Json => ({
  ...action,
  secrets: (action.secrets ?? []).map((x: Json) => ({ name: x.name, updated_at: x.updated_at })),
});
/** The fields of an Action a create or update takes (https://auth0.com/docs/api/management/v2/actions/post-action). */
const ACTION_FIELDS = ["name", "supported_triggers", "code", "dependencies", "runtime", "secrets", "modules"] as const;
function actionFields(body: Json): Json {
  const fields = Object.fromEntries(ACTION_FIELDS.filter((f) => body[f] !== undefined && body[f] !== null).map((f) => [f, body[f]]));
  if (Array.isArray(fields.secrets)) fields.secrets = fields.secrets.map((x: Json) => ({ name: String(x?.name ?? ""), updated_at: now() }));
  return fields;
}
/** The secrets' values by name; a secret given without a value keeps the one the stand-in held (the provider always sends one). */
function secretValuesOf(secrets: unknown, kept: Readonly<Record<string, string>> = records()): Record<string, string> {
  return records(
    (Array.isArray(secrets) ? secrets : [])
      .filter((x): x is Json => typeof x?.name === "string")
      .map((x) => [x.name, typeof x.value === "string" ? x.value : (kept[x.name] ?? "")] as const),
  );
}
/** An Action's, a version's or a binding's id: a UUID, as Auth0 writes them. */
const uuid = () => randomUUID();
const publicUser = ({ password_hash: _h, roles: _r, ...user }: Json): Json => user;

/** scrypt with a salt of its own: the tenant keeps no password in the clear. */
function hashPassword(password: string): string {
  const salt = randomBytes(16);
  return `scrypt$${salt.toString("base64")}$${scryptSync(password, salt, 32).toString("base64")}`;
}

function verifyPassword(password: string, stored: string): boolean {
  const [scheme, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64");
  const actual = scryptSync(password, Buffer.from(salt, "base64"), expected.length);
  return timingSafeEqual(actual, expected);
}
