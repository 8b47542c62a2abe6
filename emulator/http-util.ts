// The few HTTP helpers both local servers share.
import type { IncomingMessage, Server, ServerResponse } from "node:http";

export const MAX_BODY_BYTES = 64 * 1024;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers });
  res.end(text);
}

export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLargeError(limit);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export class BodyTooLargeError extends Error {
  constructor(limit: number) {
    super(`request body is larger than ${limit} bytes`);
  }
}

/** Form or JSON body as a flat string map, the two encodings Auth0's token endpoint takes. */
export async function readParams(req: IncomingMessage): Promise<Record<string, string>> {
  const body = (await readBody(req)).toString("utf8");
  const type = String(req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  if (type === "application/json") {
    const parsed = body ? JSON.parse(body) : {};
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new SyntaxError("expected a JSON object");
    return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
  }
  return Object.fromEntries(new URLSearchParams(body));
}

/** "set API_PORT to a free port (e.g. API_PORT=3101)": the fix for a busy port set by a variable. */
export const changeVariable = (variable: string, port: number) => `set ${variable} to a free port (e.g. ${variable}=${port + 100})`;

/** Listens on 127.0.0.1; a port in use becomes an error that says how to fix it. */
export function listen(server: Server, port: number, fix: string, host = "127.0.0.1"): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      reject(
        err.code === "EADDRINUSE"
          ? new PortInUseError(`port ${port} on ${host} is already in use; ${fix}`)
          : err,
      );
    };
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      const address = server.address();
      resolvePort(typeof address === "object" && address ? address.port : port);
    });
  });
}

export class PortInUseError extends Error {}

export function closeServer(server: Server): Promise<void> {
  return new Promise((done) => {
    server.close(() => done());
    server.closeAllConnections();
  });
}
