// aws_acm_certificate: internal/service/acm/certificate_test.go (an aws-sdk-go v2 state, 0342b40,
// whole). The source's root domain is a real account's (ACM_CERTIFICATE_ROOT_DOMAIN); ours is the
// local account's hosted zone, and a root certificate validated through Route 53 gets a zone of its
// own (PROVIDER_TEST_ZONES), as in acm-certificate-validation.ts.
import { HOSTED_ZONES } from "../../fixtures";
import { awsTest, PROVIDER_TEST_ZONES } from "../sources";
import type { ProviderTestCase, ProviderTestFile } from "../types";
import { config, imported, needsUnserved } from "./shared";

const ROOT: string = HOSTED_ZONES[0];
const SUB = `{{name}}.${ROOT}`;
const ROOT_NOTE = { adapted: `the root domain is the local account's hosted zone ${ROOT} (the source's is ACM_CERTIFICATE_ROOT_DOMAIN)` };
const T = "TestAccACMCertificate_";

const basic = (domain: string, method: string) => `resource "aws_acm_certificate" "test" {
  domain_name       = "${domain}"
  validation_method = "${method}"
}`;
const sans = (domain: string, names: string, method = "DNS") => `resource "aws_acm_certificate" "test" {
  domain_name               = "${domain}"
  subject_alternative_names = [${names}]
  validation_method         = "${method}"
}`;
const withOptions = (domain: string, options: string) => `resource "aws_acm_certificate" "test" {
  domain_name       = "${domain}"
  validation_method = "DNS"

  options {
    ${options}
  }
}`;
/** The certificate with its CT logging preference, validated through a record in its zone. */
const CT_ZONE: string = PROVIDER_TEST_ZONES[4];
const validatedWithLogging = (preference: string) => `${withOptions(CT_ZONE, `certificate_transparency_logging_preference = "${preference}"`)}

data "aws_route53_zone" "test" {
  name         = "${CT_ZONE}"
  private_zone = false
}

resource "aws_route53_record" "test" {
  allow_overwrite = true
  name            = tolist(aws_acm_certificate.test.domain_validation_options)[0].resource_record_name
  records         = [tolist(aws_acm_certificate.test.domain_validation_options)[0].resource_record_value]
  ttl             = 60
  type            = tolist(aws_acm_certificate.test.domain_validation_options)[0].resource_record_type
  zone_id         = data.aws_route53_zone.test.zone_id
}

resource "aws_acm_certificate_validation" "test" {
  depends_on      = [aws_route53_record.test]
  certificate_arn = aws_acm_certificate.test.arn
}`;
const CT_NOTE = {
  adapted: `the root domain is a hosted zone of the local account's own to the test (${CT_ZONE}; the source's is ACM_CERTIFICATE_ROOT_DOMAIN)`,
};

const PRIVATE_CA = "aws_acmpca_certificate_authority, its certificate and aws_acmpca_permission (a private CA)";
/** The private-certificate tests: a private CA the stand-ins do not serve, then ExportCertificate and RenewCertificate calls (PreConfig) and waits for the renewal. */
const privateCertificate = (test: string): ProviderTestCase => needsUnserved(`${T}privateCertificate_${test}`, 1, PRIVATE_CA);
/** An imported certificate: placeholders for the certificate, key and chain the source makes at run time (acctest's TLS helpers). */
const pem = (kind: string, text: string) => `-----BEGIN ${kind}-----\\nMIIB${text}\\n-----END ${kind}-----\\n`;
const importedCertificate = (certificate: string, chain?: string, tags?: string) => `resource "aws_acm_certificate" "test" {
  certificate_body  = "${pem("CERTIFICATE", certificate)}"
  private_key       = "${pem("RSA PRIVATE KEY", "providertestskey")}"
${chain ? `  certificate_chain = "${pem("CERTIFICATE", chain)}"\n` : ""}${tags ? `  tags = {\n    key1 = "${tags}"\n  }\n` : ""}}`;
const PEM_NOTE = {
  adapted:
    "the certificates and keys the source makes at run time are imported as placeholders: the stand-in does not read an imported certificate's PEM (gaps.ts)",
};

export const ACM_CERTIFICATE: ProviderTestFile = {
  provider: "aws",
  resource: "aws_acm_certificate",
  source: awsTest("internal/service/acm/certificate_test.go", "0342b40", "an aws-sdk-go v2 state, read whole"),
  cases: [
    config(`${T}emailValidation`, 1, basic(SUB, "EMAIL"), ROOT_NOTE),
    imported(`${T}emailValidation`, 2),
    config(`${T}dnsValidation`, 1, basic(SUB, "DNS"), ROOT_NOTE),
    imported(`${T}dnsValidation`, 2),
    config(`${T}root`, 1, basic(ROOT, "DNS"), ROOT_NOTE),
    imported(`${T}root`, 2),
    config(
      `${T}validationOptions`,
      1,
      `resource "aws_acm_certificate" "test" {
  domain_name       = "${SUB}"
  validation_method = "EMAIL"

  validation_option {
    domain_name       = "${SUB}"
    validation_domain = "${ROOT}"
  }
}`,
      ROOT_NOTE,
    ),
    imported(`${T}validationOptions`, 2),
    ...["renewable", "noRenewalPermission", "pendingRenewalGoDuration", "pendingRenewalRFC3339Duration"].map(privateCertificate),
    ...["addEarlyRenewalPast", "addEarlyRenewalPastIneligible", "addEarlyRenewalFuture", "updateEarlyRenewalFuture", "removeEarlyRenewal"].map(
      privateCertificate,
    ),
    {
      test: `${T}Root_trailingPeriod`,
      step: 1,
      kind: "expect-error",
      hcl: basic(`${ROOT}.`, "DNS"),
      expect: { phase: "plan", pattern: /invalid value for domain_name \(cannot end with a period\)/ },
    },
    config(`${T}rootAndWildcardSan`, 1, sans(ROOT, `"*.${ROOT}"`), ROOT_NOTE),
    imported(`${T}rootAndWildcardSan`, 2),
    {
      test: `${T}SubjectAlternativeNames_emptyString`,
      step: 1,
      kind: "expect-error",
      hcl: sans(SUB, '""'),
      expect: { phase: "plan", pattern: /expected length/ },
    },
    config(`${T}San_single`, 1, sans(SUB, `"san-${SUB}"`), ROOT_NOTE),
    imported(`${T}San_single`, 2),
    config(`${T}San_multiple`, 1, sans(SUB, `"san1-${SUB}", "san2-${SUB}"`), ROOT_NOTE),
    imported(`${T}San_multiple`, 2),
    config(`${T}San_trailingPeriod`, 1, sans(SUB, `"san-${SUB}"`), ROOT_NOTE),
    imported(`${T}San_trailingPeriod`, 2),
    config(`${T}San_matches_domain`, 1, sans(SUB, `"${ROOT}"`), ROOT_NOTE),
    imported(`${T}San_matches_domain`, 2),
    config(`${T}wildcard`, 1, basic(`*.${ROOT}`, "DNS"), ROOT_NOTE),
    imported(`${T}wildcard`, 2),
    config(`${T}wildcardAndRootSan`, 1, sans(`*.${ROOT}`, `"${ROOT}"`), ROOT_NOTE),
    imported(`${T}wildcardAndRootSan`, 2),
    config(
      `${T}keyAlgorithm`,
      1,
      `resource "aws_acm_certificate" "test" {
  domain_name       = "${ROOT}"
  validation_method = "DNS"
  key_algorithm     = "EC_prime256v1"
}`,
      ROOT_NOTE,
    ),
    imported(`${T}keyAlgorithm`, 2),
    config(`${T}disableCTLogging`, 1, withOptions(ROOT, 'certificate_transparency_logging_preference = "DISABLED"'), ROOT_NOTE),
    imported(`${T}disableCTLogging`, 2),
    config(`${T}disableReenableCTLogging`, 1, validatedWithLogging("ENABLED"), CT_NOTE),
    config(`${T}disableReenableCTLogging`, 2, validatedWithLogging("ENABLED"), { ...CT_NOTE, before: validatedWithLogging("ENABLED") }),
    imported(`${T}disableReenableCTLogging`, 3),
    config(`${T}disableReenableCTLogging`, 4, validatedWithLogging("DISABLED"), { ...CT_NOTE, before: validatedWithLogging("ENABLED") }),
    imported(`${T}disableReenableCTLogging`, 5),
    config(`${T}disableReenableCTLogging`, 6, validatedWithLogging("ENABLED"), { ...CT_NOTE, before: validatedWithLogging("DISABLED") }),
    imported(`${T}disableReenableCTLogging`, 7),
    config(`${T}Imported_domainName`, 1, importedCertificate("providertests1", "providertestsca1"), PEM_NOTE),
    config(`${T}Imported_domainName`, 2, importedCertificate("providertests2", "providertestsca2"), {
      ...PEM_NOTE,
      before: importedCertificate("providertests1", "providertestsca1"),
    }),
    config(`${T}Imported_domainName`, 3, importedCertificate("providertests3"), {
      ...PEM_NOTE,
      before: importedCertificate("providertests2", "providertestsca2"),
    }),
    imported(`${T}Imported_domainName`, 4),
    config(`${T}Imported_validityDates`, 1, importedCertificate("providertests1", "providertestsca1"), PEM_NOTE),
    imported(`${T}Imported_validityDates`, 2),
    config(`${T}Imported_ipAddress`, 1, importedCertificate("providertestsip"), PEM_NOTE),
    imported(`${T}Imported_ipAddress`, 2),
    config(`${T}PrivateKey_ReimportWithTags`, 1, importedCertificate("providertests1", undefined, "value1"), PEM_NOTE),
    imported(`${T}PrivateKey_ReimportWithTags`, 2),
    config(`${T}PrivateKey_ReimportWithTags`, 3, importedCertificate("providertests2", undefined, "value1updated"), {
      ...PEM_NOTE,
      before: importedCertificate("providertests1", undefined, "value1"),
    }),
    imported(`${T}PrivateKey_ReimportWithTags`, 4),
    config(`${T}optionExport`, 1, withOptions(ROOT, 'export = "ENABLED"'), {
      adapted: `${ROOT_NOTE.adapted}; the source runs this test only with TESTACC_ACM_CERTIFICATE_EXPORT set (an exportable certificate costs money)`,
    }),
    imported(`${T}optionExport`, 2),
  ],
};
