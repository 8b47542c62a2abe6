// What the stand-in and an Action worker tell each other: a trigger's execution in, the calls
// its Actions made on `api` out. Plain data (structured-cloned across the thread boundary).
import type { ServedTrigger } from "../../deployment/description";

export interface ExecutionJob {
  readonly trigger: ServedTrigger;
  /** In binding order. */
  readonly actions: readonly JobAction[];
  /** The event every Action of the execution gets a copy of, without its secrets. */
  readonly event: Readonly<Record<string, unknown>>;
  /** Where declared dependencies are resolved from (the project's node_modules). */
  readonly projectRoot: string;
}

export interface JobAction {
  readonly name: string;
  readonly code: string;
  /** The npm packages it declares: the only ones it may require besides Node's built-ins. */
  readonly dependencies: readonly string[];
  readonly secrets: Readonly<Record<string, string>>;
}

/** One call an Action made on `api`, its arguments as JSON values. */
export interface ApiCall {
  readonly action: string;
  readonly method: string;
  readonly args: readonly unknown[];
}

export interface ExecutionResult {
  /** Every call, in order, up to the end of the execution (or the Action that failed). */
  readonly calls: readonly ApiCall[];
  /** Set when an Action threw or rejected: the error's message, and which Action. */
  readonly failure?: { readonly action: string; readonly message: string };
}

export type WorkerMessage =
  | { readonly kind: "result"; readonly result: ExecutionResult }
  | { readonly kind: "log"; readonly action: string; readonly level: string; readonly message: string };

/**
 * What a worker posted, if it is a message of this protocol; undefined otherwise. The Action's
 * code runs on that thread and can post anything structured cloning carries (numbers where text
 * belongs, BigInts, Maps, shared memory), so the stand-in reads it as input from outside: text
 * must be text, and each call's arguments become JSON values, as the worker's `api` makes them.
 */
export function readWorkerMessage(message: unknown): WorkerMessage | undefined {
  if (!isRecord(message)) return undefined;
  if (message.kind === "log") {
    const { action, level, message: text } = message;
    return typeof action === "string" && typeof level === "string" && typeof text === "string"
      ? { kind: "log", action, level, message: text }
      : undefined;
  }
  if (message.kind !== "result" || !isRecord(message.result)) return undefined;
  const { calls, failure } = message.result;
  if (!Array.isArray(calls) || (failure !== undefined && !isFailure(failure))) return undefined;
  const read = calls.map(readCall);
  if (read.some((call) => call === undefined)) return undefined;
  return {
    kind: "result",
    result: { calls: read as ApiCall[], ...(failure ? { failure: { action: failure.action, message: failure.message } } : {}) },
  };
}

function readCall(call: unknown): ApiCall | undefined {
  if (!isRecord(call) || typeof call.action !== "string" || typeof call.method !== "string" || !Array.isArray(call.args)) return undefined;
  try {
    // A BigInt or a cycle throws; a Map, a Set or shared memory becomes the plain JSON it writes.
    // An argument left out stays undefined (a claim without a value, a deny without a reason).
    const args = call.args.map((arg: unknown) => (arg === undefined ? undefined : JSON.parse(JSON.stringify(arg))));
    return { action: call.action, method: call.method, args };
  } catch {
    return undefined;
  }
}

function isFailure(value: unknown): value is { action: string; message: string } {
  return isRecord(value) && typeof value.action === "string" && typeof value.message === "string";
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
