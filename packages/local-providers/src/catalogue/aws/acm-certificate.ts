// aws_acm_certificate: internal/service/acm/certificate.go (resourceCertificate) and RequestCertificate.
import { apiLimit, rulesOf, serviceDefault } from "../build";
import { AWS_DOCS, awsFile } from "../sources";
import type { ResourceCatalogue } from "../types";
import { ACM_ENUMS } from "./enums";

const file = awsFile(
  "internal/service/acm/certificate.go",
  "resourceCertificate",
  "01661ea",
  "01661ea is later than 6.25.0; its schema agrees with the 6.25.0 bindings (private_key_wo, in the newer schema dump, came after it)",
);
const r = rulesOf(file);
const IMPORTED = ["certificate_body", "certificate_chain", "private_key"];
const WHEN_NAMES_CHANGE = ["domain_name", "subject_alternative_names"];

export const acmCertificate: ResourceCatalogue = {
  provider: "hashicorp/aws",
  type: "aws_acm_certificate",
  source: file,
  rules: [
    r.required("validation_option.domain_name"),
    r.required("validation_option.validation_domain"),
    r.forceNew("certificate_authority_arn"),
    r.forceNew("domain_name"),
    r.forceNew("key_algorithm"),
    r.forceNew("subject_alternative_names"),
    r.forceNew("validation_method"),
    r.forceNew("validation_option"),
    r.default("options.certificate_transparency_logging_preference", "ENABLED"),
    r.custom("certificate_authority_arn", { type: "arn" }, "{qkey} ({value}) is an invalid ARN: {err}", "verify.ValidARN"),
    r.conflictsWith("certificate_authority_arn", ["certificate_body", "private_key", "validation_method"]),
    r.requiredWith("certificate_body", ["private_key"]),
    r.conflictsWith("certificate_body", ["certificate_authority_arn", "domain_name", "validation_method"]),
    r.conflictsWith("certificate_chain", ["certificate_authority_arn", "domain_name", "validation_method"]),
    r.doesNotMatch("domain_name", "\\.$", "cannot end with a period"),
    r.exactlyOneOf("domain_name", ["domain_name", "private_key"]),
    r.conflictsWith("domain_name", IMPORTED),
    r.custom(
      "early_renewal_duration",
      { type: "custom", name: "hybrid-duration" },
      "{err}",
      "validateHybridDuration (validation.AnyDiag of sdktypes.ValidateDuration, ValidateRFC3339Duration)",
      {
        via: "ValidateDiagFunc",
        notRun: "the stacks never set it; its diagnostics are the two duration validators' joined, which the stand-in does not word",
      },
    ),
    r.conflictsWith("early_renewal_duration", [...IMPORTED, "validation_method"]),
    r.oneOf("key_algorithm", ACM_ENUMS.KeyAlgorithm, false, { via: "ValidateDiagFunc" }),
    r.conflictsWith("key_algorithm", IMPORTED),
    r.oneOf("options.certificate_transparency_logging_preference", ACM_ENUMS.CertificateTransparencyLoggingPreference, false, {
      via: "ValidateDiagFunc",
    }),
    r.oneOf("options.export", ACM_ENUMS.CertificateExport, false, { via: "ValidateDiagFunc" }),
    r.exactlyOneOf("private_key", ["domain_name", "private_key"]),
    r.lengthBetween("subject_alternative_names[]", 1, 253),
    r.doesNotMatch("subject_alternative_names[]", "\\.$", "cannot end with a period"),
    r.conflictsWith("subject_alternative_names", IMPORTED),
    r.oneOf("validation_method", ACM_ENUMS.ValidationMethod, false, { via: "ValidateDiagFunc" }),
    r.conflictsWith("validation_method", ["certificate_authority_arn", ...IMPORTED]),
    r.conflictsWith("validation_option", IMPORTED),
    // The SANs first: a configuration that leaves domain_name out of them (as most do) is then no change of them.
    r.computeOnPlan(
      "subject_alternative_names",
      WHEN_NAMES_CHANGE,
      'CustomizeDiff (the first function): ACM adds domain_name to the SANs, SetNew("subject_alternative_names")',
      "domain-in-sans",
    ),
    r.computeOnPlan(
      "domain_validation_options",
      WHEN_NAMES_CHANGE,
      'CustomizeDiff (the first function): with validation_method DNS, SetNew("domain_validation_options") of one entry per domain name',
      "dns-validation-options",
    ),
    serviceDefault("key_algorithm", "RSA_2048", { doc: AWS_DOCS.requestCertificate, note: "KeyAlgorithm: Default: RSA_2048" }),
    apiLimit("domain_name", {
      call: "RequestCertificate",
      field: "DomainName",
      check: { type: "max-length", max: 64 },
      status: 400,
      code: "ValidationException",
      message: "The first domain name can be at most 64 octets, got {len}",
      doc: AWS_DOCS.requestCertificate,
      note: "DomainName: the first domain name you enter cannot exceed 64 octets, including periods; the service's wording is not documented, so the stand-in's is its own",
    }),
  ],
  calls: { RequestCertificate: { service: "ACM", wrap: "requesting ACM Certificate (%s): %s", nameFrom: "domain_name" } },
};
