// aws_apigatewayv2_authorizer: internal/service/apigatewayv2/authorizer.go and CreateAuthorizer.
import { apiLimit, rulesOf } from "../build";
import { AWS_DOCS, awsFile } from "../sources";
import type { ResourceCatalogue } from "../types";
import { APIGW_ENUMS } from "./enums";

const file = awsFile("internal/service/apigatewayv2/authorizer.go", "resourceAuthorizer", "01f4311");
const r = rulesOf(file);

export const apigatewayv2Authorizer: ResourceCatalogue = {
  provider: "hashicorp/aws",
  type: "aws_apigatewayv2_authorizer",
  source: file,
  rules: [
    r.required("api_id"),
    r.required("authorizer_type"),
    r.required("name"),
    r.forceNew("api_id"),
    r.custom("authorizer_credentials_arn", { type: "arn" }, "{qkey} ({value}) is an invalid ARN: {err}", "verify.ValidARN"),
    r.oneOf("authorizer_payload_format_version", ["1.0", "2.0"], false),
    r.wholeNumber("authorizer_result_ttl_in_seconds"),
    r.intBetween("authorizer_result_ttl_in_seconds", 0, 3600),
    r.oneOf("authorizer_type", APIGW_ENUMS.AuthorizerType, false, { via: "ValidateDiagFunc" }),
    r.lengthBetween("authorizer_uri", 1, 2048),
    r.lengthBetween("name", 1, 128),
    apiLimit("api_id", {
      call: "CreateAuthorizer",
      field: "ApiId",
      check: { type: "quota", name: "authorizers-per-api", limit: 10, adjustable: true },
      status: 429,
      code: "ConflictException",
      message: "Maximum number of Authorizers for this API has been reached. Please contact AWS if you need additional Authorizers.",
      doc: AWS_DOCS.httpApiQuotas,
      note: "quota: authorizers per API, 10; the message as AWS answers it (quoted in anomalyco/sst#4522)",
    }),
  ],
  calls: { CreateAuthorizer: { service: "ApiGatewayV2", wrap: "creating API Gateway v2 Authorizer (%s): %s", nameFrom: "name" } },
};
