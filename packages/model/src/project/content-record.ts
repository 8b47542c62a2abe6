// One rule for "is this output current": a record of the SHA-256 of every input it was made
// from, compared by content (never by modification time, which misses an edit made within the
// same second and counts a touch as a change). Used by the app build, the synth record (what
// `npm start` and `npm run access` reuse) and the provider stand-ins' bundle.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomically } from "./atomic-write";

/** What a record holds for an input that does not exist (a lockfile not written yet): its appearing is a change. */
export const ABSENT = "absent";

/** base64url SHA-256 of a file's bytes; throws when it cannot be read. */
export function hashOf(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("base64url");
}

/** hashOf, or ABSENT when there is no such file. */
export function hashOrAbsent(file: string): string {
  try {
    return hashOf(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return ABSENT;
    throw err;
  }
}

/** `{ [path relative to root]: hash }` for `files` (ABSENT for one that does not exist). */
export function hashesOf(root: string, files: readonly string[]): Record<string, string> {
  return Object.fromEntries([...new Set(files)].sort().map((file) => [file, hashOrAbsent(join(root, file))]));
}

/** Whether every recorded input still has its recorded content (a missing input is a change, unless it was missing then too). */
export function inputsCurrent(root: string, inputs: Readonly<Record<string, string>> | undefined): boolean {
  if (inputs === undefined) return false;
  for (const [file, hash] of Object.entries(inputs)) {
    try {
      if (hashOrAbsent(join(root, file)) !== hash) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/** The record in `file`, or undefined when it is missing or not JSON. */
export function readRecord<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return undefined;
  }
}

/** A reader sees the old record or the new one, never half. */
export function writeRecord(file: string, record: unknown): void {
  writeFileAtomically(file, JSON.stringify(record, null, 1));
}
