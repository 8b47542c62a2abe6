import { PROBE_LAMBDA_SRC, probeModel } from "../fixtures/probe-model";
import { resourcesOf, synthProject } from "../helpers/synth";

describe("a model whose routes would have collided", () => {
  it("synthesizes /a-b and /a/b with two statement ids", () => {
    const model = {
      ...probeModel,
      routes: [
        { method: "GET", path: "/a-b", handler: "echo", scopes: ["probe:read"] },
        { method: "GET", path: "/a/b", handler: "echo", scopes: ["probe:read"] },
      ],
    };
    const { aws } = synthProject({ model, env: {}, lambdaSrcDir: PROBE_LAMBDA_SRC });
    const ids = resourcesOf(aws, "aws_lambda_permission").map((p) => p.statement_id);
    expect(new Set(ids).size).toBe(2);
    expect(resourcesOf(aws, "aws_apigatewayv2_route")).toHaveLength(2);
  });
});
