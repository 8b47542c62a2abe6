// Runs a handler from the archive that would be deployed, in this process, the way the
// Lambda Node.js runtime loads it: `index.js` as a CommonJS module of its own (a filename,
// Node's built-ins only), its console output going to the function's log (as the Lambda
// runtime, which patches console to tag each line with its request), and its stack frames
// translated to the TypeScript sources by the map the bundler wrote beside the archive.
import { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { isBuiltin, Module, SourceMap } from "node:module";
import { dirname, join } from "node:path";
import { format } from "node:util";
import type { Context } from "aws-lambda";
import { strFromU8, unzipSync } from "fflate";
import { SOURCE_MAP_FILE } from "@apigw-auth0-rbac/model";

export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

/** One line a handler logged: console's level, and the text as console would print it. */
export type FunctionLog = (functionName: string, level: string, message: string) => void;

export interface HandlerOptions {
  /** Where a handler's console output goes. @default stderr, each line prefixed with the function's name */
  readonly log?: FunctionLog;
  /** Folders the bundler wrote archives and their maps into (`<dir>/<hash>/index.js.map`). */
  readonly sourceMapDirs?: readonly string[];
}

export const stderrLog: FunctionLog = (functionName, level, message) => {
  for (const line of message.split("\n")) process.stderr.write(`${functionName} ${level.toUpperCase()} ${line}\n`);
};

/** `index.handler` from `archive.zip`, loaded as the Node.js runtime would: CommonJS. */
export function loadHandlerFromArchive(archivePath: string, handler: string, functionName: string, options: HandlerOptions = {}): LambdaHandler {
  const dot = handler.lastIndexOf(".");
  const [file, exportName] = [handler.slice(0, dot), handler.slice(dot + 1)];
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(readFileSync(archivePath));
  } catch (err) {
    throw new Error(`cannot open the Lambda archive ${archivePath}: ${(err as Error).message}; run \`npm run synth\``);
  }
  const name = [`${file}.js`, `${file}.cjs`].find((n) => n in files);
  if (!name) throw new Error(`${archivePath} has no ${file}.js for handler ${handler} (it holds: ${Object.keys(files).join(", ")})`);
  const exported = compile(files[name], join(dirname(archivePath), name), options.sourceMapDirs ?? []);
  const fn = exported[exportName];
  if (typeof fn !== "function") throw new Error(`${archivePath}: ${name} exports no function "${exportName}"`);
  const log = options.log ?? stderrLog;
  return (event, context) => invocations.run({ functionName, log }, () => (fn as LambdaHandler)(event, context));
}

/**
 * The module's exports. Compiled by Node's own CommonJS loader, so the code has its
 * filename in every stack frame; its map, when the bundler left one, is kept to translate them.
 */
function compile(code: Uint8Array, filename: string, sourceMapDirs: readonly string[]): Record<string, unknown> {
  routeConsole();
  const map = sourceMapOf(code, sourceMapDirs);
  if (map) sourceMaps.set(filename, new SourceMap(JSON.parse(map)));
  const mod = new Module(filename);
  mod.filename = filename;
  // Only Node's built-ins are reachable, as in the Lambda runtime with a bundle and no
  // node_modules: a dependency esbuild failed to bundle fails here too, not in production.
  mod.require = ((id: string) => {
    if (isBuiltin(id)) return require(id);
    throw new Error(`Cannot find module '${id}' (the archive ships no node_modules; bundle it)`);
  }) as NodeJS.Require;
  (mod as Module & { _compile(content: string, filename: string): void })._compile(strFromU8(code), filename);
  return mod.exports as Record<string, unknown>;
}

/** Each compiled archive's map, by the filename its frames carry. */
const sourceMaps = new Map<string, SourceMap>();

/**
 * `text` (a stack, or anything a handler logged) with every frame of a handler's bundle
 * turned into the TypeScript file and line it came from. Done here rather than by Node's
 * source-map support, which a test framework's own stack formatting would switch off.
 */
export function mapToSources(text: string): string {
  if (sourceMaps.size === 0) return text;
  return text.replace(/(\/[^\s():]+\.c?js):(\d+):(\d+)/g, (frame, file: string, line: string, column: string) => {
    const entry = sourceMaps.get(file)?.findEntry(Number(line) - 1, Number(column) - 1) as
      | { originalSource?: string; originalLine?: number; originalColumn?: number }
      | undefined;
    if (!entry?.originalSource) return frame;
    const source = entry.originalSource.startsWith("file://") ? new URL(entry.originalSource).pathname : entry.originalSource;
    return `${source}:${entry.originalLine! + 1}:${entry.originalColumn! + 1}`;
  });
}

/** The bundler's map of this code, found by the code's hash, as it names the folder. */
function sourceMapOf(code: Uint8Array, dirs: readonly string[]): string | undefined {
  const hash = createHash("sha256").update(code).digest("hex").slice(0, 16);
  const path = dirs.map((dir) => join(dir, hash, SOURCE_MAP_FILE)).find(existsSync);
  return path && readFileSync(path, "utf8");
}

/** The invocation a console call belongs to, across every await of the handler. */
const invocations = new AsyncLocalStorage<{ functionName: string; log: FunctionLog }>();
const CONSOLE_LEVELS = ["log", "info", "warn", "error", "debug", "trace"] as const;
let routed = false;

/**
 * Once per process: console calls made during an invocation go to that function's log,
 * every other call as before. The console patched is the one of the realm the handlers
 * run in (Node's own, also when this module runs inside a test framework's sandbox).
 */
function routeConsole(): void {
  if (routed) return;
  routed = true;
  const realm = new Module("realm");
  (realm as Module & { _compile(content: string, filename: string): void })._compile("module.exports = globalThis.console;", "realm");
  const target = realm.exports as Console;
  for (const level of CONSOLE_LEVELS) {
    const original = target[level].bind(target);
    target[level] = (...args: unknown[]) => {
      const invocation = invocations.getStore();
      // The sink runs outside the invocation: a sink that logs itself is not routed back into it.
      if (invocation) invocations.exit(() => invocation.log(invocation.functionName, level, mapToSources(format(...args))));
      else original(...args);
    };
  }
}

export function lambdaContext(functionName: string, requestId: string, timeoutMs: number, memorySizeMb: number): Context {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: String(memorySizeMb),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: "local",
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
