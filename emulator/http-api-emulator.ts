// An HTTP API as the aws stack defines it: routes, CORS, the JWT authorizer, the $default
// stage's access log, and each route's Lambda run from the archive that would be deployed.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { routePathMatcher } from "../model/route-path";
import { BodyTooLargeError, changeVariable, closeServer, listen, readBody } from "./http-util";
import type { AuthorizerDecision, JwtAuthorizer } from "./jwt-authorizer";
import { lambdaContext, loadHandlerFromArchive, type LambdaHandler } from "./lambda-runtime";
import { buildEvent, requestTime, toHttpResult, type HttpResult } from "./payload";
import type { CorsDefinition, HttpApiDefinition, RouteDefinition } from "./synthesized-stacks";

/** API Gateway's limit for the request line plus headers. */
export const MAX_REQUEST_HEADER_BYTES = 10_240;
/** HTTP APIs accept payloads up to 10 MB. */
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

export interface HttpApiEmulatorOptions {
  readonly api: HttpApiDefinition;
  /** Required when a route uses JWT authorization. */
  readonly authorizer?: JwtAuthorizer;
  /** @default 0 - any free port */
  readonly port?: number;
  /** Receives one JSON access-log line per request. @default no logging */
  readonly accessLog?: (line: string) => void;
  /** Only for the benchmark: serve JWT routes without running the authorizer. */
  readonly skipAuthorizer?: boolean;
}

export interface HttpApiEmulator {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

interface CompiledRoute {
  readonly route: RouteDefinition;
  readonly pattern: RegExp;
  readonly params: readonly string[];
  readonly handler: LambdaHandler;
  /** Literal paths win over parameterised ones, as in API Gateway. */
  readonly specificity: number;
}

function compile(route: RouteDefinition): CompiledRoute {
  return {
    route,
    ...routePathMatcher(route.path),
    handler: loadHandlerFromArchive(route.archivePath, route.handler),
    specificity: route.path.split("/").filter((s) => !s.startsWith("{")).length,
  };
}

function headerBytes(req: IncomingMessage): number {
  let size = `${req.method} ${req.url} HTTP/${req.httpVersion}\r\n`.length;
  for (let i = 0; i < req.rawHeaders.length; i += 2) size += req.rawHeaders[i].length + req.rawHeaders[i + 1].length + 4;
  return size;
}

function originAllowed(cors: CorsDefinition, origin: string): boolean {
  return cors.allowOrigins.includes("*") || cors.allowOrigins.includes(origin);
}

/** CORS headers API Gateway adds to a response for an allowed origin (it ignores the integration's). */
function corsHeaders(cors: CorsDefinition | undefined, origin: string | undefined): Record<string, string> {
  if (!cors || !origin || !originAllowed(cors, origin)) return {};
  return {
    "access-control-allow-origin": cors.allowOrigins.includes("*") && !cors.allowCredentials ? "*" : origin,
    ...(cors.allowCredentials ? { "access-control-allow-credentials": "true" } : {}),
    ...(cors.exposeHeaders.length ? { "access-control-expose-headers": cors.exposeHeaders.join(",") } : {}),
    vary: "origin",
  };
}

export async function startHttpApiEmulator(options: HttpApiEmulatorOptions): Promise<HttpApiEmulator> {
  const { api } = options;
  const routes = api.routes.map(compile).sort((a, b) => b.specificity - a.specificity);
  if (!options.authorizer && routes.some((r) => r.route.authorizationType === "JWT")) {
    throw new Error("the API has JWT routes but the emulator was given no authorizer");
  }
  const apiId = "local";

  async function handle(req: IncomingMessage, context: Record<string, string>): Promise<HttpResult> {
    const url = new URL(req.url ?? "/", "http://localhost");
    const method = (req.method ?? "GET").toUpperCase();
    const origin = typeof req.headers.origin === "string" ? req.headers.origin : undefined;
    context.httpMethod = method;
    context.path = url.pathname;

    if (headerBytes(req) > MAX_REQUEST_HEADER_BYTES) return jsonResult(431, { message: "Request Header Fields Too Large" });

    // Preflight is API Gateway's own answer when CORS is configured: no route, no authorizer.
    if (method === "OPTIONS" && api.cors && origin && req.headers["access-control-request-method"]) {
      const cors = api.cors;
      const requested = String(req.headers["access-control-request-method"]).toUpperCase();
      const allowed = originAllowed(cors, origin) && (cors.allowMethods.includes("*") || cors.allowMethods.includes(requested));
      context.routeKey = "-";
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

    const match = routes
      .filter((r) => r.route.method === method || r.route.method === "ANY")
      .map((r) => ({ r, m: r.pattern.exec(url.pathname) }))
      .find(({ m }) => m !== null);
    if (!match) return jsonResult(404, { message: "Not Found" });
    const { route } = match.r;
    context.routeKey = route.routeKey;
    const pathParameters = Object.fromEntries(match.r.params.map((name, i) => [name, decodeURIComponent(match.m![i + 1])]));

    let decision: AuthorizerDecision | undefined;
    if (route.authorizationType === "JWT" && !options.skipAuthorizer) {
      decision = await options.authorizer!.authorize(req.headers, route.scopes);
      if (typeof decision.claims?.sub === "string") context.sub = decision.claims.sub;
      if (!decision.allowed) {
        context.authorizerError = decision.error;
        return jsonResult(decision.status, decision.body, decision.headers);
      }
    }

    let body: Buffer;
    try {
      body = await readBody(req, MAX_PAYLOAD_BYTES);
    } catch (err) {
      if (err instanceof BodyTooLargeError) return jsonResult(413, { message: "Request Entity Too Large" });
      throw err;
    }

    const requestId = context.requestId;
    const event = buildEvent({
      method,
      url,
      headers: req.headers,
      body,
      routeKey: route.routeKey,
      pathParameters,
      jwt: decision?.allowed ? { claims: decision.claims, scopes: route.scopes.length > 0 ? decision.scopes : null } : undefined,
      requestId,
      sourceIp: req.socket.remoteAddress ?? "127.0.0.1",
      time: new Date(),
      apiId,
      host: String(req.headers.host ?? "127.0.0.1"),
    });
    const started = performance.now();
    try {
      const timeoutMs = route.timeoutSeconds * 1000;
      let timer: NodeJS.Timeout | undefined;
      const result = await Promise.race([
        match.r.handler(event, lambdaContext(route.functionName, requestId, timeoutMs)),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`Task timed out after ${route.timeoutSeconds} seconds`)), timeoutMs);
        }),
      ]).finally(() => clearTimeout(timer));
      return toHttpResult(result);
    } catch (err) {
      context.integrationError = (err as Error).message;
      console.error(`${route.functionName}: ${(err as Error).stack ?? err}`);
      return jsonResult(500, { message: "Internal Server Error" });
    } finally {
      context.integrationLatency = String(Math.round(performance.now() - started));
    }
  }

  const server: Server = createServer((req, res) => {
    const started = performance.now();
    const context: Record<string, string> = { requestId: randomUUID(), requestTime: requestTime(new Date()) };
    const origin = typeof req.headers.origin === "string" ? req.headers.origin : undefined;
    handle(req, context)
      .catch((err) => {
        // A client that hung up mid-request is not a server error.
        if (req.destroyed || (err as NodeJS.ErrnoException).code === "ECONNRESET") return undefined;
        console.error("http api emulator:", err);
        return jsonResult(500, { message: "Internal Server Error" });
      })
      .then((result) => {
        if (!result || res.destroyed) return;
        const isPreflight = req.method === "OPTIONS" && context.routeKey === "-";
        // API Gateway drops the integration's CORS headers and writes its own.
        const headers: Record<string, string | string[]> = isPreflight
          ? { ...result.headers }
          : { ...stripCors(result.headers), ...corsHeaders(api.cors, origin) };
        headers["apigw-requestid"] = context.requestId;
        headers["content-length"] = String(result.body.length);
        res.writeHead(result.status, headers);
        res.end(req.method === "HEAD" ? undefined : result.body);
        if (options.accessLog && api.accessLogFormat) {
          context.status = String(result.status);
          context.responseLength = String(result.body.length);
          context.responseLatency = String(Math.round(performance.now() - started));
          context.sourceIp = req.socket.remoteAddress ?? "-";
          options.accessLog(accessLogLine(api.accessLogFormat, context));
        }
      });
  });
  const port = await listen(server, options.port ?? 0, changeVariable("API_PORT", options.port ?? 0));
  return { url: `http://127.0.0.1:${port}`, port, close: () => closeServer(server) };
}

function stripCors(headers: Record<string, string | string[]>): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !name.startsWith("access-control-")));
}

function jsonResult(status: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return { status, headers: { "content-type": "application/json", ...headers }, body: Buffer.from(JSON.stringify(body)) };
}

/** `$context` variables the emulator knows; anything else logs "-", as AWS does for empty values. */
const CONTEXT_VARIABLES: Record<string, string> = {
  "$context.requestId": "requestId",
  "$context.requestTime": "requestTime",
  "$context.identity.sourceIp": "sourceIp",
  "$context.httpMethod": "httpMethod",
  "$context.path": "path",
  "$context.routeKey": "routeKey",
  "$context.status": "status",
  "$context.responseLength": "responseLength",
  "$context.responseLatency": "responseLatency",
  "$context.integrationLatency": "integrationLatency",
  "$context.integrationErrorMessage": "integrationError",
  "$context.integration.error": "integrationError",
  "$context.authorizer.error": "authorizerError",
  "$context.authorizer.claims.sub": "sub",
  "$context.protocol": "protocol",
};

export function accessLogLine(format: Readonly<Record<string, string>>, context: Record<string, string>): string {
  const line: Record<string, string> = {};
  for (const [field, variable] of Object.entries(format)) {
    const key = CONTEXT_VARIABLES[variable];
    line[field] = (key && context[key]) || (variable === "$context.protocol" ? "HTTP/1.1" : "-");
  }
  return JSON.stringify(line);
}
