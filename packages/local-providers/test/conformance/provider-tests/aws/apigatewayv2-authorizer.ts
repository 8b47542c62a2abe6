// aws_apigatewayv2_authorizer: internal/service/apigatewayv2/authorizer_test.go (an aws-sdk-go v1 state, d49c1aa).
import { awsTest, NOT_REPLAYED } from "../sources";
import type { ProviderTestFile } from "../types";
import { config, imported, LAMBDA_BASE_NOTE, LAMBDA_ROLE, lambdaFunction, notRunnable } from "./shared";

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
const BASE = `${LAMBDA_ROLE}
${lambdaFunction("{{name}}", "nodejs14.x")}
resource "aws_iam_role" "test" {
  name = "{{name}}_auth_invocation_role"
  path = "/"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Action = "sts:AssumeRole", Principal = { Service = "apigateway.amazonaws.com" }, Effect = "Allow" }]
  })
}
`;
const authorizer = (api: string, body: string) => `${api}${BASE}
resource "aws_apigatewayv2_authorizer" "test" {
  api_id = aws_apigatewayv2_api.test.id
${body}
}`;
export const AUTHORIZER_BASIC = authorizer(
  WEBSOCKET,
  '  authorizer_type = "REQUEST"\n  authorizer_uri = aws_lambda_function.test.invoke_arn\n  name = "{{name}}"',
);
const credentials = (sources: string, name: string) =>
  authorizer(
    WEBSOCKET,
    `  authorizer_type = "REQUEST"\n  authorizer_uri = aws_lambda_function.test.invoke_arn\n  identity_sources = ${sources}\n  name = "${name}"\n  authorizer_credentials_arn = aws_iam_role.test.arn`,
  );
export const authorizerJwt = (audience: string) =>
  authorizer(
    HTTP,
    `  authorizer_type = "JWT"
  identity_sources = ["$request.header.Authorization"]
  name = "{{name}}"
  jwt_configuration {
    audience = ${audience}
    issuer   = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_providertests"
  }`,
  );
const requestAuthorizer = (ttl: number) =>
  authorizer(
    HTTP,
    `  authorizer_payload_format_version = "1.0"
  authorizer_result_ttl_in_seconds  = ${ttl}
  authorizer_type                   = "REQUEST"
  authorizer_uri                    = aws_lambda_function.test.invoke_arn
  enable_simple_responses           = false
  identity_sources                  = ["$request.querystring.User", "$context.routeKey"]
  name                              = "{{name}}"`,
  );
export const AUTHORIZER_NOTE = { adapted: LAMBDA_BASE_NOTE };
export const AUTHORIZER_COGNITO = {
  adapted: `${LAMBDA_BASE_NOTE}; the issuer is a literal Cognito URL (the stand-ins do not serve aws_cognito_user_pool)`,
};

export const APIGATEWAYV2_AUTHORIZER: ProviderTestFile = {
  provider: "aws",
  resource: "aws_apigatewayv2_authorizer",
  source: awsTest("internal/service/apigatewayv2/authorizer_test.go", "d49c1aa", "an aws-sdk-go v1 state"),
  cases: [
    config("TestAccAPIGatewayV2Authorizer_basic", 1, AUTHORIZER_BASIC, AUTHORIZER_NOTE),
    imported("TestAccAPIGatewayV2Authorizer_basic", 2),
    notRunnable("TestAccAPIGatewayV2Authorizer_disappears", 1, NOT_REPLAYED.disappears),
    config("TestAccAPIGatewayV2Authorizer_credentials", 1, credentials('["route.request.header.Auth"]', "{{name}}"), AUTHORIZER_NOTE),
    imported("TestAccAPIGatewayV2Authorizer_credentials", 2),
    config(
      "TestAccAPIGatewayV2Authorizer_credentials",
      3,
      credentials('["route.request.header.Auth", "route.request.querystring.Name"]', "{{name}}-updated"),
      AUTHORIZER_NOTE,
    ),
    config("TestAccAPIGatewayV2Authorizer_credentials", 4, AUTHORIZER_BASIC, AUTHORIZER_NOTE),
    config("TestAccAPIGatewayV2Authorizer_jwt", 1, authorizerJwt('["test"]'), AUTHORIZER_COGNITO),
    imported("TestAccAPIGatewayV2Authorizer_jwt", 2),
    config("TestAccAPIGatewayV2Authorizer_jwt", 3, authorizerJwt('["test", "testing"]'), AUTHORIZER_COGNITO),
    config(
      "TestAccAPIGatewayV2Authorizer_HTTPAPILambdaRequestAuthorizer_initialMissingCacheTTL",
      1,
      authorizer(
        HTTP,
        `  authorizer_payload_format_version = "2.0"
  authorizer_type                   = "REQUEST"
  authorizer_uri                    = aws_lambda_function.test.invoke_arn
  enable_simple_responses           = true
  identity_sources                  = ["$request.header.Auth"]
  name                              = "{{name}}"`,
      ),
      AUTHORIZER_NOTE,
    ),
    imported("TestAccAPIGatewayV2Authorizer_HTTPAPILambdaRequestAuthorizer_initialMissingCacheTTL", 2),
    config("TestAccAPIGatewayV2Authorizer_HTTPAPILambdaRequestAuthorizer_initialMissingCacheTTL", 3, requestAuthorizer(3600), AUTHORIZER_NOTE),
    config("TestAccAPIGatewayV2Authorizer_HTTPAPILambdaRequestAuthorizer_initialMissingCacheTTL", 4, requestAuthorizer(0), AUTHORIZER_NOTE),
    config("TestAccAPIGatewayV2Authorizer_HTTPAPILambdaRequestAuthorizer_initialZeroCacheTTL", 1, requestAuthorizer(0), AUTHORIZER_NOTE),
    imported("TestAccAPIGatewayV2Authorizer_HTTPAPILambdaRequestAuthorizer_initialZeroCacheTTL", 2),
    config("TestAccAPIGatewayV2Authorizer_HTTPAPILambdaRequestAuthorizer_initialZeroCacheTTL", 3, requestAuthorizer(600), AUTHORIZER_NOTE),
  ],
};
