// The local cloud's memory: what the service APIs (aws/api/, auth0/api/) hold, persisted in one
// folder per environment (LOCAL_CLOUD_DIR, under .local/) so that it outlives one terraform
// process and can be changed behind terraform's back (npm run cloud). Each service keeps its
// objects under a name of its own ("apigatewayv2/us-east-1", "auth0"); a new service joins by
// asking for its name. A versioned snapshot (cloud.json) and a log of the changes since
// (cloud.log, one line a change: the paths it changed, changes.ts), so that a change costs what it
// touched however large the store; the log is compacted into the snapshot now and then. Every
// change is made under a lock file (lock.ts), so terraform's provider processes and the cloud
// server never see half a write or lose one another's, even after one of them was killed. The
// folder is its user's alone (private-folder.ts): it holds the tenant's signing key.
import { createHash } from "node:crypto";
import {
  appendFileSync,
  closeSync,
  existsSync,
  fstatSync,
  ftruncateSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
} from "node:fs";
import { join } from "node:path";
import { LOCK_WAIT_MS, withLock, writeFileAtomically } from "@apigw-auth0-rbac/model/project";
import { traced } from "../trace";
import { applyOp, copyTree, diff, eachMatching, type Op } from "./changes";
import { FILE_MODE, keepPrivate, privateFolder } from "./private-folder";
import { copyRecords, parseRecords, records } from "./records";
import { shapeProblem } from "./shape";

/** What the document says it is; another format or version is refused, never guessed at. */
export const CLOUD_FORMAT = "apigw-auth0-rbac local cloud";
const CLOUD_VERSION = 2;
/** The versions this checkout reads: 1 (one document, no log) is rewritten as 2 by its first change. */
const READS = [1, CLOUD_VERSION];
const FILE = "cloud.json";
const LOG = "cloud.log";
/** The log is compacted into the snapshot once it is longer than this and than twice the snapshot. */
const COMPACT_AT_BYTES = 1024 * 1024;

/** A blob's key: the SHA-256 of its bytes, in hex. */
const BLOB_KEY = /^[0-9a-f]{64}$/;
/** The blob keys a document's JSON text names: its strings that are one. */
const blobKeysIn = (text: string) => new Set(Array.from(text.matchAll(/"([0-9a-f]{64})"/g), (m) => m[1]));

/** A store that cannot be used as it is: corrupt, of another version, or locked too long. */
export class CloudStoreError extends Error {}

/** Every object in a document is a null-prototype object (records.ts): a request's name is a key like any other. */
type Services = Record<string, unknown>;
interface Document {
  readonly format: string;
  readonly version: number;
  /** Version 2: the number of the last change the snapshot holds. */
  readonly seq?: number;
  services: Services;
}

export interface CloudStore {
  /** Where it lives; undefined for a store in memory only. */
  readonly dir?: string;
  /** The service's objects as stored now (read only: change them through update). */
  read<T>(service: string, initial: () => T): T;
  /**
   * Runs `change` on the service's objects and stores the result, as one step no other process
   * interleaves with. A change that throws stores nothing.
   */
  update<T, R>(service: string, initial: () => T, change: (state: T) => R): R;
  /**
   * Keeps bytes (a function's code) by their SHA-256; returns the key. A blob is kept while a
   * string of the document is its key: every write removes the others, so call this within the
   * change of the `update` that stores the key (under the lock, where no write can remove it).
   */
  putBlob(bytes: Buffer): string;
  getBlob(key: string): Buffer | undefined;
}

/**
 * A store of this process only (unit tests of the service objects; a provider started without
 * LOCAL_CLOUD_DIR). Its objects are copied as JSON, as the file store's are written and read.
 */
export function memoryStore(): CloudStore {
  const services: Services = records();
  const blobs = new Map<string, Buffer>();
  return {
    read: <T>(service: string, initial: () => T): T => {
      services[service] ??= copyRecords(initial());
      return services[service] as T;
    },
    update: <T, R>(service: string, initial: () => T, change: (state: T) => R): R => {
      const draft = copyRecords((services[service] ?? initial()) as T);
      const result = change(draft);
      const problem = shapeProblem(records([[service, draft]]));
      if (problem) throw new CloudStoreError(`a change to the local cloud in memory was not stored: it would leave ${problem}`);
      services[service] = copyRecords(draft);
      const named = blobKeysIn(JSON.stringify(services));
      for (const key of blobs.keys()) if (!named.has(key)) blobs.delete(key);
      return result;
    },
    putBlob: (bytes) => {
      const key = createHash("sha256").update(bytes).digest("hex");
      blobs.set(key, Buffer.from(bytes));
      return key;
    },
    getBlob: (key) => blobs.get(key),
  };
}

/** The store in `dir` (created on first write); a corrupt or other-version document is a CloudStoreError. */
export function fileStore(dir: string): CloudStore {
  return new FileStore(dir);
}

/**
 * Writes the store in `dir` as one document (cloud.json) with an empty log, as it does by
 * itself once the log grows: for a reader of the file itself (a test, a look by hand).
 */
export function compactStore(dir: string): void {
  new FileStore(dir).compactNow();
}

/** The store a provider process uses: LOCAL_CLOUD_DIR's, else one of its own in memory. */
export function storeFromEnv(env: NodeJS.ProcessEnv): CloudStore {
  return env.LOCAL_CLOUD_DIR ? fileStore(env.LOCAL_CLOUD_DIR) : memoryStore();
}

/** Where a store's state is, as this process last read it (FileStore). */
interface Loaded {
  /** cloud.json's inode, size and modification time when read; "" when there was none. */
  snapshotSignature: string;
  snapshotBytes: number;
  /** The snapshot's version (0: none yet). */
  version: number;
  /** The number of the last change held. */
  seq: number;
  /** The log file read (its inode) and how many of its bytes: whole lines only. */
  logIno?: number;
  logOffset: number;
  services: Services;
  /** How many times each blob key is named (a key or a string of the document): a blob named nowhere is removed. */
  readonly blobNames: Map<string, number>;
}

/** One line of the log: a change to one service's part. */
interface LogLine {
  readonly seq: number;
  readonly service: string;
  readonly ops: readonly Op[];
}

class FileStore implements CloudStore {
  private state?: Loaded;
  /** Whether this process has made the folder private (private-folder.ts) yet. */
  private madePrivate = false;

  constructor(readonly dir: string) {}

  private get file(): string {
    return join(this.dir, FILE);
  }

  private get logFile(): string {
    return join(this.dir, LOG);
  }

  read<T>(service: string, initial: () => T): T {
    return traced("store read", () => (this.sync(false).services[service] ?? copyRecords(initial())) as T);
  }

  update<T, R>(service: string, initial: () => T, change: (state: T) => R): R {
    return traced("store update", () =>
      this.locked(() => {
        // Under the lock, up to the last change another process made.
        const state = this.sync(true);
        // A store of the version before (or none yet): rewritten in this version before its first change.
        if (state.version !== CLOUD_VERSION) this.compact(state);
        const before = state.services[service];
        // A copy: a change that throws leaves nothing behind, in the files or in this process.
        const draft = copyTree((before ?? copyRecords(initial())) as T);
        const result = change(draft);
        // Never written in a shape a load would refuse: the change is refused instead.
        const problem = shapeProblem(records([[service, draft]]));
        if (problem) throw new CloudStoreError(`a change to the local cloud at ${this.dir} was not stored: it would leave ${problem}`);
        const ops = diff(before, draft);
        if (ops.length > 0) this.append(state, { seq: state.seq + 1, service, ops });
        return result;
      }),
    );
  }

  putBlob(bytes: Buffer): string {
    const key = createHash("sha256").update(bytes).digest("hex");
    const file = join(this.dir, "blobs", key);
    if (!existsSync(file)) {
      this.privateFolder();
      privateFolder(join(this.dir, "blobs"));
      writeFileAtomically(file, bytes, { fsync: false, mode: FILE_MODE });
    }
    return key;
  }

  getBlob(key: string): Buffer | undefined {
    if (!BLOB_KEY.test(key)) return undefined;
    try {
      return readFileSync(join(this.dir, "blobs", key));
    } catch {
      return undefined;
    }
  }

  /** Writes the whole state as the snapshot and starts an empty log. */
  compactNow(): void {
    this.locked(() => this.compact(this.sync(true)));
  }

  /** The folder, and on this process's first write what an older checkout left in it, its user's alone. */
  private privateFolder(): void {
    if (this.madePrivate) return;
    keepPrivate(this.dir);
    this.madePrivate = true;
  }

  /**
   * The state with every change the files hold: the snapshot read again only when it was
   * replaced, then the log's lines this process has not read. A snapshot and a log read across
   * another process's compaction do not fit (the log starts past the snapshot): read again.
   */
  private sync(locked: boolean): Loaded {
    for (let attempt = 0; ; attempt++) {
      const signature = signatureOf(this.file);
      if (this.state?.snapshotSignature !== signature) this.state = this.readSnapshot(signature);
      if (this.readLog(this.state, locked)) return this.state;
      this.state = undefined;
      if (attempt >= 20) throw new CloudStoreError(`the local cloud store ${this.logFile} does not follow ${this.file}: ${FIX}`);
    }
  }

  private readSnapshot(signature: string): Loaded {
    const empty = { snapshotSignature: "", snapshotBytes: 0, version: 0, seq: 0, logOffset: 0, services: records(), blobNames: new Map() };
    if (!signature) return empty;
    let text: string;
    try {
      text = readFileSync(this.file, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return empty;
      throw err;
    }
    const document = parseDocument(text, this.file);
    const blobNames = new Map<string, number>();
    eachMatching(document.services, BLOB_KEY, (key) => blobNames.set(key, (blobNames.get(key) ?? 0) + 1));
    return {
      snapshotSignature: signature,
      snapshotBytes: text.length,
      version: document.version,
      seq: document.seq ?? 0,
      logOffset: 0,
      services: document.services,
      blobNames,
    };
  }

  /**
   * Applies the log's whole lines past what `state` holds; false when they do not follow it.
   * A line without its newline is a change still being written, or, found under the lock, the
   * part of one a killed writer left: cut off, so the next change starts on a line of its own.
   */
  private readLog(state: Loaded, locked: boolean): boolean {
    // A snapshot of version 1 was written by a checkout that keeps no log.
    if (state.version !== CLOUD_VERSION) return true;
    let fd: number;
    try {
      fd = openSync(this.logFile, locked ? "r+" : "r");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return true;
      throw err;
    }
    try {
      const { ino, size } = fstatSync(fd);
      if (ino !== state.logIno) {
        state.logIno = ino;
        state.logOffset = 0;
      }
      if (size < state.logOffset) return false;
      const bytes = Buffer.alloc(size - state.logOffset);
      const read = readSync(fd, bytes, 0, bytes.length, state.logOffset);
      const whole = bytes.lastIndexOf(NEWLINE, read - 1) + 1;
      let at = 0;
      while (at < whole) {
        const end = bytes.indexOf(NEWLINE, at);
        const line = parseLine(bytes.toString("utf8", at, end), this.logFile, state.logOffset + at);
        if (line.seq > state.seq + 1) return false;
        if (line.seq === state.seq + 1) this.apply(state, line);
        at = end + 1;
      }
      state.logOffset += whole;
      if (locked && whole < read) ftruncateSync(fd, state.logOffset);
      return true;
    } finally {
      closeSync(fd);
    }
  }

  /** Appends `line` to the log, in one write, and applies it as a reader of the log would. */
  private append(state: Loaded, line: LogLine): void {
    const text = `${JSON.stringify(line)}\n`;
    appendFileSync(this.logFile, text, { mode: FILE_MODE });
    state.logIno ??= statSync(this.logFile).ino;
    state.logOffset += Buffer.byteLength(text);
    // Kept as a reader would load it: the objects the change made are null-prototype ones too.
    const unnamed = this.apply(state, parseRecords(text) as LogLine);
    for (const key of unnamed) rmSync(join(this.dir, "blobs", key), { force: true });
    if (state.logOffset > Math.max(COMPACT_AT_BYTES, 2 * state.snapshotBytes)) this.compact(state);
  }

  /** Applies a change to the state; the blob keys it left named nowhere. */
  private apply(state: Loaded, line: LogLine): string[] {
    const unnamed: string[] = [];
    const count = (by: number) => (key: string) => {
      const n = (state.blobNames.get(key) ?? 0) + by;
      if (n > 0) state.blobNames.set(key, n);
      else {
        state.blobNames.delete(key);
        unnamed.push(key);
      }
    };
    let root = state.services[line.service];
    for (const op of line.ops) {
      root = applyOp(root, op, (removed) => eachMatching(removed, BLOB_KEY, count(-1)));
      if (op.length > 1) eachMatching(op[1], BLOB_KEY, count(1));
    }
    state.services[line.service] = root;
    state.seq = line.seq;
    return unnamed.filter((key) => !state.blobNames.has(key));
  }

  /**
   * The whole state written as the snapshot (renamed into place), then the log replaced by an
   * empty one. A process killed between the two leaves a log whose changes the snapshot holds:
   * a reader passes over them by their numbers. Blobs named nowhere (a change that threw after
   * keeping one) are removed.
   */
  private compact(state: Loaded): void {
    const text = JSON.stringify({ format: CLOUD_FORMAT, version: CLOUD_VERSION, seq: state.seq, services: state.services });
    writeFileAtomically(this.file, text, { fsync: false, mode: FILE_MODE });
    writeFileAtomically(this.logFile, "", { fsync: false, mode: FILE_MODE });
    Object.assign(state, {
      snapshotSignature: signatureOf(this.file),
      snapshotBytes: text.length,
      version: CLOUD_VERSION,
      logIno: statSync(this.logFile).ino,
      logOffset: 0,
    });
    const dir = join(this.dir, "blobs");
    if (!existsSync(dir)) return;
    for (const key of readdirSync(dir)) if (BLOB_KEY.test(key) && !state.blobNames.has(key)) rmSync(join(dir, key), { force: true });
  }

  /** Under the store's lock (lock.ts): one writer at a time, a lock left by a process that is gone taken over by one other. */
  private locked<R>(body: () => R): R {
    this.privateFolder();
    const lock = `${this.file}.lock`;
    return withLock(
      lock,
      body,
      (holder) =>
        new CloudStoreError(
          `the local cloud at ${this.dir} is locked by process ${holder?.pid ?? "?"} for more than ${LOCK_WAIT_MS / 1000} s: wait for it, or remove ${lock} if no process of it runs`,
        ),
    );
  }
}

const NEWLINE = 0x0a;

/** A file's inode, size and modification time; "" when there is none. */
function signatureOf(file: string): string {
  try {
    const s = statSync(file);
    return `${s.ino}:${s.size}:${s.mtimeMs}`;
  } catch {
    return "";
  }
}

const FIX = "move it away (or remove the folder) to start an empty local cloud; what terraform's state still names is then planned anew";

function parseLine(text: string, file: string, offset: number): LogLine {
  let line: any;
  try {
    line = parseRecords(text);
  } catch (err) {
    line = (err as Error).message;
  }
  if (!line || typeof line !== "object" || !Number.isInteger(line.seq) || typeof line.service !== "string" || !Array.isArray(line.ops)) {
    throw new CloudStoreError(`the local cloud store ${file} is corrupt (the line at byte ${offset} is not a change this checkout writes): ${FIX}`);
  }
  return line as LogLine;
}

function parseDocument(text: string, file: string): Document {
  let parsed: any;
  try {
    parsed = parseRecords(text);
  } catch (err) {
    throw new CloudStoreError(`the local cloud store ${file} is corrupt (${(err as Error).message}): ${FIX}`);
  }
  if (!parsed || typeof parsed !== "object" || parsed.format !== CLOUD_FORMAT || typeof parsed.services !== "object" || parsed.services === null) {
    throw new CloudStoreError(`the local cloud store ${file} is not a local cloud of this project (no "format": "${CLOUD_FORMAT}"): ${FIX}`);
  }
  if (!READS.includes(parsed.version) || (parsed.version === CLOUD_VERSION && !(Number.isInteger(parsed.seq) && parsed.seq >= 0))) {
    throw new CloudStoreError(
      `the local cloud store ${file} is version ${JSON.stringify(parsed.version)}; this checkout reads versions ${READS.join(" and ")} only: use the checkout that wrote it, or ${FIX}`,
    );
  }
  const problem = shapeProblem(parsed.services);
  if (problem) throw new CloudStoreError(`the local cloud store ${file} is not shaped as this checkout writes it (${problem}): ${FIX}`);
  return parsed as Document;
}

/** One service's part of the store: its objects under `name`, shaped as `initial` makes them. */
export class ServiceState<T> {
  constructor(
    private readonly store: CloudStore,
    readonly name: string,
    private readonly initial: () => T,
  ) {}

  read(): T {
    return this.store.read(this.name, this.initial);
  }

  update<R>(change: (state: T) => R): R {
    return this.store.update(this.name, this.initial, change);
  }
}
