// esbuild bundling for Lambda handlers, kept apart from cdktf so the local emulator and
// the tests can use it too.
import { createHash } from "node:crypto";
import { mkdirSync, renameSync, utimesSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { buildSync } from "esbuild";

export interface HandlerBundle {
  /** Folder that holds only `index.js`: what goes into the Lambda archive. */
  readonly dir: string;
  /** base64 SHA-256 of the bundle: changes exactly when the deployed code would. */
  readonly sha256: string;
}

/** A fixed modification time, so the archive cdktf zips is byte-identical across synths. */
const FIXED_MTIME = new Date("2020-01-01T00:00:00Z");

/**
 * Bundles `entry` (TypeScript) into one minified CommonJS file for the Lambda Node.js
 * runtime. The AWS SDK is not used, so nothing is external and no node_modules ship.
 * Output goes into `<outRoot>/<hash>/index.js`: content-addressed, so parallel synths
 * never write over each other.
 */
export function bundleHandler(entry: string, outRoot: string, nodeMajor = 22): HandlerBundle {
  const result = buildSync({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    platform: "node",
    target: `node${nodeMajor}`,
    format: "cjs",
    write: false,
    outfile: "index.js",
    legalComments: "none",
    sourcemap: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0].contents;
  const sha256 = createHash("sha256").update(code).digest("base64");
  const dir = join(outRoot, createHash("sha256").update(code).digest("hex").slice(0, 16));
  const file = join(dir, "index.js");
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, code);
    utimesSync(tmp, FIXED_MTIME, FIXED_MTIME);
    renameSync(tmp, file);
  }
  return { dir, sha256 };
}
