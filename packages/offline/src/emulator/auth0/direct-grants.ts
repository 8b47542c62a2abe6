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

export interface DirectGrantContext {
  readonly tenant: TenantDefinition;
  readonly issuer: () => string;
  readonly now: () => number;
  readonly sign: (claims: Record<string, unknown>) => Promise<string>;
  readonly login: LoginGuard<StandInUser>;
  readonly accessTokenClaims: (user: StandInUser, client: StandInClient, requestedScopes: string[], grantType: string) => Record<string, unknown>;
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
    await this.answer(res, this.ctx.accessTokenClaims(outcome.user, client, requested(params), "password"));
  }

  async clientCredentials(res: ServerResponse, params: Record<string, string>, client: StandInClient): Promise<void> {
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
    await this.answer(res, claims);
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
