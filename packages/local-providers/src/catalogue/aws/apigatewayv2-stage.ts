// aws_apigatewayv2_stage: internal/service/apigatewayv2/stage.go and CreateStage.
import { rulesOf } from "../build";
import { awsFile } from "../sources";
import type { ResourceCatalogue } from "../types";
import { APIGW_ENUMS } from "./enums";

const file = awsFile("internal/service/apigatewayv2/stage.go", "resourceStage", "02f6d2d");
const r = rulesOf(file);

export const apigatewayv2Stage: ResourceCatalogue = {
  provider: "hashicorp/aws",
  type: "aws_apigatewayv2_stage",
  source: file,
  rules: [
    r.required("api_id"),
    r.required("name"),
    r.required("access_log_settings.destination_arn"),
    r.required("access_log_settings.format"),
    r.required("route_settings.route_key"),
    r.forceNew("api_id"),
    r.forceNew("name"),
    r.default("auto_deploy", false),
    r.default("default_route_settings.data_trace_enabled", false),
    r.default("default_route_settings.detailed_metrics_enabled", false),
    r.default("route_settings.data_trace_enabled", false),
    r.default("route_settings.detailed_metrics_enabled", false),
    r.custom("access_log_settings.destination_arn", { type: "arn" }, "{qkey} ({value}) is an invalid ARN: {err}", "verify.ValidARN"),
    r.oneOf("default_route_settings.logging_level", APIGW_ENUMS.LoggingLevel, false, { via: "ValidateDiagFunc" }),
    r.wholeNumber("default_route_settings.throttling_burst_limit"),
    r.lengthBetween("description", 0, 1024),
    r.lengthBetween("name", 1, 128),
    r.oneOf("route_settings.logging_level", APIGW_ENUMS.LoggingLevel, false, { via: "ValidateDiagFunc" }),
    r.wholeNumber("route_settings.throttling_burst_limit"),
  ],
  calls: { CreateStage: { service: "ApiGatewayV2", wrap: "creating API Gateway v2 Stage (%s): %s", nameFrom: "name" } },
};
