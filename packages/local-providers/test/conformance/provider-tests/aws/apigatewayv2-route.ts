// aws_apigatewayv2_route: internal/service/apigatewayv2/route_test.go (an aws-sdk-go v1 state, 3db496c).
import { awsTest, NOT_REPLAYED } from "../sources";
import type { ProviderTestFile } from "../types";
import { AUTHORIZER_BASIC, AUTHORIZER_COGNITO, AUTHORIZER_NOTE, authorizerJwt } from "./apigatewayv2-authorizer";
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
const route = (before: string, body: string) => `${before}
resource "aws_apigatewayv2_route" "test" {
  api_id = aws_apigatewayv2_api.test.id
${body}
}`;
const BASIC = route(WEBSOCKET, '  route_key = "$default"');
const SIMPLE = route(
  WEBSOCKET,
  '  route_key = "$default"\n  api_key_required = true\n  operation_name = "GET"\n  route_response_selection_expression = "$default"',
);
const parameters = (list: readonly [string, boolean][]) =>
  route(
    WEBSOCKET,
    `  route_key = "$connect"\n${list.map(([key, required]) => `  request_parameter {\n    request_parameter_key = "${key}"\n    required = ${required}\n  }`).join("\n")}`,
  );
const jwt = (scopes: string) =>
  route(
    authorizerJwt('["test"]'),
    `  route_key = "GET /test"\n  authorization_type = "JWT"\n  authorizer_id = aws_apigatewayv2_authorizer.test.id\n  authorization_scopes = ${scopes}`,
  );
const T = "TestAccAPIGatewayV2Route_";

export const APIGATEWAYV2_ROUTE: ProviderTestFile = {
  provider: "aws",
  resource: "aws_apigatewayv2_route",
  source: awsTest("internal/service/apigatewayv2/route_test.go", "3db496c", "an aws-sdk-go v1 state"),
  cases: [
    config(`${T}basic`, 1, BASIC),
    imported(`${T}basic`, 2),
    notRunnable(`${T}disappears`, 1, NOT_REPLAYED.disappears),
    config(
      `${T}authorizer`,
      1,
      route(AUTHORIZER_BASIC, '  route_key = "$connect"\n  authorization_type = "CUSTOM"\n  authorizer_id = aws_apigatewayv2_authorizer.test.id'),
      AUTHORIZER_NOTE,
    ),
    imported(`${T}authorizer`, 2),
    config(`${T}authorizer`, 3, route(AUTHORIZER_BASIC, '  route_key = "$connect"\n  authorization_type = "AWS_IAM"'), AUTHORIZER_NOTE),
    config(`${T}jwtAuthorization`, 1, jwt('["user.id", "user.email"]'), AUTHORIZER_COGNITO),
    imported(`${T}jwtAuthorization`, 2),
    config(`${T}jwtAuthorization`, 3, jwt('["user.email"]'), AUTHORIZER_COGNITO),
    needsUnserved(`${T}model`, 1, "aws_apigatewayv2_model"),
    imported(`${T}model`, 2),
    config(`${T}requestParameters`, 1, parameters([["route.request.header.authorization", true]])),
    config(
      `${T}requestParameters`,
      2,
      parameters([
        ["route.request.header.authorization", false],
        ["route.request.querystring.authToken", true],
      ]),
    ),
    imported(`${T}requestParameters`, 3),
    config(`${T}requestParameters`, 4, route(WEBSOCKET, '  route_key = "$connect"')),
    config(`${T}simpleAttributes`, 1, SIMPLE),
    config(`${T}simpleAttributes`, 2, BASIC),
    config(`${T}simpleAttributes`, 3, SIMPLE),
    imported(`${T}simpleAttributes`, 4),
    config(
      `${T}target`,
      1,
      route(
        `${WEBSOCKET}
resource "aws_apigatewayv2_integration" "test" {
  api_id           = aws_apigatewayv2_api.test.id
  integration_type = "MOCK"
}
`,
        '  route_key = "$default"\n  target = "integrations/${aws_apigatewayv2_integration.test.id}"',
      ),
    ),
    imported(`${T}target`, 2),
    config(`${T}updateRouteKey`, 1, route(HTTP, '  route_key = "GET /path"')),
    config(`${T}updateRouteKey`, 2, route(HTTP, '  route_key = "POST /new/path"')),
    imported(`${T}updateRouteKey`, 3),
  ],
};
