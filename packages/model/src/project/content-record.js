// The project's one rule for "is this output current": a record of the SHA-256 of every
// input it was made from, compared by content (never by modification time, which misses an
// edit made within the same second and counts a touch as a change). Used by the app build,
// the synth (what npm start and npm run access reuse) and the provider stand-ins' bundle.
// Plain CommonJS, so the app's runner needs no TypeScript loader.
"use strict";
const { createHash } = require("node:crypto");
const { readFileSync, renameSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");

/** base64url SHA-256 of a file's bytes. */
function hashOf(file) {
  return createHash("sha256").update(readFileSync(file)).digest("base64url");
}

/** `{ [path relative to root]: hash }` for `files`. */
function hashesOf(root, files) {
  return Object.fromEntries([...new Set(files)].sort().map((file) => [file, hashOf(join(root, file))]));
}

/** Whether every recorded input still has its recorded content (a missing input is a change). */
function inputsCurrent(root, inputs) {
  for (const [file, hash] of Object.entries(inputs ?? {})) {
    try {
      if (hashOf(join(root, file)) !== hash) return false;
    } catch {
      return false;
    }
  }
  return inputs !== undefined;
}

function readRecord(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

/** Written beside and renamed: a reader sees the old record or the new one, never half. */
function writeRecord(file, record) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(record, null, 1));
  renameSync(tmp, file);
}

module.exports = { hashOf, hashesOf, inputsCurrent, readRecord, writeRecord };
