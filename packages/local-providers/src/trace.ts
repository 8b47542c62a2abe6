// Where a stand-in's time goes, for `npm run bench:deploy`: only when LOCAL_PROVIDER_TRACE names
// a file. Each process then counts its RPCs and its store's work in memory and, as it exits,
// appends one JSON line to that file (one write: lines of processes exiting together do not
// mix). Without the variable every call below is a check of one boolean.
import { appendFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

/** One process's line in the trace file. */
export interface TraceLine {
  readonly process: string;
  readonly pid: number;
  /** Epoch milliseconds: the process started, it was ready to serve (the plugin's handshake), it exited. */
  readonly started: number;
  readonly ready?: number;
  readonly ended: number;
  /** Milliseconds of CPU (user and system) the process used. */
  readonly cpu: number;
  /** Milliseconds and calls, by what was timed ("rpc PlanResourceChange", "store update"). */
  readonly spent: Record<string, { readonly ms: number; readonly calls: number }>;
}

const file = process.env.LOCAL_PROVIDER_TRACE;
const spent = new Map<string, { ms: number; calls: number }>();
let name = "";
let ready: number | undefined;

/** Whether this process traces (LOCAL_PROVIDER_TRACE is set). */
export const tracing = file !== undefined && file !== "";

/** Names this process in the trace and writes its line when it exits. */
export function traceProcess(processName: string): void {
  if (!tracing || name) return;
  name = processName;
  process.on("exit", () => {
    const line: TraceLine = {
      process: name,
      pid: process.pid,
      started: performance.timeOrigin,
      ready,
      ended: performance.timeOrigin + performance.now(),
      cpu: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
      spent: Object.fromEntries(spent),
    };
    appendFileSync(file as string, `${JSON.stringify(line)}\n`);
  });
}

/** Notes the moment this process is ready to serve. */
export function traceReady(): void {
  if (tracing) ready = performance.timeOrigin + performance.now();
}

/** Adds `ms` to what `what` took. */
export function traceSpent(what: string, ms: number): void {
  const entry = spent.get(what);
  if (entry) {
    entry.ms += ms;
    entry.calls += 1;
  } else spent.set(what, { ms, calls: 1 });
}

/** Runs `body`, adding its time to `what` when tracing. */
export function traced<R>(what: string, body: () => R): R {
  if (!tracing) return body();
  const started = performance.now();
  try {
    return body();
  } finally {
    traceSpent(what, performance.now() - started);
  }
}
