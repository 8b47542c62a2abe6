// aws_apigatewayv2_api: internal/service/apigatewayv2/api.go (resourceAPI) and CreateApi.
import { apiLimit, rulesOf } from "../build";
import { AWS_DOCS, awsFile } from "../sources";
import type { ResourceCatalogue } from "../types";
import { APIGW_ENUMS } from "./enums";

const file = awsFile("internal/service/apigatewayv2/api.go", "resourceAPI", "00a3530");
const r = rulesOf(file);

export const apigatewayv2Api: ResourceCatalogue = {
  provider: "hashicorp/aws",
  type: "aws_apigatewayv2_api",
  source: file,
  rules: [
    r.required("name"),
    r.required("protocol_type"),
    r.forceNew("credentials_arn"),
    r.forceNew("protocol_type"),
    r.forceNew("route_key"),
    r.forceNew("target"),
    r.default("api_key_selection_expression", "$request.header.x-api-key"),
    r.default("route_selection_expression", "$request.method $request.path"),
    r.oneOf("api_key_selection_expression", ["$context.authorizer.usageIdentifierKey", "$request.header.x-api-key"], false),
    r.custom("body", { type: "json-or-yaml" }, "{qkey} contains an invalid JSON: {err}", "verify.ValidStringIsJSONOrYAML", {
      note: "the JSON branch: a body starting with { (after spaces)",
    }),
    r.custom("body", { type: "custom", name: "yaml" }, "{qkey} contains an invalid YAML: {err}", "verify.ValidStringIsJSONOrYAML (checkYAMLString)", {
      name: "yaml",
      notRun:
        "the YAML branch needs Go's YAML parser (sigs.k8s.io/yaml) to word its errors; the stacks send JSON bodies only, so a YAML body passes the stand-in unchecked",
    }),
    r.custom("credentials_arn", { type: "arn" }, "{qkey} ({value}) is an invalid ARN: {err}", "verify.ValidARN"),
    r.lengthBetween("description", 0, 1024),
    r.oneOf("ip_address_type", APIGW_ENUMS.IpAddressType, false, { via: "ValidateDiagFunc" }),
    r.lengthBetween("name", 1, 128),
    r.oneOf("protocol_type", APIGW_ENUMS.ProtocolType, false, { via: "ValidateDiagFunc" }),
    r.lengthBetween("version", 1, 64),
    r.wholeNumber("cors_configuration.max_age"),
    apiLimit("body", {
      call: "ReimportApi",
      field: "Body",
      check: { type: "custom", name: "openapi-import-warnings" },
      status: 400,
      code: "BadRequestException",
      message: "Warnings found during import:\n\tUnable to resolve the reference {value}",
      doc: AWS_DOCS.reimportApi,
      note: "failOnWarnings: a warning fails the import; a local $ref to nothing is one (the provider's TestAccAPIGatewayV2API_OpenAPI_failOnWarnings); the wording after 'Warnings found during import' is ours",
    }),
    apiLimit("cors_configuration.max_age", {
      call: "CreateApi",
      field: "CorsConfiguration.MaxAge",
      check: { type: "int-between", min: -1, max: 86400 },
      status: 400,
      code: "BadRequestException",
      message: "Invalid MaxAge value {value}: must be between -1 and 86400",
      doc: AWS_DOCS.cors,
      note: "the bounds are the documented Cors.MaxAge minimum and maximum; the service's message text is not documented, so the stand-in's wording is its own",
    }),
  ],
  calls: {
    CreateApi: { service: "ApiGatewayV2", wrap: "creating API Gateway v2 API (%s): %s", nameFrom: "name" },
    // api.go reimportOpenAPIDefinition: "reimporting API Gateway v2 API (%s) OpenAPI definition: %w", with the new API's id.
    ReimportApi: { service: "ApiGatewayV2", wrap: "reimporting API Gateway v2 API (%s) OpenAPI definition: %s" },
  },
};
