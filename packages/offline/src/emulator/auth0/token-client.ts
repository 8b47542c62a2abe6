// Asks a token endpoint for an access token, as a user (password grant) or as a machine-to-machine
// client (client credentials): what `npm run token`, the benchmark and the tests all do
// against the stand-in.
import { fetchResolvingToLoopback } from "../http/loopback";

/** Where a token is asked for: the issuer, and the custom domain the stand-in answers on 127.0.0.1. */
interface TokenEndpoint {
  /** The tenant's issuer, `http://127.0.0.1:3002/` or `http://<custom domain>:3002/` (trailing slash optional). */
  readonly issuer: string;
  /** Reached at 127.0.0.1 (http/loopback.ts): the stand-in's custom domain, which no DNS knows. */
  readonly customDomain?: string;
}

export interface PasswordGrantRequest extends TokenEndpoint {
  readonly clientId: string;
  readonly audience: string;
  readonly username: string;
  readonly password: string;
  /** Space-separated. */
  readonly scope: string;
}

export interface TokenEndpointAnswer {
  readonly status: number;
  readonly body: Record<string, any>;
}

/** POSTs a JSON token request to the issuer's /oauth/token. */
async function tokenRequest({ issuer, customDomain }: TokenEndpoint, body: Record<string, string>, timeoutMs: number): Promise<TokenEndpointAnswer> {
  const reach = fetchResolvingToLoopback(customDomain ? [customDomain] : []);
  const response = await reach(`${issuer.replace(/\/?$/, "/")}oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: response.status, body: (await response.json().catch(() => ({}))) as Record<string, any> };
}

export function passwordGrant(request: PasswordGrantRequest, timeoutMs = 5000): Promise<TokenEndpointAnswer> {
  const { username, password, audience, scope, clientId } = request;
  return tokenRequest(request, { grant_type: "password", username, password, audience, scope, client_id: clientId }, timeoutMs);
}

/** An access token for `user` from a running stand-in, through its local CLI client; throws on any other answer. */
export async function standInToken(
  auth0: TokenEndpoint & { readonly audience: string; readonly cliClient: { readonly clientId: string } },
  user: { readonly email: string; readonly password: string },
  scope: string,
): Promise<string> {
  const { status, body } = await passwordGrant({
    issuer: auth0.issuer,
    customDomain: auth0.customDomain,
    clientId: auth0.cliClient.clientId,
    audience: auth0.audience,
    username: user.email,
    password: user.password,
    scope,
  });
  if (status !== 200) throw new Error(`token for ${user.email}: ${status} ${JSON.stringify(body)}`);
  return body.access_token as string;
}

export interface ClientCredentialsRequest extends TokenEndpoint {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly audience: string;
  /** Space-separated; leave out for everything the client grant holds. */
  readonly scope?: string;
}

/** Asks a token endpoint for a machine-to-machine token (client_secret_post, as Auth0's non_interactive clients use). */
export function clientCredentialsGrant(request: ClientCredentialsRequest, timeoutMs = 5000): Promise<TokenEndpointAnswer> {
  const { clientId, clientSecret, audience, scope } = request;
  return tokenRequest(
    request,
    { grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret, audience, ...(scope !== undefined ? { scope } : {}) },
    timeoutMs,
  );
}

/** A client_credentials token from a running stand-in for one of its confidential clients; throws on any other answer. */
export async function standInClientToken(
  auth0: TokenEndpoint & { readonly audience: string },
  client: { readonly name: string; readonly clientId: string; readonly clientSecret?: string },
): Promise<string> {
  if (!client.clientSecret) throw new Error(`client ${client.name} has no secret: it is not a machine-to-machine client`);
  const { status, body } = await clientCredentialsGrant({
    issuer: auth0.issuer,
    customDomain: auth0.customDomain,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    audience: auth0.audience,
  });
  if (status !== 200) throw new Error(`token for client ${client.name}: ${status} ${JSON.stringify(body)}`);
  return body.access_token as string;
}
