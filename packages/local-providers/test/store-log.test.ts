// The local cloud's store as a snapshot (cloud.json) and a log of changes (cloud.log): what a
// writer killed with -9 in the middle of a line leaves, a compaction killed between its two
// renames, and compactions racing writers and readers in other processes.
import { execFile, spawn } from "node:child_process";
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CloudStoreError, compactStore, fileStore } from "../src/cloud/store";

const STORE = join(__dirname, "..", "src", "cloud", "store.ts");
const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "store-log-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

type Counter = { n: number };
type Items = { items: Record<string, boolean>; count: number };
const counter = (dir: string) => fileStore(dir).read<Counter>("counter", () => ({ n: 0 })).n;
const increment = (dir: string, by = 1) =>
  fileStore(dir).update<Counter, void>(
    "counter",
    () => ({ n: 0 }),
    (s) => {
      s.n += by;
    },
  );
const logLines = (dir: string) => readFileSync(join(dir, "cloud.log"), "utf8").split("\n").slice(0, -1);

/** A Node.js process running `script` with the store module as `store`; resolves with its stdout. */
function node(script: string, timeout = 60_000): Promise<string> {
  const source = `const store = require(${JSON.stringify(STORE)});\n${script}`;
  return new Promise((resolve, reject) =>
    execFile(process.execPath, ["--import", "tsx", "-e", source], { encoding: "utf8", timeout }, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
    ),
  );
}

describe("a writer killed with -9 in the middle of its line", () => {
  it("leaves a part of a line that readers pass over and the next writer cuts off before its own", () => {
    const dir = freshDir();
    increment(dir);
    increment(dir);
    // What the third change's line would be, cut short as a killed writer's write() leaves it.
    const third = '{"seq":3,"service":"counter","ops":[[["n"],3]]}';
    appendFileSync(join(dir, "cloud.log"), third.slice(0, 20));
    // A reader (no lock: it may be a change still being written) sees the store before it.
    expect(counter(dir)).toBe(2);
    // The next writer, holding the lock, knows no writer is left to finish it.
    increment(dir, 10);
    expect(counter(dir)).toBe(12);
    expect(logLines(dir).map((line) => JSON.parse(line).seq)).toEqual([1, 2, 3]);
    expect(readFileSync(join(dir, "cloud.log"), "utf8")).not.toContain(`${third.slice(0, 20)}{`);
  });

  it("refuses a log whose whole line is not a change, naming the file and the fix", () => {
    const dir = freshDir();
    increment(dir);
    appendFileSync(join(dir, "cloud.log"), "not a change\n");
    expect(() => counter(dir)).toThrow(CloudStoreError);
    expect(() => counter(dir)).toThrow(`the local cloud store ${join(dir, "cloud.log")} is corrupt`);
    expect(() => counter(dir)).toThrow("to start an empty local cloud");
  });

  it("kept counting across real kill -9s of a process writing as fast as it can", async () => {
    const dir = freshDir();
    for (let kill = 0; kill < 4; kill++) {
      const child = spawn(
        process.execPath,
        [
          "--import",
          "tsx",
          "-e",
          `const store = require(${JSON.stringify(STORE)}); const s = store.fileStore(${JSON.stringify(dir)}); process.stdout.write("go\\n"); for (;;) s.update("counter", () => ({ n: 0 }), (c) => { c.n += 1; });`,
        ],
        { stdio: ["ignore", "pipe", "inherit"] },
      );
      await new Promise((resolve) => child.stdout.once("data", resolve));
      await new Promise((resolve) => setTimeout(resolve, 150 + 100 * kill));
      child.kill("SIGKILL");
      await new Promise((resolve) => child.once("exit", resolve));
      // Whatever the kill interrupted (a line, a compaction, the lock held): the store loads and takes the next change.
      const before = counter(dir);
      increment(dir);
      expect(counter(dir)).toBe(before + 1);
      expect(logLines(dir).every((line) => Number.isInteger(JSON.parse(line).seq))).toBe(true);
    }
    // No lock is held (a kill while taking one may leave lock.ts's partial file beside it: never a lock).
    expect(existsSync(join(dir, "cloud.json.lock"))).toBe(false);
  }, 60_000);
});

describe("compaction", () => {
  it("killed between writing the snapshot and emptying the log: the log's changes the snapshot holds are passed over", () => {
    const dir = freshDir();
    const store = fileStore(dir);
    const items = (change: (s: { items: Record<string, { x?: number }> }) => void) => store.update("items", () => ({ items: {} }), change);
    items((s) => {
      s.items.a = {};
    });
    compactStore(dir);
    // Changes to an object the snapshot before held, then its removal: replayed on the next snapshot, the first would name an object it does not hold.
    items((s) => {
      s.items.a.x = 1;
    });
    items((s) => {
      delete s.items.a;
    });
    items((s) => {
      s.items.b = { x: 2 };
    });
    const log = readFileSync(join(dir, "cloud.log"));
    compactStore(dir);
    // The snapshot (seq 4) renamed into place, the log not yet emptied: as a kill between the two leaves them.
    writeFileSync(join(dir, "cloud.log"), log);
    const read = () => fileStore(dir).read("items", () => ({ items: {} }));
    expect(JSON.parse(JSON.stringify(read()))).toEqual({ items: { b: { x: 2 } } });
    fileStore(dir).update<{ items: Record<string, unknown> }, void>(
      "items",
      () => ({ items: {} }),
      (s) => {
        s.items.c = {};
      },
    );
    expect(Object.keys(read().items)).toEqual(["b", "c"]);
  });

  it("read across it (the snapshot before, the log after): the reader reads again rather than miss the changes the new snapshot holds", () => {
    const dir = freshDir();
    increment(dir);
    const reader = fileStore(dir);
    expect(reader.read<Counter>("counter", () => ({ n: 0 })).n).toBe(1);
    const before = readFileSync(join(dir, "cloud.json"));
    increment(dir);
    increment(dir);
    compactStore(dir);
    const after = readFileSync(join(dir, "cloud.json"));
    fileStore(dir).update<{ items: string[] }, void>(
      "other",
      () => ({ items: [] }),
      (s) => void s.items.push("x"),
    );
    // What a reader finds that looked at the snapshot before the compaction and opens the log after it:
    // the old snapshot, the new log. Read together, changes 2 and 3 would be missing.
    writeFileSync(join(dir, "cloud.json"), before);
    expect(() => reader.read("other", () => undefined)).toThrow(`the local cloud store ${join(dir, "cloud.log")} does not follow`);
    // Once it finds the snapshot that goes with the log (as the next look does): every change, none missed.
    writeFileSync(join(dir, "cloud.json"), after);
    expect(reader.read<Counter>("counter", () => ({ n: 0 })).n).toBe(3);
    expect(JSON.parse(JSON.stringify(reader.read("other", () => undefined)))).toEqual({ items: ["x"] });
  });

  it("racing writers and readers in other processes: no change is lost and no reader sees a store half compacted", async () => {
    const dir = freshDir();
    const stop = join(dir, "stop");
    const [writers, changes] = [3, 60];
    const write = `
      const s = store.fileStore(${JSON.stringify(dir)});
      for (let i = 0; i < ${changes}; i++) s.update("items", () => ({ items: {}, count: 0 }), (t) => { t.items[process.pid + "-" + i] = true; t.count = Object.keys(t.items).length; });
    `;
    const compact = `
      const { existsSync } = require("node:fs");
      let n = 0;
      while (!existsSync(${JSON.stringify(stop)})) { store.compactStore(${JSON.stringify(dir)}); n++; }
      process.stdout.write(String(n));
    `;
    // Each change adds one item and counts them: a reader that missed a change has fewer items than its count says.
    const read = `
      const { existsSync } = require("node:fs");
      const s = store.fileStore(${JSON.stringify(dir)});
      const seen = []; let last = 0; let reads = 0;
      while (!existsSync(${JSON.stringify(stop)})) {
        const t = s.read("items", () => ({ items: {}, count: 0 }));
        const items = Object.keys(t.items).length;
        if (items !== t.count || t.count < last) seen.push(items + " items, count " + t.count + ", after " + last);
        last = t.count; reads++;
      }
      process.stdout.write(JSON.stringify({ seen: seen.slice(0, 5), reads }));
    `;
    increment(dir);
    const compactor = node(compact);
    const readers = [node(read), node(read)];
    await Promise.all(Array.from({ length: writers }, () => node(write)));
    writeFileSync(stop, "");
    const compactions = Number(await compactor);
    const views = (await Promise.all(readers)).map((out) => JSON.parse(out));
    expect(views.map((v) => v.seen)).toEqual([[], []]);
    expect(compactions).toBeGreaterThan(0);
    expect(views.every((v) => v.reads > 0)).toBe(true);
    const final = fileStore(dir).read<Items>("items", () => ({ items: {}, count: 0 }));
    expect([Object.keys(final.items).length, final.count]).toEqual([writers * changes, writers * changes]);
    expect(existsSync(join(dir, "cloud.json.lock"))).toBe(false);
  }, 120_000);
});
