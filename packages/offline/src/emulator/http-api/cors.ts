// CORS as API Gateway applies a cors_configuration: it answers preflight itself and writes
// its own CORS headers on every answer, dropping the integration's.
import type { IncomingMessage } from "node:http";
import type { CorsDefinition } from "../deployment/description";
import type { HttpResult } from "./payload";

function originAllowed(cors: CorsDefinition, origin: string): boolean {
  return cors.allowOrigins.includes("*") || cors.allowOrigins.includes(origin);
}

/** CORS headers API Gateway adds to a response for an allowed origin (it ignores the integration's). */
export function corsHeaders(cors: CorsDefinition | undefined, origin: string | undefined): Record<string, string> | undefined {
  if (!cors || !origin || !originAllowed(cors, origin)) return undefined;
  return {
    "access-control-allow-origin": cors.allowOrigins.includes("*") && !cors.allowCredentials ? "*" : origin,
    ...(cors.allowCredentials ? { "access-control-allow-credentials": "true" } : {}),
    ...(cors.exposeHeaders.length ? { "access-control-expose-headers": cors.exposeHeaders.join(",") } : {}),
    vary: "origin",
  };
}

/** API Gateway's own answer to a preflight, when the API has CORS; undefined for any other request. */
export function preflightAnswer(cors: CorsDefinition | undefined, req: IncomingMessage): HttpResult | undefined {
  const origin = req.headers.origin;
  if (req.method !== "OPTIONS" || !cors || !origin || !req.headers["access-control-request-method"]) return undefined;
  const requested = String(req.headers["access-control-request-method"]).toUpperCase();
  const allowed = originAllowed(cors, origin) && (cors.allowMethods.includes("*") || cors.allowMethods.includes(requested));
  if (!allowed) return { status: 204, headers: {}, body: Buffer.alloc(0) };
  return {
    status: 204,
    headers: {
      ...corsHeaders(cors, origin),
      "access-control-allow-methods": cors.allowMethods.join(","),
      "access-control-allow-headers": cors.allowHeaders.join(","),
      ...(cors.maxAge !== undefined ? { "access-control-max-age": String(cors.maxAge) } : {}),
    },
    body: Buffer.alloc(0),
  };
}

export function stripCors(headers: Record<string, string | string[]>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const name in headers) if (!name.startsWith("access-control-")) out[name] = headers[name];
  return out;
}
