// Auth0's rules the stand-in follows where a careless stand-in would not: brute-force
// protection, PKCE's formats, response modes, state and nonce, expiry of login forms and
// refresh tokens, /userinfo's audience and opaque tokens, and scope narrowing on refresh.
import { decodeJwt } from "jose";
import type { StandInClient } from "../emulator/auth0-standin";
import { TRANSACTION_LIFETIME_SECONDS } from "../emulator/browser-flow";
import type { LocalSystem } from "../emulator/local-system";
import { MAX_FAILED_ATTEMPTS, TOO_MANY_ATTEMPTS } from "../emulator/login-attempts";
import { authorizeUrl, openLoginForm, pkce, postToken, submitLogin } from "./helpers/browser-flow";
import { startProbeSystem } from "./helpers/probe-system";

let system: LocalSystem;
let spa: StandInClient;
let clock = Math.floor(Date.now() / 1000);

beforeAll(async () => {
  system = await startProbeSystem({ now: () => clock, serveSpa: false });
  spa = system.auth0.clients.find((c) => c.appType === "spa")!;
});
afterAll(() => system?.close());

const userFor = (role: string) => system.auth0.users.find((u) => u.roles.includes(role))!;
const passwordGrant = (role: string, password: string, localAddress?: string) =>
  postToken(
    system,
    { grant_type: "password", client_id: system.auth0.cliClient.clientId, username: userFor(role).email, password, audience: system.auth0.audience, scope: "probe:read" },
    localAddress,
  );

/** Logs `role` in through the form and returns where the browser is sent. */
async function logIn(url: string, role = "reader"): Promise<{ status: number; location?: string; body: string }> {
  const txn = await openLoginForm(url);
  return submitLogin(system, { txn, username: userFor(role).email, password: userFor(role).password });
}

async function tokensFor(role: string, scope?: string) {
  const { verifier, challenge } = pkce();
  const back = new URL((await logIn(authorizeUrl(system, spa, { code_challenge: challenge, ...(scope ? { scope } : {}) }), role)).location!);
  return postToken(system, { grant_type: "authorization_code", client_id: spa.clientId, code: back.searchParams.get("code")!, code_verifier: verifier, redirect_uri: spa.callbacks[0] });
}

describe("brute-force protection, as Auth0's default", () => {
  it(`blocks a user from one IP after ${MAX_FAILED_ATTEMPTS} failed password grants, even with the right password; other IPs are unaffected`, async () => {
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) expect((await passwordGrant("writer", "wrong", "127.0.0.5")).body.error).toBe("invalid_grant");
    expect(await passwordGrant("writer", userFor("writer").password, "127.0.0.5")).toEqual({
      status: TOO_MANY_ATTEMPTS.status,
      body: { error: "too_many_attempts", error_description: TOO_MANY_ATTEMPTS.description },
    });
    expect((await passwordGrant("writer", userFor("writer").password, "127.0.0.6")).status).toBe(200);
  });

  it("resets the count on a successful login", async () => {
    for (let i = 0; i < MAX_FAILED_ATTEMPTS - 1; i++) await passwordGrant("reader", "wrong", "127.0.0.3");
    expect((await passwordGrant("reader", userFor("reader").password, "127.0.0.3")).status).toBe(200);
    expect((await passwordGrant("reader", "wrong", "127.0.0.3")).status).toBe(403);
    expect((await passwordGrant("reader", userFor("reader").password, "127.0.0.3")).status).toBe(200);
  });

  it("blocks the login form the same way", async () => {
    const url = authorizeUrl(system, spa);
    const txn = await openLoginForm(url);
    const user = userFor("reader");
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) expect((await submitLogin(system, { txn, username: user.email, password: "wrong" }, "127.0.0.4")).status).toBe(401);
    const blocked = await submitLogin(system, { txn, username: user.email, password: user.password }, "127.0.0.4");
    expect(blocked.location).toBeUndefined();
    expect(blocked.body).toContain("blocked after multiple consecutive login attempts");
  });
});

describe("PKCE (RFC 7636)", () => {
  it.each([
    ["too short", "a".repeat(42)],
    ["padded", `${pkce().challenge.slice(0, 42)}=`],
    ["outside base64url", `${"a".repeat(42)}+`],
  ])("sends a code_challenge that is %s back with invalid_request", async (_label, challenge) => {
    const response = await fetch(authorizeUrl(system, spa, { code_challenge: challenge }), { redirect: "manual" });
    const back = new URL(response.headers.get("location")!);
    expect(back.searchParams.get("error")).toBe("invalid_request");
    expect(back.searchParams.get("error_description")).toMatch(/43-character base64url SHA-256/);
  });

  it.each([
    ["42 characters", "a".repeat(42)],
    ["129 characters", "a".repeat(129)],
    ["a character outside the unreserved set", `${"a".repeat(50)}!`],
  ])("refuses a code_verifier of %s even when its hash matches", async (_label, verifier) => {
    const { createHash } = await import("node:crypto");
    const challenge = createHash("sha256").update(verifier).digest("base64url");
    const back = new URL((await logIn(authorizeUrl(system, spa, { code_challenge: challenge }))).location!);
    const answer = await postToken(system, { grant_type: "authorization_code", client_id: spa.clientId, code: back.searchParams.get("code")!, code_verifier: verifier, redirect_uri: spa.callbacks[0] });
    expect(answer).toEqual({ status: 403, body: { error: "invalid_grant", error_description: "Failed to verify code verifier" } });
  });

  it("accepts verifiers of 43 and 128 unreserved characters", async () => {
    const { createHash } = await import("node:crypto");
    for (const verifier of ["a-._~".repeat(9).slice(0, 43), "Z9".repeat(64)]) {
      const challenge = createHash("sha256").update(verifier).digest("base64url");
      const back = new URL((await logIn(authorizeUrl(system, spa, { code_challenge: challenge }))).location!);
      const answer = await postToken(system, { grant_type: "authorization_code", client_id: spa.clientId, code: back.searchParams.get("code")!, code_verifier: verifier, redirect_uri: spa.callbacks[0] });
      expect(answer.status).toBe(200);
    }
  });
});

describe("response modes", () => {
  it("puts the answer in the fragment for response_mode=fragment", async () => {
    const back = new URL((await logIn(authorizeUrl(system, spa, { response_mode: "fragment", state: "s&=1" }))).location!);
    expect(back.search).toBe("");
    const fragment = new URLSearchParams(back.hash.slice(1));
    expect(fragment.get("code")).toMatch(/^[\w-]{43}$/);
    expect(fragment.get("state")).toBe("s&=1");
  });

  it("posts the answer to the redirect URI for response_mode=form_post, escaped", async () => {
    const answer = await logIn(authorizeUrl(system, spa, { response_mode: "form_post", state: '"><script>x</script>' }));
    expect(answer.status).toBe(200);
    expect(answer.body).toContain(`<form method="post" action="${spa.callbacks[0]}">`);
    expect(answer.body).toMatch(/<input type="hidden" name="code" value="[\w-]{43}">/);
    expect(answer.body).toContain('value="&#34;&#62;&#60;script&#62;x&#60;/script&#62;"');
    expect(answer.body).not.toContain("<script>x");
  });

  it("sends an unknown response_mode back as an error in the query, with no login form", async () => {
    const response = await fetch(authorizeUrl(system, spa, { response_mode: "carrier_pigeon" }), { redirect: "manual" });
    expect(response.status).toBe(302);
    const back = new URL(response.headers.get("location")!);
    expect(back.searchParams.get("error")).toBe("invalid_request");
    expect(back.searchParams.get("error_description")).toMatch(/Unsupported response_mode: carrier_pigeon/);
  });
});

describe("state and nonce", () => {
  it("returns the state exactly as sent, and none when none was sent (Auth0 only recommends it)", async () => {
    const weird = "ä b/c?d=e&f";
    expect(new URL((await logIn(authorizeUrl(system, spa, { state: weird }))).location!).searchParams.get("state")).toBe(weird);
    const without = new URL((await logIn(authorizeUrl(system, spa, { state: undefined }))).location!);
    expect(without.searchParams.has("state")).toBe(false);
    expect(without.searchParams.get("code")).toBeTruthy();
  });

  it("puts the nonce into the ID token, and leaves it out when none was sent", async () => {
    expect(decodeJwt((await tokensFor("reader")).body.id_token).nonce).toBe("nonce-456");
    const { verifier, challenge } = pkce();
    const back = new URL((await logIn(authorizeUrl(system, spa, { code_challenge: challenge, nonce: undefined }))).location!);
    const answer = await postToken(system, { grant_type: "authorization_code", client_id: spa.clientId, code: back.searchParams.get("code")!, code_verifier: verifier, redirect_uri: spa.callbacks[0] });
    expect(decodeJwt(answer.body.id_token).nonce).toBeUndefined();
  });
});

describe("expiry", () => {
  it(`refuses a login form left open longer than ${TRANSACTION_LIFETIME_SECONDS} s`, async () => {
    const txn = await openLoginForm(authorizeUrl(system, spa));
    clock += TRANSACTION_LIFETIME_SECONDS + 1;
    try {
      const answer = await submitLogin(system, { txn, username: userFor("reader").email, password: userFor("reader").password });
      expect(answer.status).toBe(400);
      expect(answer.body).toContain("unknown or expired");
    } finally {
      clock -= TRANSACTION_LIFETIME_SECONDS + 1;
    }
  });

  it("refuses a refresh token idle longer than the client's idle lifetime", async () => {
    const { body } = await tokensFor("reader");
    clock += spa.refreshTokenIdleLifetimeSeconds;
    try {
      const answer = await postToken(system, { grant_type: "refresh_token", client_id: spa.clientId, refresh_token: body.refresh_token });
      expect(answer).toEqual({ status: 403, body: { error: "invalid_grant", error_description: "Unknown or invalid refresh token." } });
    } finally {
      clock -= spa.refreshTokenIdleLifetimeSeconds;
    }
  });
});

describe("refresh and /userinfo", () => {
  it("narrows the scope on refresh to what is asked, never widening it", async () => {
    const { body } = await tokensFor("writer", "openid offline_access probe:read probe:write");
    const narrowed = await postToken(system, { grant_type: "refresh_token", client_id: spa.clientId, refresh_token: body.refresh_token, scope: "openid probe:read" });
    expect(narrowed.status).toBe(200);
    expect(decodeJwt(narrowed.body.access_token).scope).toBe("openid probe:read offline_access");
    const widened = await postToken(system, { grant_type: "refresh_token", client_id: spa.clientId, refresh_token: narrowed.body.refresh_token, scope: "openid probe:read probe:write" });
    expect(decodeJwt(widened.body.access_token).scope).toBe("openid probe:read offline_access");
  });

  it("answers /userinfo for the opaque token issued without an audience", async () => {
    const { verifier, challenge } = pkce();
    const back = new URL((await logIn(authorizeUrl(system, spa, { code_challenge: challenge, audience: undefined, scope: "openid email" }))).location!);
    const { body } = await postToken(system, { grant_type: "authorization_code", client_id: spa.clientId, code: back.searchParams.get("code")!, code_verifier: verifier, redirect_uri: spa.callbacks[0] });
    expect(body.access_token.split(".")).toHaveLength(1);
    const info = await fetch(`${system.auth0.issuer}userinfo`, { headers: { authorization: `Bearer ${body.access_token}` } });
    expect(info.status).toBe(200);
    expect(await info.json()).toEqual({ sub: userFor("reader").userId, email: userFor("reader").email, email_verified: true });
  });

  it("refuses /userinfo for an access token without the userinfo audience", async () => {
    const token = await system.auth0.signJwt({ iss: system.auth0.issuer, sub: userFor("reader").userId, aud: system.auth0.audience, exp: clock + 60, scope: "openid" });
    expect((await fetch(`${system.auth0.issuer}userinfo`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    const withAud = await system.auth0.signJwt({ iss: system.auth0.issuer, sub: userFor("reader").userId, aud: [system.auth0.audience, `${system.auth0.issuer}userinfo`], exp: clock + 60, scope: "openid" });
    expect((await fetch(`${system.auth0.issuer}userinfo`, { headers: { authorization: `Bearer ${withAud}` } })).status).toBe(200);
  });
});
