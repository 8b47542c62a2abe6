// aws_acm_certificate_validation: internal/service/acm/certificate_validation_test.go (an aws-sdk-go
// v1 state, 2f94715, first 16,000 of 16,386 characters). The source validates in a real account's
// zone (ACM_CERTIFICATE_ROOT_DOMAIN); ours in the local account's hosted zone (LOCAL_AWS_HOSTED_ZONES),
// where the local ACM finds the validation records the local Route 53 holds.
import { HOSTED_ZONES } from "../../fixtures";
import { awsTest, PROVIDER_TEST_ZONES } from "../sources";
import type { ProviderTestFile } from "../types";
import { config } from "./shared";

const ROOT: string = HOSTED_ZONES[0];
const ZONE_NOTE = { adapted: `the root domain is the local account's hosted zone ${ROOT} (the source's is ACM_CERTIFICATE_ROOT_DOMAIN)` };
const certificate = (domain: string, sans?: string, zone = ROOT) => `resource "aws_acm_certificate" "test" {
  domain_name       = "${domain}"
${sans ? `  subject_alternative_names = [${sans}]\n` : ""}  validation_method = "DNS"
}

data "aws_route53_zone" "test" {
  name         = "${zone}"
  private_zone = false
}
`;
const record = (resource: string, i: number) => `resource "aws_route53_record" "${resource}" {
  allow_overwrite = true
  name            = tolist(aws_acm_certificate.test.domain_validation_options)[${i}].resource_record_name
  records         = [tolist(aws_acm_certificate.test.domain_validation_options)[${i}].resource_record_value]
  ttl             = 60
  type            = tolist(aws_acm_certificate.test.domain_validation_options)[${i}].resource_record_type
  zone_id         = data.aws_route53_zone.test.zone_id
}
`;
const oneRecord = (domain: string, zone = ROOT) => `${certificate(domain, undefined, zone)}${record("test", 0)}
resource "aws_acm_certificate_validation" "test" {
  certificate_arn         = aws_acm_certificate.test.arn
  validation_record_fqdns = [aws_route53_record.test.fqdn]
}`;
const twoRecords = (domain: string, sans: string, zone = ROOT) => `${certificate(domain, sans, zone)}${record("test", 0)}${record("test2", 1)}
resource "aws_acm_certificate_validation" "test" {
  certificate_arn         = aws_acm_certificate.test.arn
  validation_record_fqdns = [aws_route53_record.test.fqdn, aws_route53_record.test2.fqdn]
}`;
const SUB = `{{name}}.${ROOT}`;
const [A, B, C, D] = PROVIDER_TEST_ZONES;
const OWN_ZONE = {
  adapted:
    "the root domain is a hosted zone of the local account's own to the case (the source's is ACM_CERTIFICATE_ROOT_DOMAIN): certificates for one name share a validation record",
};
const T = "TestAccACMCertificateValidation_";

export const ACM_CERTIFICATE_VALIDATION: ProviderTestFile = {
  provider: "aws",
  resource: "aws_acm_certificate_validation",
  source: awsTest("internal/service/acm/certificate_validation_test.go", "2f94715", "an aws-sdk-go v1 state"),
  cases: [
    config(
      `${T}basic`,
      1,
      `${certificate(SUB)}${record("test", 0)}
resource "aws_acm_certificate_validation" "test" {
  depends_on      = [aws_route53_record.test]
  certificate_arn = aws_acm_certificate.test.arn
}`,
      ZONE_NOTE,
    ),
    {
      test: `${T}timeout`,
      step: 1,
      kind: "expect-error",
      hcl: `resource "aws_acm_certificate" "test" {
  domain_name       = "${SUB}"
  validation_method = "DNS"
}

resource "aws_acm_certificate_validation" "test" {
  certificate_arn = aws_acm_certificate.test.arn
  timeouts {
    create = "5s"
  }
}`,
      expect: { phase: "apply", pattern: /timeout while waiting for state to become 'ISSUED' \(last state: 'PENDING_VALIDATION'/ },
      adapted: "the local ACM answers at once that no record validates the certificate; the real one is polled until the 5 s timeout",
    },
    {
      test: `${T}validationRecordFQDNS`,
      step: 1,
      kind: "expect-error",
      hcl: `resource "aws_acm_certificate" "test" {
  domain_name       = "${SUB}"
  validation_method = "DNS"
}

resource "aws_acm_certificate_validation" "test" {
  certificate_arn         = aws_acm_certificate.test.arn
  validation_record_fqdns = ["some-wrong-fqdn.example.com"]
}`,
      expect: { phase: "apply", pattern: /missing .+ DNS validation record: .+/ },
    },
    config(`${T}validationRecordFQDNS`, 2, oneRecord(SUB), ZONE_NOTE),
    {
      test: `${T}validationRecordFQDNSEmail`,
      step: 1,
      kind: "expect-error",
      hcl: `resource "aws_acm_certificate" "test" {
  domain_name       = "${SUB}"
  validation_method = "EMAIL"
}

resource "aws_acm_certificate_validation" "test" {
  certificate_arn         = aws_acm_certificate.test.arn
  validation_record_fqdns = ["wrong-validation-fqdn.example.com"]
}`,
      expect: { phase: "apply", pattern: /validation_record_fqdns is not valid for EMAIL validation/ },
    },
    config(`${T}validationRecordFQDNSRoot`, 1, oneRecord(A, A), OWN_ZONE),
    config(`${T}validationRecordFQDNSRootAndWildcard`, 1, twoRecords(B, `"*.${B}"`, B), OWN_ZONE),
    config(`${T}validationRecordFQDNSSan`, 1, twoRecords(SUB, `"san-${SUB}"`), ZONE_NOTE),
    config(`${T}validationRecordFQDNSWildcard`, 1, oneRecord(`*.${C}`, C), OWN_ZONE),
    config(`${T}validationRecordFQDNSWildcardAndRoot`, 1, twoRecords(`*.${D}`, `"${D}"`, D), OWN_ZONE),
  ],
};
