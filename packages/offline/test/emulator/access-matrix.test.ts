// The strongest proof: real tokens from the stand-in, verified by the emulated authorizer,
// answered by the bundled handlers, for every role and route.
import { unicornModel as defaultModel } from "../fixtures/unicorn-model";
import { resolveAccessModel } from "@apigw-auth0-rbac/model";
import type { LocalSystem } from "../../src/emulator/local-system";
import { ORDERS_ACCESS, ORDERS_CLIENT_ACCESS, ORDERS_LAMBDA_SRC, ordersModel } from "../fixtures/orders-model";
import { standInClientToken } from "../../src/emulator/auth0/token-client";
import { call, startSystemFor, tokenForRole } from "../helpers/local-system";
import { synthProject } from "../helpers/synth";

/** Written by hand from the seed's README, not derived from the model. */
const SEED_ACCESS: Record<string, Record<string, number>> = {
  "unicorn-trainer": { "GET /unicorn": 200, "GET /unicorns": 200 },
  "unicorn-rider": { "GET /unicorn": 200, "GET /unicorns": 403 },
};

function requestPath(route: { path: string; example?: string }): string {
  return route.example ?? route.path.replace(/\{[^}]+\}/g, "2026-11");
}

describe.each([
  {
    name: "the default model",
    model: defaultModel,
    lambdaSrcDir: undefined,
    table: SEED_ACCESS,
    clientTable: {} as Record<string, Record<string, number>>,
  },
  { name: "the orders model", model: ordersModel, lambdaSrcDir: ORDERS_LAMBDA_SRC, table: ORDERS_ACCESS, clientTable: ORDERS_CLIENT_ACCESS },
])("access matrix of $name", ({ model, lambdaSrcDir, table, clientTable }) => {
  const resolved = resolveAccessModel(model, { env: {} }).model;
  let system: LocalSystem;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    jest.spyOn(console, "log").mockImplementation(() => undefined);
    system = await startSystemFor(synthProject({ model, env: {}, lambdaSrcDir }));
    for (const role of resolved.roles) tokens.set(role.name, await tokenForRole(system, role.name));
    for (const client of system.auth0.clients.filter((c) => c.clientSecret))
      tokens.set(`client ${client.name}`, await standInClientToken(system.auth0, client));
  });
  afterAll(async () => {
    await system?.close();
    jest.restoreAllMocks();
  });

  const cells = resolved.roles.flatMap((role) => resolved.routes.map((route) => ({ role, route })));

  it.each(cells.map(({ role, route }) => [role.name, route.routeKey, role, route] as const))(
    "%s on %s gets what the model implies and the hand-written table says",
    async (_roleName, _routeKey, role, route) => {
      const { status } = await call(system, route.method, requestPath(route), { authorization: `Bearer ${tokens.get(role.name)}` });
      const allowedByModel = route.scopes.some((s) => role.permissions.includes(s));
      expect(allowedByModel ? status < 300 : status === 403).toBe(true);
      expect(status).toBe(table[role.name][route.routeKey]);
    },
  );

  // What `npm run token -- --client` asks for: a client_credentials token holding its whole grant.
  const clientCells = resolved.clients.flatMap((client) => resolved.routes.map((route) => ({ client, route })));
  if (clientCells.length > 0) {
    it.each(clientCells.map(({ client, route }) => [client.name, route.routeKey, client, route] as const))(
      "client %s on %s gets what its grant implies and the hand-written table says",
      async (_clientName, _routeKey, client, route) => {
        const { status } = await call(system, route.method, requestPath(route), { authorization: `Bearer ${tokens.get(`client ${client.name}`)}` });
        const allowedByModel = route.scopes.some((s) => client.permissions.includes(s));
        expect(allowedByModel ? status < 300 : status === 403).toBe(true);
        expect(status).toBe(clientTable[client.name][route.routeKey]);
      },
    );
  }

  it("covers every role, client and route of the table", () => {
    expect(Object.keys(clientTable).sort()).toEqual(resolved.clients.map((c) => c.name).sort());
    expect(Object.keys(table).sort()).toEqual(resolved.roles.map((r) => r.name).sort());
    for (const row of Object.values(table)) expect(Object.keys(row).sort()).toEqual(resolved.routes.map((r) => r.routeKey).sort());
  });

  it.each(resolved.routes.map((r) => [r.routeKey, r] as const))("%s without a token is 401", async (_key, route) => {
    const response = await call(system, route.method, requestPath(route));
    expect(response.status).toBe(401);
    expect(JSON.parse(response.body)).toEqual({ message: "Unauthorized" });
  });
});
