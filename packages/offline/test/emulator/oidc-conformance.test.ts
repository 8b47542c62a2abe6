// The stand-in driven by openid-client, an OpenID Certified relying party, as an app drives
// Auth0: discovery, the authorization code flow with PKCE and ID-token validation, the API
// called with the access token, userinfo, refresh with rotation, revocation, and client
// credentials. Where the client refuses an answer, the stand-in is wrong, not the client.
// openid-client refuses http:// issuers unless told otherwise: allowInsecureRequests, for
// 127.0.0.1 only.
import * as oidc from "openid-client";
import type { StandInClient } from "../../src/emulator/auth0/standin";
import type { LocalSystem } from "../../src/emulator/local-system";
import { ORDERS_LAMBDA_SRC, ordersModel } from "../fixtures/orders-model";
import { openLoginForm, submitLogin } from "../helpers/browser-flow";
import { startSystemFor } from "../helpers/local-system";
import { synthProject } from "../helpers/synth";

let system: LocalSystem;
let spa: StandInClient;
const insecure = { execute: [oidc.allowInsecureRequests] };

beforeAll(async () => {
  jest.spyOn(console, "log").mockImplementation(() => undefined);
  system = await startSystemFor(synthProject({ model: ordersModel, env: {}, lambdaSrcDir: ORDERS_LAMBDA_SRC }));
  spa = system.auth0.clients.find((c) => c.appType === "spa")!;
});
afterAll(async () => {
  await system?.close();
  jest.restoreAllMocks();
});

/** The browser's part: the login form as the clerk, and the redirect back with the code. */
async function logInThroughBrowser(authorizationUrl: URL): Promise<URL> {
  const form = await openLoginForm(authorizationUrl.toString());
  const clerk = system.auth0.users.find((u) => u.email === "clerk@acme.test")!;
  const back = await submitLogin(system, form, { username: clerk.email, password: clerk.password }, "127.0.0.1", {
    origin: new URL(system.auth0.issuer).origin,
  });
  if (back.status !== 302 || !back.location) throw new Error(`login answered ${back.status}: ${back.body}`);
  return new URL(back.location);
}

describe("a single-page app, as openid-client runs it", () => {
  let config: oidc.Configuration;
  let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;

  beforeAll(async () => {
    config = await oidc.discovery(new URL(system.auth0.issuer), spa.clientId, undefined, oidc.None(), insecure);
  });

  it("discovers the tenant", () => {
    const metadata = config.serverMetadata();
    expect(metadata.issuer).toBe(system.auth0.issuer);
    expect(metadata.revocation_endpoint).toBe(`${system.auth0.issuer}oauth/revoke`);
    expect(metadata.code_challenge_methods_supported).toEqual(["S256"]);
  });

  it("logs in with the authorization code and PKCE, validating the ID token, state and nonce", async () => {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: spa.callbacks[0],
      scope: "openid profile email offline_access orders:read orders:write",
      audience: system.auth0.audience,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      state,
      nonce,
    });
    tokens = await oidc.authorizationCodeGrant(config, await logInThroughBrowser(url), {
      pkceCodeVerifier: verifier,
      expectedState: state,
      expectedNonce: nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims()!;
    expect(idToken).toMatchObject({ iss: system.auth0.issuer, aud: spa.clientId, nonce, email: "clerk@acme.test" });
    expect(tokens.scope).toBe("openid profile email offline_access orders:read orders:write");
    expect(tokens.refresh_token).toEqual(expect.any(String));
  });

  it("calls the API with the access token", async () => {
    const list = await fetch(`${system.api.url}/orders`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(list.status).toBe(200);
    const report = await fetch(`${system.api.url}/reports/2026-11`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(report.status).toBe(200);
  });

  it("reads userinfo for the ID token's subject", async () => {
    const info = await oidc.fetchUserInfo(config, tokens.access_token, tokens.claims()!.sub);
    expect(info).toMatchObject({ sub: tokens.claims()!.sub, email: "clerk@acme.test", email_verified: true });
  });

  it("refreshes with rotation, and a rotated token used again ends the family", async () => {
    const first = tokens.refresh_token!;
    const refreshed = await oidc.refreshTokenGrant(config, first);
    expect(refreshed.refresh_token).toEqual(expect.any(String));
    expect(refreshed.refresh_token).not.toBe(first);
    expect(refreshed.claims()!.sub).toBe(tokens.claims()!.sub);
    await expect(oidc.refreshTokenGrant(config, first)).rejects.toMatchObject({ error: "invalid_grant" });
    await expect(oidc.refreshTokenGrant(config, refreshed.refresh_token!)).rejects.toMatchObject({ error: "invalid_grant" });
  });

  it("revokes a refresh token", async () => {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: spa.callbacks[0],
      scope: "openid offline_access orders:read",
      audience: system.auth0.audience,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      state,
    });
    const fresh = await oidc.authorizationCodeGrant(config, await logInThroughBrowser(url), { pkceCodeVerifier: verifier, expectedState: state });
    await oidc.tokenRevocation(config, fresh.refresh_token!);
    await expect(oidc.refreshTokenGrant(config, fresh.refresh_token!)).rejects.toMatchObject({ error: "invalid_grant" });
  });
});

describe("a machine-to-machine client, as openid-client runs it", () => {
  it("gets a client-credentials token with client_secret_post, which the API accepts within its grant", async () => {
    const sync = system.auth0.clients.find((c) => c.modelName === "order-sync")!;
    const config = await oidc.discovery(new URL(system.auth0.issuer), sync.clientId, undefined, oidc.ClientSecretPost(sync.clientSecret), insecure);
    const token = await oidc.clientCredentialsGrant(config, { audience: system.auth0.audience });
    expect(token.token_type.toLowerCase()).toBe("bearer");
    expect(token.scope).toBe("orders:read orders:write");
    const call = (path: string) => fetch(`${system.api.url}${path}`, { headers: { authorization: `Bearer ${token.access_token}` } });
    expect((await call("/orders")).status).toBe(200);
    await expect(oidc.clientCredentialsGrant(config, { audience: "urn:other" })).rejects.toMatchObject({ error: "access_denied" });
  });
});
