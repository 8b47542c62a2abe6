// Machine-to-machine clients on the orders fixture: the model's rules, what the auth0 stack
// writes, and the stand-in's client_credentials grant with Auth0's answers.
import { decodeJwt } from "jose";
import type { LocalSystem } from "../../src/emulator/local-system";
import { ProblemsError, resolveAccessModel } from "@apigw-auth0-rbac/model";
import { ORDERS_LAMBDA_SRC, ordersModel } from "../fixtures/orders-model";
import { requestToken, startSystemFor } from "../helpers/local-system";
import { referenced, resourceEntries, synthProject } from "../helpers/synth";

const withClients = (clients: unknown) => ({ ...ordersModel, clients }) as typeof ordersModel;
const problemsOf = (model: typeof ordersModel): readonly string[] => {
  try {
    resolveAccessModel(model, { env: {} });
  } catch (err) {
    if (err instanceof ProblemsError) return err.problems;
    throw err;
  }
  return [];
};

describe("clients in the model", () => {
  it("names an unknown permission with the fix", () => {
    expect(problemsOf(withClients([{ name: "sync", description: "d", permissions: ["orders:delete"] }]))).toContain(
      'clients[0].permissions[0]: client "sync" needs unknown permission "orders:delete"; declare it under permissions (known: orders:read, orders:write, reports:read)',
    );
  });

  it("refuses duplicate clients and duplicate permissions", () => {
    const problems = problemsOf(
      withClients([
        { name: "sync", description: "d", permissions: ["orders:read", "orders:read"] },
        { name: "sync", description: "d", permissions: ["orders:read"] },
      ]),
    );
    expect(problems).toContain('clients: client "sync" is declared more than once; keep one entry or rename one');
    expect(problems).toContain('clients[0].permissions: "orders:read" is listed twice; list it once');
  });

  it("refuses a client with no permission or a name Auth0 and AWS would mangle", () => {
    const problems = problemsOf(withClients([{ name: "Nightly Job", description: "d", permissions: [] }]));
    expect(problems).toContainEqual(expect.stringMatching(/^clients\[0\]\.name: "Nightly Job" is not a client name; use lower case and dashes/));
    expect(problems).toContain("clients[0].permissions: a client must be granted at least one permission");
  });

  it("warns about a client that can call no route", () => {
    const model = {
      ...withClients([{ name: "idle", description: "d", permissions: ["spare"] }]),
      permissions: [...ordersModel.permissions, { name: "spare", description: "unused" }],
    };
    const { warnings } = resolveAccessModel(model as typeof ordersModel, { env: {} });
    expect(warnings).toContain('clients[0]: client "idle" is granted spare, which no route requires; it can call no route');
  });
});

describe("the auth0 stack's clients", () => {
  const project = synthProject({ model: ordersModel, env: {}, lambdaSrcDir: ORDERS_LAMBDA_SRC });
  const clients = resourceEntries(project.auth0, "auth0_client").filter(([, c]) => c.app_type === "non_interactive");
  const grants = resourceEntries(project.auth0, "auth0_client_grant");

  it("creates one non-interactive client per model client, allowed client_credentials only", () => {
    expect(clients.map(([, c]) => c.name).sort()).toEqual(["order-sync", "report-exporter"]);
    for (const [, client] of clients) {
      expect(client.grant_types).toEqual(["client_credentials"]);
      expect(client.callbacks).toBeUndefined();
      expect(client.web_origins).toBeUndefined();
    }
  });

  it("grants each exactly its permissions on the API, as a client subject, after the API defines them", () => {
    const byClient = Object.fromEntries(grants.map(([, g]) => [referenced(project.auth0, g.client_id).resource.name, g]));
    expect(Object.keys(byClient).sort()).toEqual(["order-sync", "report-exporter"]);
    expect(byClient["order-sync"].scopes).toEqual(["orders:read", "orders:write"]);
    expect(byClient["report-exporter"].scopes).toEqual(["reports:read"]);
    const [[scopesId]] = resourceEntries(project.auth0, "auth0_resource_server_scopes");
    const [[serverId]] = resourceEntries(project.auth0, "auth0_resource_server");
    for (const grant of Object.values<any>(byClient)) {
      expect(grant.subject_type).toBe("client");
      expect(grant.audience).toBe(`\${auth0_resource_server.${serverId}.identifier}`);
      expect(grant.depends_on).toContain(`auth0_resource_server_scopes.${scopesId}`);
    }
  });

  it("puts no secret in the synthesized JSON, and outputs the client ids only", () => {
    expect(project.auth0Text).not.toMatch(/secret/i);
    const ids = project.auth0.output?.m2m_client_ids;
    expect(ids?.sensitive).toBeUndefined();
    expect(Object.keys(ids!.value)).toEqual(["order-sync", "report-exporter"]);
  });
});

describe("the stand-in's client_credentials grant", () => {
  let system: LocalSystem;
  beforeAll(async () => {
    jest.spyOn(console, "log").mockImplementation(() => undefined);
    system = await startSystemFor(synthProject({ model: ordersModel, env: {}, lambdaSrcDir: ORDERS_LAMBDA_SRC }));
  });
  afterAll(async () => {
    await system?.close();
    jest.restoreAllMocks();
  });
  const client = (name: string) => system.auth0.clients.find((c) => c.name === name)!;
  const ask = (name: string, extra: Record<string, string | undefined> = {}) =>
    requestToken(system, {
      grant_type: "client_credentials",
      client_id: client(name).clientId,
      client_secret: client(name).clientSecret,
      audience: system.auth0.audience,
      ...extra,
    });

  it("gives a token for the client, not a user: sub <id>@clients, gty, azp, and everything granted", async () => {
    const { status, body } = await ask("order-sync");
    expect(status).toBe(200);
    expect(body.token_type).toBe("Bearer");
    const claims = decodeJwt(body.access_token);
    const id = client("order-sync").clientId;
    expect(claims).toMatchObject({ sub: `${id}@clients`, azp: id, gty: "client-credentials", aud: "urn:acme:orders", iss: system.auth0.issuer });
    expect(claims.scope).toBe("orders:read orders:write");
    expect(claims.permissions).toEqual(["orders:read", "orders:write"]);
    expect(body.scope).toBe("orders:read orders:write");
  });

  it("narrows scope to what was requested and granted; permissions stay what is granted", async () => {
    const { body } = await ask("order-sync", { scope: "orders:read reports:read" });
    const claims = decodeJwt(body.access_token);
    expect(claims.scope).toBe("orders:read");
    expect(claims.permissions).toEqual(["orders:read", "orders:write"]);
  });

  it("form-encoded requests work too", async () => {
    const c = client("report-exporter");
    const { status, body } = await requestToken(
      system,
      { grant_type: "client_credentials", client_id: c.clientId, client_secret: c.clientSecret, audience: system.auth0.audience },
      "form",
    );
    expect(status).toBe(200);
    expect(decodeJwt(body.access_token).scope).toBe("reports:read");
  });

  it("answers a wrong or missing secret and an unknown client as Auth0 does", async () => {
    expect(await ask("order-sync", { client_secret: "wrong" })).toEqual({
      status: 401,
      body: { error: "access_denied", error_description: "Unauthorized" },
    });
    expect(await ask("order-sync", { client_secret: undefined })).toEqual({
      status: 401,
      body: { error: "access_denied", error_description: "Unauthorized" },
    });
    expect(await ask("order-sync", { client_id: "nobody" })).toEqual({
      status: 401,
      body: { error: "access_denied", error_description: "Unauthorized" },
    });
  });

  it("revokes only with the client's secret (POST /oauth/revoke authenticates a confidential client)", async () => {
    const revoke = (secret: string | undefined) =>
      fetch(`${system.auth0.issuer}oauth/revoke`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ client_id: client("order-sync").clientId, ...(secret !== undefined ? { client_secret: secret } : {}), token: "x" }),
      });
    expect((await revoke("wrong")).status).toBe(401);
    expect((await revoke(undefined)).status).toBe(401);
    expect((await revoke(client("order-sync").clientSecret)).status).toBe(200);
  });

  it("refuses another audience, no audience, and a public client", async () => {
    expect(await ask("order-sync", { audience: "urn:other" })).toEqual({
      status: 403,
      body: { error: "access_denied", error_description: "Service not found: urn:other" },
    });
    expect((await ask("order-sync", { audience: undefined })).body.error_description).toBe(
      "No audience parameter was provided, and no default audience has been configured",
    );
    const spa = system.auth0.clients.find((c) => c.appType === "spa")!;
    expect(spa.clientSecret).toBeUndefined();
    const answer = await requestToken(system, {
      grant_type: "client_credentials",
      client_id: spa.clientId,
      client_secret: "x",
      audience: system.auth0.audience,
    });
    expect(answer).toEqual({ status: 401, body: { error: "access_denied", error_description: "Unauthorized" } });
  });
});
