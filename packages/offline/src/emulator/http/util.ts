// The few HTTP helpers the local servers share: reading targets and bodies defensively, and
// a request listener that always ends in an answer.
import { UserError } from "../../errors";
import { STATUS_CODES, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from "node:http";
import { createServer as createNetServer } from "node:net";
import type { Duplex } from "node:stream";

/** The host name of a Host header: lower case, without port or trailing dot ("[::1]" for IPv6). */
export function hostNameOf(header: string | undefined): string {
  const host = (header ?? "").trim().toLowerCase();
  const name = host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : host.replace(/:\d*$/, "");
  return name.replace(/\.$/, "");
}

/** The stand-in's form and JSON endpoints: small, as a token request or a login form is. */
export const MAX_FORM_BYTES = 16 * 1024;

/**
 * A problem with what the client sent: answered with `status` in the server's own error
 * shape, not logged as a server error.
 */
export class ClientError extends Error {
  constructor(
    readonly status: 400 | 404 | 405 | 413 | 429,
    message: string,
  ) {
    super(message);
  }
}

export class BodyTooLargeError extends ClientError {
  constructor(readonly limit: number) {
    super(413, `the request body is larger than ${limit} bytes`);
  }
}

/**
 * Text made safe for a response header: printable ASCII only, no quote or backslash (it may
 * sit inside a quoted-string), at most `max` characters. Anything else becomes "?".
 */
export function headerSafe(value: string, max = 200): string {
  const safe = value.replace(/[^\x20-\x7e]|["\\]/g, "?");
  return safe.length > max ? safe.slice(0, max) : safe;
}

export interface RequestTarget {
  /** The path exactly as sent (still percent-encoded, never normalised). */
  readonly path: string;
  /** What follows "?", without it; "" when there is none. */
  readonly rawQuery: string;
}

/**
 * The origin-form target ("/path?query") as sent; absolute-form ("http://host/path") is
 * reduced to its path, as HTTP/1.1 servers must accept it. Anything else is a 400.
 * Nothing is normalised: "/a/../b" stays "/a/../b".
 */
export function requestTarget(raw: string | undefined): RequestTarget {
  let target = raw ?? "";
  if (/^https?:\/\//i.test(target)) {
    const slash = target.indexOf("/", target.indexOf("//") + 2);
    target = slash === -1 ? "/" : target.slice(slash);
  }
  if (target[0] !== "/" || /[^\x21-\x7e]/.test(target)) throw new ClientError(400, "malformed request target");
  const q = target.indexOf("?");
  const hash = target.indexOf("#");
  const end = hash === -1 ? target.length : hash;
  return q === -1 || q > end ? { path: target.slice(0, end), rawQuery: "" } : { path: target.slice(0, q), rawQuery: target.slice(q + 1, end) };
}

/** decodeURIComponent, with malformed percent-encoding as a 400. */
export function decodeComponent(value: string, what: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw new ClientError(400, `malformed percent-encoding in the ${what}`);
  }
}

function declaredLength(req: IncomingMessage): number | undefined {
  const raw = req.headers["content-length"];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value)) throw new ClientError(400, "malformed content-length");
  return value;
}

/**
 * The whole body, refused with a 413 as soon as it is known to exceed `limit`: from its
 * content-length before a byte is read, or while reading a chunked one. The rest of an
 * oversized body is drained and thrown away so the answer reaches the client.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = declaredLength(req);
  if (declared !== undefined && declared > limit) {
    req.resume();
    return Promise.reject(new BodyTooLargeError(limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        chunks.length = 0;
        req.resume();
        reject(new BodyTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    const cleanup = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      // Keep a listener so a late socket error is not an unhandled 'error' event.
      req.on("error", () => undefined);
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
  });
}

/**
 * A form or JSON body as a flat string map: the two encodings Auth0's endpoints take.
 * Invalid JSON, or JSON that is not an object, is a 400; a body over `limit` a 413.
 */
export async function readParams(req: IncomingMessage, limit = MAX_FORM_BYTES): Promise<Record<string, string>> {
  const body = (await readBody(req, limit)).toString("utf8");
  const type = String(req.headers["content-type"] ?? "")
    .split(";")[0]
    .trim()
    .toLowerCase();
  if (type === "application/json") {
    let parsed: unknown;
    try {
      parsed = body ? JSON.parse(body) : {};
    } catch {
      throw new ClientError(400, "the body is not valid JSON");
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new ClientError(400, "the JSON body must be an object");
    return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
  }
  return Object.fromEntries(new URLSearchParams(body));
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers });
  res.end(text);
}

/** Writes a client or server error in the server's own shape. */
export type ErrorAnswer = (res: ServerResponse, status: number, message: string) => void;

/**
 * A request listener that always answers: a ClientError becomes its status in the server's
 * shape; anything else is logged once and becomes a 500. A 413 closes the connection, as
 * the rest of the body is not read. The process never sees the rejection.
 */
export function answering(
  name: string,
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void> | void,
  answer: ErrorAnswer,
): RequestListener {
  return (req, res) => {
    let pending: Promise<void> | void;
    try {
      pending = handle(req, res);
    } catch (err) {
      fail(name, res, err, answer);
      return;
    }
    if (pending) pending.catch((err) => fail(name, res, err, answer));
  };
}

function fail(name: string, res: ServerResponse, err: unknown, answer: ErrorAnswer): void {
  const status = err instanceof ClientError ? err.status : 500;
  // Every 500, whatever became of the request (after its body is read, req.destroyed is true).
  if (status === 500) console.error(`${name}: ${(err as Error)?.stack ?? err}`);
  if (res.headersSent || res.destroyed) {
    res.destroy();
    return;
  }
  try {
    if (status === 413) res.setHeader("connection", "close");
    answer(res, status, status === 500 ? "internal error" : (err as Error).message);
  } catch (second) {
    console.error(`${name}: could not answer: ${(second as Error)?.message ?? second}`);
    res.destroy();
  }
}

/** An answer written before Node could parse the request into one (or would not: CONNECT). */
export interface UnparsedAnswer {
  readonly contentType: string;
  readonly body: string;
}

/** Node's parser errors as answers: the request line or headers it refused, and the status for each. */
function parserStatus(code: string | undefined): number {
  if (code === "HPE_HEADER_OVERFLOW") return 431;
  if (code === "ERR_HTTP_REQUEST_TIMEOUT" || code === "ERR_HTTP_HEADERS_TIMEOUT") return 408;
  return 400;
}

/**
 * Makes `server` answer, in its own error shape, what Node's HTTP parser refuses (a lower-case
 * or unknown method, a space in the target, Content-Length beside Transfer-Encoding, headers
 * over Node's 16 KiB) and what it hands over raw (CONNECT), then close the connection. Without
 * this Node answers in its own words, or (CONNECT) not at all. Every header sent is kept, so
 * a limit counted on them counts what the client sent (Node otherwise drops headers past
 * 2,000 without a word).
 */
export function answerUnparsable(server: Server, answer: (status: number, reason: string) => UnparsedAnswer): void {
  server.maxHeadersCount = 0;
  const reply = (socket: Duplex, status: number, reason: string) => {
    const pending = (socket as Duplex & { _httpMessage?: ServerResponse })._httpMessage;
    if (!socket.writable || pending?.headersSent) return void socket.destroy();
    const { contentType, body } = answer(status, reason);
    const head = [
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
      `content-type: ${contentType}`,
      `content-length: ${Buffer.byteLength(body)}`,
      "connection: close",
    ];
    socket.end(`${head.join("\r\n")}\r\n\r\n${body}`);
  };
  server.on("clientError", (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === "ECONNRESET") return void socket.destroy();
    reply(
      socket,
      parserStatus(err.code),
      err.code === "HPE_HEADER_OVERFLOW" ? "the request headers are too large" : "the request could not be parsed",
    );
  });
  server.on("connect", (_req: IncomingMessage, socket: Duplex) => reply(socket, 400, "CONNECT is not served here"));
}

/** "set API_PORT to a free port (e.g. API_PORT=3101)": the fix for a busy port set by a variable. */
export const changeVariable = (variable: string, port: number) => `set ${variable} to a free port (e.g. ${variable}=${port + 100})`;

/** Listens on 127.0.0.1; a port in use becomes an error that says how to fix it. */
export function listen(server: Server, port: number, fix: string, host = "127.0.0.1"): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      reject(err.code === "EADDRINUSE" ? new PortInUseError(`port ${port} on ${host} is already in use; ${fix}`) : err);
    };
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      const address = server.address();
      resolvePort(typeof address === "object" && address ? address.port : port);
    });
  });
}

class PortInUseError extends UserError {}

/** A port a server is about to take, and how the user frees or changes it. */
export interface PlannedPort {
  readonly port: number;
  /** "the HTTP API", for the message. */
  readonly what: string;
  readonly fix: string;
}

/**
 * Every planned port that is in use, reported together (rather than one per restart);
 * port 0 (any free port) is never busy. The servers still handle a port taken after this.
 */
export async function assertPortsFree(ports: readonly PlannedPort[], host = "127.0.0.1"): Promise<void> {
  const busy: PlannedPort[] = [];
  for (const planned of ports.filter((p) => p.port !== 0)) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = createNetServer();
      probe.once("error", () => resolve(false));
      probe.listen(planned.port, host, () => probe.close(() => resolve(true)));
    });
    if (!free) busy.push(planned);
  }
  if (busy.length === 1) throw new PortInUseError(`port ${busy[0].port} on ${host} (${busy[0].what}) is already in use; ${busy[0].fix}`);
  if (busy.length > 1) {
    throw new PortInUseError(
      `${busy.length} ports on ${host} are already in use:\n${busy.map((b) => `  - ${b.port} (${b.what}): ${b.fix}`).join("\n")}`,
    );
  }
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((done) => {
    server.close(() => done());
    server.closeAllConnections();
  });
}
