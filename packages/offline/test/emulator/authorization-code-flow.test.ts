// The browser flow's rules, without a browser: what the stand-in must refuse, and that
// codes and refresh tokens behave as Auth0's do.
import { createHash, randomBytes } from "node:crypto";
import { decodeJwt } from "jose";
import { startLocalSystem, type LocalSystem } from "../../src/emulator/local-system";
import { CODE_LIFETIME_SECONDS } from "../../src/emulator/auth0/authorization-codes";
import type { StandInClient } from "../../src/emulator/auth0/standin";
import { openLoginForm, submitLogin } from "../helpers/browser-flow";
import { requestToken } from "../helpers/local-system";
import { synthProject } from "../helpers/synth";

const SPA_ORIGIN = "http://localhost:3000";
let system: LocalSystem;
let spa: StandInClient;
let clock = Math.floor(Date.now() / 1000);

beforeAll(async () => {
  system = await startLocalSystem({ outdir: synthProject().outdir, now: () => clock, functionLog: () => undefined });
  spa = system.auth0.clients.find((c) => c.appType === "spa")!;
});
afterAll(() => system?.close());

function pkce() {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

function authorizeUrl(overrides: Record<string, string | undefined> = {}, challenge = pkce().challenge): string {
  const params = {
    client_id: spa.clientId,
    redirect_uri: SPA_ORIGIN,
    response_type: "code",
    response_mode: "query",
    state: "state-123",
    nonce: "nonce-456",
    audience: system.auth0.audience,
    scope: "openid profile email read:unicorn list:unicorns offline_access",
    code_challenge: challenge,
    code_challenge_method: "S256",
    ...overrides,
  };
  const url = new URL(`${system.auth0.issuer}authorize`);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return url.toString();
}

/** Through the login form as `role`'s demo user; returns where the browser is sent back to. */
async function logIn(url: string, role = "unicorn-rider", password?: string): Promise<URL> {
  const form = await openLoginForm(url);
  const user = system.auth0.users.find((u) => u.roles.includes(role))!;
  const response = await submitLogin(system, form, { username: user.email, password: password ?? user.password });
  expect(response.status).toBe(302);
  return new URL(response.location!);
}

async function codeFor(role = "unicorn-rider") {
  const { verifier, challenge } = pkce();
  const back = await logIn(authorizeUrl({}, challenge), role);
  return { code: back.searchParams.get("code")!, verifier, back };
}

const exchange = (code: string, verifier: string, extra: Record<string, string> = {}) =>
  requestToken(
    system,
    { grant_type: "authorization_code", client_id: spa.clientId, code, code_verifier: verifier, redirect_uri: SPA_ORIGIN, ...extra },
    "form",
  );

describe("the authorization code flow with PKCE", () => {
  it("returns to the registered redirect URI with a code and the state", async () => {
    const { back, code } = await codeFor();
    expect(back.origin).toBe(SPA_ORIGIN);
    expect(back.searchParams.get("state")).toBe("state-123");
    expect(code).toMatch(/^[\w-]{43}$/);
  });

  it("exchanges the code for an RBAC access token, an ID token and a refresh token", async () => {
    const { code, verifier } = await codeFor("unicorn-rider");
    const { status, body } = await exchange(code, verifier);
    expect(status).toBe(200);
    expect(decodeJwt(body.access_token)).toMatchObject({
      scope: "openid profile email read:unicorn offline_access",
      permissions: ["read:unicorn"],
      azp: spa.clientId,
    });
    expect(decodeJwt(body.id_token)).toMatchObject({
      iss: system.auth0.issuer,
      aud: spa.clientId,
      nonce: "nonce-456",
      email: "unicorn-rider@example.test",
    });
    expect(body.refresh_token).toEqual(expect.any(String));
  });

  it("fails a wrong code_verifier", async () => {
    const { code } = await codeFor();
    expect(await exchange(code, pkce().verifier)).toEqual({
      status: 403,
      body: { error: "invalid_grant", error_description: "Failed to verify code verifier" },
    });
  });

  it("fails a reused code", async () => {
    const { code, verifier } = await codeFor();
    expect((await exchange(code, verifier)).status).toBe(200);
    expect(await exchange(code, verifier)).toEqual({
      status: 403,
      body: { error: "invalid_grant", error_description: "Invalid authorization code" },
    });
  });

  it("revokes the refresh tokens of a code that is replayed", async () => {
    const { code, verifier } = await codeFor();
    const first = await exchange(code, verifier);
    await exchange(code, verifier);
    const refreshed = await requestToken(
      system,
      { grant_type: "refresh_token", client_id: spa.clientId, refresh_token: first.body.refresh_token },
      "form",
    );
    expect(refreshed.status).toBe(403);
  });

  it("fails an expired code", async () => {
    const { code, verifier } = await codeFor();
    clock += CODE_LIFETIME_SECONDS + 1;
    try {
      expect(await exchange(code, verifier)).toEqual({
        status: 403,
        body: { error: "invalid_grant", error_description: "Invalid authorization code" },
      });
    } finally {
      clock -= CODE_LIFETIME_SECONDS + 1;
    }
  });

  it("fails a redirect_uri that differs from the authorization request's", async () => {
    const { code, verifier } = await codeFor();
    expect((await exchange(code, verifier, { redirect_uri: `${SPA_ORIGIN}/callback` })).body.error).toBe("invalid_grant");
  });

  it("rotates refresh tokens, and a reused one revokes the family", async () => {
    const { code, verifier } = await codeFor("unicorn-trainer");
    const first = (await exchange(code, verifier)).body.refresh_token;
    const refresh = (token: string) => requestToken(system, { grant_type: "refresh_token", client_id: spa.clientId, refresh_token: token }, "form");
    const second = await refresh(first);
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(first);
    expect(decodeJwt(second.body.access_token).scope).toBe("openid profile email read:unicorn list:unicorns offline_access");
    expect(await refresh(first)).toEqual({ status: 403, body: { error: "invalid_grant", error_description: "Unknown or invalid refresh token." } });
    expect((await refresh(second.body.refresh_token)).status).toBe(403);
  });

  it("issues an opaque access token without an audience, which the API refuses", async () => {
    const { verifier, challenge } = pkce();
    const back = await logIn(authorizeUrl({ audience: undefined }, challenge));
    const { body } = await exchange(back.searchParams.get("code")!, verifier);
    expect(body.access_token.split(".")).toHaveLength(1);
    const api = await fetch(`${system.api.url}/unicorn?name=Gaia`, { headers: { authorization: `Bearer ${body.access_token}` } });
    expect(api.status).toBe(401);
  });

  it("answers /userinfo for the access token", async () => {
    const { code, verifier } = await codeFor();
    const { body } = await exchange(code, verifier);
    const info = await fetch(`${system.auth0.issuer}userinfo`, { headers: { authorization: `Bearer ${body.access_token}` } });
    expect(await info.json()).toMatchObject({ email: "unicorn-rider@example.test", sub: decodeJwt(body.access_token).sub });
  });
});

describe("what /authorize refuses", () => {
  it("shows an error page, never a redirect, for a redirect URI that is not registered", async () => {
    const response = await fetch(authorizeUrl({ redirect_uri: "https://evil.example.com/steal" }), { redirect: "manual" });
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    expect(await response.text()).toContain("Callback URL mismatch.");
  });

  it("shows an error page for an unknown client", async () => {
    const response = await fetch(authorizeUrl({ client_id: "nope" }), { redirect: "manual" });
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    expect(await response.text()).toContain("Unknown client: nope");
  });

  it("sends a request without PKCE back to the app with invalid_request", async () => {
    const response = await fetch(authorizeUrl({ code_challenge: undefined }), { redirect: "manual" });
    const back = new URL(response.headers.get("location")!);
    expect(back.origin).toBe(SPA_ORIGIN);
    expect(back.searchParams.get("error")).toBe("invalid_request");
  });

  it("refuses the plain PKCE method", async () => {
    const response = await fetch(authorizeUrl({ code_challenge_method: "plain" }), { redirect: "manual" });
    expect(new URL(response.headers.get("location")!).searchParams.get("error")).toBe("invalid_request");
  });

  it("sends an unknown audience back with access_denied", async () => {
    const response = await fetch(authorizeUrl({ audience: "https://horses.example.com" }), { redirect: "manual" });
    const back = new URL(response.headers.get("location")!);
    expect(back.searchParams.get("error")).toBe("access_denied");
    expect(back.searchParams.get("error_description")).toBe("Service not found: https://horses.example.com");
  });

  it("answers a wrong password on the login form with the error, and no code", async () => {
    const form = await openLoginForm(authorizeUrl());
    const response = await submitLogin(system, form, { username: "unicorn-rider@example.test", password: "wrong" });
    expect(response.status).toBe(401);
    expect(response.body).toContain('id="login-error" role="alert">Wrong email or password.');
  });
});

describe("logout and CORS", () => {
  it("refuses a returnTo that is not an allowed logout URL", async () => {
    const url = `${system.auth0.issuer}v2/logout?client_id=${spa.clientId}&returnTo=${encodeURIComponent("https://evil.example.com")}`;
    const response = await fetch(url, { redirect: "manual" });
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    expect(await response.text()).toContain("is not defined as a valid URL in &#34;Allowed Logout URLs&#34;");
  });

  it("returns to an allowed logout URL", async () => {
    const url = `${system.auth0.issuer}v2/logout?client_id=${spa.clientId}&returnTo=${encodeURIComponent(SPA_ORIGIN)}`;
    const response = await fetch(url, { redirect: "manual" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(SPA_ORIGIN);
  });

  it("allows the token endpoint from the SPA's web origin only", async () => {
    const preflight = (origin: string) =>
      fetch(`${system.auth0.issuer}oauth/token`, { method: "OPTIONS", headers: { origin, "access-control-request-method": "POST" } });
    expect((await preflight(SPA_ORIGIN)).headers.get("access-control-allow-origin")).toBe(SPA_ORIGIN);
    expect((await preflight("https://evil.example.com")).headers.get("access-control-allow-origin")).toBeNull();
  });
});
