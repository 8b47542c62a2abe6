// The app as prebuilt JavaScript: the entry (main.ts) and everything it imports (the project's
// TypeScript, these constructs, cdktf and the other packages) bundled by esbuild into one file
// in the project's local folder, rebuilt only when one of its inputs changed. Compiling
// TypeScript and resolving hundreds of modules at every synth cost more than the synth itself.
//
// "Changed" is decided by content, not by modification times: the record keeps a hash of every
// input esbuild read (and of package-lock.json and this file), so an edit is picked up however
// quickly it follows the last build. Plain CommonJS, so it runs without a TypeScript loader.

const { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync } = require("node:fs");
const { createHash } = require("node:crypto");
const { dirname, join, relative, resolve, sep } = require("node:path");
const { hashOf, hashOrAbsent, inputsCurrent, LOCKFILES, readRecord, writeRecord } = require("@apigw-auth0-rbac/model/project");

/** Read at synth time from node_modules: esbuild finds its own binary. */
const EXTERNAL = ["esbuild"];
/** Loaders for the project's own files, by extension. */
const LOADERS = { ".ts": "ts", ".js": "js", ".cjs": "js", ".json": "json" };

/**
 * Where the build of `project` lives: `<localDir>/app`, or APP_BUILD_DIR (relative to the
 * project root) for tests that keep their own.
 */
function buildLayout(project, env = process.env) {
  const outDir = resolve(project.root, env.APP_BUILD_DIR || join(relative(project.root, project.localDir), "app"));
  return { outDir, record: join(outDir, "inputs.json") };
}

/** Project paths (relative, with `/`) of the inputs no import names but that change the bundle: the lockfiles stand for node_modules. */
function alwaysInputs(root) {
  const own = relative(root, realpathSync(__filename)).split(sep).join("/");
  // Installed from the registry, this file is one package-lock.json stands for.
  return [...LOCKFILES, ...(own.startsWith("..") || own.includes("node_modules/") ? [] : [own])];
}

/** The bundle built from exactly the inputs there are now, if there is one. */
function currentBundle(project, layout) {
  const record = readRecord(layout.record);
  if (!record || typeof record.bundle !== "string" || !existsSync(join(layout.outDir, record.bundle))) return undefined;
  return inputsCurrent(project.root, record.inputs) ? join(layout.outDir, record.bundle) : undefined;
}

/**
 * Reads every project file esbuild compiles (node_modules aside, which package-lock.json
 * stands for), so the record holds the hash of exactly what went into the bundle, even when
 * a file changes during the build. It also rewrites `__dirname`: in a project file it means
 * that file's folder, in the bundle it would be the bundle's.
 */
function projectFiles(root, outDir, hashes) {
  return {
    name: "project-files",
    setup(build) {
      build.onLoad({ filter: /\.(ts|js|cjs|json)$/ }, (args) => {
        if (args.path.split(sep).includes("node_modules")) return undefined;
        const bytes = readFileSync(args.path);
        hashes.set(relative(root, args.path).split(sep).join("/"), createHash("sha256").update(bytes).digest("base64url"));
        let contents = bytes.toString("utf8");
        if (contents.includes("__dirname")) {
          const fromBundle = relative(outDir, dirname(args.path)).split(sep).join("/");
          contents = contents.replace(/\b__dirname\b/g, `require("node:path").join(__dirname, ${JSON.stringify(fromBundle)})`);
        }
        return { contents, loader: LOADERS[args.path.slice(args.path.lastIndexOf("."))] };
      });
    },
  };
}

async function build(project, layout, entry) {
  const esbuild = require("esbuild");
  // The files no import names are hashed before the build: a change during it makes the next synth rebuild.
  const hashes = new Map(alwaysInputs(project.root).map((file) => [file, hashOrAbsent(join(project.root, file))]));
  const tmp = join(layout.outDir, `main.${process.pid}.tmp`);
  await esbuild.build({
    absWorkingDir: project.root,
    entryPoints: [resolve(project.root, entry)],
    bundle: true,
    platform: "node",
    target: `node${process.versions.node.split(".")[0]}`,
    format: "cjs",
    outfile: tmp,
    external: EXTERNAL,
    logLevel: "error",
    legalComments: "none",
    plugins: [projectFiles(project.root, layout.outDir, hashes)],
  });
  // Named by its content: V8's code cache beside it (see app.js) then belongs to exactly this
  // source, and a synth running while another rebuilds keeps the file it started with.
  const bundle = `main-${hashOf(tmp).slice(0, 16)}.cjs`;
  renameSync(tmp, join(layout.outDir, bundle));
  writeRecord(layout.record, { bundle, inputs: Object.fromEntries([...hashes].sort()) });
  for (const old of readdirSync(layout.outDir)) {
    if (/^main-[\w-]+\.cjs/.test(old) && !old.startsWith(bundle)) rmSync(join(layout.outDir, old), { force: true });
  }
  return join(layout.outDir, bundle);
}

/** The path of a current bundle of `entry`, building it first when an input changed. */
async function appBundle(project, entry, env = process.env) {
  const layout = buildLayout(project, env);
  const current = currentBundle(project, layout);
  if (current) return { bundle: current, record: layout.record };
  mkdirSync(layout.outDir, { recursive: true });
  return { bundle: await build(project, layout, entry), record: layout.record };
}

module.exports = { appBundle, buildLayout };
