// aws_acm_certificate_validation: internal/service/acm/certificate_validation.go (resourceCertificateValidation).
import { rulesOf } from "../build";
import { awsFile } from "../sources";
import type { ResourceCatalogue } from "../types";

const file = awsFile("internal/service/acm/certificate_validation.go", "resourceCertificateValidation", "004eea7");
const r = rulesOf(file);

export const acmCertificateValidation: ResourceCatalogue = {
  provider: "hashicorp/aws",
  type: "aws_acm_certificate_validation",
  source: file,
  rules: [
    r.required("certificate_arn"),
    r.forceNew("certificate_arn"),
    r.forceNew("validation_record_fqdns"),
    r.providerCheck(
      "certificate_arn",
      "apply",
      "amazon-issued",
      "ACM Certificate ({arn}) has type {type}, no validation necessary",
      "resourceCertificateValidationCreate: a certificate ACM did not issue (an imported one) needs no validation",
    ),
    r.providerCheck(
      "validation_record_fqdns",
      "apply",
      "dns-validation-only",
      "validation_record_fqdns is not valid for {method} validation",
      "resourceCertificateValidationCreate: with validation_record_fqdns set, every domain of the certificate validates by DNS",
      "the case of the provider's TestAccACMCertificateValidation_validationRecordFQDNSEmail",
    ),
    r.providerCheck(
      "validation_record_fqdns",
      "apply",
      "records-for-every-domain",
      "missing {domain} DNS validation record: {fqdn}",
      "resourceCertificateValidationCreate: every DNS validation record of the certificate among validation_record_fqdns (errors.Join, one line each)",
    ),
    r.providerCheck(
      "certificate_arn",
      "apply",
      "certificate-issued",
      "waiting for ACM Certificate ({arn}) to be issued: timeout while waiting for state to become 'ISSUED' (last state: '{status}', timeout: {timeout})",
      "resourceCertificateValidationCreate (waitCertificateIssued, the create timeout: 75 minutes by default)",
      "ACM issues once it finds every domain's CNAME record; locally it looks in the local Route 53 at once, so the stand-in answers at once instead of after the timeout",
    ),
  ],
};
