// aws_apigatewayv2_stage: internal/service/apigatewayv2/stage_test.go (an aws-sdk-go v1 state, af55dfb).
// Steps of routeSettingsHTTP, routeSettingsHTTPWithRoute, stageVariables and tags were not read
// (offsets 46000-62000 of that state): their configurations are here one step each.
import { awsTest, NOT_REPLAYED } from "../sources";
import type { ProviderTestFile } from "../types";
import { config, imported, needsUnserved, notRunnable } from "./shared";

const WEBSOCKET = `resource "aws_apigatewayv2_api" "test" {
  name                       = "{{name}}"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}
`;
const HTTP = `resource "aws_apigatewayv2_api" "test" {
  name          = "{{name}}"
  protocol_type = "HTTP"
}
`;
const stage = (api: string, body = "", name = '"{{name}}"', extra = "") => `${api}${extra}
resource "aws_apigatewayv2_stage" "test" {
  api_id = aws_apigatewayv2_api.test.id
  name   = ${name}
${body}
}`;
const autoDeploy = (on: boolean) =>
  stage(
    HTTP,
    `  auto_deploy = ${on}`,
    '"{{name}}"',
    `
resource "aws_apigatewayv2_integration" "test" {
  api_id             = aws_apigatewayv2_api.test.id
  integration_type   = "HTTP_PROXY"
  integration_method = "GET"
  integration_uri    = "https://example.com"
}

resource "aws_apigatewayv2_route" "test" {
  api_id    = aws_apigatewayv2_api.test.id
  route_key = "GET /test"
  target    = "integrations/\${aws_apigatewayv2_integration.test.id}"
}
`,
  );
const accessLog = (format: string) =>
  stage(
    WEBSOCKET,
    `  access_log_settings {\n    destination_arn = aws_cloudwatch_log_group.test.arn\n    format = "${format}"\n  }`,
    '"{{name}}"',
    '\nresource "aws_cloudwatch_log_group" "test" {\n  name = "{{name}}"\n}\n',
  );
const block = (name: string, fields: string) => `  ${name} {\n${fields}\n  }`;
const CLOUDWATCH = { adapted: "runs as in an account whose API Gateway CloudWatch role is set (the source's precheck skips the others)" };
const T = "TestAccAPIGatewayV2Stage_";

export const APIGATEWAYV2_STAGE: ProviderTestFile = {
  provider: "aws",
  resource: "aws_apigatewayv2_stage",
  source: awsTest(
    "internal/service/apigatewayv2/stage_test.go",
    "af55dfb",
    "an aws-sdk-go v1 state; offsets 46000-62000 not read: routeSettingsHTTP, routeSettingsHTTPWithRoute, stageVariables and tags one step each",
  ),
  cases: [
    config(`${T}basicWebSocket`, 1, stage(WEBSOCKET)),
    imported(`${T}basicWebSocket`, 2),
    config(`${T}basicHTTP`, 1, stage(HTTP)),
    imported(`${T}basicHTTP`, 2),
    config(`${T}defaultHTTPStage`, 1, stage(HTTP, "", '"$default"')),
    imported(`${T}defaultHTTPStage`, 2),
    config(`${T}autoDeployHTTP`, 1, autoDeploy(false)),
    config(`${T}autoDeployHTTP`, 2, autoDeploy(true)),
    imported(`${T}autoDeployHTTP`, 3),
    notRunnable(`${T}disappears`, 1, NOT_REPLAYED.disappears),
    config(`${T}accessLogSettings`, 1, accessLog("$context.identity.sourceIp $context.requestId"), CLOUDWATCH),
    imported(`${T}accessLogSettings`, 2),
    config(`${T}accessLogSettings`, 3, accessLog("$context.requestId"), CLOUDWATCH),
    needsUnserved(`${T}clientCertificateIdAndDescription`, 1, "aws_api_gateway_client_certificate"),
    imported(`${T}clientCertificateIdAndDescription`, 2),
    config(`${T}clientCertificateIdAndDescription`, 3, stage(WEBSOCKET, '  description = "Test stage updated"'), {
      adapted:
        "the client certificate the step still declares (and the stage no longer uses) is left out: the stand-ins do not serve aws_api_gateway_client_certificate",
    }),
    config(
      `${T}defaultRouteSettingsWebSocket`,
      1,
      stage(
        WEBSOCKET,
        block(
          "default_route_settings",
          '    data_trace_enabled = true\n    detailed_metrics_enabled = true\n    logging_level = "ERROR"\n    throttling_burst_limit = 2222\n    throttling_rate_limit = 8888',
        ),
      ),
      CLOUDWATCH,
    ),
    config(
      `${T}defaultRouteSettingsWebSocket`,
      2,
      stage(
        WEBSOCKET,
        block(
          "default_route_settings",
          '    data_trace_enabled = false\n    detailed_metrics_enabled = true\n    logging_level = "INFO"\n    throttling_burst_limit = 1111\n    throttling_rate_limit = 9999',
        ),
      ),
      CLOUDWATCH,
    ),
    imported(`${T}defaultRouteSettingsWebSocket`, 3),
    config(`${T}defaultRouteSettingsWebSocket`, 4, stage(WEBSOCKET)),
    config(
      `${T}defaultRouteSettingsHTTP`,
      1,
      stage(
        HTTP,
        block("default_route_settings", "    detailed_metrics_enabled = true\n    throttling_burst_limit = 2222\n    throttling_rate_limit = 8888"),
      ),
    ),
    config(
      `${T}defaultRouteSettingsHTTP`,
      2,
      stage(HTTP, block("default_route_settings", "    throttling_burst_limit = 1111\n    throttling_rate_limit = 9999")),
    ),
    imported(`${T}defaultRouteSettingsHTTP`, 3),
    config(`${T}defaultRouteSettingsHTTP`, 4, stage(HTTP)),
    needsUnserved(`${T}deployment`, 1, "aws_apigatewayv2_deployment"),
    imported(`${T}deployment`, 2),
    config(
      `${T}routeSettingsWebSocket`,
      1,
      stage(
        WEBSOCKET,
        `${block("route_settings", '    route_key = "$default"')}\n${block(
          "route_settings",
          '    route_key = "$connect"\n    data_trace_enabled = true\n    detailed_metrics_enabled = true\n    logging_level = "ERROR"\n    throttling_burst_limit = 2222\n    throttling_rate_limit = 8888',
        )}`,
      ),
      CLOUDWATCH,
    ),
    config(
      `${T}routeSettingsWebSocket`,
      2,
      stage(
        WEBSOCKET,
        `${block("route_settings", '    route_key = "$default"\n    throttling_burst_limit = 1111\n    throttling_rate_limit = 9999')}\n${block(
          "route_settings",
          '    route_key = "$connect"\n    logging_level = "INFO"',
        )}\n${block("route_settings", '    route_key = "$disconnect"')}`,
      ),
      CLOUDWATCH,
    ),
    imported(`${T}routeSettingsWebSocket`, 3),
    config(`${T}routeSettingsWebSocket`, 4, stage(WEBSOCKET)),
    config(
      `${T}routeSettingsHTTP`,
      1,
      stage(
        HTTP,
        block(
          "route_settings",
          '    route_key = "$default"\n    detailed_metrics_enabled = true\n    throttling_burst_limit = 2222\n    throttling_rate_limit = 8888',
        ),
      ),
    ),
    config(
      `${T}routeSettingsHTTP`,
      2,
      stage(HTTP, block("route_settings", '    route_key = "$default"\n    throttling_burst_limit = 1111\n    throttling_rate_limit = 9999')),
    ),
    config(
      `${T}RouteSettingsHTTP_withRoute`,
      1,
      stage(
        HTTP,
        block("route_settings", "    route_key = aws_apigatewayv2_route.test.route_key\n    throttling_burst_limit = 1"),
        '"{{name}}"',
        `
resource "aws_apigatewayv2_route" "test" {
  api_id    = aws_apigatewayv2_api.test.id
  route_key = "GET /first"
  target    = "integrations/\${aws_apigatewayv2_integration.test.id}"
}

resource "aws_apigatewayv2_integration" "test" {
  api_id             = aws_apigatewayv2_api.test.id
  integration_type   = "HTTP_PROXY"
  integration_method = "GET"
  integration_uri    = "https://example.com/"
}
`,
      ),
    ),
    config(`${T}stageVariables`, 1, stage(WEBSOCKET, '  stage_variables = {\n    Var1 = "Value1"\n    Var2 = "Value2"\n  }')),
    config(`${T}tags`, 1, stage(WEBSOCKET, '  tags = {\n    Key1 = "Value1"\n    Key2 = "Value2"\n  }')),
  ],
};
