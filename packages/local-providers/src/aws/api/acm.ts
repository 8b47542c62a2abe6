// ACM's API as the provider calls it (RequestCertificate, DescribeCertificate,
// DeleteCertificate), with DNS validation as ACM does it: a certificate is issued once every
// domain's CNAME record can be found with its value, here in the local Route 53. The certificates
// are kept in the local cloud's store, so a later apply or refresh finds them.
import { createHash, randomUUID } from "node:crypto";
import { records } from "../../cloud/records";
import { memoryStore, ServiceState, type CloudStore } from "../../cloud/store";
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

/** A certificate as the store keeps it: JSON, so its time as an ISO string. */
type StoredCertificate = Omit<CertificateDetail, "IssuedAt"> & { readonly IssuedAt?: string };

interface State {
  certificates: Record<string, StoredCertificate>;
}

const detailOf = ({ IssuedAt, ...rest }: StoredCertificate): CertificateDetail => ({
  ...rest,
  ...(IssuedAt ? { IssuedAt: new Date(IssuedAt) } : {}),
});

export class AcmApi {
  private readonly state: ServiceState<State>;

  constructor(
    private readonly rules: CallRules,
    private readonly arnOf: (id: string) => string,
    /** A DNS lookup in the account's hosted zones. */
    private readonly resolve: (name: string, type: string) => ResourceRecordSet | undefined,
    store: CloudStore = memoryStore(),
    region = "us-east-1",
  ) {
    this.state = new ServiceState(store, `acm/${region}`, () => ({ certificates: records() }));
    this.account = arnOf("").split(":")[4] ?? "";
  }

  /** The account the ARNs name: a domain's validation record is the account's own. */
  private readonly account: string;

  private put(certificate: StoredCertificate): void {
    this.state.update((s) => {
      s.certificates[certificate.CertificateArn] = certificate;
    });
  }

  requestCertificate(input: RequestCertificateInput): { CertificateArn: string } {
    this.rules.checkInput("RequestCertificate", input);
    const arn = this.arnOf(randomUUID());
    const names = [...new Set([input.DomainName, ...(input.SubjectAlternativeNames ?? [])])].sort();
    const method = input.ValidationMethod ?? "EMAIL";
    const detail: StoredCertificate = {
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
        // One record for a domain in an account, whatever the certificate: "Each record, created
        // specifically for your domain and your account, contains a name and a value", and another
        // certificate for the name needs no new validation "for as long as the CNAME record remains
        // in place" (https://docs.aws.amazon.com/acm/latest/userguide/dns-validation.html).
        ...(method === "DNS"
          ? {
              ResourceRecord: {
                Name: `_${hex(`acm ${this.account} ${name}`, 32)}.${absoluteName(name)}`,
                Type: "CNAME" as const,
                Value: `_${hex(`acm value ${this.account} ${name}`, 32)}.${hex(`acm target ${this.account} ${name}`, 10)}.acm-validations.aws.`,
              },
            }
          : {}),
      })),
    };
    this.put(detail);
    return { CertificateArn: arn };
  }

  /**
   * DescribeCertificate: a pending certificate is issued once its records resolve. Undefined for
   * a certificate the account does not hold (or, without a local cloud, that this process did not request).
   */
  describeCertificate(arn: string): CertificateDetail | undefined {
    const stored = this.state.read().certificates[arn];
    if (!stored) return undefined;
    if (stored.Status !== "PENDING_VALIDATION" || !this.validated(stored)) return detailOf(stored);
    const issued: StoredCertificate = {
      ...stored,
      Status: "ISSUED",
      IssuedAt: new Date().toISOString(),
      DomainValidationOptions: stored.DomainValidationOptions.map((o) => ({ ...o, ValidationStatus: "SUCCESS" })),
    };
    this.put(issued);
    return detailOf(issued);
  }

  /** ImportCertificate: a certificate brought in, issued as it is (its PEM is not read here: see docs/FIDELITY.md). */
  importCertificate(): { CertificateArn: string } {
    const arn = this.arnOf(randomUUID());
    this.put({
      CertificateArn: arn,
      DomainName: "",
      SubjectAlternativeNames: [],
      Type: "IMPORTED",
      KeyAlgorithm: "RSA_2048",
      Status: "ISSUED",
      IssuedAt: new Date().toISOString(),
      DomainValidationOptions: [],
    });
    return { CertificateArn: arn };
  }

  deleteCertificate(arn: string): void {
    this.state.update((s) => {
      delete s.certificates[arn];
    });
  }

  /** DNS validation: every domain's CNAME answers with the value ACM asked for. */
  private validated(detail: StoredCertificate): boolean {
    return detail.DomainValidationOptions.every((o) => {
      if (!o.ResourceRecord) return false;
      const found = this.resolve(o.ResourceRecord.Name, "CNAME");
      return found?.ResourceRecords?.some((r) => absoluteName(r.Value) === absoluteName(o.ResourceRecord!.Value)) ?? false;
    });
  }
}
