// An HTTP API on the team's own host name: the hosted zone looked up by name, a DNS-validated
// ACM certificate (or an existing one), the REGIONAL custom domain with TLS 1.2, the mapping to
// the stage, and A/AAAA alias records. The shape the aws provider's documentation gives for
// aws_acm_certificate_validation with Route 53.
import { Construct } from "constructs";
import { TerraformIterator, Token } from "cdktf";
import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";
import { Apigatewayv2ApiMapping } from "@cdktf/provider-aws/lib/apigatewayv2-api-mapping";
import { Apigatewayv2DomainName } from "@cdktf/provider-aws/lib/apigatewayv2-domain-name";
import { DataAwsRoute53Zone } from "@cdktf/provider-aws/lib/data-aws-route53-zone";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";

export interface ApiCustomDomainProps {
  /** The host name clients call, e.g. api.example.com. */
  readonly domainName: string;
  /** The public Route 53 hosted zone holding it, looked up by name. */
  readonly hostedZone: string;
  /** An issued certificate in the API's region covering the name. @default a new DNS-validated one */
  readonly certificateArn?: string;
  readonly apiId: string;
  /** The stage the domain serves, by name (its id). */
  readonly stage: string;
  /** @default 60 - seconds resolvers may cache the validation records */
  readonly validationRecordTtl?: number;
}

/** What a browser and the authorizer's clients see: TLS 1.2 at least, IPv4 and IPv6 (the AAAA record answers). */
export const CUSTOM_DOMAIN_ENDPOINT = { endpointType: "REGIONAL", securityPolicy: "TLS_1_2", ipAddressType: "dualstack" } as const;

export class ApiCustomDomain extends Construct {
  readonly zone: DataAwsRoute53Zone;
  /** Absent when an existing certificate was given. */
  readonly certificate?: AcmCertificate;
  readonly domain: Apigatewayv2DomainName;
  readonly mapping: Apigatewayv2ApiMapping;
  readonly aliases: readonly Route53Record[];
  /** https://<domain name>: the API's base URL. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: ApiCustomDomainProps) {
    super(scope, id);
    this.zone = new DataAwsRoute53Zone(this, "zone", { name: props.hostedZone, privateZone: false });
    let certificateArn = props.certificateArn;
    if (!certificateArn) {
      this.certificate = new AcmCertificate(this, "certificate", {
        domainName: props.domainName,
        validationMethod: "DNS",
        // The provider's advice for a certificate in use: a replacement is issued before the old one goes.
        lifecycle: { createBeforeDestroy: true },
      });
      certificateArn = this.validated(this.certificate, props.validationRecordTtl ?? 60);
    }

    this.domain = new Apigatewayv2DomainName(this, "domain", {
      domainName: props.domainName,
      domainNameConfiguration: { certificateArn, ...CUSTOM_DOMAIN_ENDPOINT },
    });
    this.mapping = new Apigatewayv2ApiMapping(this, "mapping", { apiId: props.apiId, domainName: this.domain.id, stage: props.stage });
    const target = this.domain.domainNameConfiguration;
    this.aliases = (["A", "AAAA"] as const).map(
      (type) =>
        new Route53Record(this, `alias-${type.toLowerCase()}`, {
          zoneId: this.zone.zoneId,
          name: this.domain.domainName,
          type,
          alias: { name: target.targetDomainName, zoneId: target.hostedZoneId, evaluateTargetHealth: false },
        }),
    );
    this.url = `https://${props.domainName}`;
  }

  /** The API Gateway host name the alias records point to. */
  get targetDomainName(): string {
    return this.domain.domainNameConfiguration.targetDomainName;
  }

  /**
   * One validation record per domain_validation_options entry (keyed by domain name, which the
   * provider knows at plan), and the validation that waits for ACM to issue the certificate:
   * the domain takes the ARN from the validation, so it is created after.
   */
  private validated(certificate: AcmCertificate, ttl: number): string {
    const options = TerraformIterator.fromComplexList(certificate.domainValidationOptions, "domain_name");
    const records = new Route53Record(this, "validation-record", {
      forEach: options,
      zoneId: this.zone.zoneId,
      name: options.getString("resource_record_name"),
      type: options.getString("resource_record_type"),
      records: [options.getString("resource_record_value")],
      ttl,
      allowOverwrite: true,
    });
    const validation = new AcmCertificateValidation(this, "validation", {
      certificateArn: certificate.arn,
      validationRecordFqdns: Token.asList(TerraformIterator.fromResources(records).pluckProperty("fqdn")),
    });
    return validation.certificateArn;
  }
}
