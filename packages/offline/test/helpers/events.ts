import type { APIGatewayProxyEventV2WithJWTAuthorizer } from "aws-lambda";

/** A payload 2.0 event as API Gateway sends it after the JWT authorizer let it through. */
export function jwtEvent(
  options: { routeKey?: string; query?: Record<string, string>; claims?: Record<string, string>; scopes?: string[] } = {},
): APIGatewayProxyEventV2WithJWTAuthorizer {
  const routeKey = options.routeKey ?? "GET /unicorn";
  const [method, path] = routeKey.split(" ");
  const query = options.query;
  return {
    version: "2.0",
    routeKey,
    rawPath: path,
    rawQueryString: query ? new URLSearchParams(query).toString() : "",
    headers: { host: "abc123.execute-api.eu-west-1.amazonaws.com", authorization: "Bearer x" },
    queryStringParameters: query,
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
        jwt: {
          claims: options.claims ?? { sub: "auth0|rider", scope: "read:unicorn" },
          scopes: options.scopes ?? ["read:unicorn"],
        },
      },
    },
  };
}
