// The token endpoint's grants that need no browser: the password grant (a user's own
// credentials, what `npm run token` uses) and client credentials (a machine-to-machine
// client's secret, within its client grant on the API).
import type { IncomingMessage, ServerResponse } from "node:http";
import { sendJson } from "../http/util";
import type { TenantDefinition } from "../deployment/description";
import type { StandInClient, StandInUser } from "./directory";
import { AUTH0_ERRORS, grantProblem, sendAuth0Error } from "./errors";
import { samePassword, type LoginGuard } from "./login-guard";
import { clientCredentialsClaims } from "./rbac";
import { changedAccessClaims, withCustomClaims } from "./actions/claims";
import { requestDetails } from "./actions/event";
import type { TenantActions } from "./actions/tenant-actions";

export interface DirectGrantContext {
  readonly tenant: TenantDefinition;
  readonly issuer: () => string;
  readonly now: () => number;
  readonly sign: (claims: Record<string, unknown>) => Promise<string>;
  readonly login: LoginGuard<StandInUser>;
  readonly accessTokenClaims: (user: StandInUser, client: StandInClient, requestedScopes: string[], grantType: string) => Record<string, unknown>;
  readonly actions: TenantActions;
}

const requested = (params: Record<string, string>) =>
  String(params.scope ?? "")
    .split(" ")
    .filter(Boolean);

export class DirectGrants {
  constructor(private readonly ctx: DirectGrantContext) {}

  async password(req: IncomingMessage, res: ServerResponse, params: Record<string, string>, client: StandInClient): Promise<void> {
    const refused = grantProblem(client, "password", params.audience, this.ctx.tenant.api.identifier);
    if (refused) return sendAuth0Error(res, refused);
    const outcome = this.ctx.login.attempt(String(params.username ?? ""), String(params.password ?? ""), req.socket.remoteAddress ?? "");
    if (!outcome.ok) return sendAuth0Error(res, outcome);
    // The attempt above is counted before anything is awaited; the Actions run after it, as in Auth0.
    const scopes = requested(params);
    const decision = await this.ctx.actions.postLogin(
      { user: outcome.user, client, protocol: "oauth2-password", requestedScopes: scopes, audience: params.audience, request: requestDetails(req) },
      true,
    );
    if (!decision.allowed) return sendAuth0Error(res, decision.error);
    await this.answer(res, changedAccessClaims(this.ctx.accessTokenClaims(outcome.user, client, scopes, "password"), decision.changes));
  }

  async clientCredentials(req: IncomingMessage, res: ServerResponse, params: Record<string, string>, client: StandInClient): Promise<void> {
    // The client authenticates first (client_secret_post, what non_interactive clients get).
    if (!client.clientSecret || !samePassword(String(params.client_secret ?? ""), client.clientSecret))
      return sendAuth0Error(res, AUTH0_ERRORS.unauthorized);
    const refused = grantProblem(client, "client_credentials", params.audience, this.ctx.tenant.api.identifier);
    if (refused) return sendAuth0Error(res, refused);
    if (!client.apiGrant) return sendAuth0Error(res, AUTH0_ERRORS.noClientGrant(params.audience));
    const claims = clientCredentialsClaims({
      issuer: this.ctx.issuer(),
      clientId: client.clientId,
      now: this.ctx.now(),
      api: this.ctx.tenant.api,
      granted: client.apiGrant,
      requestedScopes: requested(params),
    });
    const decision = await this.ctx.actions.credentialsExchange({
      client,
      audience: this.ctx.tenant.api.identifier,
      requestedScopes: requested(params),
      scope: String(claims.scope).split(" ").filter(Boolean),
      request: requestDetails(req),
    });
    if (!decision.allowed) return sendAuth0Error(res, decision.error);
    await this.answer(res, withCustomClaims(claims, decision.changes.accessTokenClaims));
  }

  private async answer(res: ServerResponse, claims: Record<string, unknown>): Promise<void> {
    sendJson(res, 200, {
      access_token: await this.ctx.sign(claims),
      token_type: "Bearer",
      expires_in: this.ctx.tenant.api.tokenLifetimeSeconds,
      scope: claims.scope,
    });
  }
}
