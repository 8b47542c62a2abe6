// Tokens an attacker or a misconfigured client would send, each with the answer
// API Gateway's JWT authorizer gives (docs/AUTHORIZER-SPEC.md).
import { exportSPKI, generateKeyPair, importJWK, SignJWT, type CryptoKey } from "jose";
import type { LocalSystem } from "../../src/emulator/local-system";
import { flattenClaims } from "../../src/emulator/http-api/payload";
import { call, startSystemFor } from "../helpers/local-system";
import { synthProject } from "../helpers/synth";

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const now = () => Math.floor(Date.now() / 1000);

let system: LocalSystem;
let claims: Record<string, unknown>;
let kid: string;
const accessLog: string[] = [];

beforeAll(async () => {
  jest.spyOn(console, "log").mockImplementation(() => undefined);
  system = await startSystemFor(synthProject(), { accessLog: (line) => accessLog.push(line) });
  kid = system.auth0.jwks.keys[0].kid!;
});
afterAll(async () => {
  await system?.close();
  jest.restoreAllMocks();
});
beforeEach(() => {
  claims = {
    iss: system.auth0.issuer,
    sub: "auth0|tester",
    aud: system.auth0.audience,
    iat: now() - 5,
    exp: now() + 300,
    scope: "read:unicorn list:unicorns",
  };
});

const sign = (c: Record<string, unknown> = claims, header: Record<string, unknown> = {}) => system.auth0.signJwt(c, header);
const listWith = (authorization: string) => call(system, "GET", "/unicorns", { authorization });

async function expectUnauthorized(authorization: string, description: RegExp) {
  const response = await listWith(authorization);
  expect(response.status).toBe(401);
  expect(JSON.parse(response.body)).toEqual({ message: "Unauthorized" });
  expect(response.headers.get("www-authenticate")).toMatch(/^Bearer scope="" error="invalid_token" error_description="/);
  expect(response.headers.get("www-authenticate")).toMatch(description);
}

describe("the emulated JWT authorizer", () => {
  it("lets a valid token through", async () => {
    expect((await listWith(`Bearer ${await sign()}`)).status).toBe(200);
  });

  it("accepts the bare token without 'Bearer'", async () => {
    expect((await listWith(await sign())).status).toBe(200);
  });

  it("fails an unsigned token (alg: none) with 401", async () => {
    const token = `${b64({ alg: "none", typ: "JWT" })}.${b64(claims)}.`;
    await expectUnauthorized(`Bearer ${token}`, /signing method none is invalid/);
  });

  it("fails an HS256 token signed with the public key as secret with 401", async () => {
    const publicPem = await exportSPKI(await publicKey());
    const token = await new SignJWT(claims).setProtectedHeader({ alg: "HS256", kid }).sign(new TextEncoder().encode(publicPem));
    await expectUnauthorized(`Bearer ${token}`, /signing method HS256 is invalid/);
  });

  it("fails an expired token with 401", async () => {
    await expectUnauthorized(`Bearer ${await sign({ ...claims, exp: now() - 1 })}`, /expired/);
  });

  it("fails a token whose nbf is in the future with 401", async () => {
    await expectUnauthorized(`Bearer ${await sign({ ...claims, nbf: now() + 120 })}`, /not valid yet/);
  });

  it("fails a token issued in the future with 401", async () => {
    await expectUnauthorized(`Bearer ${await sign({ ...claims, iat: now() + 120 })}`, /issued in the future/);
  });

  it("fails an issuer without the trailing slash with 401", async () => {
    await expectUnauthorized(`Bearer ${await sign({ ...claims, iss: system.auth0.issuer.replace(/\/$/, "") })}`, /issuer/);
  });

  it("fails another issuer with 401", async () => {
    await expectUnauthorized(`Bearer ${await sign({ ...claims, iss: "https://evil.eu.auth0.com/" })}`, /issuer/);
  });

  it("fails a wrong audience with 401", async () => {
    await expectUnauthorized(`Bearer ${await sign({ ...claims, aud: "https://other.example.com" })}`, /audience/);
  });

  it("accepts an audience array that contains the right one", async () => {
    const token = await sign({ ...claims, aud: ["https://other.example.com", system.auth0.audience] });
    expect((await listWith(`Bearer ${token}`)).status).toBe(200);
  });

  it("checks client_id only when there is no aud", async () => {
    const { aud: _aud, ...noAud } = claims;
    expect((await listWith(`Bearer ${await sign({ ...noAud, client_id: system.auth0.audience })}`)).status).toBe(200);
    await expectUnauthorized(`Bearer ${await sign({ ...noAud, client_id: "someone-else" })}`, /audience/);
  });

  it("fails a tampered payload with 401", async () => {
    const [header, , signature] = (await sign({ ...claims, scope: "read:unicorn" })).split(".");
    await expectUnauthorized(`Bearer ${header}.${b64(claims)}.${signature}`, /signature/);
  });

  it("fails an unknown kid with 401", async () => {
    await expectUnauthorized(`Bearer ${await sign(claims, { kid: "not-a-key-of-the-tenant" })}`, /kid/);
  });

  it("fails a token signed by another key that claims the right kid with 401", async () => {
    const other = await generateKeyPair("RS256");
    const token = await new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid }).sign(other.privateKey);
    await expectUnauthorized(`Bearer ${token}`, /signature/);
  });

  it("reads scopes from scp when there is no scope claim, as a string or an array", async () => {
    const { scope: _scope, ...noScope } = claims;
    expect((await listWith(`Bearer ${await sign({ ...noScope, scp: "list:unicorns" })}`)).status).toBe(200);
    expect((await listWith(`Bearer ${await sign({ ...noScope, scp: ["list:unicorns"] })}`)).status).toBe(200);
    expect((await listWith(`Bearer ${await sign({ ...noScope, scp: ["read:unicorn"] })}`)).status).toBe(403);
  });

  it("never reads Auth0's permissions claim", async () => {
    const response = await listWith(`Bearer ${await sign({ ...claims, scope: "read:unicorn", permissions: ["list:unicorns"] })}`);
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body)).toEqual({ message: "Forbidden" });
  });

  it("fails an empty Authorization header with 401", async () => {
    await expectUnauthorized("", /no token/);
  });

  it("fails a missing Authorization header with 401", async () => {
    const response = await call(system, "GET", "/unicorns");
    expect(response.status).toBe(401);
  });

  it("fails garbage with 401", async () => {
    await expectUnauthorized("Bearer not.a.jwt", /malformed/);
    await expectUnauthorized("Bearer %%%", /malformed/);
  });

  it("answers an unknown route with 404 before any authorization", async () => {
    const response = await call(system, "GET", "/horses");
    expect(response.status).toBe(404);
    expect(JSON.parse(response.body)).toEqual({ message: "Not Found" });
  });

  it("writes one access-log line per request with the stage's fields", async () => {
    accessLog.length = 0;
    await listWith(`Bearer ${await sign({ ...claims, scope: "read:unicorn" })}`);
    expect(accessLog).toHaveLength(1);
    expect(JSON.parse(accessLog[0])).toMatchObject({
      routeKey: "GET /unicorns",
      status: "403",
      httpMethod: "GET",
      authorizerError: expect.stringContaining("list:unicorns"),
      sub: "auth0|tester",
    });
  });
});

describe("what the Lambda receives", () => {
  it("gets every claim as a string, arrays as '[a b]', null dropped", () => {
    expect(flattenClaims({ exp: 1612061676, permissions: ["list:unicorns", "read:unicorn"], email_verified: true, nick: null })).toEqual({
      exp: "1612061676",
      permissions: "[list:unicorns read:unicorn]",
      email_verified: "true",
    });
  });

  it("gets an object claim as Go prints a map (keys sorted), nested values alike", () => {
    // What handlers were seen to receive (aws/aws-lambda-go#570: "map[key:value]"), not JSON text.
    expect(
      flattenClaims({
        "https://example.com/org": { name: "acme", id: 7, admin: false },
        "https://example.com/teams": [{ b: 2, a: 1 }, ["x", null], 1.5],
        "https://example.com/nested": { z: { y: [] }, a: null },
      }),
    ).toEqual({
      "https://example.com/org": "map[admin:false id:7 name:acme]",
      "https://example.com/teams": "[map[a:1 b:2] [x <nil>] 1.5]",
      "https://example.com/nested": "map[a:<nil> z:map[y:[]]]",
    });
  });
});

describe("CORS", () => {
  const preflight = (origin: string) =>
    fetch(`${system.api.url}/unicorns`, {
      method: "OPTIONS",
      headers: { origin, "access-control-request-method": "GET", "access-control-request-headers": "authorization" },
    });

  it("answers a preflight from the SPA's origin without a token", async () => {
    const response = await preflight("http://localhost:3000");
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
    expect(response.headers.get("access-control-allow-methods")).toBe("GET");
    expect(response.headers.get("access-control-allow-headers")).toBe("authorization,content-type");
    expect(response.headers.get("access-control-max-age")).toBe("600");
  });

  it("gives another origin no CORS headers", async () => {
    const response = await preflight("https://evil.example.com");
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("adds the allowed origin to actual responses, and nothing for others", async () => {
    const token = await sign();
    const ok = await call(system, "GET", "/unicorns", { authorization: `Bearer ${token}`, origin: "http://localhost:3000" });
    expect(ok.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
    const other = await call(system, "GET", "/unicorns", { authorization: `Bearer ${token}`, origin: "https://evil.example.com" });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });
});

async function publicKey(): Promise<CryptoKey> {
  return (await importJWK({ ...system.auth0.jwks.keys[0], alg: "RS256" }, "RS256")) as CryptoKey;
}
