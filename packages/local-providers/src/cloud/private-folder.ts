// The local cloud's folder holds the tenant's private signing key, its users' password hashes,
// the functions' code and (npm run cloud) the local credentials and TLS key: its user's alone.
// Folders 0700, files 0600, whatever the umask; a folder an older checkout left open is closed
// the first time a process writes in it.
import { chmodSync, lstatSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";

const FOLDER_MODE = 0o700;
export const FILE_MODE = 0o600;

/** `dir`, made if need be, readable by its user alone. */
export function privateFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: FOLDER_MODE });
  chmodSync(dir, FOLDER_MODE);
}

/**
 * `dir` and everything in it (links left alone: chmod would change what they point to). Other
 * processes may write in it meanwhile: an entry gone before it is reached is passed over.
 */
export function keepPrivate(dir: string): void {
  privateFolder(dir);
  closeEntries(dir);
}

function closeEntries(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    try {
      if (entry.isDirectory()) {
        chmodSync(path, FOLDER_MODE);
        closeEntries(path);
      } else if (entry.isFile() && (lstatSync(path).mode & 0o777) !== FILE_MODE) chmodSync(path, FILE_MODE);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
  }
}
