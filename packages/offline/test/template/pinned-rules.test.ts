// Rules no other test pinned: each of these went unnoticed when broken on purpose.
import { Testing, TerraformStack } from "cdktf";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BundledNodeFunction, JwtHttpApi } from "@apigw-auth0-rbac/constructs";
import { startLocalSystem } from "../../src/emulator/local-system";
import { MIN_TEST_USER_PASSWORD_LENGTH, resolveAccessModel } from "@apigw-auth0-rbac/model";
import { ORDERS_LAMBDA_SRC, ordersModel } from "../fixtures/orders-model";
import { PROBE_LAMBDA_SRC, probeModel } from "../fixtures/probe-model";
import { synthProject } from "../helpers/synth";

describe("test_user_password", () => {
  const orders = synthProject({ model: ordersModel, env: {}, lambdaSrcDir: ORDERS_LAMBDA_SRC });

  it(`is validated by terraform to at least ${MIN_TEST_USER_PASSWORD_LENGTH} characters`, () => {
    expect(orders.auth0.variable!.test_user_password.validation).toEqual([
      {
        condition: `\${length(var.test_user_password) >= ${MIN_TEST_USER_PASSWORD_LENGTH}}`,
        error_message: expect.stringContaining(`${MIN_TEST_USER_PASSWORD_LENGTH}`),
      },
    ]);
  });

  it("is refused by the local system when shorter, as terraform would refuse it", async () => {
    const short = "x".repeat(MIN_TEST_USER_PASSWORD_LENGTH - 1);
    await expect(startLocalSystem({ outdir: orders.outdir, passwordForDeclaredUsers: short })).rejects.toThrow(
      `TF_VAR_test_user_password has ${MIN_TEST_USER_PASSWORD_LENGTH - 1} characters; the auth0 stack requires at least ${MIN_TEST_USER_PASSWORD_LENGTH}`,
    );
    const system = await startLocalSystem({
      outdir: orders.outdir,
      passwordForDeclaredUsers: "x".repeat(MIN_TEST_USER_PASSWORD_LENGTH),
      functionLog: () => undefined,
    });
    await system.close();
  });
});

describe("the model's warnings", () => {
  it("warns about a route no role can call, naming it", () => {
    const model = { ...probeModel, roles: [{ name: "reader", permissions: ["probe:read"] }] };
    const { warnings } = resolveAccessModel(model, { env: {} });
    expect(warnings).toContain('routes: no role or client grants any scope of "POST /echo" (probe:write); nobody can call it');
  });
});

describe("JwtProtectedRoute", () => {
  const stack = new TerraformStack(Testing.app(), "construct-test");
  const api = new JwtHttpApi(stack, "api", { name: "t", issuer: "https://t.example/", audience: ["a"], allowOrigins: ["https://t.example"] });
  const handler = new BundledNodeFunction(stack, "fn", {
    entry: join(PROBE_LAMBDA_SRC, "echo.ts"),
    functionName: "t-echo",
    bundleDir: join(__dirname, "..", "dist", "lambda-construct-test"),
  });

  it.each([0, 11])("refuses %i scopes: API Gateway takes 1 to 10", (count) => {
    const scopes = Array.from({ length: count }, (_, i) => `s${i}`);
    expect(() => api.addRoute(`GET /n${count}`, { handler, scopes })).toThrow(`JwtProtectedRoute GET /n${count}: give 1 to 10 scopes (got ${count})`);
  });

  it.each([1, 10])("takes %i scopes", (count) => {
    expect(() => api.addRoute(`GET /m${count}`, { handler, scopes: Array.from({ length: count }, (_, i) => `s${i}`) })).not.toThrow();
  });
});

describe("a handler file", () => {
  it("without the handler export fails the synth, naming the file and the fix", () => {
    const dir = mkdtempSync(join(tmpdir(), "no-handler-"));
    writeFileSync(join(dir, "echo.ts"), "export const handle = async () => ({ statusCode: 200 });\n");
    const model = { ...probeModel, routes: probeModel.routes.filter((r) => r.handler === "echo") };
    expect(() => synthProject({ model, env: {}, lambdaSrcDir: dir })).toThrow(
      /echo\.ts exports no "handler" \(it exports: handle\); the Lambda runtime calls index\.handler, so add: export const handler = async \(event\) =>/,
    );
  });
});
