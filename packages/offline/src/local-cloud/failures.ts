// A request npm run cloud could not serve (a 500): said on its stderr with the request and what
// failed, and answered with a message the caller can act on. A store it cannot use (corrupt, of
// another version, misshapen, locked too long) is named with its fix; anything else is a bug,
// logged with its stack.
import type { IncomingMessage } from "node:http";
import { CloudStoreError } from "@apigw-auth0-rbac/local-providers/cloud";

/** Logs the failure of `req` on `server`; returns the message to answer it with. */
export function internalFailure(server: string, req: IncomingMessage, err: unknown): string {
  const store = err instanceof CloudStoreError;
  console.error(`${server}: ${req.method} ${req.url}: ${store ? err.message : ((err as Error)?.stack ?? String(err))}`);
  return store ? err.message : "internal error: npm run cloud's output says what failed";
}
