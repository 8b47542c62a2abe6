// Every file the project writes for another process to read is written to a temporary file
// beside it and renamed into place (write-file-atomic): a reader sees the old contents or the
// new, never half.
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import writeFileAtomic from "write-file-atomic";

export interface AtomicWriteOptions {
  /** Permission bits of the new file, e.g. 0o600 for secrets. @default 0o666 less the umask */
  readonly mode?: number;
  /** Flush to disk before the rename (survives a power cut, not only a killed process). @default true */
  readonly fsync?: boolean;
}

export function writeFileAtomically(file: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  writeFileAtomic.sync(file, typeof data === "string" ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength), {
    ...(options.mode !== undefined ? { mode: options.mode } : {}),
    fsync: options.fsync ?? true,
  });
}

/**
 * Several files as one change: each written beside its target first, then all renamed into
 * place; when a write fails, nothing was replaced and the partial files are removed.
 */
export function writeFilesTogether(files: readonly { readonly path: string; readonly contents: string }[]): void {
  const partials = files.map((f) => ({ ...f, partial: `${f.path}.${process.pid}.partial` }));
  try {
    for (const f of partials) {
      mkdirSync(dirname(f.path), { recursive: true });
      writeFileSync(f.partial, f.contents);
    }
  } catch (err) {
    for (const f of partials) rmSync(f.partial, { force: true });
    throw err;
  }
  for (const f of partials) renameSync(f.partial, f.path);
}
