// The payload format 2.0 event API Gateway hands a Lambda proxy integration, and how it
// turns the handler's answer into an HTTP response.
import type { IncomingHttpHeaders } from "node:http";
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from "aws-lambda";

/**
 * API Gateway passes every claim as a string: numbers and booleans as text, arrays as
 * "[a b]", objects as JSON; null claims are dropped.
 */
export function flattenClaims(claims: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(claims)
      .filter(([, value]) => value !== null && value !== undefined)
      .map(([name, value]) => [name, flattenValue(value)]),
  );
}

function flattenValue(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return `[${value.map((v) => (typeof v === "object" && v !== null ? JSON.stringify(v) : String(v))).join(" ")}]`;
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
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
  // Names the client sent are data: collected in Maps, so "__proto__" or "constructor" is a name like any other.
  const headerMap = new Map<string, string>();
  let cookies: string[] | undefined;
  for (const [name, value] of Object.entries(options.headers)) {
    if (value === undefined) continue;
    if (name === "cookie") cookies = (Array.isArray(value) ? value.join("; ") : value).split(/;\s*/).filter(Boolean);
    else headerMap.set(name, Array.isArray(value) ? value.join(",") : value);
  }
  const headers = Object.fromEntries(headerMap);
  const queryMap = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(options.rawQuery))
    queryMap.set(name, queryMap.has(name) ? `${queryMap.get(name)},${value}` : value);
  const query = Object.fromEntries(queryMap);
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
        userAgent: headers["user-agent"] ?? "",
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
