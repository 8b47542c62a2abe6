// The auth0 stack's resource types as the provider drives the Management API: create,
// update and delete make its calls (internal/auth0/<resource>/resource.go at v1.55.0: expand*
// builds the body, flatten* reads it back), read (refresh) asks the tenant what it holds now,
// and import takes the ids the provider's importers take. Nothing here calls Auth0.
import { AUTH0_CATALOGUE } from "../catalogue";
import { multierrorText } from "../catalogue/custom-checks";
import { isObj, isUnknown, same, type Obj, type Value } from "../cty";
import type { ResourceBehaviour } from "../provider";
import { checkProvider, orGone, ProviderError } from "../service-rules";
import type { Json, Permission } from "./api/management";
import type { Auth0Context } from "./provider";

const str = (v: Value | undefined) => (typeof v === "string" ? v : "");
const withCatalogue = (type: string, behaviour: Omit<ResourceBehaviour<Auth0Context>, "catalogue">): ResourceBehaviour<Auth0Context> => ({
  catalogue: AUTH0_CATALOGUE[type],
  ...behaviour,
});
const set = (v: Value | undefined) => v !== null && v !== undefined && v !== "" && !isUnknown(v);

/** The configured attributes named in `fields`, as the body Auth0 takes (the same snake_case names). */
function body(p: Obj, fields: readonly string[]): Json {
  return Object.fromEntries(
    fields.filter((f) => set(p[f]) && !(Array.isArray(p[f]) && (p[f] as Value[]).length === 0 && f !== "callbacks")).map((f) => [f, p[f]]),
  );
}
const pick = (json: Json, fields: readonly string[]): Obj => Object.fromEntries(fields.map((f) => [f, json[f] ?? null]));

const RESOURCE_SERVER = [
  "identifier",
  "name",
  "signing_alg",
  "allow_offline_access",
  "token_lifetime",
  "token_lifetime_for_web",
  "skip_consent_for_verifiable_first_party_clients",
  "enforce_policies",
  "token_dialect",
  "verification_location",
  "consent_policy",
];
const CLIENT = [
  "name",
  "description",
  "app_type",
  "is_first_party",
  "oidc_conformant",
  "callbacks",
  "allowed_logout_urls",
  "web_origins",
  "allowed_origins",
  "grant_types",
  "logo_uri",
  "initiate_login_uri",
  "sso",
  "sso_disabled",
  "cross_origin_auth",
  "cross_origin_loc",
  "custom_login_page_on",
  "client_metadata",
  "organization_usage",
  "organization_require_behavior",
];
const JWT = ["alg", "lifetime_in_seconds", "secret_encoded", "scopes"];
const REFRESH = [
  "rotation_type",
  "expiration_type",
  "token_lifetime",
  "idle_token_lifetime",
  "infinite_token_lifetime",
  "infinite_idle_token_lifetime",
  "leeway",
];

const first = (v: Value | undefined): Obj | undefined => (Array.isArray(v) && isObj(v[0]) ? v[0] : undefined);

function clientBody(p: Obj, prior?: Obj): Json {
  const jwt = first(p.jwt_configuration);
  const refresh = first(p.refresh_token);
  return {
    ...body(p, CLIENT),
    ...(jwt ? { jwt_configuration: body(jwt, JWT) } : {}),
    ...(refresh ? { refresh_token: body(refresh, REFRESH) } : {}),
    ...defaultOrganizationBody(p, prior),
  };
}

/**
 * expandDefaultOrganization (internal/auth0/client/expand.go at v1.55.0): on a create or a change
 * of the block, its flows and organization_id as set (a null one left out); nothing when the
 * block is absent, disabled or empty. (Clearing a disabled one is fetchNullableFields' PATCH,
 * which the stand-in does not make.)
 */
function defaultOrganizationBody(p: Obj, prior?: Obj): Json {
  if (prior && same(p.default_organization ?? null, prior.default_organization ?? null)) return {};
  const block = first(p.default_organization);
  if (!block || block.disable === true) return {};
  const fields = {
    ...(Array.isArray(block.flows) ? { flows: block.flows } : {}),
    ...(block.organization_id != null && !isUnknown(block.organization_id) ? { organization_id: str(block.organization_id) } : {}),
  };
  return Object.keys(fields).length ? { default_organization: fields } : {};
}

function clientAttributes(c: Json): Obj {
  return {
    ...pick(c, CLIENT),
    id: c.client_id,
    client_id: c.client_id,
    jwt_configuration: c.jwt_configuration ? [pick(c.jwt_configuration, JWT)] : [],
    refresh_token: c.refresh_token ? [pick(c.refresh_token, REFRESH)] : [],
  };
}

const scopesOf = (server: Json): Obj[] => (server.scopes ?? []).map((s: Json) => ({ name: s.value, description: s.description ?? null }));
const permissionsOf = (p: Obj): Permission[] =>
  (Array.isArray(p.permissions) ? p.permissions : [])
    .filter(isObj)
    .map((x) => ({ permission_name: str(x.name), resource_server_identifier: str(x.resource_server_identifier) }));
const rolesOf = (p: Obj): string[] => (Array.isArray(p.roles) ? p.roles.filter((r): r is string => typeof r === "string") : []);

/** The role's permissions set to `wanted`, authoritatively (the resource's Create and Update). */
function setRolePermissions(ctx: Auth0Context, roleId: string, wanted: readonly Permission[]): void {
  // A role this tenant never held answers 404; the stand-in does not check references (api/management.ts).
  const held = (orGone(() => ctx.tenant.getRolePermissions(roleId)) ?? []) as Permission[];
  const key = (p: Permission) => `${p.resource_server_identifier} ${p.permission_name}`;
  const remove = held.filter((h) => !wanted.some((w) => key(w) === key(h)));
  const add = wanted.filter((w) => !held.some((h) => key(w) === key(h)));
  if (remove.length) ctx.tenant.removeRolePermissions(roleId, remove);
  if (add.length) ctx.tenant.addRolePermissions(roleId, add);
}

function setUserRoles(ctx: Auth0Context, userId: string, wanted: readonly string[]): void {
  const held = (orGone(() => ctx.tenant.getUserRoles(userId)) ?? []).map((r) => r.id as string);
  const remove = held.filter((r) => !wanted.includes(r));
  const add = wanted.filter((r) => !held.includes(r));
  if (remove.length) ctx.tenant.removeUserRoles(userId, remove);
  if (add.length) ctx.tenant.assignUserRoles(userId, add);
}

const USER = [
  "email",
  "email_verified",
  "blocked",
  "family_name",
  "given_name",
  "name",
  "nickname",
  "phone_number",
  "phone_verified",
  "picture",
  "username",
];

export const AUTH0_RESOURCES: Record<string, ResourceBehaviour<Auth0Context>> = {
  auth0_resource_server: withCatalogue("auth0_resource_server", {
    create: (p, ctx) => {
      const server = ctx.tenant.createResourceServer({
        ...body(p, RESOURCE_SERVER),
        name: str(p.name) || null,
        token_lifetime: typeof p.token_lifetime === "number" ? p.token_lifetime : null,
        ...proofOfPossessionBody(p),
      });
      return { ...pick(server, RESOURCE_SERVER), id: server.id, signing_secret: server.signing_secret ?? "", client_id: "", is_system: false };
    },
    update: (p, prior, ctx) => {
      const { identifier: _identifier, ...fields } = body(p, RESOURCE_SERVER);
      return pick(ctx.tenant.updateResourceServer(str(prior.id), fields), RESOURCE_SERVER);
    },
    delete: (prior, ctx) => ctx.tenant.deleteResourceServer(str(prior.id) || str(prior.identifier)),
    read: (prior, ctx) => {
      const server = orGone(() => ctx.tenant.getResourceServer(str(prior.id)));
      return server && { ...pick(server, RESOURCE_SERVER), id: server.id, is_system: !!server.is_system };
    },
    importState: (id) => ({ id }),
  }),
  // Authoritative: the API's scopes become exactly the configured ones (PATCH of the resource server's scopes).
  auth0_resource_server_scopes: withCatalogue("auth0_resource_server_scopes", {
    create: (p, ctx) => {
      const identifier = str(p.resource_server_identifier);
      const wanted = scopeBody(p);
      // An API this tenant does not hold answers 404 to the provider; the stand-in does not check references (api/management.ts).
      const held: Json[] = orGone(() => ctx.tenant.getResourceServer(identifier))?.scopes ?? [];
      checkProvider(AUTH0_CATALOGUE.auth0_resource_server_scopes, "no-scopes-to-erase", erasedScopes(identifier, wanted, held));
      ctx.tenant.updateResourceServer(identifier, { scopes: wanted });
      return { id: identifier };
    },
    update: (p, _prior, ctx) => {
      ctx.tenant.updateResourceServer(str(p.resource_server_identifier), { scopes: scopeBody(p) });
      return {};
    },
    delete: (prior, ctx) => void orGone(() => ctx.tenant.updateResourceServer(str(prior.resource_server_identifier), { scopes: [] })),
    read: (prior, ctx) => {
      const server = orGone(() => ctx.tenant.getResourceServer(str(prior.resource_server_identifier) || str(prior.id)));
      return server && { id: server.identifier, resource_server_identifier: server.identifier, scopes: scopesOf(server) };
    },
    importState: (id) => ({ id, resource_server_identifier: id }),
  }),
  auth0_role: withCatalogue("auth0_role", {
    create: (p, ctx) => ({ id: ctx.tenant.createRole({ name: str(p.name), description: str(p.description) }).id }),
    update: (p, prior, ctx) => {
      ctx.tenant.updateRole(str(prior.id), { name: str(p.name), description: str(p.description) });
      return {};
    },
    delete: (prior, ctx) => ctx.tenant.deleteRole(str(prior.id)),
    read: (prior, ctx) => {
      const role = orGone(() => ctx.tenant.getRole(str(prior.id)));
      return role && { id: role.id, name: role.name, description: role.description || null };
    },
    importState: (id) => ({ id }),
  }),
  auth0_role_permissions: withCatalogue("auth0_role_permissions", {
    create: (p, ctx) => {
      setRolePermissions(ctx, str(p.role_id), permissionsOf(p));
      return { id: str(p.role_id) };
    },
    update: (p, _prior, ctx) => {
      setRolePermissions(ctx, str(p.role_id), permissionsOf(p));
      return {};
    },
    delete: (prior, ctx) => void orGone(() => setRolePermissions(ctx, str(prior.role_id), [])),
    read: (prior, ctx) => {
      const roleId = str(prior.role_id) || str(prior.id);
      const held = orGone(() => ctx.tenant.getRolePermissions(roleId));
      return (
        held && {
          id: roleId,
          role_id: roleId,
          permissions: held.map((x) => ({ name: x.permission_name, resource_server_identifier: x.resource_server_identifier })),
        }
      );
    },
    importState: (id) => ({ id, role_id: id }),
  }),
  auth0_client: withCatalogue("auth0_client", {
    // The client id is the resource id, as the provider sets both from the created client.
    create: (p, ctx) => clientAttributes(ctx.tenant.createClient(clientBody(p))),
    update: (p, prior, ctx) => clientAttributes(ctx.tenant.updateClient(str(prior.id), clientBody(p, prior))),
    delete: (prior, ctx) => ctx.tenant.deleteClient(str(prior.id)),
    read: (prior, ctx) => {
      const client = orGone(() => ctx.tenant.getClient(str(prior.id)));
      return client && clientAttributes(client);
    },
    importState: (id) => ({ id }),
  }),
  auth0_client_grant: withCatalogue("auth0_client_grant", {
    create: (p, ctx) => {
      const grant = ctx.tenant.createClientGrant({
        client_id: str(p.client_id),
        audience: str(p.audience),
        scope: Array.isArray(p.scopes) ? p.scopes : [],
        subject_type: str(p.subject_type) || "client",
      });
      return { id: grant.id, is_system: false, subject_type: grant.subject_type };
    },
    update: (p, prior, ctx) => {
      ctx.tenant.updateClientGrant(str(prior.id), { scope: Array.isArray(p.scopes) ? p.scopes : [] });
      return {};
    },
    delete: (prior, ctx) => ctx.tenant.deleteClientGrant(str(prior.id)),
    read: (prior, ctx) => {
      const grant = orGone(() => ctx.tenant.getClientGrant(str(prior.id)));
      return (
        grant && {
          id: grant.id,
          client_id: grant.client_id,
          audience: grant.audience,
          scopes: grant.scope ?? [],
          subject_type: grant.subject_type ?? null,
          is_system: !!grant.is_system,
        }
      );
    },
    importState: (id) => ({ id }),
  }),
  auth0_user: withCatalogue("auth0_user", {
    create: (p, ctx) => {
      const user = ctx.tenant.createUser({
        ...body(p, USER),
        connection: str(p.connection_name),
        password: str(p.password) || undefined,
        user_id: str(p.user_id) || null,
      });
      return { id: user.user_id, user_id: user.user_id };
    },
    update: (p, prior, ctx) => {
      refuseSimultaneousChanges(p, prior);
      ctx.tenant.updateUser(str(prior.id), {
        ...body(p, USER),
        ...(p.password !== prior.password && str(p.password) ? { password: str(p.password) } : {}),
      });
      return {};
    },
    delete: (prior, ctx) => ctx.tenant.deleteUser(str(prior.id)),
    read: (prior, ctx) => {
      const user = orGone(() => ctx.tenant.getUser(str(prior.id)));
      return (
        user && {
          ...pick(
            user,
            USER.filter((f) => user[f] !== undefined),
          ),
          id: user.user_id,
          user_id: user.user_id,
          connection_name: user.identities?.[0]?.connection ?? null,
        }
      );
    },
    importState: (id) => ({ id }),
  }),
  auth0_user_roles: withCatalogue("auth0_user_roles", {
    create: (p, ctx) => {
      setUserRoles(ctx, str(p.user_id), rolesOf(p));
      return { id: str(p.user_id) };
    },
    update: (p, _prior, ctx) => {
      setUserRoles(ctx, str(p.user_id), rolesOf(p));
      return {};
    },
    delete: (prior, ctx) => void orGone(() => setUserRoles(ctx, str(prior.user_id), [])),
    read: (prior, ctx) => {
      const userId = str(prior.user_id) || str(prior.id);
      const roles = orGone(() => ctx.tenant.getUserRoles(userId));
      return roles && { id: userId, user_id: userId, roles: roles.map((r) => r.id as string) };
    },
    importState: (id) => ({ id, user_id: id }),
  }),
  // Create and update deploy when `deploy` is set, and answer once the version is deployed (deployAction, waitForActionDeployed).
  auth0_action: withCatalogue("auth0_action", {
    create: (p, ctx) => {
      const created = ctx.tenant.createAction(actionBody(p));
      const version = p.deploy === true ? ctx.tenant.deployAction(created.id) : undefined;
      return { id: created.id, runtime: created.runtime, ...(version ? { version_id: version.id } : {}) };
    },
    update: (p, prior, ctx) => {
      const id = str(prior.id);
      ctx.tenant.updateAction(id, actionBody(p, prior));
      const version = p.deploy === true ? ctx.tenant.deployAction(id) : undefined;
      return { runtime: ctx.tenant.getAction(id).runtime, ...(version ? { version_id: version.id } : {}) };
    },
    delete: (prior, ctx) => ctx.tenant.deleteAction(str(prior.id)),
    read: (prior, ctx) => {
      const found = orGone(() => ctx.tenant.getAction(str(prior.id)));
      return found && actionAttributes(found);
    },
    importState: (id) => ({ id }),
    // deployAction: data.Set("version_id", …) after each deploy, though the plan kept the prior version's id.
    setOnApply: ["version_id"],
  }),
  // One trigger's bindings, authoritatively: create and update replace them, delete empties them (resource_trigger_actions.go).
  auth0_trigger_actions: withCatalogue("auth0_trigger_actions", {
    create: (p, ctx) => {
      setBindings(ctx, str(p.trigger), p);
      return { id: str(p.trigger) };
    },
    update: (p, prior, ctx) => {
      setBindings(ctx, str(prior.id) || str(p.trigger), p);
      return {};
    },
    delete: (prior, ctx) => setBindings(ctx, str(prior.id) || str(prior.trigger), undefined),
    read: (prior, ctx) => {
      const trigger = str(prior.id) || str(prior.trigger);
      return { id: trigger, trigger, actions: bindingsOf(ctx, trigger) };
    },
    importState: (id) => ({ id, trigger: id }),
  }),
};

/**
 * expandProofOfPossession: the block's attributes the configuration sets (an unknown computed one
 * is unset there), none when `disable` is true.
 */
function proofOfPossessionBody(p: Obj): Json {
  const block = first(p.proof_of_possession);
  if (!block || block.disable === true) return {};
  const fields = body(block, ["mechanism", "required", "required_for"]);
  return Object.keys(fields).length ? { proof_of_possession: fields } : {};
}

/**
 * guardAgainstErasingUnwantedScopes: scopes the API has that the configuration would replace
 * (cmp.Equal of the two lists, in order), with a diff of them: configuration "-", API "+".
 */
function erasedScopes(identifier: string, wanted: readonly Json[], held: readonly Json[]): Record<string, string>[] {
  const line = (s: Json) => `{Value: &${JSON.stringify(String(s.value))}, Description: &${JSON.stringify(String(s.description ?? ""))}}`;
  const same = wanted.length === held.length && wanted.every((w, i) => line(w) === line(held[i]));
  if (held.length === 0 || same) return [];
  const diff = ["  []management.ResourceServerScope{", ...wanted.map((s) => `- \t${line(s)},`), ...held.map((s) => `+ \t${line(s)},`), "  }"];
  return [{ identifier, diff: diff.join("\n") }];
}

/** The objects of a list or set block, as the provider's expand* functions read them. */
const blocks = (v: Value | undefined): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);

/** expandAction: the body of a create or update (internal/auth0/action/expand.go at v1.55.0). */
function actionBody(p: Obj, prior?: Obj): Json {
  const changed = (name: string) => !prior || JSON.stringify(p[name] ?? []) !== JSON.stringify(prior[name] ?? []);
  const pairs = (name: string, fields: readonly string[]) => blocks(p[name]).map((b) => Object.fromEntries(fields.map((f) => [f, str(b[f])])));
  return {
    name: str(p.name),
    code: str(p.code),
    ...(set(p.runtime) ? { runtime: str(p.runtime) } : {}),
    supported_triggers: pairs("supported_triggers", ["id", "version"]),
    // Sent only when they change ("Prevent sending secrets and dependencies config if no changes triggered", v1.x CHANGELOG).
    ...(changed("dependencies") ? { dependencies: pairs("dependencies", ["name", "version"]) } : {}),
    ...(changed("secrets") ? { secrets: pairs("secrets", ["name", "value"]) } : {}),
  };
}

/** flattenAction: what a read sets (no secrets: the API answers their names only, and the state keeps the configured ones). */
function actionAttributes(a: Json): Obj {
  const pairs = (list: unknown, fields: readonly string[]) =>
    (Array.isArray(list) ? list : []).map((x: Json) => Object.fromEntries(fields.map((f) => [f, x?.[f] ?? ""])));
  return {
    id: a.id,
    name: a.name,
    code: a.code ?? "",
    runtime: a.runtime === "node18-actions" ? "node18" : (a.runtime ?? ""),
    supported_triggers: pairs(a.supported_triggers, ["id", "version"]),
    dependencies: pairs(a.dependencies, ["name", "version"]),
    ...(a.deployed_version ? { version_id: a.deployed_version.id } : {}),
  };
}

/** The trigger's bindings as the resource holds them: each Action's id and display name, in order. */
function bindingsOf(ctx: Auth0Context, trigger: string): Obj[] {
  return ctx.tenant.getBindings(trigger).map((b) => ({ id: b.action?.id ?? b.action_id, display_name: b.display_name }));
}

function setBindings(ctx: Auth0Context, trigger: string, p: Obj | undefined): void {
  ctx.tenant.updateBindings(
    trigger,
    blocks(p?.actions).map((a) => ({ ref: { type: "action_id" as const, value: str(a.id) }, display_name: str(a.display_name) })),
  );
}

/**
 * user/resource.go updateUser → validateUser (v1.55.0): of username, password and email_verified,
 * no two may change in one update (expandUser sends a field when it changed and is not null); the
 * errors joined by go-multierror, before any call.
 */
function refuseSimultaneousChanges(p: Obj, prior: Obj): void {
  const sent = (f: string) => p[f] !== null && p[f] !== undefined && !same(p[f], prior[f]);
  const pairs: [string, string][] = [
    ["username", "password"],
    ["username", "email_verified"],
    ["password", "email_verified"],
  ];
  const errors = pairs.filter(([a, b]) => sent(a) && sent(b)).map(([a, b]) => `cannot update ${a} and ${b} simultaneously`);
  if (errors.length > 0) throw new ProviderError(multierrorText(errors));
}

function scopeBody(p: Obj): Json[] {
  return (Array.isArray(p.scopes) ? p.scopes : []).filter(isObj).map((s) => ({ value: str(s.name), description: str(s.description) }));
}
