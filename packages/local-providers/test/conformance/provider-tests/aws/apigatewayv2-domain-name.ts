// aws_apigatewayv2_domain_name: internal/service/apigatewayv2/domain_name_test.go (an aws-sdk-go v1
// state, 3277329; read to offset 16000: the mutual-TLS tests after it need a real domain).
// The source imports self-signed certificates it generates; ours import placeholders (the stand-in does not read the PEM).
import { awsTest, NOT_REPLAYED } from "../sources";
import type { ProviderTestFile } from "../types";
import { config, imported, notRunnable } from "./shared";

const domainName = (count: number, index: number, tags = "") => `resource "aws_acm_certificate" "test" {
  count            = ${count}
  certificate_body = "-----BEGIN CERTIFICATE-----\\nMIIBprovidertests\${count.index}\\n-----END CERTIFICATE-----\\n"
  private_key      = "-----BEGIN RSA PRIVATE KEY-----\\nMIIBprovidertests\\n-----END RSA PRIVATE KEY-----\\n"
}

resource "aws_apigatewayv2_domain_name" "test" {
  domain_name = "{{name}}.example.com"
  domain_name_configuration {
    certificate_arn = aws_acm_certificate.test[${index}].arn
    endpoint_type   = "REGIONAL"
    security_policy = "TLS_1_2"
  }
${tags}}`;
const TAGS = '  tags = {\n    Key1 = "Value1"\n    Key2 = "Value2"\n  }\n';
const NOTE = { adapted: "the self-signed certificates the source generates are imported as placeholders" };
const T = "TestAccAPIGatewayV2DomainName_";
const REAL_DOMAIN = "needs a domain of a real account (ACM_CERTIFICATE_ROOT_DOMAIN) validated by DNS, and an S3 truststore";

export const APIGATEWAYV2_DOMAIN_NAME: ProviderTestFile = {
  provider: "aws",
  resource: "aws_apigatewayv2_domain_name",
  source: awsTest(
    "internal/service/apigatewayv2/domain_name_test.go",
    "3277329",
    "an aws-sdk-go v1 state, read to offset 16000: the mutual-TLS tests after it need a real domain",
  ),
  cases: [
    config(`${T}basic`, 1, domainName(1, 0), NOTE),
    imported(`${T}basic`, 2),
    notRunnable(`${T}disappears`, 1, NOT_REPLAYED.disappears),
    config(`${T}tags`, 1, domainName(1, 0, TAGS), NOTE),
    imported(`${T}tags`, 2),
    config(`${T}tags`, 3, domainName(1, 0), NOTE),
    config(`${T}updateCertificate`, 1, domainName(2, 0), NOTE),
    config(`${T}updateCertificate`, 2, domainName(2, 1), NOTE),
    config(`${T}updateCertificate`, 3, domainName(2, 0, TAGS), NOTE),
    imported(`${T}updateCertificate`, 4),
    notRunnable(`${T}MutualTLSAuthentication_basic`, 1, REAL_DOMAIN),
  ],
};
