// The answers API Gateway gives itself, in its shape ({"message": …}), and its request limits.
import type { HttpResult } from "./payload";

/** API Gateway's limit for the request line plus headers. */
export const MAX_REQUEST_HEADER_BYTES = 10_240;
/** HTTP APIs accept payloads up to 10 MB. */
export const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

/** API Gateway's bodies for the answers it gives itself. */
export const MESSAGES: Record<number, string> = {
  400: "Bad Request",
  // What a disabled execute-api endpoint answers (disable_execute_api_endpoint).
  403: "Forbidden",
  404: "Not Found",
  // A request whose headers never finish (Node's headersTimeout): no API Gateway wording is documented.
  408: "Request Timeout",
  413: "Request Entity Too Large",
  429: "Too Many Requests",
  431: "Request Header Fields Too Large",
  500: "Internal Server Error",
};

export const JSON_HEADERS = { "content-type": "application/json" };

export function apiError(status: number, headers?: Readonly<Record<string, string>>): HttpResult {
  return { status, headers: headers ? { ...JSON_HEADERS, ...headers } : JSON_HEADERS, body: Buffer.from(`{"message":"${MESSAGES[status]}"}`) };
}
