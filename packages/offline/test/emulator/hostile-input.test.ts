// What a hostile or broken client sends, and the answer each server gives: never a crash,
// never a 500 for the client's own mistake, nothing of the request unescaped in a header.
import { request } from "node:http";
import type { LocalSystem } from "../../src/emulator/local-system";
import { MAX_PAYLOAD_BYTES, MAX_REQUEST_HEADER_BYTES } from "../../src/emulator/http-api/emulator";
import { MAX_FORM_BYTES } from "../../src/emulator/http/util";
import { startProbeSystem } from "../helpers/probe-system";
import { rawGet, rawRequest } from "../helpers/raw-http";
import { tokenForRole } from "../helpers/local-system";

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const now = () => Math.floor(Date.now() / 1000);

let system: LocalSystem;
let writer: string;
const errors: string[] = [];

beforeAll(async () => {
  jest.spyOn(console, "error").mockImplementation((...args) => void errors.push(args.join(" ")));
  jest.spyOn(console, "log").mockImplementation(() => undefined);
  system = await startProbeSystem({ serveSpa: false });
  writer = await tokenForRole(system, "writer");
});
afterAll(async () => {
  await system?.close();
  jest.restoreAllMocks();
});

/** The API still answers a plain request after whatever came before. */
async function stillServing(): Promise<void> {
  const response = await fetch(`${system.api.url}/echo`, { headers: { authorization: `Bearer ${writer}` } });
  expect(response.status).toBe(200);
  const discovery = await fetch(`${system.auth0.issuer}.well-known/openid-configuration`);
  expect(discovery.status).toBe(200);
}

/** A POST of `size` bytes with its content-length, read to the end of the answer. */
function post(
  url: string,
  size: number,
  headers: Record<string, string> = {},
  chunked = false,
): Promise<{ status: number; body: string; connection?: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", headers: chunked ? headers : { ...headers, "content-length": String(size) } }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode!, body, connection: res.headers.connection }));
    });
    req.on("error", reject);
    const chunk = Buffer.alloc(256 * 1024, 0x61);
    let sent = 0;
    const pump = () => {
      while (sent < size) {
        const part = chunk.subarray(0, Math.min(chunk.length, size - sent));
        sent += part.length;
        if (!req.write(part)) return void req.once("drain", pump);
      }
      req.end();
    };
    req.on("error", () => undefined);
    pump();
  });
}

describe("the API emulator under hostile input", () => {
  it("answers 401 with a header-safe description to a token whose alg is not Latin-1, and lives on", async () => {
    const token = `${b64({ alg: "\u0100\r\nx-injected: 1", kid: "k" })}.${b64({ exp: now() + 60 })}.c2ln`;
    const response = await fetch(`${system.api.url}/echo`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: "Unauthorized" });
    expect(response.headers.get("www-authenticate")).toMatch(/^[\x20-\x7e]+$/);
    expect(response.headers.get("x-injected")).toBeNull();
    await stillServing();
  });

  it("never lets a signed token's issuer into a header raw", async () => {
    const token = await system.auth0.signJwt({ iss: "https://évil\n/", aud: system.auth0.audience, exp: now() + 60, scope: "probe:read" });
    const response = await fetch(`${system.api.url}/echo`, { headers: { authorization: token } });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^[\x20-\x7e]+$/);
    await stillServing();
  });

  it.each([
    ["with a valid token", true],
    ["without a token", false],
  ])("answers 413 to a body over 10 MB %s, closes the connection and lives on", async (_label, withToken) => {
    const answer = await post(`${system.api.url}/echo`, MAX_PAYLOAD_BYTES + 1, withToken ? { authorization: `Bearer ${writer}` } : {});
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({ message: "Request Entity Too Large" });
    expect(answer.connection).toBe("close");
    await stillServing();
  });

  it("answers 413 to an announced oversized body without asking for it (Expect: 100-continue)", async () => {
    const head = [
      `POST /echo HTTP/1.1`,
      "Host: 127.0.0.1",
      `Authorization: Bearer ${writer}`,
      `Content-Length: ${MAX_PAYLOAD_BYTES + 1}`,
      "Expect: 100-continue",
      "",
      "",
    ].join("\r\n");
    const answer = await rawRequest(system.api.port, head);
    expect(answer.head).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer.head).not.toContain("100 Continue");
  });

  it("answers 413 to a chunked body that grows past 10 MB while it is read", async () => {
    const answer = await post(`${system.api.url}/echo`, MAX_PAYLOAD_BYTES + 300_000, { authorization: `Bearer ${writer}` }, true);
    expect(answer.status).toBe(413);
    await stillServing();
  });

  it("passes a body within the limit to the handler", async () => {
    const answer = await post(`${system.api.url}/echo`, 1000, { authorization: `Bearer ${writer}`, "content-type": "text/plain" });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).bodyLength).toBe(1000);
  });

  it.each(["*", "//127.0.0.1/echo\x7f", "echo"])("answers 400 Bad Request to the malformed target %j", async (target) => {
    const answer = await rawGet(system.api.port, target);
    expect(answer.status).toBe(400);
    if (answer.body) expect(JSON.parse(answer.body)).toEqual({ message: "Bad Request" });
    await stillServing();
  });

  it("answers 400 to malformed percent-encoding in a path parameter, after authorizing", async () => {
    const answer = await rawGet(system.api.port, "/items/%E0%A4%A", { authorization: `Bearer ${writer}` });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({ message: "Bad Request" });
  });

  it("decodes a well-formed path parameter as AWS does", async () => {
    const answer = await rawGet(system.api.port, "/items/a%20b", { authorization: `Bearer ${writer}` });
    expect(JSON.parse(answer.body).pathParameters).toEqual({ id: "a b" });
  });

  it("hands over query parameters named like Object's own properties as sent, each once", async () => {
    const answer = await rawGet(system.api.port, "/echo?constructor=a&__proto__=b&toString=c&toString=d", { authorization: `Bearer ${writer}` });
    expect(Object.entries(JSON.parse(answer.body).query)).toEqual([
      ["constructor", "a"],
      ["__proto__", "b"],
      ["toString", "c,d"],
    ]);
  });

  // AWS documents no normalisation of request paths: they are matched as sent, so a dot or
  // empty segment never reaches a route it does not literally name.
  it.each(["/x/../echo", "/./echo", "//echo", "/echo/", "/items//", "/items/a/b"])("matches %j as sent: 404", async (target) => {
    const answer = await rawGet(system.api.port, target, { authorization: `Bearer ${writer}` });
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.body)).toEqual({ message: "Not Found" });
  });

  it("answers 431 to request headers over 10,240 bytes, and serves 10,000 bytes", async () => {
    const over = await rawGet(system.api.port, "/echo", { authorization: `Bearer ${writer}`, "x-pad": "a".repeat(MAX_REQUEST_HEADER_BYTES) });
    expect(over.status).toBe(431);
    const padding = 10_000 - 200 - writer.length;
    const under = await rawGet(system.api.port, "/echo", { authorization: `Bearer ${writer}`, "x-pad": "a".repeat(padding) });
    expect(under.status).toBe(200);
  });

  it("drops the integration's CORS headers and writes the API's own", async () => {
    const other = await fetch(`${system.api.url}/echo`, { headers: { authorization: `Bearer ${writer}`, origin: "https://elsewhere.test" } });
    expect(other.status).toBe(200);
    expect(other.headers.get("x-probe")).toBe("echo");
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    const allowed = await fetch(`${system.api.url}/echo`, { headers: { authorization: `Bearer ${writer}`, origin: "http://localhost:4999" } });
    expect(allowed.headers.get("access-control-allow-origin")).toBe("http://localhost:4999");
  });

  it("answers 500 to a handler's malformed response and to a handler that throws, and lives on", async () => {
    for (const path of ["/bad-header", "/boom"]) {
      const response = await fetch(`${system.api.url}${path}`, { headers: { authorization: `Bearer ${writer}` } });
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({ message: "Internal Server Error" });
    }
    await stillServing();
  });
});

describe("the Auth0 stand-in under hostile input", () => {
  const tokenEndpoint = () => `${system.auth0.issuer}oauth/token`;

  it.each([
    ["invalid JSON", "{not json", "application/json"],
    ["a JSON array", "[1,2]", "application/json"],
    ["a JSON string", '"grant_type"', "application/json"],
  ])("answers 400 invalid_request to %s at the token endpoint", async (_label, body, type) => {
    const response = await fetch(tokenEndpoint(), { method: "POST", headers: { "content-type": type }, body });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "invalid_request", error_description: expect.any(String) });
  });

  it.each(["/oauth/token", "/u/login"])("answers 413 to a form over the limit at %s, and lives on", async (path) => {
    const answer = await post(`${system.auth0.issuer}${path.slice(1)}`, MAX_FORM_BYTES + 1, { "content-type": "application/x-www-form-urlencoded" });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ error: "invalid_request" });
    await stillServing();
  });

  it("answers 400 to invalid JSON on the login form, not 500", async () => {
    const response = await fetch(`${system.auth0.issuer}u/login`, { method: "POST", headers: { "content-type": "application/json" }, body: "{" });
    expect(response.status).toBe(400);
    expect(errors.filter((e) => e.includes("auth0 stand-in"))).toEqual([]);
  });

  it.each(["*", "authorize", "/\x01"])("answers 400 in Auth0's shape to the malformed target %j", async (target) => {
    const answer = await rawGet(system.auth0.port, target);
    expect(answer.status).toBe(400);
    if (answer.body) expect(JSON.parse(answer.body)).toMatchObject({ error: "invalid_request" });
    await stillServing();
  });
});

describe("the test-app server under hostile input", () => {
  let spaSystem: LocalSystem;
  beforeAll(async () => {
    spaSystem = await startProbeSystem({ serveSpa: true });
  });
  afterAll(() => spaSystem?.close());

  it.each(["*", "app.js"])("answers 400 to the malformed target %j and lives on", async (target) => {
    expect((await rawGet(spaSystem.spa!.port, target)).status).toBe(400);
    expect((await rawGet(spaSystem.spa!.port, "/app.js")).status).toBe(200);
  });
});

// What Node's HTTP parser refuses before a request exists, or hands over raw: each server
// answers in its own error shape and closes the connection (rawRequest reads to the close).
describe("requests Node's parser refuses", () => {
  let spaSystem: LocalSystem;
  beforeAll(async () => {
    spaSystem = await startProbeSystem({ serveSpa: true });
  });
  afterAll(() => spaSystem?.close());

  const servers: [string, () => number, RegExp][] = [
    ["the API emulator", () => system.api.port, /^\{"message":"(Bad Request|Request Header Fields Too Large)"\}$/],
    ["the Auth0 stand-in", () => system.auth0.port, /^\{"error":"invalid_request","error_description":"Could not read the request: [^"]+"\}$/],
    ["the test-app server", () => spaSystem.spa!.port, /^(Bad Request|Request Header Fields Too Large)$/],
  ];
  const requests: [string, string, number][] = [
    ["a lower-case method", "get /echo HTTP/1.1\r\nHost: x\r\n\r\n", 400],
    ["a space in the target", "GET /echo /x HTTP/1.1\r\nHost: x\r\n\r\n", 400],
    [
      "Content-Length beside Transfer-Encoding",
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
      400,
    ],
    ["headers over 16 KiB", `GET /echo HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`, 431],
    ["CONNECT", "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n", 400],
  ];
  const cases = servers.flatMap(([server, port, shape]) => requests.map(([what, raw, status]) => [server, what, raw, status, port, shape] as const));

  it.each(cases)("%s answers %s in its own shape and closes", async (_server, _what, raw, status, port, shape) => {
    const answer = await rawRequest(port(), raw);
    expect(answer.status).toBe(status);
    expect(answer.body).toMatch(shape);
    expect(answer.head).toMatch(/^connection: close$/im);
  });

  it("counts every header sent: 2,100 of them keep the Authorization that comes last", async () => {
    const filler = Array(2100).fill("a:").join("\r\n");
    const raw = `GET /echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\n${filler}\r\nAuthorization: Bearer ${writer}\r\n\r\n`;
    expect(Buffer.byteLength(raw)).toBeLessThan(MAX_REQUEST_HEADER_BYTES);
    expect((await rawRequest(system.api.port, raw)).status).toBe(200);
  });
});

it("logged no server error for anything a client sent", () => {
  // The two deliberate handler failures log as integration errors, nothing else may.
  expect(errors.filter((e) => !/^probe-api-(bad-header|boom):/.test(e))).toEqual([]);
});

describe("names a client chooses (query parameters and headers)", () => {
  it("reach the handler as they were sent, built-in property names included", async () => {
    const reader = await tokenForRole(system, "reader");
    const query = "constructor=a&constructor=b&__proto__=p&toString=t&hasOwnProperty=h";
    const response = await fetch(`${system.api.url}/echo?${query}`, { headers: { authorization: `Bearer ${reader}`, "x-valueof": "v" } });
    expect(response.status).toBe(200);
    const echoed = JSON.parse(await response.text());
    expect(echoed.query).toEqual(JSON.parse('{"constructor":"a,b","__proto__":"p","toString":"t","hasOwnProperty":"h"}'));
    await stillServing();
  });
});
