// A local stand-in for the Auth0 tenant the auth0 stack describes: discovery, JWKS, the
// token endpoint and the browser flow, signing real RS256 tokens with Auth0's RBAC rules.
// Built from the synthesized JSON (or applied state), so it knows exactly the API, roles
// and users that would be deployed. This file wires the parts and routes the requests: by
// Host, to the tenant's custom domain or its own address, each writing its own issuer.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { JWK } from "jose";
import { answering, answerUnparsable, changeVariable, closeServer, hostNameOf, listen, readParams, requestTarget, sendJson } from "../http/util";
import type { TenantDefinition } from "../deployment/description";
import { AuthorizationCodes } from "./authorization-codes";
import { BrowserFlow, RESPONSE_MODES, type AuthorizeRequest } from "./browser-flow";
import { DirectGrants } from "./direct-grants";
import { CLI_CLIENT, standInClients, standInUsers, type StandInClient, type StandInUser } from "./directory";
import { AUTH0_ERRORS, sendAuth0Error } from "./errors";
import { SuspiciousIpThrottling } from "./ip-throttling";
import { LoginAttempts } from "./login-attempts";
import { LoginGuard } from "./login-guard";
import { accessTokenClaims, permissionsOf } from "./rbac";
import { RefreshTokens } from "./refresh-tokens";
import { SigningKey } from "./signing-key";
import { TokenGrants } from "./token-grants";
import type { ActionLog } from "./actions/runner";
import { TenantActions } from "./actions/tenant-actions";
import { UserProfiles } from "./actions/user-profiles";

export type { StandInClient, StandInUser } from "./directory";

export interface Auth0StandInOptions {
  readonly tenant: TenantDefinition;
  /** The tenant's custom domain (the auth0 stack's custom_domain output), answered as Auth0 answers it. */
  readonly customDomain?: string;
  /** @default 0 - any free port */
  readonly port?: number;
  /** Passwords by e-mail for the tenant's users; others get a random one. */
  readonly passwords?: Readonly<Record<string, string>>;
  /** Seconds since the epoch; tests move the clock with it. */
  readonly now?: () => number;
  /** Where the tenant's Actions find the npm packages they declare. @default the working directory */
  readonly projectRoot?: string;
  /** Where Actions' secrets held in Terraform variables are read (TF_VAR_<variable>). @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** @default Auth0's 20 seconds */
  readonly actionTimeLimitMs?: number;
  /** Where the Actions' console lines go. @default stderr, each line prefixed with the Action's name */
  readonly actionLog?: ActionLog;
  /** Told, once each, what the stand-in substitutes or ignores (an unset secret, a restricted claim…). */
  readonly warn?: (message: string) => void;
}

export interface Auth0StandIn {
  /**
   * Where apps request tokens, and so those tokens' `iss` (trailing slash included, as Auth0
   * writes it): `http://<custom domain>:<port>/` for a tenant on one, else `ownIssuer`.
   */
  readonly issuer: string;
  /** `http://127.0.0.1:<port>/`: the stand-in's own address, standing for the tenant's own domain. */
  readonly ownIssuer: string;
  /** The tenant's custom domain: callers resolve it to 127.0.0.1 (http/loopback.ts), as DNS would resolve the real one. */
  readonly customDomain?: string;
  /** What stands in for a deployed issuer `https://<host>/`: the custom domain's issuer for its host, the own one for any other. */
  issuerFor(deployedIssuer: string): string;
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

export async function startAuth0StandIn(options: Auth0StandInOptions): Promise<Auth0StandIn> {
  const key = await SigningKey.create(options.tenant.signingKey);
  const tenant = new StandInTenant(options, key);
  const server: Server = createServer(
    answering(
      "auth0 stand-in",
      (req, res) => tenant.handle(req, res),
      (res, status, message) =>
        status === 500
          ? sendJson(res, 500, { error: "server_error", error_description: "Internal error of the stand-in" })
          : sendJson(res, status, { error: "invalid_request", error_description: `Could not read the request: ${message}` }),
    ),
  );
  answerUnparsable(server, (_status, reason) => ({
    contentType: "application/json; charset=utf-8",
    body: JSON.stringify({ error: "invalid_request", error_description: `Could not read the request: ${reason}` }),
  }));
  const port = await listen(server, options.port ?? 0, changeVariable("AUTH0_PORT", options.port ?? 0));
  tenant.listening(port);
  return {
    issuer: (tenant.custom ?? tenant.own).issuer(),
    ownIssuer: tenant.own.issuer(),
    ...(tenant.customDomain ? { customDomain: tenant.customDomain } : {}),
    issuerFor: (deployed) => tenant.issuerFor(deployed),
    port,
    users: tenant.users,
    clients: tenant.clients,
    cliClient: CLI_CLIENT,
    audience: options.tenant.api.identifier,
    jwks: key.jwks,
    signJwt: (claims, header) => key.sign(claims, header),
    sizes: () => tenant.sizes(),
    close: async () => {
      await tenant.close();
      await closeServer(server);
    },
  };
}

/**
 * One host name the tenant answers on, with its issuer: Auth0 writes the domain a token was
 * requested through into its `iss` ("Custom domains and the Auth0 Management API",
 * https://auth0.com/docs/secure/tokens/access-tokens/get-access-tokens). Login forms are the
 * host's own (a session is per domain); codes, refresh tokens and users are the tenant's.
 */
interface TenantHost {
  readonly issuer: () => string;
  readonly browser: BrowserFlow;
  readonly grants: TokenGrants;
  readonly direct: DirectGrants;
}

/** The tenant's state (users, clients, stores) and its endpoints, on its own address and its custom domain. */
class StandInTenant {
  readonly users: StandInUser[];
  readonly clients: StandInClient[];
  /** The stand-in's own address, standing for the tenant's own domain: every Host but the custom domain. */
  readonly own: TenantHost;
  readonly custom?: TenantHost;
  private port = 0;
  private readonly allClients: StandInClient[];
  private readonly attempts: LoginAttempts;
  private readonly throttling: SuspiciousIpThrottling;
  private readonly codes: AuthorizationCodes<AuthorizeRequest>;
  private readonly refreshTokens: RefreshTokens;
  private readonly sweeper: NodeJS.Timeout;
  private readonly definition: TenantDefinition;
  private readonly now: () => number;
  private readonly login: LoginGuard<StandInUser>;
  /** Lower case, as Host names are compared. */
  readonly customDomain?: string;
  private readonly actions: TenantActions;

  constructor(
    options: Auth0StandInOptions,
    private readonly key: SigningKey,
  ) {
    this.definition = options.tenant;
    this.now = options.now ?? (() => Math.floor(Date.now() / 1000));
    this.users = standInUsers(options.tenant, options.passwords);
    this.clients = standInClients(options.tenant);
    this.allClients = [...this.clients, CLI_CLIENT];
    this.attempts = new LoginAttempts(this.now);
    this.throttling = new SuspiciousIpThrottling(this.now);
    this.login = new LoginGuard(this.users, this.attempts, this.throttling);
    this.codes = new AuthorizationCodes<AuthorizeRequest>(this.now);
    this.refreshTokens = new RefreshTokens(this.now);
    this.actions = new TenantActions({
      bound: options.tenant.actions,
      profiles: new UserProfiles(this.users),
      projectRoot: options.projectRoot,
      env: options.env,
      timeLimitMs: options.actionTimeLimitMs,
      log: options.actionLog,
      warn: options.warn,
    });
    // Issuers are known once the server listens: every token and document names one.
    this.own = this.host(() => `http://127.0.0.1:${this.port}/`);
    const customDomain = options.customDomain?.toLowerCase();
    if (customDomain) {
      this.customDomain = customDomain;
      this.custom = this.host(() => `http://${customDomain}:${this.port}/`);
    }
    // Expired codes and refresh-token families go at once rather than when their owner comes back.
    this.sweeper = setInterval(() => {
      this.codes.sweep();
      this.refreshTokens.sweep();
    }, 30_000).unref();
  }

  listening(port: number): void {
    this.port = port;
  }

  /** The endpoints of one host name, signing with the tenant's key under that host's issuer. */
  private host(issuer: () => string): TenantHost {
    const { definition: tenant, now, key } = this;
    const sign = (claims: Record<string, unknown>) => key.sign(claims);
    const accessTokenFor = (user: StandInUser, client: StandInClient, requestedScopes: string[], grantType: string) =>
      accessTokenClaims({
        issuer: issuer(),
        subject: user.userId,
        clientId: client.clientId,
        grantType,
        now: now(),
        grant: { api: tenant.api, requestedScopes, userPermissions: permissionsOf(tenant, user.roles) },
      });
    return {
      issuer,
      browser: new BrowserFlow({ tenant, issuer, clients: this.clients, now, login: this.login, codes: this.codes, actions: this.actions }),
      grants: new TokenGrants({
        tenant,
        issuer,
        users: this.users,
        now,
        sign,
        accessTokenClaims: accessTokenFor,
        codes: this.codes,
        refreshTokens: this.refreshTokens,
        verify: (token) => key.verify(token, issuer(), now()),
        actions: this.actions,
      }),
      direct: new DirectGrants({ tenant, issuer, now, sign, login: this.login, accessTokenClaims: accessTokenFor, actions: this.actions }),
    };
  }

  /** The issuer standing for a deployed one (`https://<host>/`): the custom domain's for its host, the own one for any other. */
  issuerFor(deployedIssuer: string): string {
    return (this.custom && hostOfIssuer(deployedIssuer) === this.customDomain ? this.custom : this.own).issuer();
  }

  private get hosts(): TenantHost[] {
    return this.custom ? [this.own, this.custom] : [this.own];
  }

  /** The host a request came through: the custom domain by its Host header, the own address for any other. */
  private hostOf(req: IncomingMessage): TenantHost {
    return this.custom && hostNameOf(req.headers.host) === this.customDomain ? this.custom : this.own;
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(this.corsHeaders(req))) res.setHeader(name, value);
    const { path, rawQuery } = requestTarget(req.url);
    const query = new URLSearchParams(rawQuery);
    const route = `${req.method} ${path}`;
    const host = this.hostOf(req);
    if (req.method === "OPTIONS" && ["/oauth/token", "/oauth/revoke", "/userinfo"].includes(path)) {
      res.writeHead(204);
      res.end();
      return;
    }
    if (route === "GET /authorize") return host.browser.authorize(req, res, query);
    if (route === "POST /u/login") return host.browser.login(req, res);
    if (route === "GET /v2/logout") return host.browser.logout(res, query);
    if (route === "GET /userinfo") return host.grants.userinfo(req, res);
    if (route === "GET /.well-known/openid-configuration") return sendJson(res, 200, this.discovery(host.issuer()));
    if (route === "GET /.well-known/jwks.json") return sendJson(res, 200, this.key.jwks);
    if (path === "/oauth/token" || path === "/oauth/revoke") {
      if (req.method !== "POST") return sendJson(res, 405, { error: "invalid_request", error_description: "Use POST" }, { allow: "POST" });
      const params = await readParams(req);
      return path === "/oauth/token" ? this.token(host, req, res, params) : host.grants.revoke(res, params, this.clientOf(params));
    }
    sendJson(res, 404, { error: "not_found", error_description: `No ${req.method} ${path} on this stand-in` });
  }

  /** POST /oauth/token: the grant the request names, for the client it names. */
  private token(host: TenantHost, req: IncomingMessage, res: ServerResponse, params: Record<string, string>): Promise<void> | void {
    if (!params.grant_type) return sendAuth0Error(res, AUTH0_ERRORS.missingParameter("grant_type"));
    const client = this.clientOf(params);
    if (!client) return sendAuth0Error(res, AUTH0_ERRORS.unauthorized);
    switch (params.grant_type) {
      case "password":
        return host.direct.password(req, res, params, client);
      case "authorization_code":
        return host.grants.authorizationCodeGrant(res, params, client);
      case "refresh_token":
        return host.grants.refreshTokenGrant(req, res, params, client);
      case "client_credentials":
        return host.direct.clientCredentials(req, res, params, client);
      default:
        return sendAuth0Error(res, AUTH0_ERRORS.unsupportedGrantType(params.grant_type));
    }
  }

  private clientOf(params: Record<string, string>): StandInClient | undefined {
    return this.allClients.find((c) => c.clientId === params.client_id);
  }

  private discovery(issuer: string): Record<string, unknown> {
    return {
      issuer,
      authorization_endpoint: `${issuer}authorize`,
      token_endpoint: `${issuer}oauth/token`,
      userinfo_endpoint: `${issuer}userinfo`,
      revocation_endpoint: `${issuer}oauth/revoke`,
      jwks_uri: `${issuer}.well-known/jwks.json`,
      response_types_supported: ["code"],
      response_modes_supported: RESPONSE_MODES,
      end_session_endpoint: `${issuer}v2/logout`,
      grant_types_supported: ["authorization_code", "refresh_token", "password", "client_credentials"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["RS256"],
      token_endpoint_auth_methods_supported: ["none", "client_secret_post"],
      scopes_supported: ["openid", "profile", "email", "offline_access", ...this.definition.api.scopes],
      code_challenge_methods_supported: ["S256"],
    };
  }

  /** Browsers may call the token and userinfo endpoints from a client's web origins only. */
  private corsHeaders(req: IncomingMessage): Record<string, string> {
    const origin = req.headers.origin;
    if (typeof origin !== "string" || !this.clients.some((c) => c.webOrigins.includes(origin))) return {};
    return {
      "access-control-allow-origin": origin,
      "access-control-allow-methods": "GET, POST",
      "access-control-allow-headers": "authorization, content-type, auth0-client",
      "access-control-max-age": "600",
      vary: "origin",
    };
  }

  /** Every bounded store's size; a host's login forms summed over the hosts. */
  sizes(): Record<string, number> {
    const transactions = this.hosts.reduce((sum, host) => sum + host.browser.sizes().transactions, 0);
    return {
      transactions,
      codes: this.codes.size,
      refreshTokenFamilies: this.refreshTokens.size,
      loginAttempts: this.attempts.size,
      throttledAddresses: this.throttling.size,
      ...this.actions.sizes(),
    };
  }

  close(): Promise<void> {
    for (const host of this.hosts) host.browser.close();
    clearInterval(this.sweeper);
    return this.actions.close();
  }
}

/** The host of an issuer URL, lower case; "" when it is not one. */
function hostOfIssuer(issuer: string): string {
  try {
    return new URL(issuer).hostname.toLowerCase();
  } catch {
    return "";
  }
}
