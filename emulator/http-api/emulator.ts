// An HTTP API as the aws stack defines it: routes, CORS, the JWT authorizer, the $default
// stage's throttling and access log, and each route's Lambda run from the archive that would
// be deployed. Every request ends in an answer in API Gateway's shape.
import { randomUUID } from "node:crypto";
import { createServer, validateHeaderName, validateHeaderValue, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { routePathMatcher } from "../../model/route-path";
import { answering, answerUnparsable, changeVariable, ClientError, closeServer, decodeComponent, listen, readBody, requestTarget } from "../http/util";
import type { AuthorizerDecision, JwtAuthorizer } from "./jwt-authorizer";
import { lambdaContext, loadHandlerFromArchive, mapToSources, stderrLog, type FunctionLog, type LambdaHandler } from "../lambda/runtime";
import { buildEvent, requestTime, toHttpResult, type HttpResult } from "./payload";
import type { CorsDefinition, HttpApiDefinition, RouteDefinition, ThrottlingDefinition } from "../synthesized-stacks";

/** API Gateway's limit for the request line plus headers. */
export const MAX_REQUEST_HEADER_BYTES = 10_240;
/** HTTP APIs accept payloads up to 10 MB. */
export const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

/** API Gateway's bodies for the answers it gives itself. */
const MESSAGES: Record<number, string> = {
  400: "Bad Request",
  404: "Not Found",
  // A request whose headers never finish (Node's headersTimeout): no API Gateway wording is documented.
  408: "Request Timeout",
  413: "Request Entity Too Large",
  429: "Too Many Requests",
  431: "Request Header Fields Too Large",
  500: "Internal Server Error",
};

export interface HttpApiEmulatorOptions {
  readonly api: HttpApiDefinition;
  /** Required when a route uses JWT authorization. */
  readonly authorizer?: JwtAuthorizer;
  /** @default 0 - any free port */
  readonly port?: number;
  /** Receives one JSON access-log line per request. @default no logging */
  readonly accessLog?: (line: string) => void;
  /** Where the handlers' console output goes. @default stderr, prefixed with the function's name */
  readonly functionLog?: FunctionLog;
  /**
   * The stage's route throttling (429 past it). `false` turns it off, for load tests that
   * measure the emulator rather than the limit. @default the stage's settings
   */
  readonly throttling?: false;
  /** Told once per route at start when AWS would answer 500 for it (no Lambda permission). */
  readonly warn?: (message: string) => void;
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
  /** Source-ARN patterns of the Lambda permissions, matched against "/$default/GET/path". */
  readonly invokable: readonly RegExp[];
  readonly bucket?: TokenBucket;
}

/** Lambda permission source ARNs use "*" and "?" as wildcards (ArnLike). */
function arnPattern(suffix: string): RegExp {
  return new RegExp(`^${suffix.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`);
}

/** AWS's throttling: a bucket of `burstLimit` requests refilled at `rateLimit` a second. */
class TokenBucket {
  private tokens: number;
  private last = performance.now();
  constructor(private readonly limits: ThrottlingDefinition) {
    this.tokens = limits.burstLimit;
  }
  take(): boolean {
    const now = performance.now();
    this.tokens = Math.min(this.limits.burstLimit, this.tokens + ((now - this.last) / 1000) * this.limits.rateLimit);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

function compile(route: RouteDefinition, throttling: ThrottlingDefinition | undefined, log: FunctionLog): CompiledRoute {
  return {
    route,
    ...routePathMatcher(route.path),
    handler: loadHandlerFromArchive(route.archivePath, route.handler, route.functionName, { log }),
    specificity: route.path.split("/").filter((s) => !s.startsWith("{")).length,
    invokable: route.invokePermissions.map(arnPattern),
    bucket: throttling ? new TokenBucket(throttling) : undefined,
  };
}

/**
 * The request line and headers as sent: "name:value" and CRLF for each header Node kept,
 * which is every one (answerUnparsable lifts Node's count limit). The optional space after
 * the colon is not counted: Node drops it, so the count never exceeds what was sent.
 */
function headerBytes(req: IncomingMessage): number {
  let size = req.method!.length + req.url!.length + 12;
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) size += raw[i].length + raw[i + 1].length + 3;
  return size;
}

function originAllowed(cors: CorsDefinition, origin: string): boolean {
  return cors.allowOrigins.includes("*") || cors.allowOrigins.includes(origin);
}

/** CORS headers API Gateway adds to a response for an allowed origin (it ignores the integration's). */
function corsHeaders(cors: CorsDefinition | undefined, origin: string | undefined): Record<string, string> | undefined {
  if (!cors || !origin || !originAllowed(cors, origin)) return undefined;
  return {
    "access-control-allow-origin": cors.allowOrigins.includes("*") && !cors.allowCredentials ? "*" : origin,
    ...(cors.allowCredentials ? { "access-control-allow-credentials": "true" } : {}),
    ...(cors.exposeHeaders.length ? { "access-control-expose-headers": cors.exposeHeaders.join(",") } : {}),
    vary: "origin",
  };
}

const JSON_HEADERS = { "content-type": "application/json" };

function apiError(status: number, headers?: Readonly<Record<string, string>>): HttpResult {
  return { status, headers: headers ? { ...JSON_HEADERS, ...headers } : JSON_HEADERS, body: Buffer.from(`{"message":"${MESSAGES[status]}"}`) };
}

export async function startHttpApiEmulator(options: HttpApiEmulatorOptions): Promise<HttpApiEmulator> {
  const { api } = options;
  const throttling = options.throttling === false ? undefined : api.throttling;
  const functionLog = options.functionLog ?? stderrLog;
  const routes = api.routes.map((r) => compile(r, throttling, functionLog)).sort((a, b) => b.specificity - a.specificity);
  if (!options.authorizer && routes.some((r) => r.route.authorizationType === "JWT")) {
    throw new Error("the API has JWT routes but the emulator was given no authorizer");
  }
  for (const { route, invokable } of routes) {
    // A request path this route matches: each parameter stands for one segment.
    const sample = route.path.replace(/\{[^}]+\}/g, "x");
    if (!invokable.some((p) => p.test(`/$default/${route.method}${sample}`))) {
      options.warn?.(`${route.routeKey}: no Lambda permission lets API Gateway invoke ${route.functionName}; AWS answers 500, and so does the emulator`);
    }
  }
  // Literal paths are a map lookup; only parameterised ones need a regular expression.
  const literal = new Map(routes.filter((r) => r.params.length === 0).map((r) => [`${r.route.method} ${r.route.path}`, r]));
  const parameterised = routes.filter((r) => r.params.length > 0);
  const findRoute = (method: string, path: string) =>
    literal.get(`${method} ${path}`) ??
    literal.get(`ANY ${path}`) ??
    parameterised.find((r) => (r.route.method === method || r.route.method === "ANY") && r.pattern.test(path));
  const apiId = "local";

  async function handle(req: IncomingMessage, context: Record<string, string>): Promise<HttpResult> {
    const method = req.method!;
    context.httpMethod = method;
    if (headerBytes(req) > MAX_REQUEST_HEADER_BYTES) return apiError(431);
    const { path, rawQuery } = requestTarget(req.url);
    context.path = path;
    const declared = req.headers["content-length"];
    if (declared !== undefined && Number(declared) > MAX_PAYLOAD_BYTES) return apiError(413);
    const origin = req.headers.origin;

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

    const match = findRoute(method, path);
    if (!match) return apiError(404);
    const { route } = match;
    context.routeKey = route.routeKey;
    if (match.bucket && !match.bucket.take()) return apiError(429);

    let decision: AuthorizerDecision | undefined;
    if (route.authorizationType === "JWT") {
      decision = await options.authorizer!.authorize(req.headers, route.scopes);
      if (typeof decision.claims?.sub === "string") context.sub = decision.claims.sub;
      if (!decision.allowed) {
        context.authorizerError = decision.error;
        return { status: decision.status, headers: { ...JSON_HEADERS, ...decision.headers }, body: Buffer.from(JSON.stringify(decision.body)) };
      }
    }

    // AWS decodes path parameters before they reach the integration.
    let pathParameters: Record<string, string> | undefined;
    if (match.params.length > 0) {
      const m = match.pattern.exec(path)!;
      pathParameters = {};
      for (let i = 0; i < match.params.length; i++) pathParameters[match.params[i]] = decodeComponent(m[i + 1], "path");
    }

    if (!match.invokable.some((p) => p.test(`/$default/${method}${path}`))) {
      context.integrationError = `API Gateway is not permitted to invoke ${route.functionName} for ${method} ${path} (no matching aws_lambda_permission)`;
      return apiError(500);
    }

    const body = method === "GET" || method === "HEAD" ? await readBodyIfAny(req) : await readBody(req, MAX_PAYLOAD_BYTES);
    const requestId = context.requestId;
    const event = buildEvent({
      method,
      rawPath: path,
      rawQuery,
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
        match.handler(event, lambdaContext(route.functionName, requestId, timeoutMs, route.memorySizeMb)),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`Task timed out after ${route.timeoutSeconds} seconds`)), timeoutMs);
        }),
      ]).finally(() => clearTimeout(timer));
      return checkedResult(toHttpResult(result));
    } catch (err) {
      context.integrationError = (err as Error)?.message ?? String(err);
      // As the Lambda runtime reports it, in the function's own log.
      functionLog(route.functionName, "error", mapToSources(`Invoke Error ${(err as Error)?.stack ?? err}`));
      return apiError(500);
    } finally {
      context.integrationLatency = String(Math.round(performance.now() - started));
    }
  }

  function respond(req: IncomingMessage, res: ServerResponse, result: HttpResult, context: Record<string, string>, started: number): void {
    if (res.destroyed) return;
    const isPreflight = context.routeKey === "-";
    // API Gateway drops the integration's CORS headers and writes its own.
    const headers: Record<string, string | string[]> = isPreflight ? { ...result.headers } : stripCors(result.headers);
    if (!isPreflight) Object.assign(headers, corsHeaders(api.cors, req.headers.origin));
    headers["apigw-requestid"] = context.requestId;
    headers["content-length"] = String(result.body.length);
    if (result.status === 413) headers.connection = "close";
    res.writeHead(result.status, headers);
    res.end(req.method === "HEAD" ? undefined : result.body);
    if (options.accessLog && api.accessLogFormat) {
      context.status = String(result.status);
      context.responseLength = String(result.body.length);
      context.responseLatency = String(Math.round(performance.now() - started));
      context.sourceIp = req.socket?.remoteAddress ?? "-";
      options.accessLog(accessLogLine(api.accessLogFormat, context));
    }
  }

  const server: Server = createServer(
    answering(
      "http api emulator",
      async (req, res) => {
        const started = performance.now();
        const context: Record<string, string> = { requestId: randomUUID(), requestTime: requestTime(new Date()) };
        let result: HttpResult;
        try {
          result = await handle(req, context);
        } catch (err) {
          if (!(err instanceof ClientError)) throw err;
          result = apiError(err.status);
        }
        respond(req, res, result, context, started);
      },
      (res, status) => {
        const result = apiError(MESSAGES[status] ? status : 500);
        res.writeHead(result.status, { ...result.headers, "content-length": String(result.body.length) });
        res.end(result.body);
      },
    ),
  );
  answerUnparsable(server, (status) => ({ contentType: "application/json", body: apiError(MESSAGES[status] ? status : 400).body.toString() }));
  // "Expect: 100-continue": a body announced over the limit gets its 413 before it is sent.
  server.on("checkContinue", (req, res) => {
    if (!(Number(req.headers["content-length"]) > MAX_PAYLOAD_BYTES)) res.writeContinue();
    server.emit("request", req, res);
  });
  const port = await listen(server, options.port ?? 0, changeVariable("API_PORT", options.port ?? 0));
  return { url: `http://127.0.0.1:${port}`, port, close: () => closeServer(server) };
}

/** GET and HEAD rarely carry a body: skip the stream machinery when none was announced. */
function readBodyIfAny(req: IncomingMessage): Promise<Buffer> | Buffer {
  if (req.headers["content-length"] === undefined && req.headers["transfer-encoding"] === undefined) return EMPTY;
  return readBody(req, MAX_PAYLOAD_BYTES);
}
const EMPTY = Buffer.alloc(0);

/** A Lambda answer with a header Node cannot send is a malformed integration response: AWS answers 500. */
function checkedResult(result: HttpResult): HttpResult {
  try {
    for (const [name, value] of Object.entries(result.headers)) {
      validateHeaderName(name);
      for (const v of Array.isArray(value) ? value : [value]) validateHeaderValue(name, v);
    }
    if (!Number.isInteger(result.status) || result.status < 100 || result.status > 599) throw new Error(`status ${result.status}`);
  } catch (err) {
    throw new Error(`the integration's response is malformed: ${(err as Error).message}`);
  }
  return result;
}

function stripCors(headers: Record<string, string | string[]>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const name in headers) if (!name.startsWith("access-control-")) out[name] = headers[name];
  return out;
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
