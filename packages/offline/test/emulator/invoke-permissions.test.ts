// A function's invoke permissions stay within Lambda's 20,480-byte resource-based policy at any
// number of routes: one per route while they fit a budget below the limit, then one per method.
// Checked against the Lambda API the aws stand-in runs, and the emulator invokes every route.
import { AWS_CATALOGUE } from "@apigw-auth0-rbac/local-providers/catalogue";
import { LambdaApi } from "@apigw-auth0-rbac/local-providers/cloud";
import { CallRules } from "@apigw-auth0-rbac/local-providers/cloud";
import { startLocalSystem } from "../../src/emulator/local-system";
import { INVOKE_POLICY_BUDGET, perRoutePolicyBytes, planInvokePermissions, RouteKey } from "@apigw-auth0-rbac/model";
import { PROBE_LAMBDA_SRC, probeModel } from "../fixtures/probe-model";
import { tokenForRole } from "../helpers/local-system";
import { resourcesOf, synthProject } from "../helpers/synth";

const ROUTES = 120;
const manyRoutes = {
  ...probeModel,
  routes: [
    ...probeModel.routes,
    ...Array.from({ length: ROUTES }, (_, i) => ({ method: "GET", path: `/r${i}`, handler: "echo", scopes: ["probe:read"] })),
  ],
};
const project = synthProject({ model: manyRoutes, env: {}, lambdaSrcDir: PROBE_LAMBDA_SRC });
const permissions = resourcesOf(project.aws, "aws_lambda_permission");
const isEcho = (p: any) => String(p.function_name).includes(".echo_");

// The longest ARNs a policy can hold (partition aws-us-gov, a 16-character region), as planned for.
const EXECUTION_ARN = `arn:aws-us-gov:execute-api:${"r".repeat(16)}:123456789012:abcdefghij`;
const lambdaApi = () =>
  new LambdaApi(new CallRules(Object.values(AWS_CATALOGUE)), (name) => `arn:aws-us-gov:lambda:${"r".repeat(16)}:123456789012:function:${name}`);
const addAll = (api: LambdaApi, statements: readonly { sid: string; sourceArn: string }[]) => {
  for (const s of statements) {
    api.addPermission({
      FunctionName: "probe-api-echo",
      StatementId: s.sid,
      Action: "lambda:InvokeFunction",
      Principal: "apigateway.amazonaws.com",
      SourceArn: s.sourceArn,
    });
  }
};

describe("planning", () => {
  const keys = (n: number) => Array.from({ length: n }, (_, i) => RouteKey.of("GET", `/r${i}`));
  const plan = (n: number) =>
    planInvokePermissions(
      keys(n).map((key) => ({ handler: "echo", key })),
      () => "probe-api-echo",
    ).get("echo");

  it("keeps one permission per route up to the budget, then one per method", () => {
    let fit = 1;
    while (perRoutePolicyBytes("probe-api-echo", keys(fit + 1)) <= INVOKE_POLICY_BUDGET) fit++;
    expect(fit).toBeGreaterThan(20);
    expect(plan(fit)).toEqual({ scope: "route" });
    expect(plan(fit + 1)).toEqual({ scope: "method", methods: ["GET"] });
  });

  it("bounds the policy as the Lambda API stand-in counts it", () => {
    const api = lambdaApi();
    const some = keys(30);
    addAll(
      api,
      some.map((k) => ({ sid: k.statementId, sourceArn: `${EXECUTION_ARN}/*/GET${k.arnPath}` })),
    );
    expect(api.getPolicy("probe-api-echo").Policy.length).toBe(perRoutePolicyBytes("probe-api-echo", some));
  });
});

describe(`${ROUTES} routes on one function`, () => {
  it("synthesize one permission per method for it (any path of this API, any stage), and one per route for the others", () => {
    expect(permissions.filter(isEcho).map((p) => [p.statement_id, p.source_arn])).toEqual([
      ["apigw-GET_any-path", expect.stringMatching(/^\$\{aws_apigatewayv2_api\.[^.]+\.execution_arn\}\/\*\/GET\/\*$/)],
      ["apigw-POST_any-path", expect.stringMatching(/^\$\{aws_apigatewayv2_api\.[^.]+\.execution_arn\}\/\*\/POST\/\*$/)],
    ]);
    expect(permissions.filter((p) => !isEcho(p)).map((p) => p.source_arn.replace(/^\$\{[^}]+\}/, ""))).toEqual(["/*/GET/bad-header", "/*/GET/boom"]);
  });

  it("fit the function's policy, where one permission per route would not", () => {
    const planned = lambdaApi();
    addAll(
      planned,
      permissions.filter(isEcho).map((p) => ({ sid: p.statement_id, sourceArn: p.source_arn.replace(/^\$\{[^}]+\}/, EXECUTION_ARN) })),
    );
    const perRoute = lambdaApi();
    const keys = manyRoutes.routes.filter((r) => r.handler === "echo").map((r) => RouteKey.of(r.method, r.path));
    expect(() =>
      addAll(
        perRoute,
        keys.map((k) => ({ sid: k.statementId, sourceArn: `${EXECUTION_ARN}/*/${k.method}${k.arnPath}` })),
      ),
    ).toThrow(/^The final policy size \(\d+\) is bigger than the limit \(20480\)\.$/);
  });

  it("are all invoked by the emulator, which reads the same permissions", async () => {
    const warnings: string[] = [];
    const system = await startLocalSystem({ outdir: project.outdir, warn: (w) => warnings.push(w), functionLog: () => undefined });
    try {
      expect(warnings.filter((w) => w.includes("no Lambda permission"))).toEqual([]);
      const token = await tokenForRole(system, "reader");
      for (const path of ["/r0", `/r${ROUTES - 1}`, "/items/7"]) {
        expect([path, (await fetch(`${system.api.url}${path}`, { headers: { authorization: token } })).status]).toEqual([path, 200]);
      }
    } finally {
      await system.close();
    }
  });
});
