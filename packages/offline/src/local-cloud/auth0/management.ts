// The tenant's Management API v2 over HTTPS (as Auth0 serves it, so the `auth0` SDK and the
// Auth0 CLI can be pointed at it by domain): POST /oauth/token for the local management client
// (client credentials, audience https://<domain>/api/v2/), then Bearer calls to /api/v2/…
// onto the local tenant's ManagementApi, errors in Auth0's shape
// ({"statusCode":404,"error":"Not Found","message":…,"errorCode":…}).
import { randomBytes, timingSafeEqual } from "node:crypto";
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from "node:http";
import type { ManagementApi, Permission } from "@apigw-auth0-rbac/local-providers/cloud";
import { ServiceError } from "@apigw-auth0-rbac/local-providers/cloud";
import { MAX_FORM_BYTES } from "../../emulator/http/util";
import { BodyRefused, bodyText, closeIfBodyUnread } from "../bodies";
import { internalFailure } from "../failures";

type Json = Record<string, any>;
/** A token request: a form or JSON of four short fields (the same bound as the stand-in's token endpoint). */
const TOKEN_BODY = MAX_FORM_BYTES;
/** A Management API call: a bound of ours (Auth0 documents none for these endpoints), far above the objects they take. */
const CALL_BODY = 1024 * 1024;
const tooLarge = (limit: number) => `the request body is larger than ${limit} bytes`;
/** Auth0's default lifetime of a Management API token issued to a machine-to-machine client. */
const TOKEN_SECONDS = 86400;

export interface ManagementCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errorCode?: string,
  ) {
    super(message);
  }
}

/** An error of the caller's or the tenant's, in Auth0's words; undefined for anything else (a 500). */
function knownError(err: unknown): HttpError | undefined {
  if (err instanceof ServiceError) return new HttpError(err.status, err.message, err.code);
  if (err instanceof BodyRefused) return new HttpError(err.status, err.message, err.status === 400 ? "invalid_body" : undefined);
  return err instanceof HttpError ? err : undefined;
}

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

function send(res: ServerResponse, status: number, body?: unknown): void {
  const text = body === undefined ? "" : JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/** A list, or Auth0's page of it when include_totals=true (`{ <name>: [...], start, limit, total }`). */
function page(url: URL, name: string, items: readonly Json[]): unknown {
  const perPage = Math.min(Number(url.searchParams.get("per_page") ?? 50) || 50, 100);
  const pageNo = Number(url.searchParams.get("page") ?? 0) || 0;
  const slice = items.slice(pageNo * perPage, pageNo * perPage + perPage);
  return url.searchParams.get("include_totals") === "true"
    ? { [name]: slice, start: pageNo * perPage, limit: perPage, length: slice.length, total: items.length }
    : slice;
}

export class LocalManagementApi {
  readonly name = "local cloud (auth0)";
  /** Access tokens issued by this server, with their expiry (seconds since the epoch). */
  private readonly tokens = new Map<string, number>();

  constructor(
    private readonly tenant: ManagementApi,
    private readonly credentials: ManagementCredentials,
    /** https://127.0.0.1:<port>: the audience is <base>/api/v2/, and the tenant's domain's. */
    private readonly audiences: () => readonly string[],
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse, base: string): Promise<void> {
    const url = new URL(req.url ?? "/", base);
    try {
      if (url.pathname === "/oauth/token" && req.method === "POST")
        return send(res, 200, this.token(this.bodyOf(req, await bodyText(req, TOKEN_BODY, tooLarge))));
      if (!url.pathname.startsWith("/api/v2/"))
        throw new HttpError(404, `the local cloud serves the Management API (/api/v2/) and /oauth/token; not ${url.pathname}`);
      // The token before a byte of the body is read.
      this.authorize(req);
      const parts = url.pathname.slice("/api/v2/".length).split("/").filter(Boolean).map(decodedSegment);
      const body = this.bodyOf(req, await bodyText(req, CALL_BODY, tooLarge));
      const answer = this.call(req.method ?? "GET", parts, body, url);
      if (answer === undefined)
        throw new HttpError(404, `the local cloud does not serve ${req.method} ${url.pathname}; see docs/LOCAL-CLOUD.md for what it serves`);
      send(res, answer.status, answer.body);
    } catch (err) {
      const known = knownError(err) ?? new HttpError(500, internalFailure(this.name, req, err));
      closeIfBodyUnread(req, res);
      send(res, known.status, {
        statusCode: known.status,
        error: STATUS_CODES[known.status] ?? "Error",
        message: known.message,
        ...(known.errorCode ? { errorCode: known.errorCode } : {}),
      });
    }
  }

  private bodyOf(req: IncomingMessage, raw: string): Json {
    if (!raw) return {};
    const type = String(req.headers["content-type"] ?? "")
      .split(";")[0]
      .trim();
    if (type === "application/x-www-form-urlencoded") return Object.fromEntries(new URLSearchParams(raw));
    try {
      const parsed = JSON.parse(raw);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed;
    } catch {
      // answered below
    }
    throw new HttpError(400, "Invalid request payload JSON format", "invalid_body");
  }

  /** The client-credentials grant of the local management client, the only client this token endpoint serves. */
  private token(body: Json): Json {
    if (body.grant_type !== "client_credentials")
      throw new HttpError(
        400,
        "the local cloud's token endpoint serves grant_type=client_credentials for its management client",
        "unsupported_grant_type",
      );
    if (
      typeof body.client_id !== "string" ||
      typeof body.client_secret !== "string" ||
      !same(body.client_id, this.credentials.clientId) ||
      !same(body.client_secret, this.credentials.clientSecret)
    ) {
      throw new HttpError(401, "Unauthorized", "access_denied");
    }
    if (body.audience && !this.audiences().includes(body.audience)) throw new HttpError(403, `Service not found: ${body.audience}`, "access_denied");
    const token = randomBytes(32).toString("base64url");
    const now = Math.floor(Date.now() / 1000);
    for (const [t, expiry] of this.tokens) if (expiry <= now) this.tokens.delete(t);
    this.tokens.set(token, now + TOKEN_SECONDS);
    return {
      access_token: token,
      token_type: "Bearer",
      expires_in: TOKEN_SECONDS,
      scope:
        "read:resource_servers create:resource_servers update:resource_servers delete:resource_servers read:roles create:roles update:roles delete:roles read:clients create:clients update:clients delete:clients read:client_grants create:client_grants update:client_grants delete:client_grants read:users create:users update:users delete:users",
    };
  }

  private authorize(req: IncomingMessage): void {
    const token = /^Bearer (\S+)$/.exec(String(req.headers.authorization ?? ""))?.[1];
    const expiry = token ? this.tokens.get(token) : undefined;
    if (!expiry || expiry <= Math.floor(Date.now() / 1000))
      throw new HttpError(401, token ? "Invalid token" : "Missing authentication", "invalid_token");
  }

  /** One Management API call, or undefined when the local cloud does not serve it. */
  private call(method: string, [collection, id, sub, ...rest]: string[], body: Json, url: URL): { status: number; body?: unknown } | undefined {
    const t = this.tenant;
    const ok = (b: unknown, status = 200) => ({ status, body: b });
    if (rest.length) return undefined;
    const crud = (
      list: () => Json[],
      name: string,
      create: (b: Json) => Json,
      get: (id: string) => Json,
      update: (id: string, b: Json) => Json,
      remove: (id: string) => void,
    ) => {
      if (!id && method === "GET") return ok(page(url, name, list()));
      if (!id && method === "POST") return ok(create(body), 201);
      if (id && !sub && method === "GET") return ok(get(id));
      if (id && !sub && method === "PATCH") return ok(update(id, body));
      if (id && !sub && method === "DELETE") {
        get(id);
        remove(id);
        return ok(undefined, 204);
      }
      return undefined;
    };
    switch (collection) {
      case "resource-servers":
        return crud(
          () => t.listResourceServers(),
          "resource_servers",
          (b) => t.createResourceServer(required(b, "identifier")),
          (i) => t.getResourceServer(i),
          (i, b) => t.updateResourceServer(i, b),
          (i) => t.deleteResourceServer(i),
        );
      case "roles":
        if (id && sub === "permissions") {
          if (method === "GET") return ok(page(url, "permissions", t.getRolePermissions(id)));
          if (method === "POST") {
            t.addRolePermissions(id, permissionsOf(body));
            return ok({}, 201);
          }
          if (method === "DELETE") {
            t.removeRolePermissions(id, permissionsOf(body));
            return ok(undefined, 204);
          }
          return undefined;
        }
        if (id && sub === "users" && method === "GET") {
          t.getRole(id);
          return ok(
            page(
              url,
              "users",
              t.listUsers().filter((u) => t.getUserRoles(u.user_id).some((r) => r.id === id)),
            ),
          );
        }
        return crud(
          () => t.listRoles(),
          "roles",
          (b) => t.createRole(required(b, "name")),
          (i) => t.getRole(i),
          (i, b) => t.updateRole(i, b),
          (i) => t.deleteRole(i),
        );
      case "clients":
        return crud(
          () => t.listClients(),
          "clients",
          (b) => t.createClient(required(b, "name")),
          (i) => t.getClient(i),
          (i, b) => t.updateClient(i, b),
          (i) => t.deleteClient(i),
        );
      case "client-grants": {
        const filter = { audience: url.searchParams.get("audience") ?? undefined, client_id: url.searchParams.get("client_id") ?? undefined };
        return crud(
          () => t.listClientGrants(filter),
          "client_grants",
          (b) => t.createClientGrant(required(b, "client_id", "audience")),
          (i) => t.getClientGrant(i),
          (i, b) => t.updateClientGrant(i, b),
          (i) => t.deleteClientGrant(i),
        );
      }
      case "users":
        if (id && sub === "roles") {
          const roles = Array.isArray(body.roles) ? body.roles.filter((r: unknown): r is string => typeof r === "string") : [];
          if (method === "GET") return ok(page(url, "roles", t.getUserRoles(id)));
          if (method === "POST") {
            t.assignUserRoles(id, roles);
            return ok(undefined, 204);
          }
          if (method === "DELETE") {
            t.removeUserRoles(id, roles);
            return ok(undefined, 204);
          }
          return undefined;
        }
        return crud(
          () => t.listUsers(),
          "users",
          (b) => t.createUser(required(b, "connection")),
          (i) => t.getUser(i),
          (i, b) => t.updateUser(i, b),
          (i) => t.deleteUser(i),
        );
      default:
        return undefined;
    }
  }
}

/** A path segment as the SDK encodes an id; malformed escapes are the caller's 400. */
function decodedSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, "malformed percent-encoding in the request path", "invalid_uri");
  }
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
