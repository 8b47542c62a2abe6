// The `event` an Action gets, shaped as Auth0 documents the post-login and credentials-exchange
// event objects (https://auth0.com/docs/customize/actions/explore-triggers/signup-and-login-triggers/login-trigger/post-login-event-object,
// …/machine-to-machine-trigger/credentials-exchange-event-object). Only fields the stand-in can
// fill truthfully are there; docs/ACTIONS.md lists those it leaves out (geoip, session, tenant…).
import type { IncomingMessage } from "node:http";
import type { StandInClient, StandInUser } from "../directory";

/** event.request: what the stand-in knows of the request that started the transaction. */
export interface RequestDetails {
  readonly ip: string;
  readonly method: string;
  readonly hostname?: string;
  readonly user_agent?: string;
  readonly language?: string;
  /** The authorization request's query (browser logins only). */
  readonly query?: Readonly<Record<string, string>>;
}

export function requestDetails(req: IncomingMessage): RequestDetails {
  const header = (name: string) => (typeof req.headers[name] === "string" ? (req.headers[name] as string) : undefined);
  return {
    ip: req.socket.remoteAddress ?? "",
    method: req.method ?? "",
    ...(header("host") ? { hostname: header("host")!.replace(/:\d+$/, "") } : {}),
    ...(header("user-agent") ? { user_agent: header("user-agent") } : {}),
    ...(header("accept-language") ? { language: header("accept-language")!.split(",")[0].split(";")[0].trim() } : {}),
  };
}

/** event.transaction.protocol for the grants the stand-in serves (post-login event object, transaction.protocol). */
export type LoginProtocol = "oidc-basic-profile" | "oauth2-password" | "oauth2-refresh-token";

export interface PostLoginEventInput {
  readonly user: StandInUser;
  readonly profile: { readonly appMetadata: Record<string, unknown>; readonly userMetadata: Record<string, unknown>; readonly loginsCount: number };
  readonly client: StandInClient;
  readonly protocol: LoginProtocol;
  readonly requestedScopes: readonly string[];
  readonly audience?: string;
  readonly request: RequestDetails;
  /** The authorization request's settings (browser logins only). */
  readonly authorize?: { readonly redirectUri: string; readonly responseMode: string; readonly state?: string };
}

export function postLoginEvent(input: PostLoginEventInput): Record<string, unknown> {
  const { user, profile, client } = input;
  return {
    user: {
      user_id: user.userId,
      email: user.email,
      email_verified: true,
      // What Auth0 fills in for a database user with no name: the email, and its local part.
      name: user.email,
      nickname: user.email.split("@")[0],
      app_metadata: profile.appMetadata,
      user_metadata: profile.userMetadata,
    },
    authorization: { roles: [...user.roles] },
    client: clientOf(client),
    connection: { name: user.connection, strategy: "auth0" },
    request: input.request,
    ...(input.audience ? { resource_server: { identifier: input.audience } } : {}),
    stats: { logins_count: profile.loginsCount },
    transaction: {
      protocol: input.protocol,
      requested_scopes: [...input.requestedScopes],
      ...(input.authorize
        ? {
            redirect_uri: input.authorize.redirectUri,
            response_mode: input.authorize.responseMode,
            response_type: ["code"],
            ...(input.authorize.state !== undefined ? { state: input.authorize.state } : {}),
          }
        : {}),
    },
  };
}

export interface CredentialsExchangeEventInput {
  readonly client: StandInClient;
  readonly audience: string;
  readonly requestedScopes: readonly string[];
  /** The scopes the token will carry, as the client grant decided them. */
  readonly scope: readonly string[];
  readonly request: RequestDetails;
}

export function credentialsExchangeEvent(input: CredentialsExchangeEventInput): Record<string, unknown> {
  const { query: _browserOnly, ...request } = input.request;
  return {
    accessToken: { customClaims: {}, scope: [...input.scope] },
    client: clientOf(input.client),
    request,
    resource_server: { identifier: input.audience },
    transaction: { requested_scopes: [...input.requestedScopes] },
  };
}

function clientOf(client: StandInClient): Record<string, unknown> {
  return { client_id: client.clientId, name: client.name, metadata: { ...(client.metadata ?? {}) } };
}
