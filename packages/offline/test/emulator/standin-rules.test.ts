// Auth0's rules the stand-in follows where a careless stand-in would not: brute-force
// protection, Suspicious IP Throttling, revocation, the login transaction's browser, PKCE's formats, response modes, state and nonce, expiry of login forms and
// refresh tokens, /userinfo's audience and opaque tokens, and scope narrowing on refresh.
import { decodeJwt } from "jose";
import type { StandInClient } from "../../src/emulator/auth0/standin";
import { TRANSACTION_LIFETIME_SECONDS } from "../../src/emulator/auth0/browser-flow";
import type { LocalSystem } from "../../src/emulator/local-system";
import { IP_BLOCKED, IP_THROTTLE_MAX_ATTEMPTS, IP_THROTTLE_RATE_SECONDS } from "../../src/emulator/auth0/ip-throttling";
import { MAX_FAILED_ATTEMPTS, TOO_MANY_ATTEMPTS } from "../../src/emulator/auth0/login-attempts";
import { authorizeUrl, openLoginForm, pkce, postToken, submitLogin } from "../helpers/browser-flow";
import { startProbeSystem } from "../helpers/probe-system";

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
    {
      grant_type: "password",
      client_id: system.auth0.cliClient.clientId,
      username: userFor(role).email,
      password,
      audience: system.auth0.audience,
      scope: "probe:read",
    },
    localAddress,
  );

/** Logs `role` in through the form and returns where the browser is sent. */
async function logIn(url: string, role = "reader"): Promise<{ status: number; location?: string; body: string }> {
  const form = await openLoginForm(url);
  return submitLogin(system, form, { username: userFor(role).email, password: userFor(role).password });
}

async function tokensFor(role: string, scope?: string) {
  const { verifier, challenge } = pkce();
  const back = new URL((await logIn(authorizeUrl(system, spa, { code_challenge: challenge, ...(scope ? { scope } : {}) }), role)).location!);
  return postToken(system, {
    grant_type: "authorization_code",
    client_id: spa.clientId,
    code: back.searchParams.get("code")!,
    code_verifier: verifier,
    redirect_uri: spa.callbacks[0],
  });
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
    const form = await openLoginForm(url);
    const user = userFor("reader");
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++)
      expect((await submitLogin(system, form, { username: user.email, password: "wrong" }, "127.0.0.4")).status).toBe(401);
    const blocked = await submitLogin(system, form, { username: user.email, password: user.password }, "127.0.0.4");
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
    const answer = await postToken(system, {
      grant_type: "authorization_code",
      client_id: spa.clientId,
      code: back.searchParams.get("code")!,
      code_verifier: verifier,
      redirect_uri: spa.callbacks[0],
    });
    expect(answer).toEqual({ status: 403, body: { error: "invalid_grant", error_description: "Failed to verify code verifier" } });
  });

  it("accepts verifiers of 43 and 128 unreserved characters", async () => {
    const { createHash } = await import("node:crypto");
    for (const verifier of ["a-._~".repeat(9).slice(0, 43), "Z9".repeat(64)]) {
      const challenge = createHash("sha256").update(verifier).digest("base64url");
      const back = new URL((await logIn(authorizeUrl(system, spa, { code_challenge: challenge }))).location!);
      const answer = await postToken(system, {
        grant_type: "authorization_code",
        client_id: spa.clientId,
        code: back.searchParams.get("code")!,
        code_verifier: verifier,
        redirect_uri: spa.callbacks[0],
      });
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
    const answer = await postToken(system, {
      grant_type: "authorization_code",
      client_id: spa.clientId,
      code: back.searchParams.get("code")!,
      code_verifier: verifier,
      redirect_uri: spa.callbacks[0],
    });
    expect(decodeJwt(answer.body.id_token).nonce).toBeUndefined();
  });
});

describe("expiry", () => {
  it(`refuses a login form left open longer than ${TRANSACTION_LIFETIME_SECONDS} s`, async () => {
    const form = await openLoginForm(authorizeUrl(system, spa));
    clock += TRANSACTION_LIFETIME_SECONDS + 1;
    try {
      const answer = await submitLogin(system, form, { username: userFor("reader").email, password: userFor("reader").password });
      expect(answer.status).toBe(403);
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
  // RFC 6749 §6: a narrower scope may be asked for; a rotated token keeps the original grant's
  // scope, and nothing past it is ever granted.
  it("narrows the scope on refresh to what is asked, never past the original grant", async () => {
    const { body } = await tokensFor("writer", "openid offline_access probe:read");
    const narrowed = await postToken(system, {
      grant_type: "refresh_token",
      client_id: spa.clientId,
      refresh_token: body.refresh_token,
      scope: "openid",
    });
    expect(narrowed.status).toBe(200);
    expect(decodeJwt(narrowed.body.access_token).scope).toBe("openid offline_access");
    const widened = await postToken(system, {
      grant_type: "refresh_token",
      client_id: spa.clientId,
      refresh_token: narrowed.body.refresh_token,
      scope: "openid probe:read probe:write",
    });
    expect(decodeJwt(widened.body.access_token).scope).toBe("openid probe:read offline_access");
  });

  it("answers /userinfo for the opaque token issued without an audience", async () => {
    const { verifier, challenge } = pkce();
    const back = new URL(
      (await logIn(authorizeUrl(system, spa, { code_challenge: challenge, audience: undefined, scope: "openid email" }))).location!,
    );
    const { body } = await postToken(system, {
      grant_type: "authorization_code",
      client_id: spa.clientId,
      code: back.searchParams.get("code")!,
      code_verifier: verifier,
      redirect_uri: spa.callbacks[0],
    });
    expect(body.access_token.split(".")).toHaveLength(1);
    const info = await fetch(`${system.auth0.issuer}userinfo`, { headers: { authorization: `Bearer ${body.access_token}` } });
    expect(info.status).toBe(200);
    expect(await info.json()).toEqual({ sub: userFor("reader").userId, email: userFor("reader").email, email_verified: true });
  });

  it("refuses /userinfo for an access token without the userinfo audience", async () => {
    const token = await system.auth0.signJwt({
      iss: system.auth0.issuer,
      sub: userFor("reader").userId,
      aud: system.auth0.audience,
      exp: clock + 60,
      scope: "openid",
    });
    expect((await fetch(`${system.auth0.issuer}userinfo`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    const withAud = await system.auth0.signJwt({
      iss: system.auth0.issuer,
      sub: userFor("reader").userId,
      aud: [system.auth0.audience, `${system.auth0.issuer}userinfo`],
      exp: clock + 60,
      scope: "openid",
    });
    expect((await fetch(`${system.auth0.issuer}userinfo`, { headers: { authorization: `Bearer ${withAud}` } })).status).toBe(200);
  });
});

describe("Suspicious IP Throttling, as Auth0's default", () => {
  const fail = (i: number, ip: string) =>
    postToken(
      system,
      {
        grant_type: "password",
        client_id: system.auth0.cliClient.clientId,
        username: `nobody-${i}@example.test`,
        password: "x",
        audience: system.auth0.audience,
      },
      ip,
    );

  it(`throttles an address after ${IP_THROTTLE_MAX_ATTEMPTS} failed logins across accounts, then grants one attempt every ${IP_THROTTLE_RATE_SECONDS} s`, async () => {
    for (let i = 0; i < IP_THROTTLE_MAX_ATTEMPTS; i++) expect((await fail(i, "127.0.0.20")).body.error).toBe("invalid_grant");
    const blocked = { status: 429, body: { error: IP_BLOCKED.error, error_description: IP_BLOCKED.description } };
    // Even the right password, and on the login form too.
    expect(await passwordGrant("reader", userFor("reader").password, "127.0.0.20")).toEqual(blocked);
    const form = await openLoginForm(authorizeUrl(system, spa));
    expect(
      (await submitLogin(system, form, { username: userFor("reader").email, password: userFor("reader").password }, "127.0.0.20")).body,
    ).toContain(IP_BLOCKED.description);
    // Another address is not affected.
    expect((await passwordGrant("reader", userFor("reader").password, "127.0.0.21")).status).toBe(200);
    clock += IP_THROTTLE_RATE_SECONDS;
    try {
      expect((await passwordGrant("reader", userFor("reader").password, "127.0.0.20")).status).toBe(200);
      expect((await fail(0, "127.0.0.20")).status).toBe(403);
      expect(await passwordGrant("reader", userFor("reader").password, "127.0.0.20")).toEqual(blocked);
    } finally {
      clock -= IP_THROTTLE_RATE_SECONDS;
    }
  });
});

describe("POST /oauth/revoke (RFC 7009)", () => {
  const revoke = (params: Record<string, string>) =>
    fetch(`${system.auth0.issuer}oauth/revoke`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(params).toString(),
    });
  const refresh = (token: string) => postToken(system, { grant_type: "refresh_token", client_id: spa.clientId, refresh_token: token });

  it("is announced in discovery", async () => {
    const discovery = (await (await fetch(`${system.auth0.issuer}.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(discovery.revocation_endpoint).toBe(`${system.auth0.issuer}oauth/revoke`);
  });

  it("ends the token's family, and answers 200 for an unknown token or another client's", async () => {
    const { body } = await tokensFor("reader");
    const response = await revoke({ client_id: spa.clientId, token: body.refresh_token });
    expect([response.status, await response.text()]).toEqual([200, ""]);
    expect((await refresh(body.refresh_token)).body.error).toBe("invalid_grant");
    expect((await revoke({ client_id: spa.clientId, token: "never-issued" })).status).toBe(200);

    const other = await tokensFor("reader");
    expect((await revoke({ client_id: system.auth0.cliClient.clientId, token: other.body.refresh_token })).status).toBe(200);
    expect((await refresh(other.body.refresh_token)).status).toBe(200);
  });

  it("refuses a request without token, or from an unknown client", async () => {
    const missing = await revoke({ client_id: spa.clientId });
    expect([missing.status, await missing.json()]).toEqual([
      400,
      { error: "invalid_request", error_description: "Missing required parameter: token" },
    ]);
    const unknown = await revoke({ client_id: "nobody", token: "x" });
    expect([unknown.status, await unknown.json()]).toEqual([401, { error: "invalid_client", error_description: "Client authentication failed." }]);
  });
});

describe("the login transaction belongs to the browser that opened it", () => {
  const rider = () => ({ username: userFor("reader").email, password: userFor("reader").password });

  it("refuses the form posted without that browser's cookie", async () => {
    const form = await openLoginForm(authorizeUrl(system, spa));
    const answer = await submitLogin(system, { ...form, cookie: "" }, rider());
    expect([answer.status, answer.location]).toEqual([403, undefined]);
    expect(answer.body).toContain("started in another browser");
  });

  it("refuses the form posted from another browser that has a transaction of its own", async () => {
    const mine = await openLoginForm(authorizeUrl(system, spa));
    const theirs = await openLoginForm(authorizeUrl(system, spa));
    expect(theirs.cookie).not.toBe(mine.cookie);
    const answer = await submitLogin(system, { txn: mine.txn, cookie: theirs.cookie }, rider());
    expect([answer.status, answer.location]).toEqual([403, undefined]);
  });

  it("refuses the form posted from a page of another origin", async () => {
    const form = await openLoginForm(authorizeUrl(system, spa));
    const answer = await submitLogin(system, form, rider(), "127.0.0.1", { origin: "http://localhost:4999" });
    expect([answer.status, answer.location]).toEqual([403, undefined]);
    expect(answer.body).toContain("not from this tenant&#39;s login page");
  });

  it("keeps one browser's cookie across its transactions, and lets the form through from the tenant's own page", async () => {
    const first = await openLoginForm(authorizeUrl(system, spa));
    const second = await openLoginForm(authorizeUrl(system, spa), first.cookie);
    expect(second.cookie).toBe(first.cookie);
    const answer = await submitLogin(system, first, rider(), "127.0.0.1", { origin: new URL(system.auth0.issuer).origin });
    expect(answer.status).toBe(302);
    expect(new URL(answer.location!).searchParams.get("code")).toEqual(expect.any(String));
  });
});
