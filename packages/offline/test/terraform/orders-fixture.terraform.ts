// The orders fixture through the real terraform 1.11 and the local provider stand-ins:
// init, validate, plan and apply of both stacks in order, the remote state carrying issuer
// and audience, a second plan with no changes, a model change and a rename as terraform
// plans them, a bad value refused at plan, and destroy.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startLocalSystem } from "../../src/emulator/local-system";
import { standInClientToken } from "../../src/emulator/auth0/token-client";
import { ORDERS_CLIENT_ACCESS, ORDERS_ACCESS, ORDERS_LAMBDA_SRC, ordersModel } from "../fixtures/orders-model";
import { tokenForRole } from "../helpers/local-system";
import { synthProject } from "../helpers/synth";
import { changesOnly, resourcesOfState, TerraformProject } from "./terraform-helpers";

const PASSWORD = { TF_VAR_test_user_password: "correct horse battery" };
const synth = (model = ordersModel) => synthProject({ model, env: {}, lambdaSrcDir: ORDERS_LAMBDA_SRC });

let project: TerraformProject;
beforeAll(() => {
  project = new TerraformProject(synth(), PASSWORD);
});
afterAll(() => project?.dispose());

describe("deploying both stacks in order", () => {
  it("initializes and validates both stacks with the providers' real schemas", () => {
    for (const stack of ["auth0", "aws"]) {
      project.init(stack);
      expect(project.ok(stack, ["validate", "-no-color"])).toContain("Success! The configuration is valid.");
    }
  });

  it("plans and applies the auth0 stack, then the aws stack reading its state", () => {
    const auth0Plan = project.plan("auth0");
    expect(Object.values(auth0Plan).every((a) => a.join() === "create")).toBe(true);
    project.apply("auth0");
    const awsPlan = project.plan("aws");
    expect(Object.values(awsPlan).every((a) => a.join() === "create")).toBe(true);
    project.apply("aws");

    const outputs = project.outputs("auth0");
    expect(outputs.issuer).toBe("https://acme-shop.us.auth0.com/");
    const [authorizer] = resourcesOfState(project.state("aws"), "aws_apigatewayv2_authorizer");
    expect(authorizer.jwt_configuration).toEqual([{ issuer: outputs.issuer, audience: [outputs.audience] }]);
  });

  it("fills in what only apply knows: ids, ARNs, invoke URL, code hash and size, tags_all", () => {
    const state = project.state("aws");
    const [api] = resourcesOfState(state, "aws_apigatewayv2_api");
    expect(api.execution_arn).toBe(`arn:aws:execute-api:us-east-1:123456789012:${api.id}`);
    const [stage] = resourcesOfState(state, "aws_apigatewayv2_stage");
    expect(stage.invoke_url).toBe(`https://${api.id}.execute-api.us-east-1.amazonaws.com/`);
    for (const fn of resourcesOfState(state, "aws_lambda_function")) {
      const archive = readFileSync(join(project.stackDir("aws"), fn.filename));
      expect(fn.code_sha256).toBe(createHash("sha256").update(archive).digest("base64"));
      expect(fn.source_code_size).toBe(archive.length);
      expect(fn.invoke_arn).toBe(`arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${fn.arn}/invocations`);
      expect(fn.tags_all).toEqual({ project: "apigw-auth0-rbac", api: "Acme Orders" });
    }
    const clients = resourcesOfState(project.state("auth0"), "auth0_client");
    for (const client of clients) expect(client.client_id).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(project.outputs("auth0").spa_client_id).toBe(clients.find((c) => c.app_type === "spa")!.client_id);
    const m2m = Object.fromEntries(clients.filter((c) => c.app_type === "non_interactive").map((c) => [c.name, c.client_id]));
    expect(project.outputs("auth0").m2m_client_ids).toEqual(m2m);
    // The Management API's user id carries the connection's prefix, and the provider sets user_id to it.
    const [user] = resourcesOfState(project.state("auth0"), "auth0_user");
    expect(user.id).toMatch(/^auth0\|[0-9a-f]{24}$/);
    expect(user.user_id).toBe(user.id);
    // Each grant points at its client's id as Auth0 returned it, with Auth0's default subject type.
    const grants = resourcesOfState(project.state("auth0"), "auth0_client_grant");
    expect(grants.map((g) => [g.client_id, g.audience, g.scopes, g.subject_type, g.id.startsWith("cgr_")]).sort()).toEqual(
      [
        [m2m["order-sync"], "urn:acme:orders", ["orders:read", "orders:write"], "client", true],
        [m2m["report-exporter"], "urn:acme:orders", ["reports:read"], "client", true],
      ].sort(),
    );
  });

  it("plans no changes a second time", () => {
    expect(changesOnly(project.plan("auth0"))).toEqual({});
    expect(changesOnly(project.plan("aws"))).toEqual({});
  });
});

describe("serving what was applied", () => {
  it("lets in exactly who the orders model allows, with the client ids terraform returned", async () => {
    const system = await startLocalSystem({
      outdir: join(project.dir, "cdktf.out"),
      appliedState: project.stackStates(),
      passwordForDeclaredUsers: PASSWORD.TF_VAR_test_user_password,
      // The handlers' own log lines are not the test run's output.
      functionLog: () => undefined,
    });
    try {
      const applied = resourcesOfState(project.state("auth0"), "auth0_client")
        .map((c) => c.client_id)
        .sort();
      expect(system.auth0.clients.map((c) => c.clientId).sort()).toEqual(applied);
      const examples: Record<string, [string, string]> = {
        "GET /orders": ["GET", "/orders"],
        "POST /orders": ["POST", "/orders"],
        "GET /reports/{month}": ["GET", "/reports/2026-11"],
      };
      for (const [role, routes] of Object.entries(ORDERS_ACCESS)) {
        const token = await tokenForRole(system, role);
        for (const [routeKey, expected] of Object.entries(routes)) {
          const [method, path] = examples[routeKey];
          const response = await fetch(`${system.api.url}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
          expect([role, routeKey, response.status]).toEqual([role, routeKey, expected]);
        }
      }
      for (const [name, routes] of Object.entries(ORDERS_CLIENT_ACCESS)) {
        const client = system.auth0.clients.find((c) => c.modelName === name)!;
        const token = await standInClientToken(system.auth0, client);
        for (const [routeKey, expected] of Object.entries(routes)) {
          const [method, path] = examples[routeKey];
          const response = await fetch(`${system.api.url}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
          expect([name, routeKey, response.status]).toEqual([name, routeKey, expected]);
        }
      }
    } finally {
      await system.close();
    }
  });
});

describe("what a change plans", () => {
  afterAll(() => project.load(synth()));

  it("adds exactly the new route and its permission, and updates the scopes and the role", () => {
    const changed = structuredClone(ordersModel) as any;
    changed.permissions.push({ name: "orders:cancel", description: "Cancel orders" });
    changed.routes.push({ method: "DELETE", path: "/orders/{id}", handler: "create-order", scopes: ["orders:cancel"] });
    changed.roles.find((r: any) => r.name === "clerk").permissions.push("orders:cancel");
    project.load(synth(changed));

    const auth0 = changesOnly(project.plan("auth0"));
    expect(auth0).toEqual({
      "auth0_resource_server_scopes.api_permissions_B58944B5": ["update"],
      [Object.keys(auth0).find((a) => a.startsWith("auth0_role_permissions.role-clerk"))!]: ["update"],
    });
    const aws = changesOnly(project.plan("aws"));
    expect(
      Object.entries(aws)
        .map(([address, actions]) => [address.split(".")[0], actions])
        .sort(),
    ).toEqual([
      ["aws_apigatewayv2_api", ["update"]], // CORS gains DELETE
      ["aws_apigatewayv2_route", ["create"]],
      ["aws_lambda_permission", ["create"]],
    ]);
  });

  it("replaces the API when its identifier is renamed", () => {
    const renamed = structuredClone(ordersModel) as any;
    renamed.api.identifier = "urn:acme:orders:v2";
    project.load(synth(renamed));
    const auth0 = changesOnly(project.plan("auth0"));
    const server = Object.entries(auth0).find(([a]) => a.startsWith("auth0_resource_server."))!;
    expect(server[1]).toEqual(["delete", "create"]);
    const plain = project.ok("auth0", ["show", "-no-color", "plan"]);
    expect(plain).toMatch(/auth0_resource_server\.\S+ must be replaced/);
    expect(plain).toMatch(/~ identifier\s+= "urn:acme:orders" -> "urn:acme:orders:v2" # forces replacement/);
  });

  it("replaces a function whose name changes", () => {
    project.load(synth());
    project.edit("aws", (json) => {
      const fn: any = Object.values(json.resource.aws_lambda_function)[0];
      fn.function_name = `${fn.function_name}-renamed`;
    });
    const aws = changesOnly(project.plan("aws"));
    expect(Object.entries(aws).find(([a]) => a.startsWith("aws_lambda_function."))![1]).toEqual(["delete", "create"]);
  });
});

describe("values the real provider refuses", () => {
  afterAll(() => project.load(synth()));

  it.each([
    ["aws", "aws_lambda_function", "runtime", "nodejs9.x", /expected runtime to be one of \[.*"nodejs22.x".*\], got nodejs9.x/],
    ["aws", "aws_cloudwatch_log_group", "retention_in_days", 42, /expected retention_in_days to be one of \[0 1 3 5 7 14 30 60 90 .*\], got 42/],
    ["aws", "aws_apigatewayv2_integration", "payload_format_version", "3.0", /expected payload_format_version to be one of \["1.0" "2.0"\], got 3.0/],
    ["auth0", "auth0_resource_server", "token_dialect", "access_token_perms", /expected token_dialect to be one of \[.*\], got access_token_perms/],
    ["auth0", "auth0_client", "app_type", "single_page", /expected app_type to be one of \[.*"spa".*\], got single_page/],
  ])("fails the %s plan on %s.%s = %j, naming the attribute", (stack, type, attribute, value, message) => {
    project.load(synth());
    project.edit(stack, (json) => {
      const resource: any = Object.values(json.resource[type])[0];
      resource[attribute] = value;
    });
    const result = project.run(stack, ["plan", "-input=false", "-no-color"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain(`"${attribute}"`);
  });
});

describe("what the stand-ins do not know", () => {
  afterAll(() => project.load(synth()));

  it("is an error naming the resource type", () => {
    project.edit("aws", (json) => {
      json.resource.aws_apigatewayv2_vpc_link = { custom: { name: "link", security_group_ids: [], subnet_ids: [] } };
    });
    const result = project.run("aws", ["validate", "-no-color"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/does not support resource type\s+"aws_apigatewayv2_vpc_link"/);
  });
});

describe("destroying", () => {
  it("leaves both stacks' state empty", () => {
    project.ok("aws", ["destroy", "-input=false", "-no-color", "-auto-approve"]);
    project.ok("auth0", ["destroy", "-input=false", "-no-color", "-auto-approve"]);
    for (const stack of ["auth0", "aws"]) expect(project.state(stack).values?.root_module?.resources ?? []).toEqual([]);
  });
});
