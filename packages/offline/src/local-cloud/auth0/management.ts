// The tenant's Management API v2 over HTTPS (as Auth0 serves it, so the `auth0` SDK and the
// Auth0 CLI can be pointed at it by domain): POST /oauth/token for the local management client
// (client credentials, audience https://<domain>/api/v2/), then Bearer calls to /api/v2/…
// onto the local tenant's ManagementApi, errors in Auth0's shape
// ({"statusCode":404,"error":"Not Found","message":…,"errorCode":…}).
import { randomBytes, timingSafeEqual } from "node:crypto";
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from "node:http";
import type { ManagementApi } from "@apigw-auth0-rbac/local-providers/cloud";
import { ServiceError } from "@apigw-auth0-rbac/local-providers/cloud";
import { MAX_FORM_BYTES } from "../../emulator/http/util";
import { BodyRefused, bodyText, closeIfBodyUnread } from "../bodies";
import { internalFailure } from "../failures";
import { HttpError } from "./http-error";
import { type Answer, MANAGEMENT_ROUTES } from "./management-routes";

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
        "read:resource_servers create:resource_servers update:resource_servers delete:resource_servers read:roles create:roles update:roles delete:roles read:clients create:clients update:clients delete:clients read:client_grants create:client_grants update:client_grants delete:client_grants read:users create:users update:users delete:users read:actions create:actions update:actions delete:actions",
    };
  }

  private authorize(req: IncomingMessage): void {
    const token = /^Bearer (\S+)$/.exec(String(req.headers.authorization ?? ""))?.[1];
    const expiry = token ? this.tokens.get(token) : undefined;
    if (!expiry || expiry <= Math.floor(Date.now() / 1000))
      throw new HttpError(401, token ? "Invalid token" : "Missing authentication", "invalid_token");
  }

  /** One Management API call, or undefined when the local cloud does not serve it. */
  private call(method: string, segments: string[], body: Json, url: URL): Answer | undefined {
    // The Actions API nests its collections one level down (actions/actions, actions/triggers).
    const group = segments[0] === "actions" ? "actions/" : "";
    const [collection, id, sub, ...rest] = group ? segments.slice(1) : segments;
    if (rest.length) return undefined;
    // Built from the request's own segments, looked up in a Map: a segment is never a key of an object.
    const route = MANAGEMENT_ROUTES.get(`${method} ${group}${collection}${id ? "/:id" : ""}${sub ? `/${sub}` : ""}`);
    return route?.({ tenant: this.tenant, id: id ?? "", body, url });
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
