// A lock across processes: one writer of the local cloud's store at a time (terraform's provider
// processes and npm run cloud), one running `npm start` a session; taken over when its holder
// died (kill -9, a crash) without two processes ever holding it.
//
// A lock is a file created whole by link(), which fails when the name exists; it holds its
// process's pid and a nonce, so no two locks ever have the same contents. Its holder removes it.
// A lock whose process is gone is removed by one process only: the one that creates its guard
// (`<lock>.takeover.<digest of its contents>`, by link() too), and only if, holding the guard, it
// still reads the same contents at the lock's name. No other process removes a lock (its live
// holder aside), so the name cannot change between that read and the removal; and a fresh lock
// that another process took after the stale one was seen (the ABA case) has other contents and is
// left alone. A guard whose process is gone is taken over the same way, one level up.
import { createHash, randomBytes } from "node:crypto";
import { linkSync, readFileSync, rmSync, writeFileSync } from "node:fs";

/** How long a writer waits for another's lock before giving up. */
export const LOCK_WAIT_MS = 15_000;

export interface Holder {
  /** What the lock file holds: "<pid> <nonce>" (an older checkout wrote the pid alone). */
  readonly contents: string;
  readonly pid: number;
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
const ownContents = () => `${process.pid} ${randomBytes(8).toString("hex")}`;
/** The guard whose creator alone may remove `holder`'s lock. */
export const guardOf = (lock: string, holder: Holder) =>
  `${lock}.takeover.${createHash("sha256").update(holder.contents).digest("hex").slice(0, 16)}`;

/** Runs `body` holding `lock`; after LOCK_WAIT_MS of a live holder, throws what `tooLong` makes of it. */
export function withLock<R>(lock: string, body: () => R, tooLong: (holder: Holder | undefined) => Error): R {
  const mine = acquire(lock, tooLong);
  try {
    return body();
  } finally {
    if (holderOf(lock)?.contents === mine) rmSync(lock, { force: true });
  }
}

/**
 * Takes `lock` now, or answers who holds it: a lock whose process is gone is taken over.
 * `release` removes it while it is still this process's.
 */
export function tryLock(lock: string): { readonly held: true; release(): void } | { readonly held: false; readonly holder: Holder | undefined } {
  for (;;) {
    const mine = ownContents();
    if (createWhole(lock, mine))
      return { held: true, release: () => (holderOf(lock)?.contents === mine ? rmSync(lock, { force: true }) : undefined) };
    const holder = holderOf(lock);
    if (!holder || alive(holder.pid)) return { held: false, holder };
    takeOver(lock, holder);
  }
}

function acquire(lock: string, tooLong: (holder: Holder | undefined) => Error): string {
  const mine = ownContents();
  const started = Date.now();
  for (;;) {
    if (createWhole(lock, mine)) return mine;
    const holder = holderOf(lock);
    if (holder && !alive(holder.pid)) {
      takeOver(lock, holder);
      continue;
    }
    if (Date.now() - started > LOCK_WAIT_MS) throw tooLong(holder);
    sleep(5);
  }
}

/**
 * Removes `lock` if it still is `stale`, the lock of a process that is gone, when this process
 * is the one to do it; else leaves it to the process that is (the caller tries again).
 */
export function takeOver(lock: string, stale: Holder): void {
  const guards: string[] = [];
  let guarded = stale;
  for (;;) {
    const guard = guardOf(lock, guarded);
    if (createWhole(guard, ownContents())) {
      if (holderOf(lock)?.contents === stale.contents) rmSync(lock, { force: true });
      // The stale lock is gone for good (no lock has its contents again): its guards are of no more use.
      for (const g of [guard, ...guards]) rmSync(g, { force: true });
      return;
    }
    const taker = holderOf(guard);
    // A live process is taking it over, or has just done so.
    if (!taker || alive(taker.pid)) return;
    guards.push(guard);
    guarded = taker;
  }
}

/** Creates `file` holding `contents`, whole, or answers false when it exists. */
function createWhole(file: string, contents: string): boolean {
  const partial = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.partial`;
  writeFileSync(partial, contents, { mode: 0o600, flag: "wx" });
  try {
    linkSync(partial, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  } finally {
    rmSync(partial, { force: true });
  }
}

/** Who holds `file`; undefined when it is gone, or empty (an older checkout between creating and writing it). */
export function holderOf(file: string): Holder | undefined {
  let contents: string;
  try {
    contents = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  const pid = Number(contents.split(" ")[0]);
  return Number.isSafeInteger(pid) && pid > 0 ? { contents, pid } : undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
