// Every file the project writes for another process to read is written to a temporary file
// beside it and renamed into place (write-file-atomic): a reader sees the old contents or the
// new, never half.
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
