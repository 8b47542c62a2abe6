// The browser side of the Auth0 stand-in, as Auth0 does it for a single-page app:
// /authorize (authorization code with PKCE S256) with a login form tied to the browser that
// opened it, and /v2/logout. A client or redirect URI that is not registered gets an error
// page, never a redirect. The token endpoint's side of the flow is in token-grants.ts.
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { LRUCache } from "lru-cache";
import type { AuthorizationCodes } from "./authorization-codes";
import type { StandInClient, StandInUser } from "./directory";
import { AUTH0_ERRORS } from "./errors";
import { readParams } from "../http/util";
import type { LoginGuard } from "./login-guard";
import type { TenantDefinition } from "../deployment/description";
import type { TokenChanges } from "./actions/claims";
import { requestDetails } from "./actions/event";
import type { TenantActions } from "./actions/tenant-actions";

/** How long a login form may be left open. */
export const TRANSACTION_LIFETIME_SECONDS = 600;
/**
 * What the stand-in keeps at most of login forms not yet posted, oldest dropped first: a
 * flood of /authorize requests cannot grow memory past it.
 */
export const MAX_PENDING_TRANSACTIONS = 1000;
/** The response modes Auth0 supports for the authorization code flow. */
export const RESPONSE_MODES = ["query", "fragment", "form_post", "web_message"] as const;
/** RFC 7636 §4.2: BASE64URL(SHA256(verifier)) is always 43 characters. */
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;
/**
 * The cookie that ties a login transaction to the browser that opened it, as Auth0's
 * Universal Login keeps its transaction in the browser's session: the form posted from
 * another browser, or from a page of another origin, is refused.
 */
const BROWSER_COOKIE = "auth0_stand_in_browser";

export interface BrowserFlowContext {
  readonly tenant: TenantDefinition;
  readonly issuer: () => string;
  readonly clients: readonly StandInClient[];
  readonly now: () => number;
  readonly login: LoginGuard<StandInUser>;
  readonly codes: AuthorizationCodes<AuthorizeRequest>;
  readonly actions: TenantActions;
}

export interface AuthorizeRequest {
  readonly client: StandInClient;
  readonly redirectUri: string;
  readonly state?: string;
  readonly nonce?: string;
  readonly audience?: string;
  readonly scope: string[];
  readonly codeChallenge: string;
  readonly responseMode: (typeof RESPONSE_MODES)[number];
  readonly expiresAt: number;
  /** The authorization request's query, as Actions see it (event.request.query). */
  readonly query: Readonly<Record<string, string>>;
  /** What the post-login Actions added, kept with the code the login produced. */
  readonly tokenChanges?: TokenChanges;
}

interface Transaction {
  readonly request: AuthorizeRequest;
  /** The browser cookie's value when the form was opened. */
  readonly browser: string;
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
function errorPage(res: ServerResponse, error: string, description: string, status = 400): void {
  page(
    res,
    status,
    "Error",
    `<h1>Oops!, something went wrong</h1><p class="error" id="error">${escapeHtml(error)}</p><p id="error-description">${escapeHtml(description)}</p>`,
  );
}

export class BrowserFlow {
  private readonly transactions = new LRUCache<string, Transaction>({
    max: MAX_PENDING_TRANSACTIONS,
    ttl: TRANSACTION_LIFETIME_SECONDS * 1000,
    ttlAutopurge: false,
  });
  /** Expired transactions go at once rather than when pushed out by newer ones. */
  private readonly sweeper = setInterval(() => this.transactions.purgeStale(), 30_000).unref();

  constructor(private readonly ctx: BrowserFlowContext) {}

  /** How many login forms are open now (for the soak test). */
  sizes(): Record<string, number> {
    return { transactions: this.transactions.size };
  }

  close(): void {
    clearInterval(this.sweeper);
  }

  /** Sends the browser back to the app: only ever to a registered redirect URI, in the request's response mode. */
  private redirectBack(res: ServerResponse, request: AuthorizeRequest, params: Record<string, string | undefined>): void {
    const values = Object.fromEntries(Object.entries({ ...params, state: request.state }).filter(([, v]) => v !== undefined)) as Record<
      string,
      string
    >;
    switch (request.responseMode) {
      case "web_message": {
        const origin = new URL(request.redirectUri).origin;
        const message = JSON.stringify({ type: "authorization_response", response: values });
        res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
        res.end(
          `<!doctype html><script>(window.opener||window.parent).postMessage(${message.replace(/</g, "\\u003c")},${JSON.stringify(origin)})</script>`,
        );
        return;
      }
      case "form_post": {
        const inputs = Object.entries(values)
          .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
          .join("");
        res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
        res.end(
          `<!doctype html><html><body onload="document.forms[0].submit()"><form method="post" action="${escapeHtml(request.redirectUri)}">${inputs}<noscript><button>Continue</button></noscript></form></body></html>`,
        );
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

  private loginForm(res: ServerResponse, txn: string, request: AuthorizeRequest, error?: string, email = ""): void {
    page(
      res,
      error ? 401 : 200,
      `Log in to ${this.ctx.tenant.api.name}`,
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

  authorize(req: IncomingMessage, res: ServerResponse, q: URLSearchParams): void {
    const client = this.ctx.clients.find((c) => c.clientId === q.get("client_id"));
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
      expiresAt: this.ctx.now() + TRANSACTION_LIFETIME_SECONDS,
      // Names are the client's: own properties of a record built from entries.
      query: Object.fromEntries(q),
    };
    // From here on the redirect URI is registered, so errors go back to the app.
    const responseMode = q.get("response_mode");
    if (responseMode !== null && !(RESPONSE_MODES as readonly string[]).includes(responseMode)) {
      return this.redirectBack(res, request, {
        error: "invalid_request",
        error_description: `Unsupported response_mode: ${responseMode}; use one of ${RESPONSE_MODES.join(", ")}`,
      });
    }
    if (q.get("response_type") !== "code") {
      return this.redirectBack(res, request, {
        error: "unsupported_response_type",
        error_description: `Unsupported response type: ${q.get("response_type") ?? "(none)"}`,
      });
    }
    if (!client.grantTypes.includes("authorization_code")) {
      const refused = AUTH0_ERRORS.grantTypeNotAllowed("authorization_code");
      return this.redirectBack(res, request, { error: refused.error, error_description: refused.description });
    }
    if (!request.codeChallenge || q.get("code_challenge_method") !== "S256") {
      return this.redirectBack(res, request, {
        error: "invalid_request",
        error_description: "A code_challenge with code_challenge_method=S256 is required (PKCE).",
      });
    }
    if (!S256_CHALLENGE.test(request.codeChallenge)) {
      return this.redirectBack(res, request, {
        error: "invalid_request",
        error_description: "The code_challenge must be the 43-character base64url SHA-256 of the code_verifier (RFC 7636).",
      });
    }
    if (request.audience && request.audience !== this.ctx.tenant.api.identifier) {
      const refused = AUTH0_ERRORS.serviceNotFound(request.audience);
      return this.redirectBack(res, request, { error: refused.error, error_description: refused.description });
    }
    if (q.get("prompt") === "none") {
      // The stand-in keeps no login session: silent authentication always needs a login.
      return this.redirectBack(res, request, { error: "login_required", error_description: "Login required" });
    }
    const browser = cookie(req, BROWSER_COOKIE) ?? random();
    const txn = random();
    this.transactions.set(txn, { request, browser });
    res.setHeader("set-cookie", `${BROWSER_COOKIE}=${browser}; Path=/; Max-Age=${TRANSACTION_LIFETIME_SECONDS}; HttpOnly; SameSite=Lax`);
    this.loginForm(res, txn, request);
  }

  /** The transaction a posted form continues, if this browser opened it from our own page. */
  private transactionOf(req: IncomingMessage, txn: string): Transaction | { refused: string } {
    const transaction = this.transactions.get(txn);
    if (!transaction || transaction.request.expiresAt < this.ctx.now()) {
      return { refused: "The login transaction is unknown or expired; go back to the app and log in again." };
    }
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== new URL(this.ctx.issuer()).origin) {
      return { refused: `The login form was posted from ${JSON.stringify(origin)}, not from this tenant's login page.` };
    }
    if (!sameValue(cookie(req, BROWSER_COOKIE) ?? "", transaction.browser)) {
      return { refused: "The login transaction was started in another browser; go back to the app and log in again." };
    }
    return transaction;
  }

  async login(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const params = await readParams(req);
    const txn = params.txn ?? "";
    const transaction = this.transactionOf(req, txn);
    if ("refused" in transaction) return errorPage(res, "invalid_request", transaction.refused, 403);
    const { request } = transaction;
    const username = String(params.username ?? "");
    const outcome = this.ctx.login.attempt(username, String(params.password ?? ""), req.socket.remoteAddress ?? "");
    if (!outcome.ok) return this.loginForm(res, txn, request, outcome.description, username);
    // The transaction is spent before the Actions are awaited: the form cannot be posted twice.
    this.transactions.delete(txn);
    const decision = await this.ctx.actions.postLogin(
      {
        user: outcome.user,
        client: request.client,
        protocol: "oidc-basic-profile",
        requestedScopes: request.scope,
        audience: request.audience,
        request: { ...requestDetails(req), query: request.query },
        authorize: { redirectUri: request.redirectUri, responseMode: request.responseMode, state: request.state },
      },
      true,
    );
    // Denied or failed: the app gets Auth0's error at its callback, as for any authorization error.
    if (!decision.allowed) return this.redirectBack(res, request, { error: decision.error.error, error_description: decision.error.description });
    this.redirectBack(res, request, { code: this.ctx.codes.issue({ ...request, tokenChanges: decision.changes }, outcome.user.userId) });
  }

  logout(res: ServerResponse, q: URLSearchParams): void {
    const clientId = q.get("client_id");
    const returnTo = q.get("returnTo");
    const client = clientId ? this.ctx.clients.find((c) => c.clientId === clientId) : undefined;
    if (clientId && !client) return errorPage(res, "invalid_request", `Unknown client: ${clientId}`);
    if (!returnTo) return page(res, 200, "Logged out", "<h1>You are logged out.</h1>");
    const allowed = client ? client.logoutUrls : this.ctx.clients.flatMap((c) => c.logoutUrls);
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
}

/** A cookie's value from the request, or undefined. */
function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of String(req.headers.cookie ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return value.join("=");
  }
  return undefined;
}

function sameValue(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
