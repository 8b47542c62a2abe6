// The stand-in runs the auth0 stack's Actions where Auth0 runs them: post-login on the login
// form, the password grant and refresh, credentials-exchange on client credentials. What the
// Actions ask for reaches the tokens and, through the authorizer, the handlers.
import { join } from "node:path";
import { decodeJwt } from "jose";
import type { LocalSystem } from "../../src/emulator/local-system";
import { startLocalSystem } from "../../src/emulator/local-system";
import { PROBE_LAMBDA_SRC, probeModel } from "../fixtures/probe-model";
import { withActions } from "../helpers/actions-synth";
import { authorizeUrl, openLoginForm, pkce, postToken, submitLogin } from "../helpers/browser-flow";
import { call, requestToken } from "../helpers/local-system";
import { synthProject } from "../helpers/synth";

jest.setTimeout(60_000);

const REPOSITORY_ROOT = join(__dirname, "..", "..", "..", "..");
const NS = "https://probe.example.test";
const READER = "reader@example.com";

/**
 * One post-login Action that does what the request's marker scopes ask (`x-…`: unknown scopes,
 * never granted, but in event.transaction.requested_scopes), a second one after it, and a
 * credentials-exchange Action. `${…}` and `%{` in the code go through terraform's escaping.
 */
const ENRICH = `
exports.onExecutePostLogin = async (event, api) => {
  const marks = event.transaction.requested_scopes;
  const ns = event.secrets.CLAIM_NAMESPACE;
  console.log(\`enriching \${event.user.email}\`);
  if (marks.includes("x-deny")) api.access.deny(\`No entry for \${event.user.email}\`);
  if (marks.includes("x-deny-refresh") && event.transaction.protocol === "oauth2-refresh-token") api.access.deny("No refresh today");
  if (marks.includes("x-throw")) throw new Error("enrich broke");
  if (marks.includes("x-loop")) for (;;) {}
  if (marks.includes("x-exit")) process.exit(3);
  if (marks.includes("x-fetch")) await fetch("https://example.com/");
  if (marks.includes("x-undeclared")) require("fflate");
  if (marks.includes("x-declared")) api.accessToken.setCustomClaim(\`\${ns}/lru\`, typeof require("lru-cache").LRUCache);
  if (marks.includes("x-unserved")) api.multifactor.enable("any");
  if (marks.includes("x-add")) api.accessToken.addScope("probe:write");
  if (marks.includes("x-remove")) api.accessToken.removeScope("probe:read");
  // Each setter "returns a reference to the api object".
  api.accessToken
    .setCustomClaim(\`\${ns}/roles\`, event.authorization.roles)
    .accessToken.setCustomClaim(\`\${ns}/org\`, { name: "acme", id: 7 })
    .accessToken.setCustomClaim(\`\${ns}/template\`, "100%{done} \${not-interpolated}");
  api.accessToken.setCustomClaim(\`\${ns}/event\`, {
      protocol: event.transaction.protocol,
      requested: event.transaction.requested_scopes,
      client: event.client.name,
      api: event.resource_server && event.resource_server.identifier,
      user: event.user.user_id,
      email: event.user.email,
      app: event.user.app_metadata,
      prefs: event.user.user_metadata,
      logins: event.stats.logins_count,
      secret: event.secrets.CLAIM_NAMESPACE,
      missing: event.secrets.UNSET_SECRET,
      ip: event.request.ip,
      canRedirect: api.redirect.canRedirect(),
    });
  api.idToken.setCustomClaim(\`\${ns}/plan\`, event.user.app_metadata.plan);
  api.cache.set("seen", event.user.email);
  api.cache.set("k".repeat(65), "a key longer than Auth0's 64 bytes");
  api.user.setAppMetadata("visits", (event.user.app_metadata.visits || 0) + 1);
  api.user.setUserMetadata("theme", null);
  for (const restricted of ["roles", "permissions", "sub", "scope", "https://evil.auth0.com/x", "urn:auth0:x"]) {
    api.accessToken.setCustomClaim(restricted, "from an Action");
  }
};
`;
const SECOND = `exports.onExecutePostLogin = async (event, api) => {
  console.log("second ran");
  api.accessToken.setCustomClaim("${NS}/second", true);
  api.accessToken.setCustomClaim("${NS}/cached", [api.cache.get("seen"), api.cache.get("k".repeat(65)) === undefined]);
};`;
const M2M = `
exports.onExecuteCredentialsExchange = async (event, api) => {
  if (event.transaction.requested_scopes.includes("x-deny")) return api.access.deny("invalid_request", "Not for batch jobs today");
  if (event.transaction.requested_scopes.includes("x-bad-code")) return api.access.deny("nope");
  api.accessToken.setCustomClaim("${NS}/client", {
    name: event.client.name,
    scope: event.accessToken.scope,
    requested: event.transaction.requested_scopes,
    api: event.resource_server.identifier,
  });
  api.accessToken.setCustomClaim("gty", "tampered");
};
`;

const model = {
  ...probeModel,
  clients: [{ name: "probe-job", description: "A batch job", permissions: ["probe:read"] }],
  users: [{ email: READER, roles: ["reader"] }],
};
const TIME_LIMIT_MS = 6000;

let system: LocalSystem;
const warnings: string[] = [];
const actionLines: string[] = [];

beforeAll(async () => {
  const project = withActions(
    synthProject({ model, env: {}, lambdaSrcDir: PROBE_LAMBDA_SRC }),
    [
      {
        name: "enrich",
        trigger: "post-login",
        code: ENRICH,
        secrets: ["CLAIM_NAMESPACE", "UNSET_SECRET"],
        dependencies: [{ name: "lru-cache", version: "11.5.3" }],
      },
      { name: "second", trigger: "post-login", code: SECOND },
      { name: "m2m", trigger: "credentials-exchange", code: M2M },
      { name: "welcome", trigger: "pre-user-registration", code: "exports.onExecutePreUserRegistration = async () => {};" },
    ],
    // A key from outside may be anything: "__proto__" stays an own property, as JSON holds it.
    [{ email: READER, appMetadata: JSON.parse('{"plan":"gold","__proto__":"kept as data"}'), userMetadata: { theme: "dark" } }],
  );
  process.env.TF_VAR_action_secret_CLAIM_NAMESPACE = NS;
  system = await startLocalSystem({
    outdir: project.outdir,
    functionLog: () => undefined,
    projectRoot: REPOSITORY_ROOT,
    actionTimeLimitMs: TIME_LIMIT_MS,
    actionLog: (action, level, message) => actionLines.push(`${action} ${level} ${message}`),
    warn: (message) => warnings.push(message),
  });
});
afterAll(async () => {
  delete process.env.TF_VAR_action_secret_CLAIM_NAMESPACE;
  await system?.close();
});

/** Waits (up to 5 s) for `condition`, which settles once a thread's exit is seen. */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(condition()).toBe(true);
}

const reader = () => system.auth0.users.find((u) => u.email === READER)!;

function passwordGrant(scope = "openid probe:read") {
  return requestToken(system, {
    grant_type: "password",
    username: reader().email,
    password: reader().password,
    audience: system.auth0.audience,
    scope,
    client_id: system.auth0.cliClient.clientId,
  });
}

async function claimsOf(scope?: string): Promise<Record<string, any>> {
  const { status, body } = await passwordGrant(scope);
  if (status !== 200) throw new Error(`${status} ${JSON.stringify(body)}`);
  return decodeJwt(body.access_token);
}

function clientCredentials(scope?: string) {
  const client = system.auth0.clients.find((c) => c.modelName === "probe-job")!;
  return requestToken(system, {
    grant_type: "client_credentials",
    client_id: client.clientId,
    client_secret: client.clientSecret,
    audience: system.auth0.audience,
    scope,
  });
}

describe("post-login Actions on the password grant", () => {
  it("set custom claims on the access token, with the event Auth0 documents", async () => {
    const claims = await claimsOf();
    expect(claims[`${NS}/roles`]).toEqual(["reader"]);
    expect(claims[`${NS}/template`]).toBe("100%{done} ${not-interpolated}");
    expect(claims[`${NS}/event`]).toMatchObject({
      protocol: "oauth2-password",
      requested: ["openid", "probe:read"],
      client: system.auth0.cliClient.name,
      api: system.auth0.audience,
      user: reader().userId,
      email: READER,
      prefs: { theme: "dark" },
      secret: NS,
      missing: "",
      ip: "127.0.0.1",
      canRedirect: false,
    });
    expect(claims[`${NS}/event`].app).toMatchObject({ plan: "gold" });
    expect(Object.getOwnPropertyDescriptor(claims[`${NS}/event`].app, "__proto__")?.value).toBe("kept as data");
    // The second Action, bound after the first, ran too.
    expect(claims[`${NS}/second`]).toBe(true);
  });

  it("shares api.cache between the Actions of one execution, within Auth0's limits", async () => {
    expect((await claimsOf())[`${NS}/cached`]).toEqual([{ value: READER }, true]);
  });

  it("leaves out the claims Auth0 restricts, and says so once", async () => {
    const claims = await claimsOf();
    expect(claims.roles).toBeUndefined();
    expect(claims.sub).toBe(reader().userId);
    expect(claims.scope).toBe("openid probe:read");
    expect(claims.permissions).toEqual(["probe:read"]);
    expect(claims["https://evil.auth0.com/x"]).toBeUndefined();
    expect(claims["urn:auth0:x"]).toBeUndefined();
    for (const name of ["roles", "permissions", "sub", "scope", "https://evil.auth0.com/x", "urn:auth0:x"]) {
      expect(warnings.filter((w) => w.includes(`Action enrich sets ${JSON.stringify(name)}`))).toHaveLength(1);
    }
  });

  it("adds and removes scopes on the access token, and the authorizer reads them", async () => {
    const added = await passwordGrant("openid probe:read x-add");
    expect(added.body.scope).toBe("openid probe:read probe:write");
    const token = added.body.access_token;
    expect((await call(system, "POST", "/echo", { authorization: `Bearer ${token}` })).status).toBe(200);
    const removed = await claimsOf("openid probe:read x-remove");
    expect(removed.scope).toBe("openid");
  });

  it("keeps the metadata an Action sets for the user's later logins, and counts the logins", async () => {
    const first = (await claimsOf())[`${NS}/event`];
    const second = (await claimsOf())[`${NS}/event`];
    expect(second.app.visits).toBe((first.app.visits ?? 0) + 1);
    expect(second.logins).toBe(first.logins + 1);
    // setUserMetadata(key, null) removed the key.
    expect(second.prefs).toEqual({});
  });

  it("runs the declared npm packages from the project's node_modules, and fails an undeclared one as Auth0 does", async () => {
    expect((await claimsOf("openid x-declared"))[`${NS}/lru`]).toBe("function");
    expect(await passwordGrant("openid x-undeclared")).toEqual({
      status: 403,
      body: { error: "access_denied", error_description: "Cannot find module 'fflate'" },
    });
  });

  it("warns at start of a secret with no value, of a trigger it does not run", () => {
    expect(warnings).toContain('TF_VAR_action_secret_UNSET_SECRET is not set: Action enrich gets event.secrets.UNSET_SECRET = "" offline');
    expect(warnings).toContainEqual(
      expect.stringContaining("binds Actions to the pre-user-registration trigger: the stand-in does not run that trigger"),
    );
  });

  it("routes the Actions' console to the log, named by the Action", async () => {
    await claimsOf();
    expect(actionLines).toContain(`enrich log enriching ${READER}`);
  });
});

describe("what the handler receives", () => {
  it("gets the custom claims in requestContext.authorizer.jwt.claims, as API Gateway writes non-string claims", async () => {
    const { body } = await passwordGrant();
    const answer = await call(system, "GET", "/echo", { authorization: `Bearer ${body.access_token}` });
    expect(answer.status).toBe(200);
    const { claims } = JSON.parse(answer.body);
    expect(claims[`${NS}/roles`]).toBe("[reader]");
    expect(claims[`${NS}/org`]).toBe("map[id:7 name:acme]");
    expect(claims[`${NS}/second`]).toBe("true");
  });
});

describe("api.access.deny, and the error each grant answers", () => {
  it("refuses the password grant: 403 access_denied with the reason", async () => {
    expect(await passwordGrant("openid x-deny")).toEqual({
      status: 403,
      body: { error: "access_denied", error_description: `No entry for ${READER}` },
    });
  });

  it("stops the Actions bound after the one that denied, but keeps its metadata changes", async () => {
    const before = (await claimsOf())[`${NS}/event`].app.visits;
    const secondRuns = actionLines.filter((l) => l === "second log second ran").length;
    await passwordGrant("openid x-deny");
    expect(actionLines.filter((l) => l === "second log second ran")).toHaveLength(secondRuns);
    expect((await claimsOf())[`${NS}/event`].app.visits).toBe((before ?? 0) + 2);
  });

  it("sends the browser back to the app with the error instead of a code", async () => {
    const spa = system.auth0.clients.find((c) => c.appType === "spa")!;
    const form = await openLoginForm(authorizeUrl(system, spa, { scope: "openid x-deny" }));
    const answer = await submitLogin(system, form, { username: READER, password: reader().password });
    const back = new URL(answer.location!);
    expect(answer.status).toBe(302);
    expect(Object.fromEntries(back.searchParams)).toEqual({
      error: "access_denied",
      error_description: `No entry for ${READER}`,
      state: "state-123",
    });
  });

  it("refuses a client-credentials token with the code and reason the Action gives", async () => {
    expect(await clientCredentials("x-deny")).toEqual({
      status: 400,
      body: { error: "invalid_request", error_description: "Not for batch jobs today" },
    });
  });

  it("fails the exchange when the code is not one Auth0 accepts", async () => {
    const { status, body } = await clientCredentials("x-bad-code");
    expect(status).toBe(403);
    expect(body).toEqual({
      error: "access_denied",
      error_description: expect.stringContaining("must be one of invalid_scope, invalid_request, server_error"),
    });
  });
});

describe("the browser login and refresh", () => {
  async function browserLogin(scope: string) {
    const spa = system.auth0.clients.find((c) => c.appType === "spa")!;
    const { verifier, challenge } = pkce();
    const form = await openLoginForm(authorizeUrl(system, spa, { scope, code_challenge: challenge }));
    const answer = await submitLogin(system, form, { username: READER, password: reader().password });
    const code = new URL(answer.location!).searchParams.get("code")!;
    return postToken(system, {
      grant_type: "authorization_code",
      client_id: spa.clientId,
      code,
      code_verifier: verifier,
      redirect_uri: spa.callbacks[0],
    });
  }

  it("puts the login's custom claims in the access and ID tokens of the code's exchange", async () => {
    const { status, body } = await browserLogin("openid offline_access probe:read");
    expect(status).toBe(200);
    expect(decodeJwt(body.access_token)[`${NS}/event`]).toMatchObject({
      protocol: "oidc-basic-profile",
      requested: ["openid", "offline_access", "probe:read"],
    });
    expect(decodeJwt(body.id_token)[`${NS}/plan`]).toBe("gold");
  });

  it("runs post-login again when the refresh token is exchanged", async () => {
    const { body } = await browserLogin("openid offline_access probe:read");
    const spa = system.auth0.clients.find((c) => c.appType === "spa")!;
    const refreshed = await postToken(system, { grant_type: "refresh_token", client_id: spa.clientId, refresh_token: body.refresh_token });
    expect(refreshed.status).toBe(200);
    const event = decodeJwt(refreshed.body.access_token)[`${NS}/event`] as Record<string, unknown>;
    expect(event).toMatchObject({ protocol: "oauth2-refresh-token" });
    // A refresh is no new login: the count stays.
    expect(event.logins).toBe((decodeJwt(body.access_token)[`${NS}/event`] as Record<string, unknown>).logins);
  });

  it("refuses the refresh with access_denied when an Action denies it", async () => {
    const { status, body } = await browserLogin("openid offline_access probe:read x-deny-refresh");
    expect(status).toBe(200);
    const spa = system.auth0.clients.find((c) => c.appType === "spa")!;
    expect(await postToken(system, { grant_type: "refresh_token", client_id: spa.clientId, refresh_token: body.refresh_token })).toEqual({
      status: 403,
      body: { error: "access_denied", error_description: "No refresh today" },
    });
  });
});

describe("credentials-exchange Actions", () => {
  it("set custom claims on the machine-to-machine token, with the event Auth0 documents, and not restricted ones", async () => {
    const { status, body } = await clientCredentials();
    expect(status).toBe(200);
    const claims = decodeJwt(body.access_token);
    expect(claims[`${NS}/client`]).toEqual({
      name: expect.stringContaining("probe-job"),
      scope: ["probe:read"],
      requested: [],
      api: system.auth0.audience,
    });
    expect(claims.gty).toBe("client-credentials");
  });
});

describe("an Action that fails", () => {
  it("fails the login with its error as error_description", async () => {
    expect(await passwordGrant("openid x-throw")).toEqual({ status: 403, body: { error: "access_denied", error_description: "enrich broke" } });
  });

  it("ends a login that loops past the time limit, and the stand-in keeps answering", async () => {
    const started = Date.now();
    const looping = passwordGrant("openid x-loop");
    // While the loop runs on its thread, others log in.
    expect((await passwordGrant()).status).toBe(200);
    expect(await looping).toEqual({
      status: 403,
      body: { error: "access_denied", error_description: `the Actions did not complete within ${TIME_LIMIT_MS / 1000} seconds` },
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(TIME_LIMIT_MS - 50);
    expect((await passwordGrant()).status).toBe(200);
    // The looping thread was ended, not left spinning beside the others.
    await until(() => system.auth0.sizes().actionWorkersBusy === 0);
  });

  it("survives an Action that ends its process", async () => {
    expect(await passwordGrant("openid x-exit")).toEqual({
      status: 403,
      body: { error: "access_denied", error_description: "the Action's thread exited (code 3)" },
    });
    expect((await passwordGrant()).status).toBe(200);
  });

  it("fails a network call instead of making it", async () => {
    expect(await passwordGrant("openid x-fetch")).toEqual({
      status: 403,
      body: {
        error: "access_denied",
        error_description: expect.stringContaining("network calls from Actions do not run offline"),
      },
    });
  });

  it("fails on a method of api the stand-in does not serve, naming it", async () => {
    expect((await passwordGrant("openid x-unserved")).body.error_description).toBe(
      "api.multifactor.enable() does not run offline: the Auth0 stand-in does not serve it (docs/ACTIONS.md)",
    );
  });
});
