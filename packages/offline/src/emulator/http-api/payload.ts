// The payload format 2.0 event API Gateway hands a Lambda proxy integration, and how it
// turns the handler's answer into an HTTP response.
import type { IncomingHttpHeaders } from "node:http";
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from "aws-lambda";

/**
 * API Gateway passes every claim as a string. AWS documents the claims' place
 * (`requestContext.authorizer.jwt.claims`, http-api-develop-integrations-lambda.html) but not
 * how a non-string claim is written; what handlers receive is Go's `%v` of the decoded JSON:
 * numbers and booleans as text ("exp":"1612061676", aws/aws-lambda-go#294), arrays as "[a b]"
 * (aws/aws-lambda-go#591), objects as "map[key:value]" with the keys sorted
 * (aws/aws-lambda-go#570), a null inside either as "<nil>". A null claim is dropped.
 */
export function flattenClaims(claims: Record<string, unknown>): Record<string, string> {
  // Claim names are the token's: built as own properties, "__proto__" included, as a JSON event holds them.
  return Object.fromEntries(
    Object.entries(claims).flatMap(([name, value]) => (value === null || value === undefined ? [] : [[name, goValue(value)]])),
  );
}

/** Go's fmt `%v` of a value decoded from JSON (numbers kept as written, as json.Number prints them). */
function goValue(value: unknown): string {
  if (value === null || value === undefined) return "<nil>";
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return `[${value.map(goValue).join(" ")}]`;
  if (typeof value === "object") {
    // fmt prints a map's keys in sorted order, comparing strings byte by byte.
    const keys = Object.keys(value).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    return `map[${keys.map((k) => `${k}:${goValue((value as Record<string, unknown>)[k])}`).join(" ")}]`;
  }
  return JSON.stringify(value);
}

/** "23/Nov/2026:19:00:00 +0000", the form of `$context.requestTime`. */
export function requestTime(date: Date): string {
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}

const TEXT_TYPES = /^(text\/|application\/(json|xml|x-www-form-urlencoded|javascript)|[^;]*\+(json|xml))/i;

export function buildEvent(options: {
  readonly method: string;
  /** The path as sent, still percent-encoded. */
  readonly rawPath: string;
  /** The query string as sent, without "?". */
  readonly rawQuery: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly routeKey: string;
  readonly pathParameters?: Record<string, string>;
  readonly jwt?: { readonly claims: Record<string, unknown>; readonly scopes: readonly string[] | null };
  readonly requestId: string;
  readonly sourceIp: string;
  readonly time: Date;
  readonly apiId: string;
  readonly host: string;
}): APIGatewayProxyEventV2WithJWTAuthorizer {
  // Names are the client's: gathered in Maps and made into own properties ("__proto__",
  // "constructor" included), as the event Lambda parses from JSON holds them.
  const headerValues = new Map<string, string>();
  let cookies: string[] | undefined;
  for (const [name, value] of Object.entries(options.headers)) {
    if (value === undefined) continue;
    if (name === "cookie") cookies = (Array.isArray(value) ? value.join("; ") : value).split(/;\s*/).filter(Boolean);
    else headerValues.set(name, Array.isArray(value) ? value.join(",") : value);
  }
  const headers: Record<string, string> = Object.fromEntries(headerValues);
  const queryValues = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(options.rawQuery))
    queryValues.set(name, queryValues.has(name) ? `${queryValues.get(name)},${value}` : value);
  const query: Record<string, string> = Object.fromEntries(queryValues);
  const binary = options.body.length > 0 && !TEXT_TYPES.test(String(options.headers["content-type"] ?? "text/plain"));

  const event = {
    version: "2.0",
    routeKey: options.routeKey,
    rawPath: options.rawPath,
    rawQueryString: options.rawQuery,
    cookies,
    headers,
    queryStringParameters: Object.keys(query).length > 0 ? query : undefined,
    pathParameters: options.pathParameters && Object.keys(options.pathParameters).length > 0 ? options.pathParameters : undefined,
    body: options.body.length > 0 ? options.body.toString(binary ? "base64" : "utf8") : undefined,
    isBase64Encoded: binary,
    requestContext: {
      accountId: "000000000000",
      apiId: options.apiId,
      domainName: options.host,
      domainPrefix: options.host.split(".")[0],
      http: {
        method: options.method,
        path: options.rawPath,
        protocol: "HTTP/1.1",
        sourceIp: options.sourceIp,
        userAgent: headerValues.get("user-agent") ?? "",
      },
      requestId: options.requestId,
      routeKey: options.routeKey,
      stage: "$default",
      time: requestTime(options.time),
      timeEpoch: options.time.getTime(),
      authorizer: options.jwt
        ? {
            principalId: "",
            integrationLatency: 0,
            jwt: { claims: flattenClaims(options.jwt.claims), scopes: options.jwt.scopes as string[] },
          }
        : undefined,
    },
    stageVariables: undefined,
  };
  return event as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
}

export interface HttpResult {
  readonly status: number;
  readonly headers: Record<string, string | string[]>;
  readonly body: Buffer;
}

/**
 * A structured answer ({ statusCode, headers, body, … }) is used as is; any other value
 * becomes a 200 with that value as JSON, as API Gateway does for payload 2.0.
 */
export function toHttpResult(result: unknown): HttpResult {
  const structured = typeof result === "object" && result !== null && "statusCode" in result;
  if (!structured) {
    const body = result === undefined ? "" : typeof result === "string" ? result : JSON.stringify(result);
    return { status: 200, headers: { "content-type": "application/json" }, body: Buffer.from(body) };
  }
  const r = result as { statusCode: number; headers?: Record<string, unknown>; body?: string; isBase64Encoded?: boolean; cookies?: string[] };
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(r.headers ?? {})) headers[k.toLowerCase()] = String(v);
  if (r.cookies?.length) headers["set-cookie"] = r.cookies;
  const body = r.body === undefined ? Buffer.alloc(0) : Buffer.from(r.body, r.isBase64Encoded ? "base64" : "utf8");
  return { status: r.statusCode, headers, body };
}
