// The local cloud's memory: what the service APIs (aws/api/, auth0/api/) hold, persisted in one
// folder per environment (LOCAL_CLOUD_DIR, under .local/) so that it outlives one terraform
// process and can be changed behind terraform's back (npm run cloud). Each service keeps its
// objects under a name of its own ("apigatewayv2/us-east-1", "auth0"); a new service joins by
// asking for its name. One JSON document, versioned, written atomically (a temporary file
// renamed over it) under a lock file (lock.ts), so terraform's provider processes and the cloud
// server never see half a write or lose one another's, even after one of them was killed. The
// folder is its user's alone (private-folder.ts): it holds the tenant's signing key.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { LOCK_WAIT_MS, withLock, writeFileAtomically } from "@apigw-auth0-rbac/model/project";
import { FILE_MODE, keepPrivate, privateFolder } from "./private-folder";
import { copyRecords, parseRecords, records } from "./records";
import { shapeProblem } from "./shape";

/** What the document says it is; another format or version is refused, never guessed at. */
export const CLOUD_FORMAT = "apigw-auth0-rbac local cloud";
const CLOUD_VERSION = 1;
const FILE = "cloud.json";

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

/** The store a provider process uses: LOCAL_CLOUD_DIR's, else one of its own in memory. */
export function storeFromEnv(env: NodeJS.ProcessEnv): CloudStore {
  return env.LOCAL_CLOUD_DIR ? fileStore(env.LOCAL_CLOUD_DIR) : memoryStore();
}

class FileStore implements CloudStore {
  private cached?: { signature: string; document: Document };
  /** Whether this process has made the folder private (private-folder.ts) yet. */
  private madePrivate = false;

  constructor(readonly dir: string) {}

  private get file(): string {
    return join(this.dir, FILE);
  }

  read<T>(service: string, initial: () => T): T {
    return (this.load().services[service] ?? copyRecords(initial())) as T;
  }

  update<T, R>(service: string, initial: () => T, change: (state: T) => R): R {
    return this.locked(() => {
      // Under the lock, always from the file: another process may have written within the same tick.
      this.cached = undefined;
      const document = this.load();
      // A change that throws leaves nothing behind, in the file or in this process.
      this.cached = undefined;
      const draft = (document.services[service] ?? copyRecords(initial())) as T;
      const result = change(draft);
      document.services[service] = draft;
      this.write(document);
      return result;
    });
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

  /** The folder, and on this process's first write what an older checkout left in it, its user's alone. */
  private privateFolder(): void {
    if (this.madePrivate) return;
    keepPrivate(this.dir);
    this.madePrivate = true;
  }

  /** The document, read again only when the file changed since this process last saw it. */
  private load(): Document {
    let signature: string;
    try {
      const s = statSync(this.file);
      signature = `${s.ino}:${s.size}:${s.mtimeMs}`;
    } catch {
      return { format: CLOUD_FORMAT, version: CLOUD_VERSION, services: records() };
    }
    if (this.cached?.signature === signature) return this.cached.document;
    const document = parseDocument(readFileSync(this.file, "utf8"), this.file);
    this.cached = { signature, document };
    return document;
  }

  private write(document: Document): void {
    // Never written in a shape a load would refuse: the change is refused instead.
    const problem = shapeProblem(document.services);
    if (problem) throw new CloudStoreError(`a change to the local cloud at ${this.dir} was not stored: it would leave ${problem}`);
    // Renamed into place: a process killed mid-write leaves the previous document (not synced to disk: a power cut may lose the last change).
    const text = JSON.stringify(document);
    writeFileAtomically(this.file, text, { fsync: false, mode: FILE_MODE });
    const s = statSync(this.file);
    // Kept as a reader would load it: the objects the change made are null-prototype ones too.
    this.cached = { signature: `${s.ino}:${s.size}:${s.mtimeMs}`, document: parseRecords(text) as Document };
    this.removeUnnamedBlobs(text);
  }

  /** The code of functions deleted or given new code: blobs whose key no string of the document (`text`) is. */
  private removeUnnamedBlobs(text: string): void {
    const dir = join(this.dir, "blobs");
    if (!existsSync(dir)) return;
    const named = blobKeysIn(text);
    for (const key of readdirSync(dir)) if (BLOB_KEY.test(key) && !named.has(key)) rmSync(join(dir, key), { force: true });
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

function parseDocument(text: string, file: string): Document {
  const fix = `move it away (or remove the folder) to start an empty local cloud; what terraform's state still names is then planned anew`;
  let parsed: any;
  try {
    parsed = parseRecords(text);
  } catch (err) {
    throw new CloudStoreError(`the local cloud store ${file} is corrupt (${(err as Error).message}): ${fix}`);
  }
  if (!parsed || typeof parsed !== "object" || parsed.format !== CLOUD_FORMAT || typeof parsed.services !== "object" || parsed.services === null) {
    throw new CloudStoreError(`the local cloud store ${file} is not a local cloud of this project (no "format": "${CLOUD_FORMAT}"): ${fix}`);
  }
  if (parsed.version !== CLOUD_VERSION) {
    throw new CloudStoreError(
      `the local cloud store ${file} is version ${JSON.stringify(parsed.version)}; this checkout reads version ${CLOUD_VERSION} only: use the checkout that wrote it, or ${fix}`,
    );
  }
  const problem = shapeProblem(parsed.services);
  if (problem) throw new CloudStoreError(`the local cloud store ${file} is not shaped as this checkout writes it (${problem}): ${fix}`);
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
