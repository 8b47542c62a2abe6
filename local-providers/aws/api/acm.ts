// ACM's API as the provider calls it (RequestCertificate, DescribeCertificate,
// DeleteCertificate), with DNS validation as ACM does it: a certificate is issued once every
// domain's CNAME record can be found with its value, here in the local Route 53. No cdktf import.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { CallRules } from "../../service-rules";
import { absoluteName, type ResourceRecordSet } from "./route53";

export interface DomainValidation {
  readonly DomainName: string;
  readonly ValidationMethod: string;
  readonly ValidationStatus: "PENDING_VALIDATION" | "SUCCESS";
  readonly ResourceRecord?: { readonly Name: string; readonly Type: "CNAME"; readonly Value: string };
}

export interface CertificateDetail {
  readonly CertificateArn: string;
  readonly DomainName: string;
  readonly SubjectAlternativeNames: readonly string[];
  readonly Type: "AMAZON_ISSUED" | "IMPORTED";
  readonly KeyAlgorithm: string;
  readonly Status: "PENDING_VALIDATION" | "ISSUED";
  readonly IssuedAt?: Date;
  readonly DomainValidationOptions: readonly DomainValidation[];
}

export interface RequestCertificateInput {
  readonly DomainName: string;
  readonly SubjectAlternativeNames?: readonly string[];
  readonly ValidationMethod?: string;
  readonly KeyAlgorithm?: string;
}

const hex = (text: string, length: number) => createHash("sha256").update(text).digest("hex").slice(0, length);

export class AcmApi {
  private readonly certificates = new Map<string, { detail: CertificateDetail }>();

  constructor(
    private readonly rules: CallRules,
    private readonly arnOf: (id: string) => string,
    /** A DNS lookup in the account's hosted zones. */
    private readonly resolve: (name: string, type: string) => ResourceRecordSet | undefined,
  ) {}

  requestCertificate(input: RequestCertificateInput): { CertificateArn: string } {
    this.rules.checkInput("RequestCertificate", input);
    const arn = this.arnOf(randomUUID());
    const names = [...new Set([input.DomainName, ...(input.SubjectAlternativeNames ?? [])])].sort();
    const method = input.ValidationMethod ?? "EMAIL";
    const detail: CertificateDetail = {
      CertificateArn: arn,
      DomainName: input.DomainName,
      SubjectAlternativeNames: names,
      Type: "AMAZON_ISSUED",
      KeyAlgorithm: input.KeyAlgorithm ?? "RSA_2048",
      Status: "PENDING_VALIDATION",
      DomainValidationOptions: names.map((name) => ({
        DomainName: name,
        ValidationMethod: method,
        ValidationStatus: "PENDING_VALIDATION",
        // The record's name is the same for a domain whatever the certificate; its value is the certificate's own.
        ...(method === "DNS"
          ? {
              ResourceRecord: {
                Name: `_${hex(`acm ${name}`, 32)}.${absoluteName(name)}`,
                Type: "CNAME" as const,
                Value: `_${randomBytes(16).toString("hex")}.${randomBytes(5).toString("hex")}.acm-validations.aws.`,
              },
            }
          : {}),
      })),
    };
    this.certificates.set(arn, { detail });
    return { CertificateArn: arn };
  }

  /** DescribeCertificate: undefined for a certificate this process did not request (see docs/FIDELITY.md). */
  describeCertificate(arn: string): CertificateDetail | undefined {
    const certificate = this.certificates.get(arn);
    if (!certificate) return undefined;
    if (certificate.detail.Status === "PENDING_VALIDATION" && this.validated(certificate.detail)) {
      certificate.detail = {
        ...certificate.detail,
        Status: "ISSUED",
        IssuedAt: new Date(),
        DomainValidationOptions: certificate.detail.DomainValidationOptions.map((o) => ({ ...o, ValidationStatus: "SUCCESS" })),
      };
    }
    return certificate.detail;
  }

  /** ImportCertificate: a certificate brought in, issued as it is (its PEM is not read here: see docs/FIDELITY.md). */
  importCertificate(): { CertificateArn: string } {
    const arn = this.arnOf(randomUUID());
    this.certificates.set(arn, {
      detail: {
        CertificateArn: arn,
        DomainName: "",
        SubjectAlternativeNames: [],
        Type: "IMPORTED",
        KeyAlgorithm: "RSA_2048",
        Status: "ISSUED",
        IssuedAt: new Date(),
        DomainValidationOptions: [],
      },
    });
    return { CertificateArn: arn };
  }

  deleteCertificate(arn: string): void {
    this.certificates.delete(arn);
  }

  /** DNS validation: every domain's CNAME answers with the value ACM asked for. */
  private validated(detail: CertificateDetail): boolean {
    return detail.DomainValidationOptions.every((o) => {
      if (!o.ResourceRecord) return false;
      const found = this.resolve(o.ResourceRecord.Name, "CNAME");
      return found?.ResourceRecords?.some((r) => absoluteName(r.Value) === absoluteName(o.ResourceRecord!.Value)) ?? false;
    });
  }
}
