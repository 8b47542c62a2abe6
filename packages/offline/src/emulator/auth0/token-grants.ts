// The token endpoint's browser-side grants (authorization code with PKCE, refresh token),
// /oauth/revoke and /userinfo, as Auth0 answers them for a single-page app.
//
// Each grant decides, and changes every state its rules depend on (the code spent, the
// family recorded, the token rotated, the family revoked), in one synchronous step before
// anything is signed: a request that arrives while another is being signed sees the change.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AuthorizationCodes, IssuedCode } from "./authorization-codes";
import type { StandInClient, StandInUser } from "./directory";
import { AUTH0_ERRORS, sendAuth0Error, type Auth0Error } from "./errors";
import type { AuthorizeRequest } from "./browser-flow";
import { sendJson } from "../http/util";
import { OIDC_SCOPES } from "./rbac";
import type { RefreshTokenFamily, RefreshTokens } from "./refresh-tokens";
import { changedAccessClaims, NO_CHANGES, type TokenChanges, withCustomClaims } from "./actions/claims";
import { requestDetails } from "./actions/event";
import type { TenantActions } from "./actions/tenant-actions";
import type { TenantDefinition } from "../deployment/description";

/** Auth0's default ID token lifetime. */
const ID_TOKEN_LIFETIME_SECONDS = 36000;
/** Auth0's opaque access tokens (no audience) are good for /userinfo for a day. */
const OPAQUE_TOKEN_LIFETIME_SECONDS = 86400;
/** RFC 7636 §4.1: 43 to 128 characters of the unreserved set. */
const CODE_VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

export interface TokenGrantContext {
  readonly tenant: TenantDefinition;
  readonly issuer: () => string;
  readonly users: readonly StandInUser[];
  readonly now: () => number;
  readonly sign: (claims: Record<string, unknown>) => Promise<string>;
  /** Access-token claims for a user (Auth0 RBAC). */
  readonly accessTokenClaims: (user: StandInUser, client: StandInClient, requestedScopes: string[], grantType: string) => Record<string, unknown>;
  /** Verifies a token this stand-in signed; undefined when it did not. */
  readonly verify: (token: string) => Promise<Record<string, unknown> | undefined>;
  readonly codes: AuthorizationCodes<AuthorizeRequest>;
  readonly refreshTokens: RefreshTokens;
  readonly actions: TenantActions;
}

/** What a grant decided, before signing: the answer's fields and the claims still to sign. */
interface DecidedTokens {
  readonly body: Record<string, unknown>;
  readonly accessClaims?: Record<string, unknown>;
  readonly idClaims?: Record<string, unknown>;
}

export class TokenGrants {
  private readonly opaque: OpaqueTokens;

  constructor(private readonly ctx: TokenGrantContext) {
    this.opaque = new OpaqueTokens(ctx.now);
  }

  private userById(id: string): StandInUser | undefined {
    return this.ctx.users.find((u) => u.userId === id);
  }

  /**
   * The tokens for a grant, decided synchronously: a refresh token (a new family, or the
   * next token of `family`) is recorded here, not after signing.
   */
  private decide(
    client: StandInClient,
    user: StandInUser,
    scope: string[],
    audience: string | undefined,
    grantType: string,
    extra: { nonce?: string; rotated?: { family: RefreshTokenFamily; token: string }; changes?: TokenChanges },
  ): DecidedTokens & { family?: string } {
    const now = this.ctx.now();
    const changes = extra.changes ?? NO_CHANGES;
    // Without an audience Auth0 issues an opaque token that no API can verify.
    const accessClaims = audience ? changedAccessClaims(this.ctx.accessTokenClaims(user, client, scope, grantType), changes) : undefined;
    const oidcScope = scope.filter((s) => (OIDC_SCOPES as readonly string[]).includes(s));
    const body: Record<string, unknown> = {
      token_type: "Bearer",
      expires_in: accessClaims ? this.ctx.tenant.api.tokenLifetimeSeconds : OPAQUE_TOKEN_LIFETIME_SECONDS,
      scope: accessClaims ? accessClaims.scope : oidcScope.join(" "),
    };
    if (!accessClaims) body.access_token = this.opaque.issue(user.userId, oidcScope);
    const idClaims = scope.includes("openid")
      ? withCustomClaims(this.idTokenClaims(user, client, scope, now, extra.nonce), changes.idTokenClaims)
      : undefined;
    const offline =
      scope.includes("offline_access") && client.grantTypes.includes("refresh_token") && (!audience || this.ctx.tenant.api.allowOfflineAccess);
    if (!offline) return { body, accessClaims, idClaims };
    const { family, token } =
      extra.rotated ??
      this.ctx.refreshTokens.issue({
        userId: user.userId,
        clientId: client.clientId,
        audience,
        scope,
        lifetimeSeconds: client.refreshTokenLifetimeSeconds,
        idleLifetimeSeconds: client.refreshTokenIdleLifetimeSeconds,
      });
    body.refresh_token = token;
    return { body, accessClaims, idClaims, family: family.id };
  }

  private idTokenClaims(user: StandInUser, client: StandInClient, scope: string[], now: number, nonce?: string): Record<string, unknown> {
    return {
      iss: this.ctx.issuer(),
      sub: user.userId,
      aud: client.clientId,
      iat: now,
      exp: now + ID_TOKEN_LIFETIME_SECONDS,
      ...(nonce ? { nonce } : {}),
      ...(scope.includes("email") ? { email: user.email, email_verified: true } : {}),
      ...(scope.includes("profile") ? { name: user.email, nickname: user.email.split("@")[0], updated_at: new Date(now * 1000).toISOString() } : {}),
    };
  }

  private async answer(res: ServerResponse, decided: DecidedTokens): Promise<void> {
    const body = { ...decided.body };
    if (decided.accessClaims) body.access_token = await this.ctx.sign(decided.accessClaims);
    if (decided.idClaims) body.id_token = await this.ctx.sign(decided.idClaims);
    sendJson(res, 200, { access_token: body.access_token, ...body });
  }

  /** The code's checks, and spending it, in one step; a replay revokes what the code produced. */
  private spendCode(
    params: Record<string, string>,
    client: StandInClient,
  ): { issued: IssuedCode<AuthorizeRequest>; user: StandInUser } | { refused: Auth0Error } {
    const issued = this.ctx.codes.find(params.code ?? "");
    if (!issued || issued.request.client.clientId !== client.clientId) return { refused: AUTH0_ERRORS.invalidCode };
    if (issued.used) {
      // A replayed code is a stolen code: revoke what it produced (RFC 6749 §4.1.2).
      for (const family of issued.families) this.ctx.refreshTokens.revokeFamily(family);
      return { refused: AUTH0_ERRORS.invalidCode };
    }
    if (params.redirect_uri !== issued.request.redirectUri)
      return { refused: { ...AUTH0_ERRORS.invalidCode, description: "The redirect_uri MUST match the one used in the authorization request." } };
    const verifier = params.code_verifier ?? "";
    const challenge = createHash("sha256").update(verifier).digest("base64url");
    if (!CODE_VERIFIER.test(verifier) || challenge !== issued.request.codeChallenge)
      return { refused: { ...AUTH0_ERRORS.invalidCode, description: "Failed to verify code verifier" } };
    const user = this.userById(issued.userId);
    if (!user) return { refused: AUTH0_ERRORS.invalidCode };
    issued.used = true;
    return { issued, user };
  }

  authorizationCodeGrant(res: ServerResponse, params: Record<string, string>, client: StandInClient): Promise<void> | void {
    if (!client.grantTypes.includes("authorization_code")) {
      return sendAuth0Error(res, AUTH0_ERRORS.grantTypeNotAllowed("authorization_code"));
    }
    const spent = this.spendCode(params, client);
    if ("refused" in spent) return sendAuth0Error(res, spent.refused);
    const { issued, user } = spent;
    const { request } = issued;
    // The post-login Actions ran when the user logged in, before the code was issued (browser-flow.ts).
    const decided = this.decide(client, user, request.scope, request.audience, "authorization_code", {
      nonce: request.nonce,
      changes: request.tokenChanges,
    });
    if (decided.family) issued.families.add(decided.family);
    return this.answer(res, decided);
  }

  async refreshTokenGrant(req: IncomingMessage, res: ServerResponse, params: Record<string, string>, client: StandInClient): Promise<void> {
    if (!client.grantTypes.includes("refresh_token")) {
      return sendAuth0Error(res, AUTH0_ERRORS.grantTypeNotAllowed("refresh_token"));
    }
    const exchanged = this.ctx.refreshTokens.exchange(
      params.refresh_token ?? "",
      client.clientId,
      client.rotatingRefreshTokens,
      client.refreshTokenIdleLifetimeSeconds,
    );
    const user = exchanged.kind === "valid" ? this.userById(exchanged.family.userId) : undefined;
    if (exchanged.kind !== "valid" || !user) return sendAuth0Error(res, AUTH0_ERRORS.invalidRefreshToken);
    const { family, token } = exchanged;
    const requested = params.scope ? params.scope.split(" ").filter((s) => family.scope.includes(s)) : [...family.scope];
    // The token is rotated (or the family revoked) above, before the Actions are awaited.
    const decision = await this.ctx.actions.postLogin(
      { user, client, protocol: "oauth2-refresh-token", requestedScopes: requested, audience: family.audience, request: requestDetails(req) },
      false,
    );
    if (!decision.allowed) return sendAuth0Error(res, decision.error);
    const { changes } = decision;
    if (client.rotatingRefreshTokens) {
      const scope = [...new Set([...requested, "offline_access"])];
      return this.answer(res, this.decide(client, user, scope, family.audience, "refresh_token", { rotated: { family, token }, changes }));
    }
    return this.answer(
      res,
      this.decide(
        client,
        user,
        requested.filter((s) => s !== "offline_access"),
        family.audience,
        "refresh_token",
        { changes },
      ),
    );
  }

  /**
   * POST /oauth/revoke (RFC 7009, Auth0's Authentication API): client_id and token required,
   * the client's secret when it has one; the token's family ends. 200 also for a token that
   * is unknown, expired or another client's.
   */
  revoke(res: ServerResponse, params: Record<string, string>, client: StandInClient | undefined): void {
    if (!params.token) return sendAuth0Error(res, AUTH0_ERRORS.missingParameter("token"));
    if (!client || (client.clientSecret !== undefined && !sameSecret(params.client_secret ?? "", client.clientSecret))) {
      return sendAuth0Error(res, { status: 401, error: "invalid_client", description: "Client authentication failed." });
    }
    this.ctx.refreshTokens.revoke(params.token, client.clientId);
    res.writeHead(200, { "cache-control": "no-store", "content-length": "0" });
    res.end();
  }

  /** The user and scope behind a /userinfo token: a JWT with the userinfo audience, or an opaque token of ours. */
  private async userinfoGrant(token: string): Promise<{ user: StandInUser; scope: string[] } | undefined> {
    const sealed = this.opaque.open(token);
    if (sealed) {
      const user = this.userById(sealed.sub);
      return user && { user, scope: sealed.scope };
    }
    const claims = await this.ctx.verify(token);
    const audiences = claims ? ([] as unknown[]).concat(claims.aud) : [];
    const user = claims && typeof claims.sub === "string" ? this.userById(claims.sub) : undefined;
    if (!claims || !user || !audiences.includes(`${this.ctx.issuer()}userinfo`)) return undefined;
    return { user, scope: String(claims.scope ?? "").split(" ") };
  }

  async userinfo(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const token = String(req.headers.authorization ?? "").replace(/^Bearer\s+/i, "");
    const grant = token ? await this.userinfoGrant(token) : undefined;
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
}

const sha = (value: string) => createHash("sha256").update(value).digest();
const sameSecret = (given: string, expected: string) => timingSafeEqual(sha(given), sha(expected));

/**
 * Opaque access tokens (no audience asked for): sealed with a key of this start instead of
 * stored, so they take no memory and no other user's tokens can push them out.
 */
class OpaqueTokens {
  private readonly key = randomBytes(32);

  constructor(private readonly now: () => number) {}

  issue(sub: string, scope: string[]): string {
    const payload = Buffer.from(JSON.stringify({ sub, scope, exp: this.now() + OPAQUE_TOKEN_LIFETIME_SECONDS }));
    return Buffer.concat([payload, this.mac(payload)]).toString("base64url");
  }

  open(token: string): { sub: string; scope: string[] } | undefined {
    if (!/^[A-Za-z0-9_-]{60,2000}$/.test(token)) return undefined;
    const raw = Buffer.from(token, "base64url");
    const payload = raw.subarray(0, raw.length - 32);
    if (!timingSafeEqual(this.mac(payload), raw.subarray(raw.length - 32))) return undefined;
    const value = JSON.parse(payload.toString("utf8"));
    return value.exp > this.now() ? value : undefined;
  }

  private mac(payload: Buffer): Buffer {
    return createHmac("sha256", this.key).update(payload).digest();
  }
}
