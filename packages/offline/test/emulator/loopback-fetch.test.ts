// The fetch the local system reaches the stand-in's custom domain with: that name at 127.0.0.1,
// every other URL left to fetch.
import { createServer, type Server } from "node:http";
import { fetchResolvingToLoopback } from "../../src/emulator/http/loopback";

let server: Server;
let port = 0;
const seen: { host?: string; method?: string; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      seen.push({ host: req.headers.host, method: req.method, body });
      if (req.url === "/empty") res.writeHead(204).end();
      else res.writeHead(200, { "content-type": "application/json", "set-cookie": ["a=1", "b=2"] }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("fetchResolvingToLoopback", () => {
  const reach = fetchResolvingToLoopback(["Login.Unicorns.Example.com"]);

  it("sends a listed name to 127.0.0.1, with the URL's host and port as Host, method, headers and body", async () => {
    const response = await reach(`http://login.unicorns.example.com:${port}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"grant_type":"password"}',
    });
    expect([response.status, await response.json()]).toEqual([200, { ok: true }]);
    expect(response.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    expect(seen.at(-1)).toEqual({ host: `login.unicorns.example.com:${port}`, method: "POST", body: '{"grant_type":"password"}' });
    expect((await reach(`http://login.unicorns.example.com:${port}/empty`)).status).toBe(204);
  });

  it("leaves any other name to fetch, so a name no DNS knows fails as it would", async () => {
    await expect(reach(`http://other.unicorns.example.invalid:${port}/`)).rejects.toThrow("fetch failed");
    expect((await reach(`http://127.0.0.1:${port}/`)).status).toBe(200);
  });

  it("refuses a body it would not send as given", async () => {
    await expect(reach(`http://login.unicorns.example.com:${port}/`, { method: "POST", body: new URLSearchParams({ a: "1" }) })).rejects.toThrow(
      "a loopback request's body must be a string",
    );
  });
});
