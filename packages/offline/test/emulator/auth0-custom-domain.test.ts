// npm start for a tenant on an Auth0 custom domain: the stand-in answers on the custom domain
// and on its own address (standing for the tenant's own domain), each request's iss naming the
// host it came through, as Auth0 does; the API trusts the custom domain's issuer only.
import { createServer } from "node:net";
import { decodeJwt } from "jose";
import { measureAccess } from "../../src/emulator/access-matrix";
import { startLocalSystem, type LocalSystem } from "../../src/emulator/local-system";
import { customDomainModel, DEV_LOGIN_DOMAIN } from "../fixtures/custom-domain-model";
import { environmentsModel } from "../fixtures/environments-model";
import { call, tokenForRole } from "../helpers/local-system";
import { rawRequest } from "../helpers/raw-http";
import { synthProject } from "../helpers/synth";

jest.setTimeout(30_000);

const DEV = { DEPLOY_ENV: "dev" };

/** A port free now, for the test app (its port is the SPA's registered web origin, so it cannot be 0). */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The dev environment of the fixture with its SPA at `origin`. */
function withSpaAt(model: any, origin: string) {
  return { ...model, spa: { ...model.spa, callbackUrls: [origin], logoutUrls: [origin], webOrigins: [origin] } };
}

let system: LocalSystem;
let port = 0;
let spaOrigin = "";

beforeAll(async () => {
  spaOrigin = `http://localhost:${await freePort()}`;
  const project = synthProject({ model: withSpaAt(customDomainModel, spaOrigin), env: DEV });
  system = await startLocalSystem({ outdir: project.outdir, functionLog: () => undefined, serveSpa: true });
  port = system.auth0.port;
});
afterAll(() => system?.close());

/** A password-grant token for the rider, asked for through `host` (the Host header), as a client resolving that name would. */
async function riderTokenThrough(host: string): Promise<string> {
  const rider = system.auth0.users.find((u) => u.roles.includes("unicorn-rider"))!;
  const body = JSON.stringify({
    grant_type: "password",
    client_id: system.auth0.cliClient.clientId,
    username: rider.email,
    password: rider.password,
    audience: system.auth0.audience,
    scope: "openid read:unicorn",
  });
  const answer = await rawRequest(
    port,
    `POST /oauth/token HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
  expect([host, answer.status]).toEqual([host, 200]);
  return JSON.parse(answer.body).access_token;
}

/** GET `path` of the stand-in through `host`. */
async function getThrough(host: string, path: string): Promise<string> {
  const answer = await rawRequest(port, `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
  expect([host, path, answer.status]).toEqual([host, path, 200]);
  return answer.body;
}

describe("the Auth0 stand-in of a tenant on a custom domain", () => {
  it("writes the host a token was requested through into its iss: the custom domain's, or the tenant's own", async () => {
    expect(decodeJwt(await riderTokenThrough(`${DEV_LOGIN_DOMAIN}:${port}`)).iss).toBe(`http://${DEV_LOGIN_DOMAIN}:${port}/`);
    expect(decodeJwt(await riderTokenThrough(`Login.Unicorns.Example.com.:${port}`)).iss).toBe(`http://${DEV_LOGIN_DOMAIN}:${port}/`);
    expect(decodeJwt(await riderTokenThrough(`127.0.0.1:${port}`)).iss).toBe(`http://127.0.0.1:${port}/`);
  });

  it("serves discovery on each host naming that host's issuer and JWKS, with the tenant's one key set", async () => {
    const custom = JSON.parse(await getThrough(`${DEV_LOGIN_DOMAIN}:${port}`, "/.well-known/openid-configuration"));
    const own = JSON.parse(await getThrough(`127.0.0.1:${port}`, "/.well-known/openid-configuration"));
    expect([custom.issuer, custom.jwks_uri]).toEqual([
      `http://${DEV_LOGIN_DOMAIN}:${port}/`,
      `http://${DEV_LOGIN_DOMAIN}:${port}/.well-known/jwks.json`,
    ]);
    expect([own.issuer, own.jwks_uri]).toEqual([`http://127.0.0.1:${port}/`, `http://127.0.0.1:${port}/.well-known/jwks.json`]);
    const customKeys = await getThrough(`${DEV_LOGIN_DOMAIN}:${port}`, "/.well-known/jwks.json");
    expect(customKeys).toBe(await getThrough(`127.0.0.1:${port}`, "/.well-known/jwks.json"));
  });
});

describe("the API of a tenant on a custom domain", () => {
  it("trusts the custom domain's issuer, which the auth0 stack's issuer output names", () => {
    expect(system.authorizer.config.issuer).toBe(`http://${DEV_LOGIN_DOMAIN}:${port}/`);
  });

  it("refuses a token with the tenant's own domain as iss (401) and accepts the custom domain's (200)", async () => {
    const own = await call(system, "GET", "/unicorn?name=Gaia", { authorization: `Bearer ${await riderTokenThrough(`127.0.0.1:${port}`)}` });
    expect([own.status, own.body]).toEqual([401, '{"message":"Unauthorized"}']);
    expect(own.headers.get("www-authenticate")).toContain(`the token's issuer ?http://127.0.0.1:${port}/? is not the expected issuer`);
    const custom = await call(system, "GET", "/unicorn?name=Gaia", {
      authorization: `Bearer ${await riderTokenThrough(`${DEV_LOGIN_DOMAIN}:${port}`)}`,
    });
    expect(custom.status).toBe(200);
  });

  it("is called with the custom domain's tokens by npm start's own tooling: the same access as a tenant without one", async () => {
    expect((await call(system, "GET", "/unicorn?name=Gaia", { authorization: `Bearer ${await tokenForRole(system, "unicorn-rider")}` })).status).toBe(
      200,
    );
    const plain = await startLocalSystem({ outdir: synthProject({ model: environmentsModel, env: DEV }).outdir, functionLog: () => undefined });
    try {
      expect(await measureAccess(system)).toEqual(await measureAccess(plain));
    } finally {
      await plain.close();
    }
  });
});

describe("the test app of a tenant on a custom domain", () => {
  it("logs in through the custom domain", async () => {
    const config = (await (await fetch(`${system.spa!.url}/auth_config.json`)).json()) as { domain: string };
    expect(system.spa!.url).toBe(spaOrigin);
    expect(config.domain).toBe(`http://${DEV_LOGIN_DOMAIN}:${port}`);
  });
});
