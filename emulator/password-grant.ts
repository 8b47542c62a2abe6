// Asks a token endpoint for a user's access token with Auth0's password grant: what
// `npm run token`, the benchmark and the tests all do against the stand-in.
export interface PasswordGrantRequest {
  /** The tenant's issuer, `http://127.0.0.1:3002/` (trailing slash optional). */
  readonly issuer: string;
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

export async function passwordGrant(request: PasswordGrantRequest, timeoutMs = 5000): Promise<TokenEndpointAnswer> {
  const response = await fetch(`${request.issuer.replace(/\/?$/, "/")}oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      grant_type: "password",
      username: request.username,
      password: request.password,
      audience: request.audience,
      scope: request.scope,
      client_id: request.clientId,
    }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: response.status, body: (await response.json().catch(() => ({}))) as Record<string, any> };
}

/** An access token for `user` from a running stand-in, through its local CLI client; throws on any other answer. */
export async function standInToken(
  auth0: { readonly issuer: string; readonly audience: string; readonly cliClient: { readonly clientId: string } },
  user: { readonly email: string; readonly password: string },
  scope: string,
): Promise<string> {
  const { status, body } = await passwordGrant({ issuer: auth0.issuer, clientId: auth0.cliClient.clientId, audience: auth0.audience, username: user.email, password: user.password, scope });
  if (status !== 200) throw new Error(`token for ${user.email}: ${status} ${JSON.stringify(body)}`);
  return body.access_token as string;
}
