// npm run local's state server, in a thread of its own: terraform's http backend reads and writes
// a local run's state files through it (state-files.ts) while the thread that started it may be
// blocked in a spawnSync of terraform (the state readers' `terraform state pull`). Loopback only,
// and only with the run's password (HTTP basic authentication, as the http backend sends it).
import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { type MessagePort, workerData } from "node:worker_threads";
import type { StateFiles } from "./state-files";
import { type ServerSignal, SIGNAL } from "./state-server-signal";

const { root, password, port, signal, messages } = workerData as {
  root: string;
  password: string;
  port: number;
  signal: SharedArrayBuffer;
  messages: MessagePort;
};

/** A state larger than this is refused: a 300-route project's is 1.4 MB. */
const MAX_BODY_BYTES = 256 * 1024 * 1024;

// Loaded once the server listens: the run waits for that, and its terraform asks for the state
// a second later at the earliest (state-files.ts brings the model package's project module).
let loaded: StateFiles | undefined;
const files = (): StateFiles => {
  if (!loaded) {
    const { StateFiles: Files } = require("./state-files") as typeof import("./state-files");
    loaded = new Files(root);
  }
  return loaded;
};
const expected = Buffer.from(`Basic ${Buffer.from(`terraform:${password}`).toString("base64")}`);
const state: ServerSignal = new Int32Array(signal);

const authorized = (req: IncomingMessage) => {
  const given = Buffer.from(req.headers.authorization ?? "");
  return given.length === expected.length && timingSafeEqual(given, expected);
};

function serve(req: IncomingMessage, res: ServerResponse): void {
  const send = (status: number, body?: string | Buffer) => {
    if (res.headersSent) return;
    res.writeHead(status, { "content-type": status === 200 || status === 423 || status === 409 ? "application/json" : "text/plain" });
    res.end(body);
  };
  // Before any of the body is read.
  if (!authorized(req)) {
    send(401, "npm run local's state server answers terraform of that run only (TF_HTTP_USERNAME, TF_HTTP_PASSWORD)\n");
    req.resume();
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  req.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      send(413, `a state of over ${MAX_BODY_BYTES} bytes is not kept\n`);
      req.destroy();
      return;
    }
    chunks.push(chunk);
  });
  req.on("error", () => send(400, "the request ended before its body\n"));
  req.on("end", () => {
    try {
      const url = new URL(req.url ?? "/", "http://state");
      const answer = files().answer(req.method ?? "GET", url.pathname, url.searchParams, Buffer.concat(chunks));
      send(answer.status, answer.body);
    } catch (err) {
      send(500, `npm run local's state server: ${(err as Error).message}\n`);
    }
  });
}

const server = createServer(serve);
server.on("error", (err: NodeJS.ErrnoException) => {
  messages.postMessage({ error: err.code === "EADDRINUSE" ? "in use" : err.message });
  Atomics.store(state, 0, SIGNAL.failed);
  Atomics.notify(state, 0);
});
server.listen(port, "127.0.0.1", () => {
  const address = server.address();
  Atomics.store(state, 1, typeof address === "object" && address ? address.port : 0);
  Atomics.store(state, 0, SIGNAL.listening);
  Atomics.notify(state, 0);
  setImmediate(() => {
    try {
      files();
    } catch {
      // The first request says why, in its answer.
    }
  });
});
messages.on("message", () => {
  try {
    server.close();
    server.closeAllConnections();
    loaded?.releaseAll();
  } finally {
    // The thread that asked waits for this.
    Atomics.store(state, 0, SIGNAL.closed);
    Atomics.notify(state, 0);
  }
});
