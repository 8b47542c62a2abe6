// Loads a handler from the archive that would be deployed and runs it in this process.
import { readFileSync } from "node:fs";
import { createRequire, isBuiltin } from "node:module";
import { dirname, join } from "node:path";
import type { Context } from "aws-lambda";
import { strFromU8, unzipSync } from "fflate";

export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

/** `index.handler` from `archive.zip`, loaded as the Node.js runtime would: CommonJS. */
export function loadHandlerFromArchive(archivePath: string, handler: string): LambdaHandler {
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
  const filename = join(dirname(archivePath), name);
  const module = { exports: {} as Record<string, unknown> };
  // Only Node's built-ins are reachable, as in the Lambda runtime with a bundle and no
  // node_modules: a dependency esbuild failed to bundle fails here too, not in production.
  const nodeRequire = createRequire(filename);
  const builtinsOnly = (id: string) => {
    if (isBuiltin(id)) return nodeRequire(id);
    throw new Error(`Cannot find module '${id}' (the archive ships no node_modules; bundle it)`);
  };
  // The CommonJS wrapper, as Node applies it.
  new Function("exports", "require", "module", "__filename", "__dirname", strFromU8(files[name]))(
    module.exports,
    builtinsOnly,
    module,
    filename,
    dirname(filename),
  );
  const fn = module.exports[exportName];
  if (typeof fn !== "function") throw new Error(`${archivePath}: ${name} exports no function "${exportName}"`);
  return fn as LambdaHandler;
}

export function lambdaContext(functionName: string, requestId: string, timeoutMs: number): Context {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: "128",
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: "local",
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
