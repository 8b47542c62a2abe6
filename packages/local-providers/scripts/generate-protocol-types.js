#!/usr/bin/env node
// Generates TypeScript types for the plugin protocol (tfplugin6, go-plugin, health) into
// src/protocol-types with @grpc/proto-loader's own generator, so the stand-ins' RPC handlers are
// typed by the .proto files they serve. Only the compiler needs them (the imports are types
// only); the package's build runs this first.
//
//   node scripts/generate-protocol-types.js             always regenerate
//   node scripts/generate-protocol-types.js --if-stale  only when a .proto or the generator changed

const { execFileSync } = require("node:child_process");
const { createHash } = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const protocolDir = path.join(root, "protocol");
const PROTOS = ["tfplugin6.proto", "go-plugin.proto", "health.proto"];
const outDir = path.join(root, "src", "protocol-types");
const stampPath = path.join(outDir, ".sha256");

if (process.argv.includes("--help") || process.argv.includes("-h")) {
  process.stdout.write(
    "usage: node scripts/generate-protocol-types.js [--if-stale]\n\nGenerates the plugin protocol's TypeScript types into src/protocol-types (the package's build runs it).\n\nflags:\n  --if-stale  only when a .proto file or the generator changed\n  -h, --help  print this help\n",
  );
  process.exit(0);
}

const generator = require.resolve("@grpc/proto-loader/build/bin/proto-loader-gen-types.js");
const hash = createHash("sha256").update(fs.readFileSync(__filename)).update(require("@grpc/proto-loader/package.json").version);
for (const proto of PROTOS) hash.update(fs.readFileSync(path.join(protocolDir, proto)));
const wanted = hash.digest("hex");
if (process.argv.includes("--if-stale") && fs.existsSync(stampPath) && fs.readFileSync(stampPath, "utf8") === wanted) process.exit(0);

// Into a temporary folder and swapped in, so an interrupted run never leaves half the types.
const tmp = path.join(root, "src", `.protocol-types-${process.pid}`);
fs.rmSync(tmp, { recursive: true, force: true });
// The options are those the plugin server loads the protocol with (plugin-server.ts).
execFileSync(
  process.execPath,
  [generator, ...PROTOS, "--keepCase", "--longs=Number", "--enums=String", "--defaults", "--oneofs", "--grpcLib=@grpc/grpc-js", "-O", tmp, "-I", "."],
  { cwd: protocolDir, stdio: ["ignore", "ignore", "pipe"] },
);
fs.writeFileSync(path.join(tmp, ".sha256"), wanted);
fs.rmSync(outDir, { recursive: true, force: true });
fs.renameSync(tmp, outDir);
console.error(`generate-protocol-types: ${PROTOS.join(", ")} -> src/protocol-types`);
