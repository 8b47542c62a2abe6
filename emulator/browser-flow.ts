// The browser side of the Auth0 stand-in, as Auth0 does it for a single-page app:
// /authorize (authorization code with PKCE S256) with a login form, the code and refresh
// token grants (rotation when the client asks for it), /userinfo and /v2/logout.
// A client or redirect URI that is not registered gets an error page, never a redirect.
import { createHash, randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { LRUCache } from "lru-cache";
import { readParams, sendJson } from "./http-util";
import type { StandInClient, StandInUser } from "./auth0-standin";
import type { LoginAttempts } from "./login-attempts";
import { OIDC_SCOPES } from "./rbac";
import type { TenantDefinition } from "./synthesized-stacks";

/** Auth0 authorization codes are short-lived and single-use. */
export const CODE_LIFETIME_SECONDS = 60;
/** Auth0's default ID token lifetime. */
const ID_TOKEN_LIFETIME_SECONDS = 36000;
/** How long a login form may be left open. */
export const TRANSACTION_LIFETIME_SECONDS = 600;
/** Auth0's opaque access tokens (no audience) are good for /userinfo for a day. */
export const OPAQUE_TOKEN_LIFETIME_SECONDS = 86400;
/**
 * What the stand-in keeps at most, oldest dropped first: a flood of /authorize requests
 * cannot grow memory past these.
 */
export const STORE_LIMITS = { pendingTransactions: 1000, codes: 1000, refreshTokens: 10_000, opaqueTokens: 10_000 } as const;
/** The response modes Auth0 supports for the authorization code flow. */
export const RESPONSE_MODES = ["query", "fragment", "form_post", "web_message"] as const;
/** RFC 7636 §4.1: 43 to 128 characters of the unreserved set. */
const CODE_VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;
/** RFC 7636 §4.2: BASE64URL(SHA256(verifier)) is always 43 characters. */
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

export interface BrowserFlowContext {
  readonly tenant: TenantDefinition;
  readonly issuer: () => string;
  readonly users: readonly StandInUser[];
  readonly clients: readonly StandInClient[];
  readonly now: () => number;
  readonly sign: (claims: Record<string, unknown>) => Promise<string>;
  /** Access-token claims for a user (Auth0 RBAC), or undefined when no audience was asked for. */
  readonly accessTokenClaims: (user: StandInUser, client: StandInClient, requestedScopes: string[], grantType: string) => Record<string, unknown>;
  readonly checkPassword: (user: StandInUser | undefined, password: string) => boolean;
  /** Verifies a token this stand-in signed; undefined when it did not. */
  readonly verify: (token: string) => Promise<Record<string, unknown> | undefined>;
  /** Brute-force protection, shared with the password grant. */
  readonly attempts: LoginAttempts;
}

interface AuthorizeRequest {
  readonly client: StandInClient;
  readonly redirectUri: string;
  readonly state?: string;
  readonly nonce?: string;
  readonly audience?: string;
  readonly scope: string[];
  readonly codeChallenge: string;
  readonly responseMode: (typeof RESPONSE_MODES)[number];
  readonly expiresAt: number;
}

interface IssuedCode {
  readonly request: AuthorizeRequest;
  readonly user: StandInUser;
  readonly expiresAt: number;
  used: boolean;
  /** Refresh-token families issued from this code, revoked if the code is replayed. */
  readonly families: Set<string>;
}

interface RefreshToken {
  readonly client: StandInClient;
  readonly user: StandInUser;
  readonly audience?: string;
  readonly scope: string[];
  readonly family: string;
  /** The family's absolute end, and this token's idle end (the client's refresh_token settings). */
  readonly familyExpiresAt: number;
  readonly idleExpiresAt: number;
  used: boolean;
}

interface OpaqueToken {
  readonly user: StandInUser;
  readonly scope: string[];
  readonly expiresAt: number;
}

/** A store that forgets entries after `seconds` of real time and never holds more than `max`. */
function bounded<V extends {}>(max: number, seconds: number): LRUCache<string, V> {
  return new LRUCache<string, V>({ max, ttl: seconds * 1000, ttlAutopurge: false, updateAgeOnGet: false });
}

const random = () => randomBytes(32).toString("base64url");
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(res: ServerResponse, status: number, title: string, body: string): void {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "x-frame-options": "DENY" });
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>body{font-family:system-ui,sans-serif;max-width:26rem;margin:4rem auto;padding:0 1rem;color:#1f2933}
h1{font-size:1.3rem}label{display:block;margin:.8rem 0 .2rem}input{width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box}
button{margin-top:1rem;padding:.6rem 1.2rem;font-size:1rem}.error{color:#b00020;font-weight:600}.hint{color:#52606d;font-size:.85rem}</style>
</head><body>${body}</body></html>`);
}

/** Auth0's "Oops" page: for requests that must not be redirected anywhere. */
function errorPage(res: ServerResponse, error: string, description: string): void {
  page(res, 400, "Error", `<h1>Oops!, something went wrong</h1><p class="error" id="error">${escapeHtml(error)}</p><p id="error-description">${escapeHtml(description)}</p>`);
}

function tokenError(res: ServerResponse, status: number, error: string, description: string): void {
  sendJson(res, status, { error, error_description: description });
}

export function createBrowserFlow(ctx: BrowserFlowContext) {
  const transactions = bounded<AuthorizeRequest>(STORE_LIMITS.pendingTransactions, TRANSACTION_LIFETIME_SECONDS);
  const codes = bounded<IssuedCode>(STORE_LIMITS.codes, CODE_LIFETIME_SECONDS);
  const refreshTokens = bounded<RefreshToken>(STORE_LIMITS.refreshTokens, Math.max(1, ...ctx.clients.map((c) => c.refreshTokenLifetimeSeconds)));
  const opaqueTokens = bounded<OpaqueToken>(STORE_LIMITS.opaqueTokens, OPAQUE_TOKEN_LIFETIME_SECONDS);
  /** Expired entries go at once rather than when pushed out by newer ones. */
  const sweeper = setInterval(() => {
    transactions.purgeStale();
    codes.purgeStale();
    refreshTokens.purgeStale();
    opaqueTokens.purgeStale();
  }, 30_000);
  sweeper.unref();

  /** Sends the browser back to the app: only ever to a registered redirect URI, in the request's response mode. */
  function redirectBack(res: ServerResponse, request: AuthorizeRequest, params: Record<string, string | undefined>): void {
    const values = Object.fromEntries(Object.entries({ ...params, state: request.state }).filter(([, v]) => v !== undefined)) as Record<string, string>;
    switch (request.responseMode) {
      case "web_message": {
        const origin = new URL(request.redirectUri).origin;
        const message = JSON.stringify({ type: "authorization_response", response: values });
        res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
        res.end(`<!doctype html><script>(window.opener||window.parent).postMessage(${message.replace(/</g, "\\u003c")},${JSON.stringify(origin)})</script>`);
        return;
      }
      case "form_post": {
        const inputs = Object.entries(values).map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`).join("");
        res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
        res.end(`<!doctype html><html><body onload="document.forms[0].submit()"><form method="post" action="${escapeHtml(request.redirectUri)}">${inputs}<noscript><button>Continue</button></noscript></form></body></html>`);
        return;
      }
      case "fragment": {
        const target = new URL(request.redirectUri);
        target.hash = new URLSearchParams(values).toString();
        res.writeHead(302, { location: target.toString(), "cache-control": "no-store" });
        res.end();
        return;
      }
      default: {
        const target = new URL(request.redirectUri);
        for (const [k, v] of Object.entries(values)) target.searchParams.set(k, v);
        res.writeHead(302, { location: target.toString(), "cache-control": "no-store" });
        res.end();
      }
    }
  }

  function loginForm(res: ServerResponse, txn: string, request: AuthorizeRequest, error?: string, email = ""): void {
    page(
      res,
      error ? 401 : 200,
      `Log in to ${ctx.tenant.api.name}`,
      `<h1>Log in</h1><p>to continue to <strong>${escapeHtml(request.client.name)}</strong></p>
${error ? `<p class="error" id="login-error" role="alert">${escapeHtml(error)}</p>` : ""}
<form method="post" action="/u/login">
<input type="hidden" name="txn" value="${escapeHtml(txn)}">
<label for="username">Email address</label><input id="username" name="username" type="email" autocomplete="username" required value="${escapeHtml(email)}">
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit" id="login">Continue</button></form>
<p class="hint">Local Auth0 stand-in: the demo users and their passwords are printed by <code>npm start</code>.</p>`,
    );
  }

  function authorize(res: ServerResponse, q: URLSearchParams): void {
    const client = ctx.clients.find((c) => c.clientId === q.get("client_id"));
    if (!client) return errorPage(res, "invalid_request", `Unknown client: ${q.get("client_id") ?? "(none)"}`);
    const redirectUri = q.get("redirect_uri") ?? "";
    if (!client.callbacks.includes(redirectUri)) {
      return errorPage(
        res,
        "Callback URL mismatch.",
        `The provided redirect_uri "${redirectUri}" is not in the list of allowed callback URLs. Add it to the client's callbacks in the access model.`,
      );
    }
    const request: AuthorizeRequest = {
      client,
      redirectUri,
      state: q.get("state") ?? undefined,
      nonce: q.get("nonce") ?? undefined,
      audience: q.get("audience") ?? undefined,
      scope: (q.get("scope") ?? "openid").split(" ").filter(Boolean),
      codeChallenge: q.get("code_challenge") ?? "",
      // An unknown mode cannot carry the answer: the error goes back in the default mode.
      responseMode: RESPONSE_MODES.find((m) => m === (q.get("response_mode") ?? "query")) ?? "query",
      expiresAt: ctx.now() + TRANSACTION_LIFETIME_SECONDS,
    };
    // From here on the redirect URI is registered, so errors go back to the app.
    const responseMode = q.get("response_mode");
    if (responseMode !== null && !(RESPONSE_MODES as readonly string[]).includes(responseMode)) {
      return redirectBack(res, request, { error: "invalid_request", error_description: `Unsupported response_mode: ${responseMode}; use one of ${RESPONSE_MODES.join(", ")}` });
    }
    if (q.get("response_type") !== "code") {
      return redirectBack(res, request, { error: "unsupported_response_type", error_description: `Unsupported response type: ${q.get("response_type") ?? "(none)"}` });
    }
    if (!client.grantTypes.includes("authorization_code")) {
      return redirectBack(res, request, { error: "unauthorized_client", error_description: "Grant type 'authorization_code' not allowed for the client." });
    }
    if (!request.codeChallenge || q.get("code_challenge_method") !== "S256") {
      return redirectBack(res, request, { error: "invalid_request", error_description: "A code_challenge with code_challenge_method=S256 is required (PKCE)." });
    }
    if (!S256_CHALLENGE.test(request.codeChallenge)) {
      return redirectBack(res, request, { error: "invalid_request", error_description: "The code_challenge must be the 43-character base64url SHA-256 of the code_verifier (RFC 7636)." });
    }
    if (request.audience && request.audience !== ctx.tenant.api.identifier) {
      return redirectBack(res, request, { error: "access_denied", error_description: `Service not found: ${request.audience}` });
    }
    if (q.get("prompt") === "none") {
      // The stand-in keeps no login session: silent authentication always needs a login.
      return redirectBack(res, request, { error: "login_required", error_description: "Login required" });
    }
    const txn = random();
    transactions.set(txn, request);
    loginForm(res, txn, request);
  }

  async function login(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const params = await readParams(req);
    const request = transactions.get(params.txn ?? "");
    if (!request || request.expiresAt < ctx.now()) {
      return errorPage(res, "invalid_request", "The login transaction is unknown or expired; go back to the app and log in again.");
    }
    const username = String(params.username ?? "");
    const user = ctx.users.find((u) => u.email.toLowerCase() === username.toLowerCase());
    const ip = req.socket.remoteAddress ?? "";
    if (user && ctx.attempts.isBlocked(user.userId, ip)) return loginForm(res, params.txn, request, ctx.attempts.message, username);
    if (!ctx.checkPassword(user, String(params.password ?? ""))) {
      if (user) ctx.attempts.failed(user.userId, ip);
      return loginForm(res, params.txn, request, "Wrong email or password.", username);
    }
    ctx.attempts.succeeded(user!.userId, ip);
    transactions.delete(params.txn);
    const code = random();
    codes.set(code, { request, user: user!, expiresAt: ctx.now() + CODE_LIFETIME_SECONDS, used: false, families: new Set() });
    redirectBack(res, request, { code });
  }

  async function tokens(
    client: StandInClient,
    user: StandInUser,
    scope: string[],
    audience: string | undefined,
    grantType: string,
    extra: { nonce?: string; family?: { id: string; expiresAt: number } },
  ) {
    const now = ctx.now();
    const issuer = ctx.issuer();
    // Without an audience Auth0 issues an opaque token that no API can verify.
    const accessClaims = audience ? ctx.accessTokenClaims(user, client, scope, grantType) : undefined;
    const oidcScope = scope.filter((s) => (OIDC_SCOPES as readonly string[]).includes(s));
    let accessToken: string;
    if (accessClaims) accessToken = await ctx.sign(accessClaims);
    else {
      // Opaque, but /userinfo takes it.
      accessToken = random();
      opaqueTokens.set(accessToken, { user, scope: oidcScope, expiresAt: now + OPAQUE_TOKEN_LIFETIME_SECONDS });
    }
    const body: Record<string, unknown> = {
      access_token: accessToken,
      token_type: "Bearer",
      expires_in: accessClaims ? ctx.tenant.api.tokenLifetimeSeconds : OPAQUE_TOKEN_LIFETIME_SECONDS,
      scope: accessClaims ? accessClaims.scope : oidcScope.join(" "),
    };
    if (scope.includes("openid")) {
      body.id_token = await ctx.sign({
        iss: issuer,
        sub: user.userId,
        aud: client.clientId,
        iat: now,
        exp: now + ID_TOKEN_LIFETIME_SECONDS,
        ...(extra.nonce ? { nonce: extra.nonce } : {}),
        ...(scope.includes("email") ? { email: user.email, email_verified: true } : {}),
        ...(scope.includes("profile") ? { name: user.email, nickname: user.email.split("@")[0], updated_at: new Date(now * 1000).toISOString() } : {}),
      });
    }
    const offline = scope.includes("offline_access") && client.grantTypes.includes("refresh_token") && (!audience || ctx.tenant.api.allowOfflineAccess);
    if (offline) {
      const family = extra.family ?? { id: random(), expiresAt: now + client.refreshTokenLifetimeSeconds };
      const token = random();
      refreshTokens.set(token, {
        client,
        user,
        audience,
        scope,
        family: family.id,
        familyExpiresAt: family.expiresAt,
        idleExpiresAt: now + client.refreshTokenIdleLifetimeSeconds,
        used: false,
      });
      body.refresh_token = token;
      return { body, family: family.id };
    }
    return { body, family: undefined };
  }

  async function authorizationCodeGrant(res: ServerResponse, params: Record<string, string>, client: StandInClient): Promise<void> {
    if (!client.grantTypes.includes("authorization_code")) {
      return tokenError(res, 403, "unauthorized_client", "Grant type 'authorization_code' not allowed for the client.");
    }
    const issued = codes.get(params.code ?? "");
    if (!issued || issued.request.client.clientId !== client.clientId) return tokenError(res, 403, "invalid_grant", "Invalid authorization code");
    if (issued.used) {
      // A replayed code is a stolen code: revoke what it produced (RFC 6749 §4.1.2).
      for (const [token, rt] of [...refreshTokens.entries()]) if (issued.families.has(rt.family)) refreshTokens.delete(token);
      return tokenError(res, 403, "invalid_grant", "Invalid authorization code");
    }
    if (issued.expiresAt < ctx.now()) return tokenError(res, 403, "invalid_grant", "Invalid authorization code");
    if (params.redirect_uri !== issued.request.redirectUri) {
      return tokenError(res, 403, "invalid_grant", "The redirect_uri MUST match the one used in the authorization request.");
    }
    const verifier = params.code_verifier ?? "";
    const challenge = createHash("sha256").update(verifier).digest("base64url");
    if (!CODE_VERIFIER.test(verifier) || challenge !== issued.request.codeChallenge) {
      return tokenError(res, 403, "invalid_grant", "Failed to verify code verifier");
    }
    issued.used = true;
    const { request, user } = issued;
    const { body, family } = await tokens(client, user, request.scope, request.audience, "authorization_code", { nonce: request.nonce });
    if (family) issued.families.add(family);
    sendJson(res, 200, body);
  }

  async function refreshTokenGrant(res: ServerResponse, params: Record<string, string>, client: StandInClient): Promise<void> {
    if (!client.grantTypes.includes("refresh_token")) {
      return tokenError(res, 403, "unauthorized_client", "Grant type 'refresh_token' not allowed for the client.");
    }
    const stored = refreshTokens.get(params.refresh_token ?? "");
    if (!stored || stored.client.clientId !== client.clientId) return tokenError(res, 403, "invalid_grant", "Unknown or invalid refresh token.");
    if (stored.familyExpiresAt <= ctx.now() || stored.idleExpiresAt <= ctx.now()) {
      refreshTokens.delete(params.refresh_token);
      return tokenError(res, 403, "invalid_grant", "Unknown or invalid refresh token.");
    }
    if (stored.used) {
      // Reuse of a rotated token: Auth0 revokes the whole family.
      for (const [token, rt] of [...refreshTokens.entries()]) if (rt.family === stored.family) refreshTokens.delete(token);
      return tokenError(res, 403, "invalid_grant", "Unknown or invalid refresh token.");
    }
    const requested = params.scope ? params.scope.split(" ").filter((s) => stored.scope.includes(s)) : stored.scope;
    if (client.rotatingRefreshTokens) {
      stored.used = true;
      const { body } = await tokens(client, stored.user, [...new Set([...requested, "offline_access"])], stored.audience, "refresh_token", {
        family: { id: stored.family, expiresAt: stored.familyExpiresAt },
      });
      return sendJson(res, 200, body);
    }
    const { body } = await tokens(client, stored.user, requested.filter((s) => s !== "offline_access"), stored.audience, "refresh_token", {});
    sendJson(res, 200, body);
  }

  /** The user and scope behind a /userinfo token: a JWT with the userinfo audience, or an opaque token of ours. */
  async function userinfoGrant(token: string): Promise<{ user: StandInUser; scope: string[] } | undefined> {
    const opaque = opaqueTokens.get(token);
    if (opaque) return opaque.expiresAt > ctx.now() ? opaque : undefined;
    const claims = await ctx.verify(token);
    const audiences = claims ? ([] as unknown[]).concat(claims.aud) : [];
    const user = claims && ctx.users.find((u) => u.userId === claims.sub);
    if (!claims || !user || !audiences.includes(`${ctx.issuer()}userinfo`)) return undefined;
    return { user, scope: String(claims.scope ?? "").split(" ") };
  }

  async function userinfo(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const token = String(req.headers.authorization ?? "").replace(/^Bearer\s+/i, "");
    const grant = token ? await userinfoGrant(token) : undefined;
    if (!grant) {
      res.writeHead(401, { "www-authenticate": 'Bearer error="invalid_token"', "content-type": "text/plain" });
      res.end("Unauthorized");
      return;
    }
    const { user, scope } = grant;
    sendJson(res, 200, {
      sub: user.userId,
      ...(scope.includes("email") ? { email: user.email, email_verified: true } : {}),
      ...(scope.includes("profile") ? { name: user.email, nickname: user.email.split("@")[0] } : {}),
    });
  }

  function logout(res: ServerResponse, q: URLSearchParams): void {
    const clientId = q.get("client_id");
    const returnTo = q.get("returnTo");
    const client = clientId ? ctx.clients.find((c) => c.clientId === clientId) : undefined;
    if (clientId && !client) return errorPage(res, "invalid_request", `Unknown client: ${clientId}`);
    if (!returnTo) return page(res, 200, "Logged out", "<h1>You are logged out.</h1>");
    const allowed = client ? client.logoutUrls : ctx.clients.flatMap((c) => c.logoutUrls);
    if (!allowed.includes(returnTo)) {
      return errorPage(
        res,
        "invalid_request",
        `The "returnTo" querystring parameter "${returnTo}" is not defined as a valid URL in "Allowed Logout URLs". Add it to the client's logout URLs in the access model.`,
      );
    }
    res.writeHead(302, { location: returnTo, "cache-control": "no-store" });
    res.end();
  }

  return {
    authorize,
    login,
    logout,
    userinfo,
    authorizationCodeGrant,
    refreshTokenGrant,
    /** How much each store holds now (for the soak test). */
    sizes: () => ({ transactions: transactions.size, codes: codes.size, refreshTokens: refreshTokens.size, opaqueTokens: opaqueTokens.size }),
    close: () => clearInterval(sweeper),
  };
}
