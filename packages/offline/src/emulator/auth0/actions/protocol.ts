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
