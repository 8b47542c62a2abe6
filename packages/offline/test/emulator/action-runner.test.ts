// The thread boundary between the stand-in and an Action: the Action's code runs on the worker
// and can reach everything there, its parentPort included, so what comes back is checked as
// input from outside; and a worker that dies after it answered is never handed another login.
import { ActionRunner, type ExecutionOutcome, stderrActionLog } from "../../src/emulator/auth0/actions/runner";

jest.setTimeout(60_000);

const TIME_LIMIT_MS = 4000;

function job(code: string) {
  return {
    trigger: "post-login" as const,
    actions: [{ name: "hostile", code, dependencies: [], secrets: {} }],
    event: { user: { email: "reader@example.com" } },
    projectRoot: process.cwd(),
  };
}

const post = (message: string) => `require("node:worker_threads").parentPort.postMessage(${message});`;
const action = (body: string) => `exports.onExecutePostLogin = async (event, api) => { ${body} };`;

let runner: ActionRunner;
const logged: unknown[][] = [];
beforeEach(() => {
  logged.length = 0;
  runner = new ActionRunner({ timeLimitMs: TIME_LIMIT_MS, log: (...line) => logged.push(line) });
});
afterEach(() => runner.close());

describe("what an Action's thread sends the stand-in", () => {
  it("a console line that is not text ends the execution instead of reaching the log", async () => {
    const outcome = await runner.run(
      job(action(`${post(`{ kind: "log", action: "other", level: "log", message: 1 }`)} await new Promise((r) => setTimeout(r, 200));`)),
    );
    expect(outcome).toEqual({ kind: "crashed", message: "the Action's thread sent the stand-in a message it does not read" });
    expect(logged).toEqual([]);
  });

  it("a forged result whose calls are not calls ends the execution", async () => {
    const outcome = await runner.run(
      job(action(`${post(`{ kind: "result", result: { calls: 5 } }`)} await new Promise((r) => setTimeout(r, 200));`)),
    );
    expect(outcome).toEqual({ kind: "crashed", message: "the Action's thread sent the stand-in a message it does not read" });
  });

  it("a forged call's arguments reach the stand-in as JSON values, never as what structured cloning carries", async () => {
    const forged = `{ kind: "result", result: { calls: [{ action: "hostile", method: "user.setAppMetadata", args: ["plan", { shared: new SharedArrayBuffer(8), at: new Map([[1, 2]]) }] }] } }`;
    const outcome = await runner.run(job(action(`${post(forged)} await new Promise((r) => setTimeout(r, 200));`)));
    expect(outcome).toEqual({
      kind: "completed",
      result: { calls: [{ action: "hostile", method: "user.setAppMetadata", args: ["plan", { shared: {}, at: {} }] }] },
    });
  });

  it("a forged call with a value JSON cannot hold ends the execution", async () => {
    const forged = `{ kind: "result", result: { calls: [{ action: "hostile", method: "accessToken.setCustomClaim", args: ["n", 10n] }] } }`;
    const outcome: ExecutionOutcome = await runner.run(job(action(`${post(forged)} await new Promise((r) => setTimeout(r, 200));`)));
    expect(outcome).toEqual({ kind: "crashed", message: "the Action's thread sent the stand-in a message it does not read" });
  });
});

describe("a worker that dies after it answered", () => {
  it("is not handed the next login, which runs at once on a new thread", async () => {
    // A fire-and-forget call rejects after the Action returned: Node ends the thread on the unhandled rejection.
    const first = await runner.run(
      job(action(`void Promise.resolve().then(() => new Promise((r) => setTimeout(r, 50))).then(() => { throw new Error("late"); });`)),
    );
    expect(first.kind).toBe("completed");
    await new Promise((resolve) => setTimeout(resolve, 500));
    const next = await runner.run(job(action(`api.accessToken.setCustomClaim("https://x.example/ok", true);`)));
    expect(next).toEqual({
      kind: "completed",
      result: { calls: [{ action: "hostile", method: "accessToken.setCustomClaim", args: ["https://x.example/ok", true] }] },
    });
    expect(runner.sizes().actionWorkersBusy).toBe(0);
  });
});

describe("the Actions' console lines on the terminal", () => {
  it("show control characters as escapes: a line may carry what a request sent (a user agent)", () => {
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      stderrActionLog("enrich", "log", "agent \u001b]0;owned\u0007\u001b[2J\nnext");
    } finally {
      spy.mockRestore();
    }
    expect(written).toEqual(["action enrich LOG agent \\x1b]0;owned\\x07\\x1b[2J\n", "action enrich LOG next\n"]);
  });
});
