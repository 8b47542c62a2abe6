// aws_apigatewayv2_api_mapping: internal/service/apigatewayv2/api_mapping.go (ResourceAPIMapping).
import { rulesOf } from "../build";
import { awsFile } from "../sources";
import type { ResourceCatalogue } from "../types";

const file = awsFile(
  "internal/service/apigatewayv2/api_mapping.go",
  "ResourceAPIMapping",
  "0576a14",
  "0576a14 is an older state (aws-sdk-go v1); its schema agrees with the 6.25.0 bindings",
);
const r = rulesOf(file);

export const apigatewayv2ApiMapping: ResourceCatalogue = {
  provider: "hashicorp/aws",
  type: "aws_apigatewayv2_api_mapping",
  source: file,
  rules: [r.required("api_id"), r.required("domain_name"), r.required("stage"), r.forceNew("api_id"), r.forceNew("domain_name")],
};
