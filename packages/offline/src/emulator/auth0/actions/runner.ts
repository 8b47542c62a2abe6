// Runs trigger executions on worker threads, one execution per worker at a time, each within
// Auth0's time limit: "Each execution of a trigger must complete in 20 seconds or less or the
// processing will end in an error" (https://auth0.com/docs/customize/actions/limitations,
// Executions). A worker that runs past it, crashes or runs out of memory is ended and replaced;
// the stand-in's own thread never runs an Action's code.
import { Worker } from "node:worker_threads";
import { terminalText } from "@apigw-auth0-rbac/model/text";
import { workerEntry } from "../../../worker-entry";
import { type ExecutionJob, type ExecutionResult, readWorkerMessage } from "./protocol";

/** Auth0's limit on one execution of a trigger (all its Actions). */
export const EXECUTION_TIME_LIMIT_MS = 20_000;
/** The stand-in's own bounds: threads running Actions at once, and memory each may take. */
const MAX_WORKERS = 4;
const WORKER_HEAP_MB = 256;
/** Executions waiting for a worker beyond this are refused at once rather than queued without end. */
const MAX_WAITING = 1000;

/** How an execution ended, as the stand-in answers it. */
export type ExecutionOutcome =
  | { readonly kind: "completed"; readonly result: ExecutionResult }
  | { readonly kind: "timed-out" }
  | { readonly kind: "crashed"; readonly message: string };

/** One line an Action wrote to its console. */
export type ActionLog = (action: string, level: string, message: string) => void;

/** Each line on stderr, control characters shown as escapes: a line may carry what a request sent (its user agent, say). */
export const stderrActionLog: ActionLog = (action, level, message) => {
  for (const line of message.split("\n")) process.stderr.write(`${terminalText(`action ${action} ${level.toUpperCase()} ${line}`)}\n`);
};

export interface ActionRunnerOptions {
  /** @default EXECUTION_TIME_LIMIT_MS */
  readonly timeLimitMs?: number;
  /** @default stderr, each line prefixed with the Action's name */
  readonly log?: ActionLog;
}

interface Execution {
  readonly job: ExecutionJob;
  readonly finish: (outcome: ExecutionOutcome) => void;
  /** The worker running it, once one took it. */
  worker?: ActionWorker;
}

export class ActionRunner {
  private readonly idle: ActionWorker[] = [];
  private running = 0;
  private readonly waiting: Execution[] = [];
  private closed = false;
  private readonly timeLimitMs: number;
  private readonly log: ActionLog;

  constructor(options: ActionRunnerOptions = {}) {
    this.timeLimitMs = options.timeLimitMs ?? EXECUTION_TIME_LIMIT_MS;
    this.log = options.log ?? stderrActionLog;
  }

  /** Starts a worker ahead of the first login, so that login does not wait for a thread to boot. */
  warm(): void {
    if (!this.closed && this.idle.length + this.running === 0) this.idle.push(this.newWorker());
  }

  /**
   * The execution's outcome; never rejects. Its time limit runs from the moment it is asked for,
   * so an execution waiting behind busy workers ends in time too.
   */
  run(job: ExecutionJob): Promise<ExecutionOutcome> {
    if (this.closed) return Promise.resolve({ kind: "crashed", message: "the Auth0 stand-in is shutting down" });
    if (this.waiting.length >= MAX_WAITING) return Promise.resolve({ kind: "crashed", message: "too many logins are waiting for Actions" });
    return new Promise((resolve) => {
      let done = false;
      const execution: Execution = {
        job,
        finish: (outcome) => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          resolve(outcome);
        },
      };
      const timer = setTimeout(() => {
        // An endless loop never yields: only ending its thread stops it.
        if (execution.worker) void execution.worker.end();
        else this.waiting.splice(this.waiting.indexOf(execution), 1);
        execution.finish({ kind: "timed-out" });
      }, this.timeLimitMs);
      this.waiting.push(execution);
      this.dispatch();
    });
  }

  /** Hands waiting executions to idle workers, or to new ones up to the bound. */
  private dispatch(): void {
    while (this.waiting.length > 0 && (this.idle.length > 0 || this.running < MAX_WORKERS)) {
      const execution = this.waiting.shift()!;
      const worker = this.idle.pop() ?? this.newWorker();
      execution.worker = worker;
      this.running++;
      worker.execute(execution.job).then((outcome) => {
        this.running--;
        if (outcome.kind === "completed" && worker.alive && !this.closed) this.idle.push(worker);
        else void worker.end();
        execution.finish(outcome);
        this.dispatch();
      });
    }
  }

  /**
   * A worker whose thread ended while idle (a timer or a promise the Action left behind threw
   * after it answered) leaves the idle list at once: it would never answer the next login.
   */
  private newWorker(): ActionWorker {
    return new ActionWorker(this.log, (ended) => {
      const at = this.idle.indexOf(ended);
      if (at >= 0) this.idle.splice(at, 1);
    });
  }

  sizes(): Record<string, number> {
    return { actionWorkersIdle: this.idle.length, actionWorkersBusy: this.running, actionExecutionsWaiting: this.waiting.length };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const { finish } of this.waiting.splice(0)) finish({ kind: "crashed", message: "the Auth0 stand-in is shutting down" });
    await Promise.all(this.idle.splice(0).map((w) => w.end()));
  }
}

/** One worker thread and the execution it runs. */
class ActionWorker {
  alive = true;
  private readonly worker: Worker;
  private pending?: (outcome: ExecutionOutcome) => void;

  constructor(log: ActionLog, onEnded: (worker: ActionWorker) => void) {
    const script = workerEntry(__dirname, "worker");
    this.worker = new Worker(script.source, { eval: script.eval, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    // An idle worker does not keep the process alive.
    this.worker.unref();
    this.worker.on("message", (posted: unknown) => {
      // The Action's code shares the thread and its parentPort: what it posts is read, never trusted.
      const message = readWorkerMessage(posted);
      if (!message) {
        this.settle({ kind: "crashed", message: "the Action's thread sent the stand-in a message it does not read" });
        void this.end();
      } else if (message.kind === "log") log(message.action, message.level, message.message);
      else this.settle({ kind: "completed", result: message.result });
    });
    // process.exit() in an Action, an error thrown where nothing catches it, memory exhausted.
    this.worker.on("error", (err) => this.settle({ kind: "crashed", message: err instanceof Error ? err.message : String(err) }));
    this.worker.on("exit", (code) => {
      this.settle({ kind: "crashed", message: `the Action's thread exited (code ${code})` });
      onEnded(this);
    });
  }

  execute(job: ExecutionJob): Promise<ExecutionOutcome> {
    if (!this.alive) return Promise.resolve({ kind: "crashed", message: "the Action's thread had ended" });
    return new Promise((resolve) => {
      this.pending = resolve;
      this.worker.postMessage(job);
    });
  }

  private settle(outcome: ExecutionOutcome): void {
    if (outcome.kind !== "completed") this.alive = false;
    const pending = this.pending;
    this.pending = undefined;
    pending?.(outcome);
  }

  end(): Promise<number> {
    this.alive = false;
    return this.worker.terminate();
  }
}
