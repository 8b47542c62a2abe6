// npm run adopt's model and report from what it found (adopt/model.ts), on a setup as the
// guide's console builds it: every identity kept with its import id, the changes the first
// deploy makes named, and what the model cannot express refused, every reason at once.
import { adoptionOf } from "../../src/adopt/model";
import { AdoptError, functionArnOf, type FoundApi, type FoundTenant } from "../../src/adopt/read";
import { consoleSetup as console_, IDENTIFIER } from "../fixtures/console-found";
import { resolveAccessModel } from "@apigw-auth0-rbac/model";

it("keeps every identity, with the ids the first deploy imports, in a model the project accepts", () => {
  const { tenant, api } = console_();
  const adoption = adoptionOf(tenant, api);
  const { model } = adoption;
  expect(() => resolveAccessModel(model, { env: {}, availableHandlers: adoption.handlers.map((h) => h.name) })).not.toThrow();
  expect(model.api).toEqual({ name: "Unicorn API", identifier: IDENTIFIER, tokenLifetimeSeconds: 86400 });
  expect(model.tenant.domain).toBe("guide.eu.auth0.com");
  expect(model.routes).toEqual([
    { method: "GET", path: "/unicorn", handler: "get-unicorn", scopes: ["read:unicorn"] },
    { method: "GET", path: "/unicorns", handler: "list-unicorns", scopes: ["list:unicorns"] },
  ]);
  // A permission without a description gets its name (the model requires one).
  expect(model.permissions[1]).toEqual({ name: "list:unicorns", description: "list:unicorns" });
  expect(model.roles.map((r) => r.name)).toEqual(["unicorn-trainer"]);
  expect(model.spa.webOrigins).toEqual(["http://localhost:3000"]);
  expect(model.clients).toEqual([{ name: "unicorn-census", description: "Adopted from Auth0: Unicorn Census", permissions: ["list:unicorns"] }]);
  expect(model.imports).toEqual({
    auth0: {
      resourceServer: "rs1",
      roles: { "unicorn-trainer": "rol_t" },
      spa: "spa1",
      clients: { "unicorn-census": { client: "m2m1", grant: "cgr_1" } },
    },
    aws: { api: "api1", authorizer: "au1", routes: { "GET /unicorn": "r1", "GET /unicorns": "r2" }, stage: "$default" },
  });
  const changes = adoption.changes.map((c) => `${c.resource}: ${c.text}`);
  expect(changes).toContainEqual(expect.stringContaining('aws_apigatewayv2_api: CORS origins `["*"]` become the SPA\'s web origins'));
  expect(changes).toContainEqual(expect.stringContaining("auth0_resource_server: enforce_policies `unset` becomes `true`"));
  expect(changes).toContainEqual(expect.stringContaining("aws_apigatewayv2_stage: access logs are turned on"));
  expect(changes).toContainEqual("aws_apigatewayv2_authorizer: the authorizer `auth0` keeps its id and is renamed `auth0-jwt`");
  expect(adoption.untouched).toContainEqual(
    "user `rider@example.com` with `unicorn-trainer`: users are not managed; the roles are imported, so the assignments stay",
  );
  expect(adoption.untouched).toContainEqual(expect.stringContaining("the function `getUnicorn` (python3.8): no longer invoked"));
  expect(adoption.handlers.find((h) => h.name === "get-unicorn")!.source).toContain(
    '"functionName": "getUnicorn",\n  "functionArn": "arn:aws:lambda:us-east-1:123456789012:function:getUnicorn",\n  "runtime": "python3.8",\n  "handler": "lambda_function.lambda_handler"',
  );
});

it("refuses what the model cannot express, naming every object and what to do", () => {
  const { tenant, api } = console_();
  const broken: FoundApi = {
    ...api,
    authorizers: [
      ...api.authorizers,
      { AuthorizerId: "au2", Name: "second", AuthorizerType: "JWT" },
      { AuthorizerId: "au3", Name: "lambda", AuthorizerType: "REQUEST" },
    ],
    routes: [
      { ...api.routes[0], AuthorizationType: "NONE", AuthorizerId: undefined },
      { ...api.routes[1], AuthorizationScopes: [] },
      { RouteId: "r3", RouteKey: "$default", AuthorizationType: "NONE" },
    ],
    stages: [...api.stages, { StageName: "prod" }],
  };
  const noSpa: FoundTenant = { ...tenant, clients: tenant.clients.filter((c) => c.app_type !== "spa") };
  let message = "";
  try {
    adoptionOf(noSpa, broken);
  } catch (err) {
    expect(err).toBeInstanceOf(AdoptError);
    message = (err as Error).message;
  }
  for (const reason of [
    "the HTTP API has 2 JWT authorizers (`auth0`, `second`): the model has one",
    "authorizer `lambda` (au3) is a REQUEST authorizer",
    "route `GET /unicorn` has no authorizer (authorization NONE): the model protects every route",
    "route `GET /unicorns` checks no scope",
    'route `$default`: only "METHOD /path" routes can be modelled',
    "stage `prod`: the model serves the $default stage only",
    "the tenant has no single-page application",
  ]) {
    expect(message).toContain(reason);
  }
  expect(message).toMatch(/Nothing was written\.$/);
});

it.each([
  ["arn:aws:lambda:us-east-1:123456789012:function:f", "arn:aws:lambda:us-east-1:123456789012:function:f"],
  [
    "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST/invocations",
    "arn:aws:lambda:us-east-1:123456789012:function:f",
  ],
  ["https://example.com/backend", undefined],
])("reads the function of an integration URI %s", (uri, arn) => {
  expect(functionArnOf(uri)).toBe(arn);
});

describe("bad input, said before anything is written", () => {
  const { ManagementApi } = require("@apigw-auth0-rbac/local-providers/cloud");
  const { readTenant, localTenantReader, auth0TenantReader, readHttpApi } = require("../../src/adopt/read");
  const { startLocalCloud } = require("../../src/local-cloud/cloud");

  it("an Auth0 API that cannot be found: the identifiers the tenant has", async () => {
    const tenant = new ManagementApi("t");
    tenant.createResourceServer({ identifier: "https://other.example.com" });
    await expect(readTenant(localTenantReader(tenant), IDENTIFIER)).rejects.toThrow(
      `the tenant has no API with identifier "${IDENTIFIER}"; it has "https://other.example.com": give --identifier one of them`,
    );
  });

  it("no Management API credentials: which variables, and --local", () => {
    expect(() => auth0TenantReader({})).toThrow(
      /no Management API credentials: set AUTH0_DOMAIN and AUTH0_CLIENT_ID with AUTH0_CLIENT_SECRET .* or AUTH0_API_TOKEN; or adopt from the local cloud with --local/,
    );
  });

  it("an HTTP API that cannot be found, or whose name is not unique: the APIs the account has", async () => {
    const dir = require("node:fs").mkdtempSync(require("node:path").join(require("node:os").tmpdir(), "adopt-read-"));
    const cloud = await startLocalCloud({ dir });
    try {
      const { AwsCloud } = require("@apigw-auth0-rbac/local-providers/cloud");
      const { fileStore } = require("@apigw-auth0-rbac/local-providers/cloud");
      const aws = new AwsCloud("us-east-1", {}, fileStore(dir));
      const a = aws.apigatewayv2.createApi({ Name: "twin", ProtocolType: "HTTP" });
      const b = aws.apigatewayv2.createApi({ Name: "twin", ProtocolType: "HTTP" });
      const v = cloud.variables;
      const target = {
        endpoint: v.AWS_ENDPOINT_URL,
        region: "us-east-1",
        credentials: { accessKeyId: v.AWS_ACCESS_KEY_ID, secretAccessKey: v.AWS_SECRET_ACCESS_KEY },
      };
      await expect(readHttpApi(target, { name: "missing" })).rejects.toThrow(
        /no HTTP API named "missing" in this account and region \(us-east-1\); its HTTP APIs: twin \(\w+\), twin \(\w+\)/,
      );
      await expect(readHttpApi(target, { name: "twin" })).rejects.toThrow(
        `2 HTTP APIs are named "twin" (${a.ApiId}, ${b.ApiId}): give --api-id instead`,
      );
      await expect(readHttpApi({ ...target, credentials: { accessKeyId: "AKIAOTHER", secretAccessKey: "x" } }, { id: a.ApiId })).rejects.toThrow(
        "AWS refused the credentials",
      );
    } finally {
      await cloud.close();
      require("node:fs").rmSync(dir, { recursive: true, force: true });
    }
  });
});
