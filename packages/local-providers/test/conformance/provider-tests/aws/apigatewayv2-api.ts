// aws_apigatewayv2_api: internal/service/apigatewayv2/api_test.go (an aws-sdk-go v1 state, 56dec8b:
// the tests of later states, ip_address_type's say, are not in it).
import { awsTest, NOT_REPLAYED, OFFLINE } from "../sources";
import type { ProviderTestCase, ProviderTestFile } from "../types";

const api = (body: string) => `resource "aws_apigatewayv2_api" "test" {
  name = "{{name}}"
${body}
}`;
const WEBSOCKET = api('  protocol_type = "WEBSOCKET"\n  route_selection_expression = "$request.body.action"');
const HTTP = api('  protocol_type = "HTTP"');
const ALL_WEBSOCKET = api(`  api_key_selection_expression = "$context.authorizer.usageIdentifierKey"
  description                  = "test description"
  disable_execute_api_endpoint = true
  protocol_type                = "WEBSOCKET"
  route_selection_expression   = "$request.body.service"
  version                      = "v1"`);
const ALL_HTTP = api('  description = "test description"\n  disable_execute_api_endpoint = true\n  protocol_type = "HTTP"\n  version = "v1"');
const integration = (version: string) =>
  `        x-amazon-apigateway-integration:\n          type: HTTP_PROXY\n          httpMethod: GET\n          payloadFormatVersion: ${version}\n          uri: https://www.google.de`;
const yaml = (extra: string, path: string, top = "", version = "'1.0'") =>
  api(`  protocol_type = "HTTP"
${extra}  body = <<EOF
---
openapi: 3.0.1
info:
  title: {{name}}_DIFFERENT
  version: 2.0
${top}paths:
  "${path}":
    get:
${integration(version)}
EOF`);
const CORS_TOP = "x-amazon-apigateway-cors:\n  allow_methods:\n    - delete\n  allow_origins:\n    - https://www.google.de\n";
const json = (extra: string, path: string, info = "") =>
  api(`  protocol_type = "HTTP"
${extra}  body = jsonencode({
    openapi = "3.0.1"
    info    = { title = "{{name}}_DIFFERENT", version = "2.0"${info} }
    paths = {
      "${path}" = {
        get = {
          "x-amazon-apigateway-integration" = { type = "HTTP_PROXY", httpMethod = "GET", payloadFormatVersion = "1.0", uri = "https://www.google.de" }
        }
      }
    }
  })`);
const failOnWarnings = (setting: string) =>
  api(`  protocol_type = "HTTP"
  body = jsonencode({
    openapi = "3.0.1"
    info    = { title = "Title test", version = "2.0", description = "Description test" }
    paths = {
      "/update" = {
        get = {
          "x-amazon-apigateway-integration" = { type = "HTTP_PROXY", httpMethod = "GET", payloadFormatVersion = "1.0", uri = "https://www.google.de" }
          responses = {
            "200" = {
              description = "Response description"
              content     = { "application/json" = { schema = { "$ref" = "#/components/schemas/ModelThatDoesNotExist" } } }
            }
          }
        }
      }
    }
  })
  ${setting}`);

const config = (test: string, step: number, hcl: string): ProviderTestCase => ({ test, step, kind: "config", hcl, expect: { phase: "none" } });
const imported = (test: string, step: number): ProviderTestCase => ({
  test,
  step,
  kind: "config",
  expect: { phase: "none" },
  notRunnable: OFFLINE.import,
});
const CORS_UPDATED = api(`  protocol_type = "HTTP"
  cors_configuration {
    allow_credentials = true
    allow_methods     = ["*"]
    allow_origins     = ["HTTP://WWW.EXAMPLE.ORG", "https://example.io"]
    expose_headers    = ["X-Api-Id"]
    max_age           = 500
  }`);

export const APIGATEWAYV2_API: ProviderTestFile = {
  provider: "aws",
  resource: "aws_apigatewayv2_api",
  source: awsTest("internal/service/apigatewayv2/api_test.go", "56dec8b", "an aws-sdk-go v1 state: tests added before 6.25.0 after it are not in it"),
  cases: [
    config("TestAccAPIGatewayV2API_basicWebSocket", 1, WEBSOCKET),
    imported("TestAccAPIGatewayV2API_basicWebSocket", 2),
    config("TestAccAPIGatewayV2API_basicHTTP", 1, HTTP),
    imported("TestAccAPIGatewayV2API_basicHTTP", 2),
    { test: "TestAccAPIGatewayV2API_disappears", step: 1, kind: "config", expect: { phase: "none" }, notRunnable: NOT_REPLAYED.disappears },
    ...[ALL_WEBSOCKET, WEBSOCKET, ALL_WEBSOCKET, ALL_WEBSOCKET].map((hcl, i) => config("TestAccAPIGatewayV2API_allAttributesWebSocket", i + 1, hcl)),
    imported("TestAccAPIGatewayV2API_allAttributesWebSocket", 5),
    ...[ALL_HTTP, HTTP, ALL_HTTP, ALL_HTTP].map((hcl, i) => config("TestAccAPIGatewayV2API_allAttributesHTTP", i + 1, hcl)),
    imported("TestAccAPIGatewayV2API_allAttributesHTTP", 5),
    config("TestAccAPIGatewayV2API_openAPI", 1, json("", "/test").replace('version = "2.0"', 'version = "1.0"')),
    imported("TestAccAPIGatewayV2API_openAPI", 2),
    config("TestAccAPIGatewayV2API_openAPI", 3, yaml("", "/update", "", "1.0")),
    config(
      "TestAccAPIGatewayV2API_OpenAPI_withTags",
      1,
      yaml(
        '  tags = {\n    Key1 = "Value1"\n    Key2 = "Value2"\n  }\n',
        "/test",
        "tags:\n  - name: Key1\n    x-amazon-apigateway-tag-value: Value3\n",
      ),
    ),
    imported("TestAccAPIGatewayV2API_OpenAPI_withTags", 2),
    config(
      "TestAccAPIGatewayV2API_OpenAPI_withTags",
      3,
      yaml(
        '  tags = {\n    Key1 = "Value1U"\n    Key2 = "Value2U"\n  }\n',
        "/update",
        "tags:\n  - name: Key3\n    x-amazon-apigateway-tag-value: Value3\n  - name: Key4\n    x-amazon-apigateway-tag-value: Value3\n",
        "1.0",
      ),
    ),
    config(
      "TestAccAPIGatewayV2API_OpenAPI_withCors",
      1,
      yaml('  cors_configuration {\n    allow_methods = ["delete"]\n    allow_origins = ["https://www.google.de"]\n  }\n', "/test", CORS_TOP),
    ),
    imported("TestAccAPIGatewayV2API_OpenAPI_withCors", 2),
    config("TestAccAPIGatewayV2API_OpenAPI_withCors", 3, yaml("", "/update", CORS_TOP, "1.0")),
    config(
      "TestAccAPIGatewayV2API_OpenAPI_withCors",
      4,
      yaml(
        '  cors_configuration {\n    allow_methods = ["put", "get"]\n    allow_origins = ["https://www.google.de", "https://www.example.com"]\n  }\n',
        "/update",
        CORS_TOP,
        "1.0",
      ),
    ),
    config("TestAccAPIGatewayV2API_OpenAPI_withMoreFields", 1, yaml("", "/test").replace("version: 2.0", "version: 1.0")),
    imported("TestAccAPIGatewayV2API_OpenAPI_withMoreFields", 2),
    config(
      "TestAccAPIGatewayV2API_OpenAPI_withMoreFields",
      3,
      json('  version = "2017-04-21T04:08:08Z"\n  description = "description test"\n', "/update", ', description = "description different"'),
    ),
    imported("TestAccAPIGatewayV2API_OpenAPI_withMoreFields", 4),
    {
      test: "TestAccAPIGatewayV2API_OpenAPI_failOnWarnings",
      step: 1,
      kind: "expect-error",
      hcl: failOnWarnings("fail_on_warnings = true"),
      expect: { phase: "apply", pattern: /BadRequestException: Warnings found during import/ },
    },
    config("TestAccAPIGatewayV2API_OpenAPI_failOnWarnings", 2, failOnWarnings("fail_on_warnings = false")),
    imported("TestAccAPIGatewayV2API_OpenAPI_failOnWarnings", 3),
    config("TestAccAPIGatewayV2API_OpenAPI_failOnWarnings", 4, failOnWarnings("")),
    imported("TestAccAPIGatewayV2API_OpenAPI_failOnWarnings", 5),
    config(
      "TestAccAPIGatewayV2API_tags",
      1,
      api(
        '  protocol_type = "WEBSOCKET"\n  route_selection_expression = "$request.body.action"\n  tags = {\n    Key1 = "Value1"\n    Key2 = "Value2"\n  }',
      ),
    ),
    imported("TestAccAPIGatewayV2API_tags", 2),
    config("TestAccAPIGatewayV2API_tags", 3, WEBSOCKET),
    config(
      "TestAccAPIGatewayV2API_cors",
      1,
      api(
        '  protocol_type = "HTTP"\n  cors_configuration {\n    allow_headers = ["Authorization"]\n    allow_methods = ["GET", "put"]\n    allow_origins = ["https://www.example.com"]\n  }',
      ),
    ),
    imported("TestAccAPIGatewayV2API_cors", 2),
    config("TestAccAPIGatewayV2API_cors", 3, CORS_UPDATED),
    config("TestAccAPIGatewayV2API_cors", 4, HTTP),
    config("TestAccAPIGatewayV2API_quickCreate", 1, api('  protocol_type = "HTTP"\n  target = "http://www.example.com/"\n  route_key = "GET /pets"')),
    imported("TestAccAPIGatewayV2API_quickCreate", 2),
  ],
};
