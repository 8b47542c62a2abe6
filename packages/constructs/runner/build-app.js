// The app as prebuilt JavaScript: main.ts and everything it imports (the project's
// TypeScript, the generated bindings, cdktf and the other packages) bundled by esbuild
// into one file, rebuilt only when one of its inputs changed. Compiling TypeScript and
// resolving hundreds of modules at every synth cost more than the synth itself.
//
// "Changed" is decided by content, not by modification times: the record keeps a hash of
// every input esbuild read (and of package-lock.json and this file), so an edit is picked
// up however quickly it follows the last build. Plain CommonJS, so it runs without tsx.
"use strict";
const { createHash } = require("node:crypto");
const { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } = require("node:fs");
const { dirname, join, relative, resolve, sep } = require("node:path");
const { hashOf, inputsCurrent, readRecord, writeRecord } = require("@apigw-auth0-rbac/model/project/content-record");

const ROOT = join(__dirname, "..");
/** APP_BUILD_DIR (relative to the project root) lets tests keep their own build. */
const OUT_DIR = resolve(ROOT, process.env.APP_BUILD_DIR || join(".local", "app"));
/** Names the current bundle (`main-<content hash>.cjs`) and the hash of every input it was built from. */
const RECORD = join(OUT_DIR, "inputs.json");
/** Read at synth time from node_modules: esbuild finds its own binary. */
const EXTERNAL = ["esbuild"];
/** Inputs that no import names but that change the bundle. */
const ALWAYS = ["package-lock.json", relative(ROOT, __filename)];

/** The bundle built from exactly the inputs there are now, if there is one. */
function currentBundle() {
  const record = readRecord(RECORD);
  if (!record || typeof record.bundle !== "string" || !existsSync(join(OUT_DIR, record.bundle))) return undefined;
  return inputsCurrent(ROOT, record.inputs) ? join(OUT_DIR, record.bundle) : undefined;
}

/** Loaders for the project's own files, by extension. */
const LOADERS = { ".ts": "ts", ".js": "js", ".cjs": "js", ".json": "json" };

/**
 * Reads every project file esbuild compiles (node_modules aside, which package-lock.json
 * stands for), so the record holds the hash of exactly what went into the bundle, even when
 * a file changes during the build. It also rewrites `__dirname`: in a project file it means
 * that file's folder, in the bundle it would be the bundle's.
 */
function projectFiles(hashes) {
  return {
    name: "project-files",
    setup(build) {
      build.onLoad({ filter: /\.(ts|js|cjs|json)$/ }, (args) => {
        if (args.path.split(sep).includes("node_modules")) return undefined;
        const bytes = readFileSync(args.path);
        hashes.set(relative(ROOT, args.path).split(sep).join("/"), createHash("sha256").update(bytes).digest("base64url"));
        let contents = bytes.toString("utf8");
        if (contents.includes("__dirname")) {
          const fromBundle = relative(OUT_DIR, dirname(args.path)).split(sep).join("/");
          contents = contents.replace(/\b__dirname\b/g, `require("node:path").join(__dirname, ${JSON.stringify(fromBundle)})`);
        }
        return { contents, loader: LOADERS[args.path.slice(args.path.lastIndexOf("."))] };
      });
    },
  };
}

async function build() {
  const esbuild = require("esbuild");
  // The files no import names are hashed before the build: a change during it makes the next synth rebuild.
  const hashes = new Map(ALWAYS.map((file) => [file, hashOf(join(ROOT, file))]));
  const tmp = join(OUT_DIR, `main.${process.pid}.tmp`);
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: [join(ROOT, "main.ts")],
    bundle: true,
    platform: "node",
    target: `node${process.versions.node.split(".")[0]}`,
    format: "cjs",
    outfile: tmp,
    external: EXTERNAL,
    logLevel: "error",
    legalComments: "none",
    plugins: [projectFiles(hashes)],
  });
  // Named by its content: V8's code cache beside it (see app.js) then belongs to exactly this
  // source, and a synth running while another rebuilds keeps the file it started with.
  const bundle = `main-${hashOf(tmp).slice(0, 16)}.cjs`;
  renameSync(tmp, join(OUT_DIR, bundle));
  writeRecord(RECORD, { bundle, inputs: Object.fromEntries([...hashes].sort()) });
  for (const old of readdirSync(OUT_DIR)) {
    if (/^main-[\w-]+\.cjs/.test(old) && !old.startsWith(bundle)) rmSync(join(OUT_DIR, old), { force: true });
  }
  return join(OUT_DIR, bundle);
}

/** The path of a current bundle, building it first when an input changed. */
async function appBundle() {
  const current = currentBundle();
  if (current) return current;
  mkdirSync(OUT_DIR, { recursive: true });
  return build();
}

module.exports = { appBundle, currentBundle, OUT_DIR, RECORD };
