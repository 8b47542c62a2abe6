// The authorizer's rules that need an issuer we control: kid and exp required, the JWKS
// re-fetched on an unknown kid within a cooldown, AWS's 150 kB JWKS limit, and the cache of
// verified tokens (bounded, honouring exp, never hit by a tampered token).
import { createServer, type Server } from "node:http";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from "jose";
import { closeServer, listen } from "../../src/emulator/http/util";
import { JwtAuthorizer, MAX_JWKS_BYTES, REFETCH_COOLDOWN_SECONDS } from "../../src/emulator/http-api/jwt-authorizer";

const AUDIENCE = "https://probe.example.test";

interface Key {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly jwk: JWK;
}

async function newKey(kid: string): Promise<Key> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  return { kid, privateKey: privateKey as CryptoKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" } };
}

let server: Server;
let issuer: string;
let published: JWK[] = [];
let padding = 0;
let jwksFetches = 0;
let clock = 1_800_000_000;
const now = () => clock;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/.well-known/openid-configuration") {
      res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}.well-known/jwks.json` }));
      return;
    }
    jwksFetches++;
    res.end(JSON.stringify({ keys: published, padding: "x".repeat(padding) }));
  });
  issuer = `http://127.0.0.1:${await listen(server, 0, "")}/`;
});
afterAll(() => closeServer(server));
beforeEach(() => {
  padding = 0;
  jwksFetches = 0;
});

function sign(key: Key, claims: Record<string, unknown> = {}, header: Record<string, unknown> = { kid: key.kid }): Promise<string> {
  return new SignJWT({ iss: issuer, aud: AUDIENCE, exp: clock + 300, scope: "probe:read", ...claims })
    .setProtectedHeader({ alg: "RS256", ...header })
    .sign(key.privateKey);
}

const authorizer = (cacheSize?: number) =>
  new JwtAuthorizer({ issuer, audience: [AUDIENCE], identityHeader: "authorization", verifiedTokenCacheSize: cacheSize }, now);
const ask = (a: JwtAuthorizer, token: string) => a.authorize({ authorization: `Bearer ${token}` }, ["probe:read"]);

describe("kid and exp, as AWS requires them", () => {
  it("refuses a token without kid even when the JWKS holds a single key", async () => {
    const key = await newKey("only");
    published = [key.jwk];
    const decision = await ask(authorizer(), await sign(key, {}, {}));
    expect(decision).toMatchObject({ allowed: false, status: 401, error: "the token has no kid" });
  });

  it("refuses a token without exp", async () => {
    const key = await newKey("only");
    published = [key.jwk];
    const decision = await ask(authorizer(), await sign(key, { exp: undefined }));
    expect(decision).toMatchObject({ allowed: false, status: 401, error: "the token's exp claim is invalid" });
  });
});

describe("the issuer's keys", () => {
  // AWS: the kid must match "the key in the jwks_uri that signed the token".
  let shared: Key[] = [];
  // RSA key generation can take seconds on a busy 2-core machine.
  beforeAll(async () => {
    shared = await Promise.all([newKey("shared"), newKey("shared"), newKey("shared")]);
  }, 60_000);

  it("verifies with whichever key under the token's kid signed it, when the JWKS holds two", async () => {
    const [first, second, stranger] = shared;
    published = [first.jwk, second.jwk];
    const a = authorizer();
    expect(await ask(a, await sign(second))).toMatchObject({ allowed: true });
    expect(await ask(a, await sign(first))).toMatchObject({ allowed: true });
    expect(await ask(a, await sign(stranger))).toMatchObject({ allowed: false, status: 401, error: "the token's signature is invalid" });
  });

  it("re-fetches the JWKS for an unknown kid once the cooldown has passed, and not before", async () => {
    const [old, rotated] = [await newKey("old"), await newKey("new")];
    published = [old.jwk];
    // The key set's own clock (jose's remote JWKS reads Date.now).
    let wall = Date.now();
    const clockSpy = jest.spyOn(Date, "now").mockImplementation(() => wall);
    try {
      const a = authorizer();
      expect((await ask(a, await sign(old))).allowed).toBe(true);
      expect(jwksFetches).toBe(1);

      published = [old.jwk, rotated.jwk];
      wall += (REFETCH_COOLDOWN_SECONDS - 1) * 1000;
      // Within the cooldown an unknown kid is refused without asking the issuer again.
      expect(await ask(a, await sign(rotated))).toMatchObject({ allowed: false, error: "no key of the issuer's JWKS matches the token's kid" });
      expect(jwksFetches).toBe(1);

      wall += 1000;
      expect((await ask(a, await sign(rotated))).allowed).toBe(true);
      expect(jwksFetches).toBe(2);
    } finally {
      clockSpy.mockRestore();
    }
  });

  it("refuses every token when the JWKS is over 150,000 bytes", async () => {
    const key = await newKey("k");
    published = [key.jwk];
    padding = MAX_JWKS_BYTES;
    expect(await ask(authorizer(), await sign(key))).toMatchObject({
      allowed: false,
      status: 401,
      error: expect.stringMatching(/larger than 150000 bytes/),
    });
    padding = MAX_JWKS_BYTES - 1000;
    expect((await ask(authorizer(), await sign(key))).allowed).toBe(true);
  });
});

describe("the cache of verified tokens", () => {
  it("checks exp again when a cached token comes back", async () => {
    const key = await newKey("k");
    published = [key.jwk];
    const a = authorizer();
    const token = await sign(key, { exp: clock + 60 });
    expect((await ask(a, token)).allowed).toBe(true);
    expect(a.cachedTokens).toBe(1);
    clock += 61;
    expect(await ask(a, token)).toMatchObject({ allowed: false, status: 401, error: "the token has expired" });
    expect(a.cachedTokens).toBe(0);
  });

  it("verifies a tampered copy of a cached token afresh, and refuses it", async () => {
    const key = await newKey("k");
    published = [key.jwk];
    const a = authorizer();
    const token = await sign(key);
    expect((await ask(a, token)).allowed).toBe(true);
    const [h, , s] = token.split(".");
    const payload = Buffer.from(JSON.stringify({ iss: issuer, aud: AUDIENCE, exp: clock + 300, scope: "probe:read probe:admin" })).toString(
      "base64url",
    );
    expect(await ask(a, `${h}.${payload}.${s}`)).toMatchObject({ allowed: false, error: "the token's signature is invalid" });
  });

  it("holds at most its size, dropping the least recently used", async () => {
    const key = await newKey("k");
    published = [key.jwk];
    const a = authorizer(3);
    const tokens = await Promise.all([1, 2, 3, 4].map((n) => sign(key, { sub: `user-${n}` })));
    for (const t of tokens) expect((await ask(a, t)).allowed).toBe(true);
    expect(a.cachedTokens).toBe(3);
  });

  it("decides scopes per route for a cached token", async () => {
    const key = await newKey("k");
    published = [key.jwk];
    const a = authorizer();
    const token = await sign(key);
    expect((await a.authorize({ authorization: token }, ["probe:read"])).allowed).toBe(true);
    expect(await a.authorize({ authorization: token }, ["probe:write"])).toMatchObject({ allowed: false, status: 403 });
  });
});
