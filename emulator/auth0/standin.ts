// A local stand-in for the Auth0 tenant the auth0 stack describes: discovery, JWKS and the
// token endpoint, signing real RS256 tokens with Auth0's RBAC rules. Built from the
// synthesized JSON, so it knows exactly the API, roles and users that would be deployed.
import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, jwtVerify, SignJWT, type CryptoKey, type JWK } from "jose";
import { AuthorizationCodes } from "./authorization-codes";
import { createBrowserFlow, type AuthorizeRequest } from "./browser-flow";
import { answering, answerUnparsable, changeVariable, closeServer, listen, readParams, requestTarget, sendJson } from "../http/util";
import { SuspiciousIpThrottling } from "./ip-throttling";
import { LoginAttempts } from "./login-attempts";
import { LoginGuard, samePassword } from "./login-guard";
import { accessTokenClaims, clientCredentialsClaims, permissionsOf } from "./rbac";
import { RefreshTokens } from "./refresh-tokens";
import { createTokenGrants } from "./token-grants";
import type { ClientDefinition, TenantDefinition } from "../synthesized-stacks";

export interface StandInUser {
  readonly email: string;
  readonly password: string;
  readonly roles: readonly string[];
  readonly userId: string;
}

export interface StandInClient extends ClientDefinition {
  readonly clientId: string;
  /** Confidential clients (those allowed client_credentials) get one at every start. */
  readonly clientSecret?: string;
}

export interface Auth0StandInOptions {
  readonly tenant: TenantDefinition;
  /** @default 0 - any free port */
  readonly port?: number;
  /** Passwords by e-mail for the tenant's users; others get a random one. */
  readonly passwords?: Readonly<Record<string, string>>;
  /** Seconds since the epoch; tests move the clock with it. */
  readonly now?: () => number;
}

export interface Auth0StandIn {
  /** `http://127.0.0.1:<port>/`, trailing slash included, as Auth0 writes `iss`. */
  readonly issuer: string;
  readonly port: number;
  readonly users: readonly StandInUser[];
  readonly clients: readonly StandInClient[];
  /** The local client allowed to use the password grant (what `npm run token` uses). */
  readonly cliClient: StandInClient;
  readonly audience: string;
  /** Signs arbitrary claims with the tenant's key (for tests of the authorizer). */
  signJwt(claims: Record<string, unknown>, header?: Record<string, unknown>): Promise<string>;
  readonly jwks: { keys: JWK[] };
  /** How many entries each bounded store holds now. */
  sizes(): Record<string, number>;
  close(): Promise<void>;
}

/** Auth0's error body. */
function auth0Error(res: ServerResponse, status: number, error: string, description: string): void {
  sendJson(res, status, { error, error_description: description });
}

const sha = (value: string) => createHash("sha256").update(value).digest();

/** A client ID derived from the client's name, so a restart does not invalidate a copied one. */
function clientIdFor(name: string): string {
  return sha(`client:${name}`).toString("base64url").replace(/[-_]/g, "").slice(0, 32);
}

export async function startAuth0StandIn(options: Auth0StandInOptions): Promise<Auth0StandIn> {
  const { tenant } = options;
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));

  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const jwks = { keys: [{ ...publicJwk, kid, alg: "RS256", use: "sig" }] };

  // The model's users, plus a demo user for every role none of them holds, so every role can be tried.
  const covered = new Set(tenant.users.flatMap((u) => u.roles));
  const demoUsers = tenant.roles
    .filter((r) => !covered.has(r.name))
    .map((r) => ({ email: `${r.name}@example.test`, roles: [r.name] }));
  const users: StandInUser[] = [...tenant.users, ...demoUsers].map((u) => ({
    email: u.email,
    roles: u.roles,
    password: options.passwords?.[u.email] ?? randomBytes(12).toString("base64url"),
    userId: `auth0|${sha(u.email.toLowerCase()).toString("hex").slice(0, 24)}`,
  }));
  const clients: StandInClient[] = tenant.clients.map((c) => ({
    ...c,
    clientId: c.clientId ?? clientIdFor(c.name),
    ...(c.grantTypes.includes("client_credentials") ? { clientSecret: randomBytes(32).toString("base64url") } : {}),
  }));
  const cliClient: StandInClient = {
    name: "Local token CLI (stand-in only)",
    appType: "non_interactive",
    grantTypes: ["password"],
    callbacks: [],
    logoutUrls: [],
    webOrigins: [],
    rotatingRefreshTokens: false,
    refreshTokenLifetimeSeconds: 0,
    refreshTokenIdleLifetimeSeconds: 0,
    clientId: clientIdFor("local-token-cli"),
  };
  const allClients = [...clients, cliClient];

  let issuer = "";
  const sign = (claims: Record<string, unknown>, header: Record<string, unknown> = {}) =>
    new SignJWT(claims).setProtectedHeader({ alg: "RS256", typ: "JWT", kid, ...header }).sign(privateKey as CryptoKey);

  const accessTokenFor = (user: StandInUser, client: StandInClient, requestedScopes: string[], grantType: string) =>
    accessTokenClaims({
      issuer,
      subject: user.userId,
      clientId: client.clientId,
      grantType,
      now: now(),
      grant: { api: tenant.api, requestedScopes, userPermissions: permissionsOf(tenant, user.roles) },
    });

  const attempts = new LoginAttempts(now);
  const throttling = new SuspiciousIpThrottling(now);
  const login = new LoginGuard(users, attempts, throttling);
  const codes = new AuthorizationCodes<AuthorizeRequest>(now);
  const refreshTokens = new RefreshTokens(now);
  const browser = createBrowserFlow({ tenant, issuer: () => issuer, clients, now, login, codes });
  const grants = createTokenGrants({
    tenant,
    issuer: () => issuer,
    users,
    now,
    sign: (claims) => sign(claims),
    accessTokenClaims: accessTokenFor,
    codes,
    refreshTokens,
    verify: async (token) => {
      try {
        return (await jwtVerify(token, publicKey, { issuer, algorithms: ["RS256"], currentDate: new Date(now() * 1000) })).payload;
      } catch {
        return undefined;
      }
    },
  });
  /** Expired codes and refresh-token families go at once rather than when their owner comes back. */
  const sweeper = setInterval(() => {
    codes.sweep();
    refreshTokens.sweep();
  }, 30_000);
  sweeper.unref();

  /** Browsers may call the token and userinfo endpoints from a client's web origins only. */
  function corsHeaders(req: IncomingMessage): Record<string, string> {
    const origin = req.headers.origin;
    if (typeof origin !== "string" || !clients.some((c) => c.webOrigins.includes(origin))) return {};
    return {
      "access-control-allow-origin": origin,
      "access-control-allow-methods": "GET, POST",
      "access-control-allow-headers": "authorization, content-type, auth0-client",
      "access-control-max-age": "600",
      vary: "origin",
    };
  }

  /** The checks Auth0 makes of a token request for the API before it looks at who asks: answered when they fail. */
  function grantAllowed(res: ServerResponse, client: StandInClient, grantType: string, audience: string | undefined): boolean {
    if (!client.grantTypes.includes(grantType)) {
      auth0Error(res, 403, "unauthorized_client", `Grant type '${grantType}' not allowed for the client.`);
    } else if (!audience) {
      auth0Error(res, 403, "access_denied", "No audience parameter was provided, and no default audience has been configured");
    } else if (audience !== tenant.api.identifier) {
      auth0Error(res, 403, "access_denied", `Service not found: ${audience}`);
    } else return true;
    return false;
  }

  async function passwordGrant(req: IncomingMessage, res: ServerResponse, params: Record<string, string>, client: StandInClient): Promise<void> {
    if (!grantAllowed(res, client, "password", params.audience)) return;
    const outcome = login.attempt(String(params.username ?? ""), String(params.password ?? ""), req.socket.remoteAddress ?? "");
    if (!outcome.ok) return auth0Error(res, outcome.status, outcome.error, outcome.description);
    const requestedScopes = String(params.scope ?? "").split(" ").filter(Boolean);
    const claims = accessTokenFor(outcome.user, client, requestedScopes, "password");
    sendJson(res, 200, {
      access_token: await sign(claims),
      token_type: "Bearer",
      expires_in: tenant.api.tokenLifetimeSeconds,
      scope: claims.scope,
    });
  }

  async function clientCredentialsGrant(res: ServerResponse, params: Record<string, string>, client: StandInClient): Promise<void> {
    // The client authenticates first (client_secret_post, what non_interactive clients get).
    if (!client.clientSecret || !samePassword(String(params.client_secret ?? ""), client.clientSecret)) {
      return auth0Error(res, 401, "access_denied", "Unauthorized");
    }
    if (!grantAllowed(res, client, "client_credentials", params.audience)) return;
    if (!client.apiGrant) {
      return auth0Error(
        res,
        403,
        "access_denied",
        `Client is not authorized to access "${params.audience}". You need to create a "client-grant" associated to this API. See: https://auth0.com/docs/api/v2#!/Client_Grants/post_client_grants`,
      );
    }
    const claims = clientCredentialsClaims({
      issuer,
      clientId: client.clientId,
      now: now(),
      api: tenant.api,
      granted: client.apiGrant,
      requestedScopes: String(params.scope ?? "").split(" ").filter(Boolean),
    });
    sendJson(res, 200, {
      access_token: await sign(claims),
      token_type: "Bearer",
      expires_in: tenant.api.tokenLifetimeSeconds,
      scope: claims.scope,
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const cors = corsHeaders(req);
    for (const [name, value] of Object.entries(cors)) res.setHeader(name, value);
    const { path, rawQuery } = requestTarget(req.url);
    const query = new URLSearchParams(rawQuery);
    if (req.method === "OPTIONS" && (path === "/oauth/token" || path === "/oauth/revoke" || path === "/userinfo")) {
      res.writeHead(204);
      res.end();
      return;
    }
    if (req.method === "GET" && path === "/authorize") return browser.authorize(req, res, query);
    if (req.method === "POST" && path === "/u/login") return browser.login(req, res);
    if (req.method === "GET" && path === "/v2/logout") return browser.logout(res, query);
    if (req.method === "GET" && path === "/userinfo") return grants.userinfo(req, res);
    if (path === "/oauth/revoke") {
      if (req.method !== "POST") return sendJson(res, 405, { error: "invalid_request", error_description: "Use POST" }, { allow: "POST" });
      const params = await readParams(req);
      return grants.revoke(res, params, allClients.find((c) => c.clientId === params.client_id));
    }
    if (req.method === "GET" && path === "/.well-known/openid-configuration") {
      return sendJson(res, 200, {
        issuer,
        authorization_endpoint: `${issuer}authorize`,
        token_endpoint: `${issuer}oauth/token`,
        userinfo_endpoint: `${issuer}userinfo`,
        revocation_endpoint: `${issuer}oauth/revoke`,
        jwks_uri: `${issuer}.well-known/jwks.json`,
        response_types_supported: ["code"],
        response_modes_supported: ["query", "fragment", "form_post", "web_message"],
        end_session_endpoint: `${issuer}v2/logout`,
        grant_types_supported: ["authorization_code", "refresh_token", "password", "client_credentials"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256"],
        token_endpoint_auth_methods_supported: ["none", "client_secret_post"],
        scopes_supported: ["openid", "profile", "email", "offline_access", ...tenant.api.scopes],
        code_challenge_methods_supported: ["S256"],
      });
    }
    if (req.method === "GET" && path === "/.well-known/jwks.json") return sendJson(res, 200, jwks);
    if (path === "/oauth/token") {
      if (req.method !== "POST") return sendJson(res, 405, { error: "invalid_request", error_description: "Use POST" }, { allow: "POST" });
      const params = await readParams(req);
      if (!params.grant_type) return auth0Error(res, 400, "invalid_request", "Missing required parameter: grant_type");
      const client = allClients.find((c) => c.clientId === params.client_id);
      if (!client) return auth0Error(res, 401, "access_denied", "Unauthorized");
      switch (params.grant_type) {
        case "password":
          return passwordGrant(req, res, params, client);
        case "authorization_code":
          return grants.authorizationCodeGrant(res, params, client);
        case "refresh_token":
          return grants.refreshTokenGrant(res, params, client);
        case "client_credentials":
          return clientCredentialsGrant(res, params, client);
        default:
          return auth0Error(res, 403, "unsupported_grant_type", `Unsupported grant type: ${params.grant_type}`);
      }
    }
    sendJson(res, 404, { error: "not_found", error_description: `No ${req.method} ${path} on this stand-in` });
  }

  const server: Server = createServer(
    answering("auth0 stand-in", handle, (res, status, message) =>
      status === 500
        ? auth0Error(res, 500, "server_error", "Internal error of the stand-in")
        : auth0Error(res, status, "invalid_request", `Could not read the request: ${message}`),
    ),
  );
  answerUnparsable(server, (_status, reason) => ({
    contentType: "application/json; charset=utf-8",
    body: JSON.stringify({ error: "invalid_request", error_description: `Could not read the request: ${reason}` }),
  }));
  const port = await listen(server, options.port ?? 0, changeVariable("AUTH0_PORT", options.port ?? 0));
  issuer = `http://127.0.0.1:${port}/`;

  return {
    issuer,
    port,
    users,
    clients,
    cliClient,
    audience: tenant.api.identifier,
    jwks,
    signJwt: sign,
    sizes: () => ({ ...browser.sizes(), codes: codes.size, refreshTokenFamilies: refreshTokens.size, loginAttempts: attempts.size, throttledAddresses: throttling.size }),
    close: async () => {
      browser.close();
      clearInterval(sweeper);
      await closeServer(server);
    },
  };
}
