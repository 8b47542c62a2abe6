// An Action worker: a thread of its own that runs one trigger execution at a time, so an endless
// loop, a crash or a memory bomb in an Action ends that execution (the stand-in terminates the
// thread) and never the stand-in. The code is the deployed CommonJS file, compiled once per
// thread and kept, as Auth0 keeps an Action's module between executions of a warm container.
// Nothing here decides what a call means for the token: the calls go back to the stand-in.
import { createHash } from "node:crypto";
import dgram from "node:dgram";
import { createRequire, isBuiltin, Module } from "node:module";
import net from "node:net";
import { join } from "node:path";
import { format } from "node:util";
import { parentPort } from "node:worker_threads";
import { apiFor } from "./api";
import type { ApiCall, ExecutionJob, ExecutionResult, JobAction, WorkerMessage } from "./protocol";

/** The export Auth0 calls for each trigger (Actions triggers' API and event object references). */
const ENTRY_POINTS = { "post-login": "onExecutePostLogin", "credentials-exchange": "onExecuteCredentialsExchange" } as const;

const post = (message: WorkerMessage) => parentPort!.postMessage(message);
/** The Action running now, whose console lines these are. */
let current = "";

refuseNetwork();
routeConsole();
parentPort!.on("message", async (job: ExecutionJob) => post({ kind: "result", result: await execute(job) }));

/** Runs the trigger's Actions in order until one denies or fails. */
async function execute(job: ExecutionJob): Promise<ExecutionResult> {
  const calls: ApiCall[] = [];
  // "The cache should be available for all Actions in the same trigger for a single execution
  // reliably … for subsequent executions … it is not guaranteed" (Actions limitations, Cached data).
  const cache = new Map<string, string>();
  for (const action of job.actions) {
    current = action.name;
    const api = apiFor(job.trigger, action.name, calls, cache);
    try {
      const entry = entryPointOf(action, job);
      // Each Action gets its own copy of the event, with its own secrets: what one changes the next does not see.
      const event = { ...structuredClone(job.event), secrets: { ...action.secrets } };
      await entry(event, api.api);
    } catch (err) {
      return { calls, failure: { action: action.name, message: messageOf(err) } };
    }
    // "The login flow will immediately stop following the completion of this action and no
    // further Actions will be executed" (post-login API object, api.access.deny).
    if (api.denied()) break;
  }
  return { calls };
}

const compiled = new Map<string, Record<string, unknown>>();

function entryPointOf(action: JobAction, job: ExecutionJob): (event: unknown, api: unknown) => unknown {
  const name = ENTRY_POINTS[job.trigger];
  const key = `${action.name}\n${createHash("sha256").update(action.code).update(action.dependencies.join("\n")).digest("hex")}`;
  let exported = compiled.get(key);
  if (!exported) {
    exported = compile(action, job.projectRoot);
    compiled.set(key, exported);
  }
  const entry = exported[name];
  if (typeof entry !== "function") throw new Error(`Action ${action.name} exports no ${name} function`);
  return entry as (event: unknown, api: unknown) => unknown;
}

/**
 * The deployed file as a CommonJS module of its own. It may require Node's built-ins and the npm
 * packages it declares, found in the project's node_modules (Auth0 installs them); anything else
 * fails as Auth0 fails it, with "Cannot find module".
 */
function compile(action: JobAction, projectRoot: string): Record<string, unknown> {
  const filename = join(projectRoot, "auth0-actions", `${action.name}.js`);
  const fromProject = createRequire(join(projectRoot, "package.json"));
  const declared = new Set(action.dependencies);
  const mod = new Module(filename);
  mod.filename = filename;
  mod.require = ((id: string) => {
    if (isBuiltin(id)) return require(id);
    if (!declared.has(packageOf(id))) throw Object.assign(new Error(`Cannot find module '${id}'`), { code: "MODULE_NOT_FOUND" });
    return fromProject(id);
  }) as NodeJS.Require;
  (mod as Module & { _compile(content: string, filename: string): void })._compile(action.code, filename);
  return mod.exports as Record<string, unknown>;
}

/** "lodash/fp" → "lodash", "@scope/pkg/x" → "@scope/pkg". */
function packageOf(id: string): string {
  const parts = id.split("/");
  return id.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Network calls do not run offline (docs/ACTIONS.md): every TCP connection (fetch, http, https,
 * net, tls all open one through net.Socket), every UDP datagram and fetch itself fail as a
 * refused connection would, naming why. Only this thread's modules are changed.
 */
function refuseNetwork(): void {
  const refused = (what: string) =>
    Object.assign(new Error(`network calls from Actions do not run offline: ${what} refused by the Auth0 stand-in (docs/ACTIONS.md)`), {
      code: "ERR_ACTION_OFFLINE",
    });
  net.Socket.prototype.connect = function connect(this: net.Socket) {
    process.nextTick(() => this.destroy(refused("a connection")));
    return this;
  } as typeof net.Socket.prototype.connect;
  dgram.Socket.prototype.send = () => {
    throw refused("a UDP datagram");
  };
  globalThis.fetch = async (input: unknown) => {
    throw refused(`fetch(${JSON.stringify(String(input instanceof Request ? input.url : input))})`);
  };
}

/** The Actions' console lines go to the stand-in, named by the Action that wrote them. */
function routeConsole(): void {
  for (const level of ["log", "info", "warn", "error", "debug", "trace"] as const) {
    console[level] = (...args: unknown[]) => post({ kind: "log", action: current, level, message: format(...args) });
  }
}
