// aws_apigatewayv2_domain_name: internal/service/apigatewayv2/domain_name.go (resourceDomainName) and CreateDomainName.
import { apiLimit, rulesOf, serviceDefault } from "../build";
import { AWS_DOCS, awsFile } from "../sources";
import type { ResourceCatalogue } from "../types";
import { APIGW_ENUMS } from "./enums";

const file = awsFile(
  "internal/service/apigatewayv2/domain_name.go",
  "resourceDomainName",
  "00a3530",
  "00a3530 also has routing_mode, which the 6.25.0 schema lacks",
);
const r = rulesOf(file);
const CONFIGURATION = "domain_name_configuration";

export const apigatewayv2DomainName: ResourceCatalogue = {
  provider: "hashicorp/aws",
  type: "aws_apigatewayv2_domain_name",
  source: file,
  rules: [
    r.required("domain_name"),
    r.required(`${CONFIGURATION}.certificate_arn`),
    r.required(`${CONFIGURATION}.endpoint_type`),
    r.required(`${CONFIGURATION}.security_policy`),
    r.required("mutual_tls_authentication.truststore_uri"),
    r.forceNew("domain_name"),
    r.lengthBetween("domain_name", 1, 512),
    r.custom(`${CONFIGURATION}.certificate_arn`, { type: "arn" }, "{qkey} ({value}) is an invalid ARN: {err}", "verify.ValidARN"),
    r.oneOf(`${CONFIGURATION}.endpoint_type`, ["REGIONAL"], true, { note: "enum.Slice(awstypes.EndpointTypeRegional): REGIONAL only" }),
    r.oneOf(`${CONFIGURATION}.ip_address_type`, APIGW_ENUMS.IpAddressType, false, { via: "ValidateDiagFunc" }),
    r.custom(
      `${CONFIGURATION}.ownership_verification_certificate_arn`,
      { type: "arn" },
      "{qkey} ({value}) is an invalid ARN: {err}",
      "verify.ValidARN",
    ),
    r.oneOf(`${CONFIGURATION}.security_policy`, ["TLS_1_2"], true, { note: "enum.Slice(awstypes.SecurityPolicyTls12): TLS_1_2 only" }),
    serviceDefault("api_mapping_selection_expression", "$request.basepath", {
      doc: AWS_DOCS.createDomainName,
      note: "DomainName.apiMappingSelectionExpression",
    }),
    apiLimit("domain_name", {
      call: "CreateDomainName",
      field: "DomainName",
      check: { type: "custom", name: "unique-domain-name" },
      status: 409,
      code: "ConflictException",
      message: "The domain name you provided already exists: {value}",
      doc: AWS_DOCS.httpApiCustomDomains,
      note: "a custom domain name exists once per account and region; the service's wording is not documented, so the stand-in's is its own",
    }),
    apiLimit(`${CONFIGURATION}.certificate_arn`, {
      call: "CreateDomainName",
      field: "DomainNameConfigurations",
      check: { type: "custom", name: "certificate-issued" },
      status: 400,
      code: "BadRequestException",
      message: "Certificate {value} is in status {status}: a custom domain needs an issued certificate",
      doc: AWS_DOCS.httpApiCustomDomains,
      note: "the domain's certificate must be issued (validated) first; checked for certificates the local account requested; the wording is the stand-in's own",
    }),
  ],
  calls: { CreateDomainName: { service: "ApiGatewayV2", wrap: "creating API Gateway v2 Domain Name (%s): %s", nameFrom: "domain_name" } },
};
