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
