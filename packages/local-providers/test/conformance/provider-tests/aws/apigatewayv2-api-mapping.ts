// aws_apigatewayv2_api_mapping: internal/service/apigatewayv2/api_mapping_test.go (an aws-sdk-go v1 state, 262d4da).
// The source imports a self-signed certificate into ACM through the SDK, outside terraform; ours
// imports it with aws_acm_certificate (its PEM a placeholder: the stand-in does not read it).
import { awsTest, NOT_REPLAYED } from "../sources";
import type { ProviderTestFile } from "../types";
import { config, imported, notRunnable } from "./shared";

export const IMPORTED_CERTIFICATE = `resource "aws_acm_certificate" "test" {
  certificate_body = "-----BEGIN CERTIFICATE-----\\nMIIBprovidertests\\n-----END CERTIFICATE-----\\n"
  private_key      = "-----BEGIN RSA PRIVATE KEY-----\\nMIIBprovidertests\\n-----END RSA PRIVATE KEY-----\\n"
}
`;
const mapping = (key?: string) => `${IMPORTED_CERTIFICATE}
resource "aws_apigatewayv2_domain_name" "test" {
  domain_name = "{{name}}.example.com"
  domain_name_configuration {
    certificate_arn = aws_acm_certificate.test.arn
    endpoint_type   = "REGIONAL"
    security_policy = "TLS_1_2"
  }
}

resource "aws_apigatewayv2_api" "test" {
  name                       = "{{name}}"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}

resource "aws_apigatewayv2_stage" "test" {
  api_id = aws_apigatewayv2_api.test.id
  name   = "{{name}}"
}

resource "aws_apigatewayv2_api_mapping" "test" {
  api_id      = aws_apigatewayv2_api.test.id
  domain_name = aws_apigatewayv2_domain_name.test.id
  stage       = aws_apigatewayv2_stage.test.id
${key ? `  api_mapping_key = "${key}"\n` : ""}}`;
const NOTE = { adapted: "the certificate is imported with aws_acm_certificate (the source imports it through the SDK before the test)" };
const T = "TestAccAPIGatewayV2APIMapping_basic/";

export const APIGATEWAYV2_API_MAPPING: ProviderTestFile = {
  provider: "aws",
  resource: "aws_apigatewayv2_api_mapping",
  source: awsTest("internal/service/apigatewayv2/api_mapping_test.go", "262d4da", "an aws-sdk-go v1 state"),
  cases: [
    config(`${T}basic`, 1, mapping(), NOTE),
    imported(`${T}basic`, 2),
    notRunnable(`${T}disappears`, 1, NOT_REPLAYED.disappears),
    config(`${T}ApiMappingKey`, 1, mapping("$context.domainName"), NOTE),
    config(`${T}ApiMappingKey`, 2, mapping("$context.apiId"), NOTE),
    imported(`${T}ApiMappingKey`, 3),
  ],
};
