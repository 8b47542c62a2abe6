// An HTTP API as the aws stack defines it: routes, CORS, the JWT authorizer, the $default
// stage's throttling and access log, and each route's Lambda run from the archive that would
// be deployed. Every request ends in an answer in API Gateway's shape. A request goes, in
// order: limits, preflight, route, throttling, authorizer, invoke permission, integration.
import { randomUUID } from "node:crypto";
import { createServer, validateHeaderName, validateHeaderValue, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import {
  answering,
  answerUnparsable,
  changeVariable,
  ClientError,
  closeServer,
  decodeComponent,
  listen,
  readBody,
  requestTarget,
} from "../http/util";
import { lambdaContext, mapToSources, stderrLog, type FunctionLog } from "../lambda/runtime";
import type { HttpApiDefinition } from "../deployment/description";
import { accessLogLine, type RequestContext } from "./access-log";
import { apiError, JSON_HEADERS, MAX_PAYLOAD_BYTES, MAX_REQUEST_HEADER_BYTES, MESSAGES } from "./answers";
import { corsHeaders, preflightAnswer, stripCors } from "./cors";
import type { AuthorizerDecision, JwtAuthorizer } from "./jwt-authorizer";
import { buildEvent, requestTime, toHttpResult, type HttpResult } from "./payload";
import { compileRoute, invokable, RouteTable, type CompiledRoute } from "./routes";
import { ApiHosts } from "./hosts";

export { MAX_PAYLOAD_BYTES, MAX_REQUEST_HEADER_BYTES } from "./answers";
export { accessLogLine } from "./access-log";

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
  /** The project's bundle folders, whose source maps name the handlers' TypeScript in stack traces. @default none: frames name the bundle */
  readonly sourceMapDirs?: readonly string[];
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
  /**
   * The Host header a client must send when the API answers on its custom domain only (its
   * execute-api endpoint disabled): requests for any other host get 403, as AWS answers them.
   */
  readonly host?: string;
  close(): Promise<void>;
}

export async function startHttpApiEmulator(options: HttpApiEmulatorOptions): Promise<HttpApiEmulator> {
  const api = new HttpApi(options);
  const server: Server = createServer(
    answering(
      "http api emulator",
      (req, res) => api.serve(req, res),
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
  const host = api.hosts.requiredHost;
  return { url: `http://127.0.0.1:${port}`, port, ...(host ? { host } : {}), close: () => closeServer(server) };
}

class HttpApi {
  private readonly routes: RouteTable;
  private readonly functionLog: FunctionLog;
  readonly hosts: ApiHosts;

  constructor(private readonly options: HttpApiEmulatorOptions) {
    this.hosts = new ApiHosts(options.api);
    const throttling = options.throttling === false ? undefined : options.api.throttling;
    this.functionLog = options.functionLog ?? stderrLog;
    this.routes = new RouteTable(options.api.routes.map((r) => compileRoute(r, throttling, this.functionLog, options.sourceMapDirs)));
    if (!options.authorizer && this.routes.routes.some((r) => r.route.authorizationType === "JWT")) {
      throw new Error("the API has JWT routes but the emulator was given no authorizer");
    }
    for (const route of this.routes.routes) {
      // A request path this route matches: each parameter stands for one segment.
      if (!invokable(route, route.route.method, route.route.path.replace(/\{[^}]+\}/g, "x"))) {
        options.warn?.(
          `${route.route.routeKey}: no Lambda permission lets API Gateway invoke ${route.route.functionName}; AWS answers 500, and so does the emulator`,
        );
      }
    }
  }

  async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const context: RequestContext = { requestId: randomUUID(), requestTime: requestTime(new Date()) };
    // API Gateway picks the API by Host first: a request for its disabled execute-api endpoint
    // never reaches the API, nor its stage's access log.
    if (this.hosts.route(req.headers.host).via === "refused") return this.respond(req, res, apiError(403), context, started, false);
    let result: HttpResult;
    try {
      result = await this.handle(req, context);
    } catch (err) {
      if (!(err instanceof ClientError)) throw err;
      result = apiError(err.status);
    }
    this.respond(req, res, result, context, started);
  }

  private async handle(req: IncomingMessage, context: RequestContext): Promise<HttpResult> {
    const method = req.method!;
    context.httpMethod = method;
    if (headerBytes(req) > MAX_REQUEST_HEADER_BYTES) return apiError(431);
    const { path, rawQuery } = requestTarget(req.url);
    context.path = path;
    const host = this.hosts.route(req.headers.host);
    const declared = req.headers["content-length"];
    if (declared !== undefined && Number(declared) > MAX_PAYLOAD_BYTES) return apiError(413);
    // Preflight is API Gateway's own answer when CORS is configured: no route, no authorizer.
    const preflight = preflightAnswer(this.options.api.cors, req);
    if (preflight) {
      context.routeKey = "-";
      return preflight;
    }
    const match = this.routes.find(method, path);
    if (!match) return apiError(404);
    context.routeKey = match.route.routeKey;
    if (match.bucket && !match.bucket.take()) return apiError(429);
    const decision = match.route.authorizationType === "JWT" ? await this.options.authorizer!.authorize(req.headers, match.route.scopes) : undefined;
    if (typeof decision?.claims?.sub === "string") context.sub = decision.claims.sub;
    if (decision && !decision.allowed) {
      context.authorizerError = decision.error;
      return { status: decision.status, headers: { ...JSON_HEADERS, ...decision.headers }, body: Buffer.from(JSON.stringify(decision.body)) };
    }
    // AWS decodes path parameters before they reach the integration.
    const pathParameters = parametersOf(match, path);
    if (!invokable(match, method, path)) {
      context.integrationError = `API Gateway is not permitted to invoke ${match.route.functionName} for ${method} ${path} (no matching aws_lambda_permission)`;
      return apiError(500);
    }
    return this.integrate(
      req,
      match,
      { path, rawQuery, pathParameters, decision, domain: host.via === "custom-domain" ? host.domain : undefined },
      context,
    );
  }

  /** The AWS_PROXY integration: a payload 2.0 event to the function, its answer back, within its timeout. */
  private async integrate(
    req: IncomingMessage,
    match: CompiledRoute,
    request: { path: string; rawQuery: string; pathParameters?: Record<string, string>; decision?: AuthorizerDecision; domain?: string },
    context: RequestContext,
  ): Promise<HttpResult> {
    const { route } = match;
    const method = req.method!;
    const body = method === "GET" || method === "HEAD" ? await readBodyIfAny(req) : await readBody(req, MAX_PAYLOAD_BYTES);
    const { decision } = request;
    const event = buildEvent({
      method,
      rawPath: request.path,
      rawQuery: request.rawQuery,
      headers: req.headers,
      body,
      routeKey: route.routeKey,
      pathParameters: request.pathParameters,
      jwt: decision?.allowed ? { claims: decision.claims, scopes: route.scopes.length > 0 ? decision.scopes : null } : undefined,
      requestId: context.requestId,
      sourceIp: req.socket.remoteAddress ?? "127.0.0.1",
      time: new Date(),
      apiId: "local",
      // On a custom domain the event names it as AWS does (no port); otherwise the Host as sent.
      host: request.domain ?? String(req.headers.host ?? "127.0.0.1"),
    });
    const started = performance.now();
    try {
      return checkedResult(toHttpResult(await withTimeout(match, event, context.requestId)));
    } catch (err) {
      context.integrationError = (err as Error)?.message ?? String(err);
      // As the Lambda runtime reports it, in the function's own log.
      this.functionLog(route.functionName, "error", mapToSources(`Invoke Error ${(err as Error)?.stack ?? err}`));
      return apiError(500);
    } finally {
      context.integrationLatency = String(Math.round(performance.now() - started));
    }
  }

  /** `routed` false: the request never reached the API (no CORS headers of its own, no access-log line). */
  private respond(req: IncomingMessage, res: ServerResponse, result: HttpResult, context: RequestContext, started: number, routed = true): void {
    if (res.destroyed) return;
    const isPreflight = context.routeKey === "-";
    // API Gateway drops the integration's CORS headers and writes its own.
    const headers: Record<string, string | string[]> = isPreflight ? { ...result.headers } : stripCors(result.headers);
    if (!isPreflight && routed) Object.assign(headers, corsHeaders(this.options.api.cors, req.headers.origin));
    headers["apigw-requestid"] = context.requestId;
    headers["content-length"] = String(result.body.length);
    if (result.status === 413) headers.connection = "close";
    res.writeHead(result.status, headers);
    res.end(req.method === "HEAD" ? undefined : result.body);
    const { accessLog } = this.options;
    if (accessLog && this.options.api.accessLogFormat && routed) {
      context.status = String(result.status);
      context.responseLength = String(result.body.length);
      context.responseLatency = String(Math.round(performance.now() - started));
      context.sourceIp = req.socket?.remoteAddress ?? "-";
      accessLog(accessLogLine(this.options.api.accessLogFormat, context));
    }
  }
}

/** The handler's answer, or the Lambda runtime's timeout error once the function's timeout has passed. */
async function withTimeout(match: CompiledRoute, event: unknown, requestId: string): Promise<unknown> {
  const { route } = match;
  const timeoutMs = route.timeoutSeconds * 1000;
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      match.handler(event, lambdaContext(route.functionName, requestId, timeoutMs, route.memorySizeMb)),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`Task timed out after ${route.timeoutSeconds} seconds`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function parametersOf(match: CompiledRoute, path: string): Record<string, string> | undefined {
  if (match.params.length === 0) return undefined;
  const m = match.pattern.exec(path)!;
  return Object.fromEntries(match.params.map((name, i) => [name, decodeComponent(m[i + 1], "path")]));
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
