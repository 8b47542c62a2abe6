// What npm run local's state server does with each request of terraform's http backend
// (internal/backend/remote-state/http/client.go at v1.11.4: GET reads the state, POST writes it
// with ?ID=<lock> while locked, LOCK and UNLOCK carry terraform's LockInfo as JSON), on the
// state files of a local run's state folder. A file is replaced whole (written beside it, then
// renamed). A lock is the file `<state>.lock`, taken by link() as the local cloud's store lock is
// (model/project/lock.ts): one holder across processes, taken over once its process is gone; the
// LockInfo that terraform sent is kept beside it, `<state>.lock.info`, for whoever finds it held.
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, resolve, sep } from "node:path";
import { tryLock, writeFileAtomically } from "@apigw-auth0-rbac/model/project";

export interface StateAnswer {
  readonly status: number;
  readonly body?: string | Buffer;
}

/** The state files a local run keeps: `terraform.<stack>.tfstate`, in an environment's folder or not. */
const STATE_PATH = /^\/(?:[A-Za-z0-9][A-Za-z0-9_.-]*\/)?terraform\.[A-Za-z0-9_-]+\.tfstate$/;

/** terraform's statemgr.LockInfo, the fields it prints when a lock is held. */
interface LockInfo {
  readonly ID: string;
  readonly [field: string]: unknown;
}

export class StateFiles {
  /** The locks this server holds: by state file. */
  private readonly held = new Map<string, { readonly id: string; release(): void }>();

  constructor(private readonly root: string) {}

  answer(method: string, pathname: string, query: URLSearchParams, body: Buffer): StateAnswer {
    const file = this.fileOf(pathname);
    if (!file) return { status: 404, body: `no state is kept at ${JSON.stringify(pathname)}\n` };
    switch (method) {
      case "GET":
        return existsSync(file) ? { status: 200, body: readFileSync(file) } : { status: 404 };
      case "POST":
        mkdirSync(dirname(file), { recursive: true });
        return this.write(file, query.get("ID"), body);
      case "LOCK":
        mkdirSync(dirname(file), { recursive: true });
        return this.lock(file, body);
      case "UNLOCK":
        return this.unlock(file, body);
      default:
        return { status: 405, body: `${method} is not one of terraform's http backend methods (GET, POST, LOCK, UNLOCK)\n` };
    }
  }

  /** Every lock this server holds, released: when the run that started it ends. */
  releaseAll(): void {
    for (const file of [...this.held.keys()]) this.release(file);
  }

  private fileOf(pathname: string): string | undefined {
    if (!STATE_PATH.test(pathname)) return undefined;
    const file = resolve(this.root, `.${pathname}`);
    return file.startsWith(`${resolve(this.root)}${sep}`) ? file : undefined;
  }

  private write(file: string, lockId: string | null, body: Buffer): StateAnswer {
    const lock = this.lockedBy(file);
    if (lock && lock.ID !== lockId) return { status: 423, body: JSON.stringify(lock) };
    try {
      JSON.parse(body.toString("utf8"));
    } catch {
      return { status: 400, body: "the state is not JSON\n" };
    }
    // The state holds every secret the stacks' resources have (client secrets among them).
    writeFileAtomically(file, body, { mode: 0o600 });
    return { status: 200 };
  }

  private lock(file: string, body: Buffer): StateAnswer {
    const info = lockInfo(body);
    if (!info) return { status: 400, body: "the lock request is not terraform's LockInfo (JSON with an ID)\n" };
    const taken = tryLock(`${file}.lock`);
    if (!taken.held) return { status: 423, body: JSON.stringify(this.lockedBy(file) ?? heldElsewhere(taken.holder?.pid)) };
    writeFileAtomically(`${file}.lock.info`, JSON.stringify(info), { mode: 0o600 });
    this.held.set(file, { id: info.ID, release: taken.release });
    return { status: 200 };
  }

  private unlock(file: string, body: Buffer): StateAnswer {
    const info = lockInfo(body);
    const mine = this.held.get(file);
    if (!mine) {
      const other = this.lockedBy(file);
      return other ? { status: 423, body: JSON.stringify(other) } : { status: 200 };
    }
    if (info?.ID !== mine.id) return { status: 409, body: JSON.stringify(this.lockedBy(file) ?? { ID: mine.id }) };
    this.release(file);
    return { status: 200 };
  }

  private release(file: string): void {
    rmSync(`${file}.lock.info`, { force: true });
    this.held.get(file)?.release();
    this.held.delete(file);
  }

  /** Who holds the state's lock, as terraform told it; undefined when nobody does. */
  private lockedBy(file: string): LockInfo | undefined {
    if (!existsSync(`${file}.lock`)) return undefined;
    try {
      return lockInfo(readFileSync(`${file}.lock.info`)) ?? heldElsewhere(undefined);
    } catch {
      return heldElsewhere(undefined);
    }
  }
}

function lockInfo(body: Buffer): LockInfo | undefined {
  try {
    const info = JSON.parse(body.toString("utf8"));
    return info && typeof info === "object" && !Array.isArray(info) && typeof info.ID === "string" ? info : undefined;
  } catch {
    return undefined;
  }
}

/** A lock whose LockInfo is not (or not yet) written beside it. */
const heldElsewhere = (pid: number | undefined): LockInfo => ({
  ID: "",
  Who: `another npm run local${pid ? ` (process ${pid})` : ""}`,
  Info: "the state is locked by another local run of this project",
});
