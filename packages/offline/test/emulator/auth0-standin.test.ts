import { decodeJwt } from "jose";
import type { LocalSystem } from "../../src/emulator/local-system";
import { grantedScopes, permissionsClaim } from "../../src/emulator/auth0/rbac";
import { requestToken, startSystemFor } from "../helpers/local-system";
import { synthProject } from "../helpers/synth";

let system: LocalSystem;
beforeAll(async () => {
  system = await startSystemFor(synthProject());
});
afterAll(() => system?.close());

function userWith(role: string) {
  return system.auth0.users.find((u) => u.roles.includes(role))!;
}

async function passwordGrant(role: string, overrides: Record<string, string | undefined> = {}) {
  const user = userWith(role);
  return requestToken(system, {
    grant_type: "password",
    username: user.email,
    password: user.password,
    audience: system.auth0.audience,
    scope: "openid read:unicorn list:unicorns",
    client_id: system.auth0.cliClient.clientId,
    ...overrides,
  });
}

describe("the Auth0 stand-in's discovery", () => {
  it("names itself with a trailing slash and points to its JWKS", async () => {
    const discovery: any = await (await fetch(`${system.auth0.issuer}.well-known/openid-configuration`)).json();
    expect(discovery.issuer).toBe(system.auth0.issuer);
    expect(discovery.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const jwks: any = await (await fetch(discovery.jwks_uri)).json();
    expect(jwks.keys).toEqual([expect.objectContaining({ kty: "RSA", alg: "RS256", use: "sig", kid: expect.any(String) })]);
    expect(jwks.keys[0].d).toBeUndefined();
  });

  it("creates one demo user per role when the model lists none", () => {
    expect(system.auth0.users.map((u) => [u.email, u.roles]).sort()).toEqual([
      ["unicorn-rider@example.test", ["unicorn-rider"]],
      ["unicorn-trainer@example.test", ["unicorn-trainer"]],
    ]);
  });
});

describe("tokens follow Auth0 RBAC", () => {
  it("does not grant a rider list:unicorns even when requested", async () => {
    const { status, body } = await passwordGrant("unicorn-rider");
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: "Bearer", expires_in: 3600, scope: "openid read:unicorn" });
    const claims = decodeJwt(body.access_token);
    expect(claims.scope).toBe("openid read:unicorn");
    expect(claims.permissions).toEqual(["read:unicorn"]);
  });

  it("does not grant a held scope that was not requested, but lists every held permission", async () => {
    const { body } = await passwordGrant("unicorn-trainer", { scope: "read:unicorn" });
    const claims = decodeJwt(body.access_token);
    expect(claims.scope).toBe("read:unicorn");
    expect([...(claims.permissions as string[])].sort()).toEqual(["list:unicorns", "read:unicorn"]);
  });

  it("writes Auth0's claims: iss, sub, aud with userinfo for openid, azp, iat, exp", async () => {
    const { body } = await passwordGrant("unicorn-trainer");
    const claims = decodeJwt(body.access_token);
    expect(claims).toMatchObject({
      iss: system.auth0.issuer,
      sub: expect.stringMatching(/^auth0\|[0-9a-f]{24}$/),
      aud: [system.auth0.audience, `${system.auth0.issuer}userinfo`],
      azp: system.auth0.cliClient.clientId,
    });
    expect((claims.exp as number) - (claims.iat as number)).toBe(3600);
    const withoutOpenid = decodeJwt((await passwordGrant("unicorn-trainer", { scope: "read:unicorn" })).body.access_token);
    expect(withoutOpenid.aud).toBe(system.auth0.audience);
  });

  it("takes a form-encoded request as well as JSON", async () => {
    const user = userWith("unicorn-rider");
    const { status } = await requestToken(
      system,
      {
        grant_type: "password",
        username: user.email,
        password: user.password,
        audience: system.auth0.audience,
        client_id: system.auth0.cliClient.clientId,
      },
      "form",
    );
    expect(status).toBe(200);
  });

  it("grants every requested API scope when RBAC is off", () => {
    const api = { ...system.tenant.api, enforcePolicies: false };
    expect(grantedScopes({ api, requestedScopes: ["openid", "list:unicorns", "fly:unicorn"], userPermissions: [] })).toEqual([
      "openid",
      "list:unicorns",
    ]);
    expect(permissionsClaim({ api, requestedScopes: [], userPermissions: ["read:unicorn"] })).toBeUndefined();
  });
});

describe("the token endpoint's errors, in Auth0's shape", () => {
  it("fails a wrong password with invalid_grant", async () => {
    expect(await passwordGrant("unicorn-rider", { password: "not-it" })).toEqual({
      status: 403,
      body: { error: "invalid_grant", error_description: "Wrong email or password." },
    });
  });

  it("fails an unknown user exactly like a wrong password", async () => {
    expect(await passwordGrant("unicorn-rider", { username: "nobody@example.test" })).toEqual({
      status: 403,
      body: { error: "invalid_grant", error_description: "Wrong email or password." },
    });
  });

  it("fails an unknown audience", async () => {
    expect(await passwordGrant("unicorn-rider", { audience: "https://horses.example.com" })).toEqual({
      status: 403,
      body: { error: "access_denied", error_description: "Service not found: https://horses.example.com" },
    });
  });

  it("fails an unknown client", async () => {
    expect(await passwordGrant("unicorn-rider", { client_id: "nope" })).toEqual({
      status: 401,
      body: { error: "access_denied", error_description: "Unauthorized" },
    });
  });

  it("refuses the password grant to the SPA, which is not allowed it", async () => {
    const spa = system.auth0.clients.find((c) => c.appType === "spa")!;
    expect(await passwordGrant("unicorn-rider", { client_id: spa.clientId })).toEqual({
      status: 403,
      body: { error: "unauthorized_client", error_description: "Grant type 'password' not allowed for the client." },
    });
  });
});
