// Requests to host names the local system serves on 127.0.0.1 in place of DNS: the Auth0
// stand-in answers a tenant's custom domain there, by the Host header, as a hosts-file line
// (or curl --resolve) would make any other client reach it.
import type { LookupAddress, LookupOptions } from "node:dns";
import { request } from "node:http";
import { hostNameOf } from "./util";

/** The part of fetch the local system's clients use. */
export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

/** Statuses whose answer carries no body (a Response refuses one). */
const NO_BODY = new Set([204, 205, 304]);

/**
 * fetch, except that a plain-http URL whose host is one of `names` is sent to 127.0.0.1 (its
 * port and Host header as the URL gives them). Every other URL goes to fetch unchanged.
 */
export function fetchResolvingToLoopback(names: readonly string[] = []): FetchLike {
  const local = new Set(names.map((name) => hostNameOf(name)));
  if (local.size === 0) return fetch;
  return (url, init) => {
    const target = new URL(url);
    return target.protocol === "http:" && local.has(hostNameOf(target.host)) ? loopbackRequest(target, init) : fetch(url, init);
  };
}

/** One request over node:http with the URL's host resolved to 127.0.0.1; no redirect is followed. */
function loopbackRequest(url: URL, init: RequestInit = {}): Promise<Response> {
  if (init.body != null && typeof init.body !== "string") return Promise.reject(new TypeError("a loopback request's body must be a string"));
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: init.method ?? "GET",
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      lookup: toLoopback,
      signal: init.signal ?? undefined,
    });
    req.on("error", reject);
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", reject);
      res.on("end", () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(res.headers)) for (const v of [value ?? []].flat()) headers.append(name, v);
        const status = res.statusCode ?? 502;
        resolve(new Response(NO_BODY.has(status) ? null : Buffer.concat(chunks), { status, headers }));
      });
    });
    req.end(init.body ?? undefined);
  });
}

/** dns.lookup's shape, answering 127.0.0.1 for the name it is asked (one address, or a list of one). */
function toLoopback(
  _hostname: string,
  options: LookupOptions,
  callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
): void {
  if (options.all) callback(null, [{ address: "127.0.0.1", family: 4 }]);
  else callback(null, "127.0.0.1", 4);
}
