// The emulator reads the synthesized JSON, not the model: check it reads it right.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { readHttpApi, readLiteralOutputs, readSpaScope, readTenant } from "../../src/emulator/deployment/from-synth";
import { ORDERS_LAMBDA_SRC, ordersModel } from "../fixtures/orders-model";
import { synthProject } from "../helpers/synth";

describe("reading the synthesized stacks", () => {
  const project = synthProject({ model: ordersModel, env: {}, lambdaSrcDir: ORDERS_LAMBDA_SRC });

  it("reads the tenant: API settings, roles with their permissions, users with their roles, clients", () => {
    const tenant = readTenant(project.auth0);
    expect(tenant.api).toEqual({
      identifier: "urn:acme:orders",
      name: "Acme Orders",
      enforcePolicies: true,
      tokenDialect: "access_token_authz",
      tokenLifetimeSeconds: 900,
      signingAlg: "RS256",
      allowOfflineAccess: true,
      scopes: ["orders:read", "orders:write", "reports:read"],
    });
    expect(Object.fromEntries(tenant.roles.map((r) => [r.name, [...r.permissions].sort()]))).toEqual({
      clerk: ["orders:read", "orders:write"],
      auditor: ["orders:read", "reports:read"],
      viewer: ["orders:read"],
    });
    expect(tenant.users).toEqual([{ email: "clerk@acme.test", connection: "acme-staff", roles: ["clerk"] }]);
    expect(tenant.clients).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: "Acme Back Office",
          appType: "spa",
          callbacks: ["https://backoffice.acme.test/callback"],
          rotatingRefreshTokens: true,
        }),
      ]),
    );
    expect(tenant.clients.find((c) => c.appType === "spa")?.apiGrant).toBeUndefined();
    // Machine-to-machine clients: their client grant's scopes, and the model's name from the m2m_client_ids output.
    expect(tenant.clients.filter((c) => c.appType === "non_interactive").map((c) => [c.name, c.modelName, c.grantTypes, c.apiGrant])).toEqual([
      ["order-sync", "order-sync", ["client_credentials"], ["orders:read", "orders:write"]],
      ["report-exporter", "report-exporter", ["client_credentials"], ["reports:read"]],
    ]);
  });

  it("reads the outputs known before apply, and the SPA's scope", () => {
    expect(readLiteralOutputs(project.auth0)).toEqual({ issuer: "https://acme-shop.us.auth0.com/", audience: "urn:acme:orders" });
    expect(readSpaScope(project.auth0)).toBe("openid profile email orders:read orders:write reports:read");
  });

  it("reads the API: routes to their archives, the authorizer's remote-state inputs, CORS and the access-log format", () => {
    const api = readHttpApi(project.aws, join(project.outdir, "stacks", "aws"));
    expect(api.routes.map((r) => [r.routeKey, r.scopes, r.functionName]).sort()).toEqual([
      ["GET /orders", ["orders:read"], "acme-orders-list-orders"],
      ["GET /reports/{month}", ["reports:read", "orders:write"], "acme-orders-get-report"],
      ["POST /orders", ["orders:write"], "acme-orders-create-order"],
    ]);
    for (const route of api.routes) expect(existsSync(route.archivePath)).toBe(true);
    expect(api.authorizer).toEqual({
      issuer: { remoteStateOutput: "issuer" },
      audience: [{ remoteStateOutput: "audience" }],
      identityHeader: "authorization",
    });
    expect(api.cors?.allowOrigins).toEqual(["https://backoffice.acme.test", "http://localhost:5173"]);
    expect(api.accessLogFormat).toMatchObject({ routeKey: "$context.routeKey", authorizerError: "$context.authorizer.error" });
  });

  it("fails with the stack named when a route's integration points nowhere", () => {
    const broken = JSON.parse(JSON.stringify(project.aws));
    const route: any = Object.values(broken.resource.aws_apigatewayv2_route)[0];
    route.target = "integrations/${aws_apigatewayv2_integration.gone.id}";
    expect(() => readHttpApi(broken, "/tmp")).toThrow(/does not point to a resource of the stack/);
  });
});
