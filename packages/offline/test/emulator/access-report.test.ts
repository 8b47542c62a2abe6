// The access report's machinery on fixtures: measured, not computed; rendered, read back,
// and compared in plain words.
import { accessChanges, accessMarkdown, measureAccess, parseAccessMarkdown, type AccessMatrix } from "../../src/emulator/access-matrix";
import type { LocalSystem } from "../../src/emulator/local-system";
import { ORDERS_ACCESS, ORDERS_CLIENT_ACCESS, ORDERS_LAMBDA_SRC, ordersModel } from "../fixtures/orders-model";
import { startSystemFor } from "../helpers/local-system";
import { synthProject } from "../helpers/synth";

let system: LocalSystem;
beforeAll(async () => {
  jest.spyOn(console, "log").mockImplementation(() => undefined);
  system = await startSystemFor(synthProject({ model: ordersModel, env: {}, lambdaSrcDir: ORDERS_LAMBDA_SRC }));
});
afterAll(async () => {
  await system?.close();
  jest.restoreAllMocks();
});

describe("the measured access matrix", () => {
  it("agrees with the orders model's hand-written tables, roles and clients", async () => {
    const matrix = await measureAccess(system);
    expect(matrix.routes).toEqual(Object.keys(ORDERS_ACCESS.clerk).sort());
    const expected = [
      ...Object.entries(ORDERS_ACCESS).map(([role, routes]) => [`role ${role}`, routes] as const),
      ...Object.entries(ORDERS_CLIENT_ACCESS).map(([client, routes]) => [`client ${client}`, routes] as const),
    ];
    expect(matrix.rows.map((r) => r.caller)).toEqual(
      expected.map(([caller]) => caller).sort((a, b) => Number(a.startsWith("client")) - Number(b.startsWith("client")) || a.localeCompare(b)),
    );
    for (const [caller, routes] of expected) {
      const row = matrix.rows.find((r) => r.caller === caller)!;
      for (const [route, status] of Object.entries(routes))
        expect([caller, route, row.routes[route]]).toEqual([caller, route, status === 403 ? "refused" : "allowed"]);
    }
  });

  it("reads back what it writes as Markdown", async () => {
    const matrix = await measureAccess(system);
    expect(parseAccessMarkdown(accessMarkdown(matrix))).toEqual(matrix);
  });
});

describe("access changes", () => {
  const before: AccessMatrix = {
    routes: ["GET /a", "GET /b"],
    rows: [
      { caller: "role x", routes: { "GET /a": "allowed", "GET /b": "refused" } },
      { caller: "role y", routes: { "GET /a": "allowed", "GET /b": "allowed" } },
    ],
  };

  it("names who gains and who loses which route, new and removed routes said as such", () => {
    const after: AccessMatrix = {
      routes: ["GET /a", "PUT /c"],
      rows: [
        { caller: "role x", routes: { "GET /a": "allowed", "PUT /c": "allowed" } },
        { caller: "role y", routes: { "GET /a": "refused", "PUT /c": "refused" } },
      ],
    };
    expect(accessChanges(before, after)).toEqual([
      "role x can now call PUT /c (a new route)",
      "role y can no longer call GET /a",
      "role y can no longer call GET /b (the route is gone)",
    ]);
  });

  it("says nothing when nothing changed", () => {
    expect(accessChanges(before, before)).toEqual([]);
  });
});

it("still reads ACCESS.md in the layout before one row per route (a column per route), so a review against an older base works", () => {
  const earlier = [
    "| caller | `GET /unicorn` | `GET /unicorns` |",
    "|---|---|---|",
    "| role unicorn-rider | ✅ allowed | — refused |",
    "| client unicorn-census | — refused | ✅ allowed |",
  ].join("\n");
  expect(parseAccessMarkdown(earlier)).toEqual({
    routes: ["GET /unicorn", "GET /unicorns"],
    rows: [
      { caller: "role unicorn-rider", routes: { "GET /unicorn": "allowed", "GET /unicorns": "refused" } },
      { caller: "client unicorn-census", routes: { "GET /unicorn": "refused", "GET /unicorns": "allowed" } },
    ],
  });
});
