// The constructs keep their own resources in step: CORS allows the methods of the routes added,
// whenever they are added, and each route's invoke permission comes from its integration.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Testing, TerraformStack } from "cdktf";
import { BundledNodeFunction } from "../src/aws/bundled-node-function";
import { JwtHttpApi } from "../src/aws/jwt-http-api";

const ECHO = join(__dirname, "fixtures", "echo.ts");
const BUNDLE_DIR = mkdtempSync(join(tmpdir(), "constructs-wiring-"));

function apiWithTwoFunctions() {
  const stack = new TerraformStack(Testing.app(), "wiring");
  const api = new JwtHttpApi(stack, "api", { name: "t", issuer: "https://t.example/", audience: ["a"], allowOrigins: ["https://t.example"] });
  const fn = (id: string) => new BundledNodeFunction(stack, id, { entry: ECHO, functionName: `t-${id}`, bundleDir: BUNDLE_DIR });
  return { stack, api, one: fn("one"), two: fn("two") };
}

const synthesized = (stack: TerraformStack) => JSON.parse(Testing.synth(stack));
const all = (json: any, type: string): any[] => Object.values(json.resource?.[type] ?? {});

it("allows in CORS the methods of every route, including routes added after the API", () => {
  const { stack, api, one } = apiWithTwoFunctions();
  api.addRoute("GET /a", { handler: one, scopes: ["s"] });
  api.addRoute("GET /b", { handler: one, scopes: ["s"] });
  api.addRoute("PUT /a", { handler: one, scopes: ["s"] });
  const [httpApi] = all(synthesized(stack), "aws_apigatewayv2_api");
  expect(httpApi.cors_configuration.allow_methods).toEqual(["GET", "PUT"]);
});

it("makes one integration per function, and a permission per route scoped to its method and path", () => {
  const { stack, api, one, two } = apiWithTwoFunctions();
  api.addRoute("GET /a", { handler: one, scopes: ["s"] });
  api.addRoute("GET /items/{id}", { handler: one, scopes: ["s"] });
  api.addRoute("POST /b", { handler: two, scopes: ["s"] });
  const json = synthesized(stack);
  expect(all(json, "aws_apigatewayv2_integration").map((i) => i.integration_uri)).toEqual([
    expect.stringContaining("aws_lambda_function.one_function_"),
    expect.stringContaining("aws_lambda_function.two_function_"),
  ]);
  expect(
    all(json, "aws_lambda_permission").map((p) => [
      p.function_name.replace(/_[A-F0-9]+\.function_name\}$/, "}"),
      p.source_arn.replace(/^\$\{[^}]+\}/, ""),
    ]),
  ).toEqual([
    ["${aws_lambda_function.one_function}", "/*/GET/a"],
    ["${aws_lambda_function.one_function}", "/*/GET/items/*"],
    ["${aws_lambda_function.two_function}", "/*/POST/b"],
  ]);
});

it("shares one permission per function and method when the routes ask for it", () => {
  const { stack, api, one } = apiWithTwoFunctions();
  const first = api.addRoute("GET /a", { handler: one, scopes: ["s"], invokeScope: { scope: "method", methods: ["GET"] } });
  const second = api.addRoute("GET /b", { handler: one, scopes: ["s"], invokeScope: { scope: "method", methods: ["GET"] } });
  expect(second.permission).toBe(first.permission);
  expect(all(synthesized(stack), "aws_lambda_permission").map((p) => p.source_arn.replace(/^\$\{[^}]+\}/, ""))).toEqual(["/*/GET/*"]);
});
