// A payload 2.0 event as API Gateway sends it to a handler after the JWT authorizer let the
// request through: what a handler's unit test calls it with.
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from "aws-lambda";

export interface JwtEventOptions {
  /** @default "GET /" */
  readonly routeKey?: string;
  readonly query?: Record<string, string>;
  readonly pathParameters?: Record<string, string>;
  readonly body?: string;
  /** The token's claims as the authorizer passes them (strings). @default a user with the scopes below */
  readonly claims?: Record<string, string>;
  /** The token's scopes. @default none */
  readonly scopes?: string[];
}

export function jwtEvent(options: JwtEventOptions = {}): APIGatewayProxyEventV2WithJWTAuthorizer {
  const routeKey = options.routeKey ?? "GET /";
  const [method, path] = routeKey.split(" ");
  const { query } = options;
  const scopes = options.scopes ?? [];
  return {
    version: "2.0",
    routeKey,
    rawPath: path,
    rawQueryString: query ? new URLSearchParams(query).toString() : "",
    headers: { host: "abc123.execute-api.eu-west-1.amazonaws.com", authorization: "Bearer x" },
    queryStringParameters: query,
    pathParameters: options.pathParameters,
    body: options.body,
    isBase64Encoded: false,
    requestContext: {
      accountId: "123456789012",
      apiId: "abc123",
      domainName: "abc123.execute-api.eu-west-1.amazonaws.com",
      domainPrefix: "abc123",
      http: { method, path, protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "jest" },
      requestId: "req-1",
      routeKey,
      stage: "$default",
      time: "23/Nov/2026:19:00:00 +0000",
      timeEpoch: 1795460400000,
      authorizer: {
        principalId: "",
        integrationLatency: 0,
        jwt: { claims: options.claims ?? { sub: "auth0|user", scope: scopes.join(" ") }, scopes },
      },
    },
  };
}
