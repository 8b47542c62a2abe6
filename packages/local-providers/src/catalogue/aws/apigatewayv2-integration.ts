// aws_apigatewayv2_integration: internal/service/apigatewayv2/integration.go and CreateIntegration.
import { apiLimit, rulesOf, serviceDefault } from "../build";
import { AWS_DOCS, awsFile } from "../sources";
import type { ResourceCatalogue } from "../types";
import { APIGW_ENUMS } from "./enums";

const file = awsFile(
  "internal/service/apigatewayv2/integration.go",
  "resourceIntegration",
  "a 6.x SDKv2 state the index gave without its commit (id 2174133893)",
);
const r = rulesOf(file);
const HTTP_METHODS = ["ANY", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"];

export const apigatewayv2Integration: ResourceCatalogue = {
  provider: "hashicorp/aws",
  type: "aws_apigatewayv2_integration",
  source: file,
  rules: [
    r.required("api_id"),
    r.required("integration_type"),
    r.required("response_parameters.mappings"),
    r.required("response_parameters.status_code"),
    r.forceNew("api_id"),
    r.forceNew("integration_subtype"),
    r.forceNew("integration_type"),
    r.default("connection_type", "INTERNET"),
    r.default("passthrough_behavior", "WHEN_NO_MATCH"),
    r.default("payload_format_version", "1.0"),
    r.lengthBetween("connection_id", 1, 1024),
    r.oneOf("connection_type", APIGW_ENUMS.ConnectionType, false, { via: "ValidateDiagFunc" }),
    r.oneOf("content_handling_strategy", APIGW_ENUMS.ContentHandlingStrategy, false, { via: "ValidateDiagFunc" }),
    r.custom("credentials_arn", { type: "arn" }, "{qkey} ({value}) is an invalid ARN: {err}", "verify.ValidARN"),
    r.custom(
      "integration_method",
      { type: "one-of", values: HTTP_METHODS, ignoreCase: false },
      "expected {key} to be one of {values}, got {value}",
      "validHTTPMethod (validate.go)",
    ),
    r.lengthBetween("integration_subtype", 1, 128),
    r.oneOf("integration_type", APIGW_ENUMS.IntegrationType, false, { via: "ValidateDiagFunc" }),
    r.oneOf("passthrough_behavior", APIGW_ENUMS.PassthroughBehavior, false, { via: "ValidateDiagFunc" }),
    r.oneOf("payload_format_version", ["1.0", "2.0"], false),
    r.wholeNumber("timeout_milliseconds"),
    serviceDefault("timeout_milliseconds", 30000, {
      doc: AWS_DOCS.createIntegration,
      note: "TimeoutInMillis: the default is 30 seconds for HTTP APIs",
    }),
    apiLimit("timeout_milliseconds", {
      call: "CreateIntegration",
      field: "TimeoutInMillis",
      check: { type: "int-between", min: 50, max: 30000 },
      status: 400,
      code: "BadRequestException",
      message: "Timeout must be between 50 milliseconds and 30000 milliseconds",
      doc: AWS_DOCS.createIntegration,
      note: "TimeoutInMillis: between 50 and 30,000 milliseconds for HTTP APIs; the provider checks nothing at plan. The service's message text is not documented; the bounds are",
    }),
    apiLimit("api_id", {
      call: "CreateIntegration",
      field: "ApiId",
      check: { type: "quota", name: "integrations-per-api", limit: 300, adjustable: false },
      status: 400,
      code: "BadRequestException",
      message: "Maximum number of Integrations for this API has been reached.",
      doc: AWS_DOCS.httpApiQuotas,
      note: "quota: integrations per API, 300 (not adjustable); message worded like the Authorizers quota's, its own text is not documented",
    }),
  ],
  calls: { CreateIntegration: { service: "ApiGatewayV2", wrap: "creating API Gateway v2 Integration: %s" } },
};
