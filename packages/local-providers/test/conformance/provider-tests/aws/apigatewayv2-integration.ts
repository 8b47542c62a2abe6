// aws_apigatewayv2_integration: internal/service/apigatewayv2/integration_test.go (an aws-sdk-go v1 state, af55dfb).
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
const integration = (api: string, body: string) => `${api}
resource "aws_apigatewayv2_integration" "test" {
  api_id = aws_apigatewayv2_api.test.id
${body}
}`;
const LAMBDA = `resource "aws_iam_role" "test" {
  name = "{{name}}"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["sts:AssumeRole"], Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "test" {
  name = "{{name}}"
  role = aws_iam_role.test.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"], Resource = ["*"] }]
  })
}

resource "aws_lambda_function" "test" {
  filename      = "{{zip}}"
  function_name = "{{name}}"
  role          = aws_iam_role.test.arn
  handler       = "index.handler"
  runtime       = "nodejs14.x"
  depends_on    = [aws_iam_role_policy.test]
}

resource "aws_lambda_permission" "test" {
  action        = "lambda:*"
  function_name = aws_lambda_function.test.arn
  principal     = "apigateway.amazonaws.com"
}
`;
const BASIC = integration(WEBSOCKET, '  integration_type = "MOCK"');
const dataMapping = (request: string, extra: string) =>
  integration(
    HTTP,
    `  integration_type   = "HTTP_PROXY"
  integration_method = "ANY"
  integration_uri    = "http://www.example.com"
  request_parameters = {
${request}
  }
  response_parameters {
    status_code = "500"
    mappings = {
      "append:header.header1" = "$context.requestId"
      "overwrite:statuscode"  = "403"
    }
  }
${extra}`,
  );
const typeHttp = (
  strategy: string,
  description: string,
  method: string,
  uri: string,
  passthrough: string,
  selection: string,
  timeout: number,
  params: string,
  templates: string,
) =>
  integration(
    WEBSOCKET,
    `  integration_type = "HTTP"
  connection_type               = "INTERNET"
  content_handling_strategy     = "${strategy}"
  description                   = "${description}"
  integration_method            = "${method}"
  integration_uri               = "${uri}"
  passthrough_behavior          = "${passthrough}"
  template_selection_expression = "${selection}"
  timeout_milliseconds          = ${timeout}
  request_parameters = {
${params}
  }
  request_templates = {
${templates}
  }`,
  );
const sqs = (queue: number) =>
  integration(
    `${HTTP}
resource "aws_iam_role" "test" {
  name = "{{name}}"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "apigateway.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "test" {
  name   = "{{name}}"
  role   = aws_iam_role.test.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["sqs:*"], Resource = "*" }] })
}
`,
    `  credentials_arn     = aws_iam_role.test.arn
  description         = "Test SQS send"
  integration_type    = "AWS_PROXY"
  integration_subtype = "SQS-SendMessage"
  request_parameters = {
    "QueueUrl"       = "https://sqs.us-east-1.amazonaws.com/123456789012/{{name}}-${queue}"
    "MessageGroupId" = "$request.body.authentication_key"
    "MessageBody"    = "$request.body"
  }
  depends_on = [aws_iam_role_policy.test]`,
  );
const SQS_NOTE = { adapted: "the queue URL is a literal: the stand-ins do not serve aws_sqs_queue" };
const VPC_LINK = "aws_vpc, aws_subnet, aws_lb and a VPC link";

export const APIGATEWAYV2_INTEGRATION: ProviderTestFile = {
  provider: "aws",
  resource: "aws_apigatewayv2_integration",
  source: awsTest("internal/service/apigatewayv2/integration_test.go", "af55dfb", "an aws-sdk-go v1 state"),
  cases: [
    config("TestAccAPIGatewayV2Integration_basicWebSocket", 1, BASIC),
    imported("TestAccAPIGatewayV2Integration_basicWebSocket", 2),
    config(
      "TestAccAPIGatewayV2Integration_basicHTTP",
      1,
      integration(HTTP, '  integration_type = "HTTP_PROXY"\n  integration_method = "GET"\n  integration_uri = "https://example.com"'),
    ),
    imported("TestAccAPIGatewayV2Integration_basicHTTP", 2),
    notRunnable("TestAccAPIGatewayV2Integration_disappears", 1, NOT_REPLAYED.disappears),
    config(
      "TestAccAPIGatewayV2Integration_dataMappingHTTP",
      1,
      dataMapping(
        '    "append:header.header1"  = "$context.requestId"\n    "remove:querystring.qs1" = "\'\'"',
        '  response_parameters {\n    status_code = "404"\n    mappings = {\n      "append:header.error" = "$stageVariables.environmentId"\n    }\n  }',
      ),
    ),
    config(
      "TestAccAPIGatewayV2Integration_dataMappingHTTP",
      2,
      dataMapping('    "append:header.header1"    = "$context.accountId"\n    "overwrite:header.header2" = "$stageVariables.environmentId"', ""),
    ),
    imported("TestAccAPIGatewayV2Integration_dataMappingHTTP", 3),
    config(
      "TestAccAPIGatewayV2Integration_integrationTypeHTTP",
      1,
      typeHttp(
        "CONVERT_TO_TEXT",
        "Test HTTP",
        "GET",
        "http://www.example.com",
        "WHEN_NO_MATCH",
        "$request.body.name",
        28999,
        '    "integration.request.querystring.stage" = "\'value1\'"',
        '    "application/json" = ""',
      ),
    ),
    config(
      "TestAccAPIGatewayV2Integration_integrationTypeHTTP",
      2,
      typeHttp(
        "CONVERT_TO_BINARY",
        "Test HTTP updated",
        "POST",
        "http://www.example.org",
        "WHEN_NO_TEMPLATES",
        "$request.body.id",
        51,
        '    "integration.request.header.x-userid" = "\'value2\'"\n    "integration.request.path.op" = "\'value3\'"',
        '    "application/json" = "#set($number=42)"\n    "application/xml" = "#set($percent=$number/100)"',
      ),
    ),
    imported("TestAccAPIGatewayV2Integration_integrationTypeHTTP", 3),
    config(
      "TestAccAPIGatewayV2Integration_lambdaWebSocket",
      1,
      integration(
        WEBSOCKET + LAMBDA,
        `  integration_type          = "AWS"
  connection_type           = "INTERNET"
  content_handling_strategy = "CONVERT_TO_TEXT"
  description               = "Test Lambda"
  integration_uri           = aws_lambda_function.test.invoke_arn
  passthrough_behavior      = "WHEN_NO_MATCH"
  depends_on                = [aws_lambda_permission.test]`,
      ),
    ),
    imported("TestAccAPIGatewayV2Integration_lambdaWebSocket", 2),
    config(
      "TestAccAPIGatewayV2Integration_lambdaHTTP",
      1,
      integration(
        HTTP + LAMBDA,
        `  integration_type       = "AWS_PROXY"
  connection_type        = "INTERNET"
  description            = "Test Lambda"
  integration_uri        = aws_lambda_function.test.invoke_arn
  payload_format_version = "2.0"
  depends_on             = [aws_lambda_permission.test]`,
      ),
    ),
    imported("TestAccAPIGatewayV2Integration_lambdaHTTP", 2),
    needsUnserved("TestAccAPIGatewayV2Integration_vpcLinkWebSocket", 1, `${VPC_LINK} (aws_api_gateway_vpc_link)`),
    imported("TestAccAPIGatewayV2Integration_vpcLinkWebSocket", 2),
    needsUnserved("TestAccAPIGatewayV2Integration_vpcLinkHTTP", 1, `${VPC_LINK} (aws_apigatewayv2_vpc_link)`),
    imported("TestAccAPIGatewayV2Integration_vpcLinkHTTP", 2),
    needsUnserved("TestAccAPIGatewayV2Integration_vpcLinkHTTP", 3, `${VPC_LINK} (aws_apigatewayv2_vpc_link)`),
    imported("TestAccAPIGatewayV2Integration_vpcLinkHTTP", 4),
    config("TestAccAPIGatewayV2Integration_serviceIntegration", 1, sqs(0), SQS_NOTE),
    config("TestAccAPIGatewayV2Integration_serviceIntegration", 2, sqs(1), SQS_NOTE),
    imported("TestAccAPIGatewayV2Integration_serviceIntegration", 3),
  ],
};
