import { Client } from "../auth0-provider/client";
import { Construct } from "constructs";

export interface Auth0SpaClientProps {
  readonly name: string;
  /** Where Auth0 may send the user back after login. */
  readonly callbackUrls: readonly string[];
  /** Where Auth0 may send the user after logout. */
  readonly logoutUrls: readonly string[];
  /** Origins allowed for silent authentication and token calls from the browser. */
  readonly webOrigins: readonly string[];
  /**
   * Refresh-token lifetime in seconds (absolute); idle lifetime is half of it.
   * @default 86400 - one day
   */
  readonly refreshTokenLifetimeSeconds?: number;
}

/**
 * A single-page application client: public (no secret), OIDC conformant, authorization
 * code with PKCE, and rotating, expiring refresh tokens.
 */
export class Auth0SpaClient extends Construct {
  readonly client: Client;

  constructor(scope: Construct, id: string, props: Auth0SpaClientProps) {
    super(scope, id);
    const refreshLifetime = props.refreshTokenLifetimeSeconds ?? 86400;
    // app_type "spa" makes the provider create it with token_endpoint_auth_method "none".
    this.client = new Client(this, "client", {
      name: props.name,
      appType: "spa",
      oidcConformant: true,
      isFirstParty: true,
      grantTypes: ["authorization_code", "refresh_token"],
      callbacks: [...props.callbackUrls],
      allowedLogoutUrls: [...props.logoutUrls],
      webOrigins: [...props.webOrigins],
      jwtConfiguration: { alg: "RS256" },
      refreshToken: {
        rotationType: "rotating",
        expirationType: "expiring",
        tokenLifetime: refreshLifetime,
        idleTokenLifetime: Math.floor(refreshLifetime / 2),
        infiniteTokenLifetime: false,
        infiniteIdleTokenLifetime: false,
        leeway: 0,
      },
    });
  }

  get clientId(): string {
    return this.client.clientId;
  }
}
