// The one place an error becomes a diagnostic. The errors the stand-in means (a type it has no
// schema for, a call the service refuses, what the provider refuses, a local cloud it cannot
// read) are what terraform would show of the real provider: an error diagnostic. Any other
// error is a bug of the stand-in, thrown on: terraform reports the RPC failing.
import { CloudStoreError } from "../cloud/store";
import type { ProviderContext } from "../provider";
import type { Diagnostic } from "../rpc";
import { ProviderError, ServiceError } from "../service-rules";
import { errorDiagnostic } from "./diagnostics";
import { type ServerState, UnsupportedTypeError } from "./state";

export type ReportedError = UnsupportedTypeError | ServiceError | ProviderError | CloudStoreError;

const REPORTED = [UnsupportedTypeError, ServiceError, ProviderError, CloudStoreError];
const isReported = (err: unknown): err is ReportedError => REPORTED.some((kind) => err instanceof kind);

/** An RPC's response when a reported error stops it: `diagnostic` is the error's. */
export type OnError<C extends ProviderContext, Request, Response> = (
  diagnostic: Diagnostic,
  request: Request,
  error: ReportedError,
  server: ServerState<C>,
) => Response;

/** `handler` as an RPC of the service: a reported error answers `onError`'s response, or by default the diagnostic alone. */
export function triaged<C extends ProviderContext, Request, Response>(
  server: ServerState<C>,
  handler: (server: ServerState<C>, request: Request) => Response,
  onError?: OnError<C, Request, Response>,
): (request: Request) => Response {
  return (request) => {
    try {
      return handler(server, request);
    } catch (err) {
      if (!isReported(err)) throw err;
      const diagnostic = errorDiagnostic(err.message, err instanceof ProviderError ? err.detail : "");
      // A type without a schema stops the RPC before it holds anything to keep, as the framework answers a failed schema lookup.
      if (!onError || err instanceof UnsupportedTypeError) return { diagnostics: [diagnostic] } as Response;
      return onError(diagnostic, request, err, server);
    }
  };
}
