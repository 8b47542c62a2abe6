// aws_apigatewayv2_route: internal/service/apigatewayv2/route.go and CreateRoute.
import { apiLimit, rulesOf } from "../build";
import { AWS_DOCS, awsFile } from "../sources";
import type { ResourceCatalogue } from "../types";
import { APIGW_ENUMS } from "./enums";

const file = awsFile("internal/service/apigatewayv2/route.go", "resourceRoute", "00a3530");
const r = rulesOf(file);

export const apigatewayv2Route: ResourceCatalogue = {
  provider: "hashicorp/aws",
  type: "aws_apigatewayv2_route",
  source: file,
  rules: [
    r.required("api_id"),
    r.required("route_key"),
    r.required("request_parameter.request_parameter_key"),
    r.required("request_parameter.required"),
    r.forceNew("api_id"),
    r.default("api_key_required", false),
    r.default("authorization_type", "NONE"),
    r.oneOf("authorization_type", APIGW_ENUMS.AuthorizationType, false, { via: "ValidateDiagFunc" }),
    r.lengthBetween("operation_name", 1, 64),
    r.lengthBetween("target", 1, 128),
    apiLimit("api_id", {
      call: "CreateRoute",
      field: "ApiId",
      check: { type: "quota", name: "routes-per-api", limit: 300, adjustable: true },
      status: 400,
      code: "BadRequestException",
      message: "Maximum number of Routes for this API has been reached. Please contact AWS if you need additional Routes.",
      doc: AWS_DOCS.httpApiQuotas,
      note: "quota: routes per API, 300 by default (a quota increase can raise it); message worded like the Authorizers quota's, its own text is not documented",
    }),
    apiLimit("authorization_scopes", {
      call: "CreateRoute",
      field: "AuthorizationScopes",
      check: { type: "max-items", max: 10 },
      status: 400,
      code: "BadRequestException",
      message: "A route can have at most 10 authorization scopes, got {count}",
      doc: AWS_DOCS.httpApiQuotas,
      note: "quota: authorization scopes per route, 10; the service's message text is not documented",
    }),
  ],
  calls: { CreateRoute: { service: "ApiGatewayV2", wrap: "creating API Gateway v2 Route: %s" } },
};
