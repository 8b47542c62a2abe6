// npm run local's state server: terraform reaches a local run's state files through its http
// backend (state-server-worker.ts serves them, state-files.ts says what each request does), so
// the state is persisted as a remote backend persists it (on an interval and at the end of each
// command) rather than rewritten whole after every resource, as the local backend does. Its port
// and password are kept in the layout (state-server.json, this user only), so each stack's
// working folder keeps the address it was initialised with, and a reader of the state
// (`terraform state pull` there) can serve it again on the same port.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import { LOCAL_STATE_SERVER, writeFileAtomically } from "@apigw-auth0-rbac/model/project";
import { workerEntry } from "../worker-entry";
import { LocalRunError } from "./layout";
import { SIGNAL } from "./state-server-signal";

/** How long starting or stopping the server's thread may take. */
const THREAD_WAIT_MS = 15_000;

interface Settings {
  readonly port: number;
  readonly password: string;
}

export interface StateServer {
  /** The variables terraform and the app need to reach it. */
  readonly variables: Readonly<Record<string, string>>;
  /** Stops it and releases every lock it holds; the thread that started it waits until it has. */
  close(): void;
}

const settingsFile = (layoutDir: string) => join(layoutDir, "state-server.json");

function readSettings(layoutDir: string): Settings | undefined {
  try {
    const { port, password } = JSON.parse(readFileSync(settingsFile(layoutDir), "utf8"));
    return Number.isInteger(port) && port > 0 && port < 65536 && typeof password === "string" && password.length >= 32
      ? { port, password }
      : undefined;
  } catch {
    return undefined;
  }
}

/** The variables that reach a server on `settings`' port. */
const variablesOf = ({ port, password }: Settings) => ({
  [LOCAL_STATE_SERVER]: `http://127.0.0.1:${port}`,
  TF_HTTP_USERNAME: "terraform",
  TF_HTTP_PASSWORD: password,
});

/** A server on its way up: it starts in its own thread while the run goes on. */
export interface StartingStateServer {
  /** Waits until it listens, keeps its port in the layout when that changed, and says how to reach it. */
  ready(): StateServer;
  /** Stops it, ready or not. */
  close(): void;
}

/**
 * For a run: a server of `stateRoot`'s files on the layout's port, or on a new one when that is
 * taken (each stack's working folder is then initialised anew: the run gives terraform init
 * -reconfigure). Nothing is written before `ready`.
 */
export function startStateServer(layoutDir: string, stateRoot: string): StartingStateServer {
  const known = readSettings(layoutDir);
  const password = known?.password ?? randomBytes(24).toString("base64url");
  const first = spawnServer(stateRoot, known?.port ?? 0, password);
  let ready: StateServer | undefined;
  return {
    ready() {
      if (ready) return ready;
      const started = first.listening() ?? spawnServer(stateRoot, 0, password).listening();
      if (!started) throw new LocalRunError("npm run local's state server could not listen on 127.0.0.1; nothing was changed");
      const settings = { port: started.port, password };
      if (known?.port !== settings.port || known.password !== password) {
        mkdirSync(layoutDir, { recursive: true });
        writeFileAtomically(settingsFile(layoutDir), JSON.stringify(settings), { mode: 0o600 });
      }
      ready = { variables: variablesOf(settings), close: started.close };
      return ready;
    },
    close: () => (ready ? ready.close() : first.abandon()),
  };
}

/**
 * For a reader of the state: the variables the layout's server is reached with, and `serve`, a
 * server on its port for as long as the reader's terraform runs (none when that port is taken: a
 * run of this project serves the same files there). Undefined when no run of this layout ever
 * started one.
 */
export function servedState(
  layoutDir: string,
  stateRoot: string,
): { readonly variables: Record<string, string>; serve(): { close(): void } } | undefined {
  const settings = readSettings(layoutDir);
  if (!settings) return undefined;
  return {
    variables: variablesOf(settings),
    serve: () => spawnServer(stateRoot, settings.port, settings.password).listening() ?? { close: () => undefined },
  };
}

/**
 * A server on `port` (0: any), starting in a thread of its own. `listening` waits for it: its
 * port and how to stop it, or undefined when the port is taken.
 */
function spawnServer(stateRoot: string, port: number, password: string) {
  const signal = new SharedArrayBuffer(8);
  const state = new Int32Array(signal);
  const { port1, port2 } = new MessageChannel();
  const entry = workerEntry(__dirname, "state-server-worker");
  const worker = new Worker(entry.source, {
    eval: entry.eval,
    workerData: { root: stateRoot, password, port, signal, messages: port2 },
    transferList: [port2],
  });
  worker.unref();
  // Not the run's end: terraform then finds no server, and says so.
  worker.on("error", (err) => process.stderr.write(`npm run local's state server stopped: ${err.message}\n`));
  const abandon = () => {
    port1.close();
    void worker.terminate();
  };
  return {
    abandon,
    listening(): { readonly port: number; close(): void } | undefined {
      Atomics.wait(state, 0, SIGNAL.starting, THREAD_WAIT_MS);
      if (Atomics.load(state, 0) !== SIGNAL.listening) {
        const error = receiveMessageOnPort(port1)?.message?.error;
        abandon();
        if (error === "in use") return undefined;
        throw new LocalRunError(
          `npm run local's state server did not start: ${error ?? `no answer within ${THREAD_WAIT_MS / 1000} s`}; nothing was changed`,
        );
      }
      return {
        port: Atomics.load(state, 1),
        close: () => {
          // Its locks are released before this thread goes on.
          port1.postMessage("close");
          Atomics.wait(state, 0, SIGNAL.listening, THREAD_WAIT_MS);
          abandon();
        },
      };
    },
  };
}
