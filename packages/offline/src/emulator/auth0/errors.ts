// Auth0's error answers, in its words and shape ({ error, error_description }), written once
// for every endpoint that gives them.
import type { ServerResponse } from "node:http";
import { sendJson } from "../http/util";

export interface Auth0Error {
  readonly status: number;
  readonly error: string;
  readonly description: string;
}

export const AUTH0_ERRORS = {
  grantTypeNotAllowed: (grantType: string): Auth0Error => ({
    status: 403,
    error: "unauthorized_client",
    description: `Grant type '${grantType}' not allowed for the client.`,
  }),
  noAudience: {
    status: 403,
    error: "access_denied",
    description: "No audience parameter was provided, and no default audience has been configured",
  } as Auth0Error,
  serviceNotFound: (audience: string): Auth0Error => ({ status: 403, error: "access_denied", description: `Service not found: ${audience}` }),
  /** An unknown client, or a wrong or missing secret. */
  unauthorized: { status: 401, error: "access_denied", description: "Unauthorized" } as Auth0Error,
  noClientGrant: (audience: string): Auth0Error => ({
    status: 403,
    error: "access_denied",
    description: `Client is not authorized to access "${audience}". You need to create a "client-grant" associated to this API. See: https://auth0.com/docs/api/v2#!/Client_Grants/post_client_grants`,
  }),
  invalidCode: { status: 403, error: "invalid_grant", description: "Invalid authorization code" } as Auth0Error,
  invalidRefreshToken: { status: 403, error: "invalid_grant", description: "Unknown or invalid refresh token." } as Auth0Error,
  missingParameter: (name: string): Auth0Error => ({ status: 400, error: "invalid_request", description: `Missing required parameter: ${name}` }),
  unsupportedGrantType: (grantType: string): Auth0Error => ({
    status: 403,
    error: "unsupported_grant_type",
    description: `Unsupported grant type: ${grantType}`,
  }),
} as const;

export function sendAuth0Error(res: ServerResponse, { status, error, description }: Auth0Error): void {
  sendJson(res, status, { error, error_description: description });
}

/**
 * The checks Auth0 makes of a token request for the API before it looks at who asks:
 * the client may use the grant, and the audience is this tenant's API.
 */
export function grantProblem(
  client: { readonly grantTypes: readonly string[] },
  grantType: string,
  audience: string | undefined,
  identifier: string,
): Auth0Error | undefined {
  if (!client.grantTypes.includes(grantType)) return AUTH0_ERRORS.grantTypeNotAllowed(grantType);
  if (!audience) return AUTH0_ERRORS.noAudience;
  if (audience !== identifier) return AUTH0_ERRORS.serviceNotFound(audience);
  return undefined;
}
