import "cdktf/lib/testing/adapters/jest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { unzipSync, strFromU8 } from "fflate";
import { unicornModel as defaultModel } from "../fixtures/unicorn-model";
import { AUTH0_OUTPUTS } from "@apigw-auth0-rbac/model";
import { jwtEvent } from "../helpers/events";
import { policyViolations } from "../helpers/policies";
import { forSnapshot, onlyResource, referenced, resourcesOf, synthProject, type StackJson } from "../helpers/synth";
import { ORDERS_LAMBDA_SRC, ordersModel } from "../fixtures/orders-model";

/** route key → its scopes, read from the synthesized routes. */
function routeScopes(aws: StackJson): Record<string, string[]> {
  return Object.fromEntries(resourcesOf(aws, "aws_apigatewayv2_route").map((r) => [r.route_key, r.authorization_scopes]));
}

describe("the aws stack", () => {
  const project = synthProject();
  const { aws } = project;

  it("matches the reviewed snapshot", () => {
    expect(forSnapshot(aws)).toMatchSnapshot();
  });

  it("protects every model route with the JWT authorizer and exactly its model scopes", () => {
    const authorizer = Object.keys(aws.resource!.aws_apigatewayv2_authorizer);
    expect(authorizer).toHaveLength(1);
    for (const route of resourcesOf(aws, "aws_apigatewayv2_route")) {
      expect(route.authorization_type).toBe("JWT");
      expect(route.authorizer_id).toBe(`\${aws_apigatewayv2_authorizer.${authorizer[0]}.id}`);
    }
    expect(routeScopes(aws)).toEqual({ "GET /unicorn": ["read:unicorn"], "GET /unicorns": ["list:unicorns"] });
  });

  it("takes the authorizer's issuer and audience from the auth0 stack's remote state", () => {
    const authorizer = onlyResource(aws, "aws_apigatewayv2_authorizer");
    expect(authorizer.authorizer_type).toBe("JWT");
    expect(authorizer.identity_sources).toEqual(["$request.header.Authorization"]);
    expect(authorizer.jwt_configuration).toEqual({
      issuer: `\${data.terraform_remote_state.auth0-state.outputs.${AUTH0_OUTPUTS.issuer}}`,
      audience: [`\${data.terraform_remote_state.auth0-state.outputs.${AUTH0_OUTPUTS.audience}}`],
    });
    // and those outputs exist in the auth0 stack under the same names
    expect(Object.keys(project.auth0.output!)).toEqual(expect.arrayContaining(["issuer", "audience"]));
  });

  it("allows CORS from the SPA's web origins only, for the routes' methods", () => {
    const api = onlyResource(aws, "aws_apigatewayv2_api");
    expect(api.protocol_type).toBe("HTTP");
    expect(api.cors_configuration).toEqual({
      allow_origins: defaultModel.spa.webOrigins,
      allow_headers: ["authorization", "content-type"],
      allow_methods: ["GET"],
      allow_credentials: false,
      max_age: 600,
    });
  });

  it("integrates each function as a payload 2.0 Lambda proxy", () => {
    const integrations = resourcesOf(aws, "aws_apigatewayv2_integration");
    expect(integrations).toHaveLength(2);
    for (const i of integrations) {
      expect(i).toMatchObject({ integration_type: "AWS_PROXY", payload_format_version: "2.0", integration_method: "POST" });
      expect(referenced(aws, i.integration_uri).type).toBe("aws_lambda_function");
    }
  });

  it("runs the functions on a current Node.js runtime on arm64 with small limits", () => {
    const fns = resourcesOf(aws, "aws_lambda_function");
    expect(fns.map((f) => f.function_name).sort()).toEqual(["unicorn-api-get-unicorn", "unicorn-api-list-unicorns"]);
    for (const fn of fns) {
      expect(fn).toMatchObject({ runtime: "nodejs22.x", architectures: ["arm64"], handler: "index.handler", memory_size: 128, timeout: 5 });
      expect(fn.source_code_hash).toMatch(/^[A-Za-z0-9+/]{43}=$/);
      expect(referenced(aws, `\${${fn.logging_config.log_group.slice(2, -1)}}`).resource.retention_in_days).toBe(30);
    }
  });

  it("lets each function write to its own log group only", () => {
    const docs = Object.values<any>(aws.data!.aws_iam_policy_document).filter((d) =>
      d.statement.some((s: any) => s.actions.includes("logs:PutLogEvents")),
    );
    expect(docs).toHaveLength(2);
    for (const doc of docs) {
      expect(doc.statement).toHaveLength(1);
      expect(doc.statement[0].actions).toEqual(["logs:CreateLogStream", "logs:PutLogEvents"]);
      expect(doc.statement[0].resources).toEqual([expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.[^.]+\.arn\}:log-stream:\*$/)]);
    }
  });

  it("limits each Lambda permission to its route's method and path", () => {
    const arns = resourcesOf(aws, "aws_lambda_permission")
      .map((p) => p.source_arn)
      .sort();
    const [apiId] = Object.keys(aws.resource!.aws_apigatewayv2_api);
    expect(arns).toEqual([
      `\${aws_apigatewayv2_api.${apiId}.execution_arn}/*/GET/unicorn`,
      `\${aws_apigatewayv2_api.${apiId}.execution_arn}/*/GET/unicorns`,
    ]);
  });

  it("deploys a $default stage with JSON access logs and throttling", () => {
    const stage = onlyResource(aws, "aws_apigatewayv2_stage");
    expect(stage).toMatchObject({ name: "$default", auto_deploy: true });
    expect(stage.default_route_settings).toMatchObject({ throttling_burst_limit: 100, throttling_rate_limit: 50 });
    const format = JSON.parse(stage.access_log_settings.format);
    expect(format).toMatchObject({
      requestId: "$context.requestId",
      routeKey: "$context.routeKey",
      status: "$context.status",
      responseLatency: "$context.responseLatency",
      authorizerError: "$context.authorizer.error",
      integrationError: "$context.integrationErrorMessage",
    });
  });

  it("outputs the invoke URL and one URL per route", () => {
    const [apiId] = Object.keys(aws.resource!.aws_apigatewayv2_api);
    expect(aws.output!.api_endpoint.value).toBe(`\${aws_apigatewayv2_api.${apiId}.api_endpoint}`);
    expect(aws.output!.route_urls.value).toEqual({
      "GET /unicorn": `\${aws_apigatewayv2_api.${apiId}.api_endpoint}/unicorn`,
      "GET /unicorns": `\${aws_apigatewayv2_api.${apiId}.api_endpoint}/unicorns`,
    });
  });

  it("writes no machine path", () => {
    expect(project.awsText).not.toContain(process.cwd());
    expect(project.awsText).not.toContain(project.outdir);
    expect(resourcesOf(aws, "aws_lambda_function").map((f) => f.filename)).toEqual([
      expect.stringMatching(/^assets\/get-unicorn_code_[0-9A-F]+\/[0-9A-F]+\/archive\.zip$/),
      expect.stringMatching(/^assets\/list-unicorns_code_[0-9A-F]+\/[0-9A-F]+\/archive\.zip$/),
    ]);
  });

  it("passes every policy", () => {
    expect(policyViolations(aws)).toEqual([]);
  });

  it("ships a bundle in the asset archive that answers 200 and 400", async () => {
    const fn = resourcesOf(aws, "aws_lambda_function").find((f) => f.function_name.endsWith("get-unicorn"));
    // The asset path is relative to the stack's folder, where terraform runs.
    const archive = unzipSync(readFileSync(join(project.outdir, "stacks", "aws", fn.filename)));
    expect(Object.keys(archive)).toEqual(["index.js"]);
    const code = strFromU8(archive["index.js"]);
    expect(code).not.toMatch(/node_modules/);
    const mod: any = { exports: {} };
    new Function("module", "exports", "require", code)(mod, mod.exports, require);
    const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
    expect(await mod.exports.handler(jwtEvent({ query: { name: "Gaia" } }))).toMatchObject({
      statusCode: 200,
      body: '{"name":"Gaia","gift":"Speed"}',
    });
    expect((await mod.exports.handler(jwtEvent({ query: { name: "" } }))).statusCode).toBe(400);
    log.mockRestore();
  });
});

describe("the policies", () => {
  const { aws } = synthProject();

  it("fails an open route, a /*/* permission, a wildcard origin and a log group without retention, naming each", () => {
    const broken = JSON.parse(JSON.stringify(aws));
    const [routeId, route] = Object.entries<any>(broken.resource.aws_apigatewayv2_route)[0];
    route.authorization_type = "NONE";
    const [permId, perm] = Object.entries<any>(broken.resource.aws_lambda_permission)[0];
    perm.source_arn = perm.source_arn.replace(/\/\*\/GET\/.*$/, "/*/*");
    const [apiId, api] = Object.entries<any>(broken.resource.aws_apigatewayv2_api)[0];
    api.cors_configuration.allow_origins = ["*"];
    const [groupId, group] = Object.entries<any>(broken.resource.aws_cloudwatch_log_group)[0];
    delete group.retention_in_days;
    const [docId, doc] = Object.entries<any>(broken.data.aws_iam_policy_document).find(([id]) => id.includes("write-logs"))!;
    doc.statement[0].resources = ["*"];
    expect(policyViolations(broken)).toEqual([
      `every route is JWT-authorized with scopes: ${routeId}`,
      `every log group has a retention: ${groupId}`,
      `every Lambda permission is limited to one route: ${permId}`,
      `CORS names its origins, never *: ${apiId}`,
      `no IAM statement grants on every resource: ${docId}`,
    ]);
  });
});

describe("a different model (orders: three routes, three roles)", () => {
  const { auth0, aws } = synthProject({ model: ordersModel, env: {}, lambdaSrcDir: ORDERS_LAMBDA_SRC });

  it("defines its permissions, roles and grants in Auth0", () => {
    expect(onlyResource(auth0, "auth0_resource_server")).toMatchObject({ identifier: "urn:acme:orders", token_lifetime: 900 });
    expect(onlyResource(auth0, "auth0_resource_server_scopes").scopes.map((s: any) => s.name)).toEqual([
      "orders:read",
      "orders:write",
      "reports:read",
    ]);
    const grants = resourcesOf(auth0, "auth0_role_permissions").flatMap((rp) =>
      rp.permissions.map((p: any) => `${referenced(auth0, rp.role_id).resource.name} -> ${p.name}`),
    );
    expect(grants.sort()).toEqual([
      "auditor -> orders:read",
      "auditor -> reports:read",
      "clerk -> orders:read",
      "clerk -> orders:write",
      "viewer -> orders:read",
    ]);
    expect(onlyResource(auth0, "auth0_user")).toMatchObject({ email: "clerk@acme.test", connection_name: "acme-staff" });
    expect(auth0.output!.issuer.value).toBe("https://acme-shop.us.auth0.com/");
    expect(JSON.stringify(auth0)).not.toMatch(/unicorn/i);
  });

  it("routes, scopes, CORS, permissions and limits follow the model", () => {
    expect(routeScopes(aws)).toEqual({
      "GET /orders": ["orders:read"],
      "POST /orders": ["orders:write"],
      "GET /reports/{month}": ["reports:read", "orders:write"],
    });
    const api = onlyResource(aws, "aws_apigatewayv2_api");
    expect(api.cors_configuration.allow_origins).toEqual(["https://backoffice.acme.test", "http://localhost:5173"]);
    expect(api.cors_configuration.allow_methods).toEqual(["GET", "POST"]);
    expect(
      resourcesOf(aws, "aws_lambda_permission")
        .map((p) => p.source_arn.replace(/^.*execution_arn\}/, ""))
        .sort(),
    ).toEqual(["/*/GET/orders", "/*/GET/reports/*", "/*/POST/orders"]);
    expect(onlyResource(aws, "aws_apigatewayv2_stage").default_route_settings).toMatchObject({
      throttling_burst_limit: 20,
      throttling_rate_limit: 10,
    });
    expect(resourcesOf(aws, "aws_cloudwatch_log_group").map((g) => g.retention_in_days)).toEqual([90, 90, 90, 90]);
    expect(JSON.stringify(aws)).not.toMatch(/unicorn/i);
    expect(policyViolations(aws)).toEqual([]);
  });
});

describe("an externally managed tenant", () => {
  const model = structuredClone(defaultModel);
  model.externalTenant = { issuer: "https://corp.eu.auth0.com", audience: "https://api.corp" };
  const { aws } = synthProject({ model });

  it("uses the explicit issuer (normalised to one trailing slash) and reads no remote state", () => {
    expect(onlyResource(aws, "aws_apigatewayv2_authorizer").jwt_configuration).toEqual({
      issuer: "https://corp.eu.auth0.com/",
      audience: ["https://api.corp"],
    });
    expect(aws.data?.terraform_remote_state).toBeUndefined();
  });
});
