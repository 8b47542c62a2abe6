// The aws provider's resources for an API on its own domain, as the provider's create, update
// and delete call the services (api/acm.ts, api/route53.ts, api/apigatewayv2.ts), and the
// hosted zone data source as its read does.
import { AWS_CATALOGUE } from "../catalogue";
import { isObj, type Obj, type Value } from "../cty";
import type { DataSourceBehaviour, ResourceBehaviour } from "../provider";
import { checkProvider } from "../service-rules";
import type { CertificateDetail } from "./api/acm";
import { absoluteName, cleanZoneId, type Change, type ResourceRecordSet } from "./api/route53";
import type { AwsContext } from "./provider";

const str = (v: Value | undefined) => (typeof v === "string" ? v : "");
const strings = (v: Value | undefined) => (Array.isArray(v) ? v.filter((s): s is string => typeof s === "string") : []);
const first = (v: Value | undefined): Obj => (Array.isArray(v) && isObj(v[0]) ? v[0] : {});
/** The provider's normalizeDomainName: lower case, no trailing dot. */
const bare = (name: string) => name.toLowerCase().replace(/\.$/, "");

/** The certificate's domain_validation_options as the provider's Read flattens them: entries with a resource record. */
function validationOptionsOf(detail: CertificateDetail): Obj[] {
  return detail.DomainValidationOptions.filter((o) => o.ResourceRecord).map((o) => ({
    domain_name: o.DomainName,
    resource_record_name: o.ResourceRecord!.Name,
    resource_record_type: o.ResourceRecord!.Type,
    resource_record_value: o.ResourceRecord!.Value,
  }));
}

/** Go's time.Duration String() of a create timeout ("75m" → "1h15m0s"); the provider's default when unset. */
function goDuration(setting: string | undefined, fallbackSeconds: number): string {
  let seconds = fallbackSeconds;
  if (setting) {
    const parts = [...setting.matchAll(/(\d+(?:\.\d+)?)(h|m|s)/g)];
    if (parts.length) seconds = parts.reduce((n, [, value, unit]) => n + Number(value) * { h: 3600, m: 60, s: 1 }[unit as "h" | "m" | "s"], 0);
  }
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h ? `${h}h${m}m${s}s` : m ? `${m}m${s}s` : `${s}s`;
}

/** Go's time.Time String() in UTC, as the validation's id is written. */
const goTime = (t: Date) =>
  `${t
    .toISOString()
    .replace("T", " ")
    .replace(/\.(\d+)Z$/, (_, ms: string) => `.${ms.replace(/0+$/, "")}`)
    .replace(/\.$/, "")} +0000 UTC`;

/** A record as the provider sends it (expandResourceRecordSet): the name expanded into the zone. */
function recordSetOf(p: Obj, zoneName: string): ResourceRecordSet {
  const zone = bare(zoneName);
  const name = bare(str(p.name));
  const expanded = name === zone || name.endsWith(`.${zone}`) ? name : name ? `${name}.${zone}` : zone;
  const alias = first(p.alias);
  const records = strings(p.records);
  return {
    Name: expanded,
    Type: str(p.type),
    ...(records.length
      ? {
          ResourceRecords: records.map((Value) => ({ Value: str(p.type) === "TXT" ? `"${Value}"` : Value })),
          ...(typeof p.ttl === "number" ? { TTL: p.ttl } : {}),
        }
      : {}),
    ...(Array.isArray(p.alias) && p.alias.length
      ? { AliasTarget: { DNSName: str(alias.name), HostedZoneId: str(alias.zone_id), EvaluateTargetHealth: alias.evaluate_target_health === true } }
      : {}),
  };
}

/** Writes `p`'s record with `action`: the provider reads the zone first, then changes the record set. */
function changeRecord(p: Obj, ctx: AwsContext, changes: (set: ResourceRecordSet) => Change[]): ResourceRecordSet {
  const zoneId = cleanZoneId(str(p.zone_id));
  const { HostedZone } = ctx.cloud.route53.getHostedZone(zoneId);
  const set = recordSetOf(p, HostedZone.Name);
  ctx.cloud.route53.changeResourceRecordSets({ HostedZoneId: zoneId, Changes: changes(set) });
  return set;
}

const recordIdOf = (p: Obj) => [str(p.zone_id), bare(str(p.name)), str(p.type), ...(str(p.set_identifier) ? [str(p.set_identifier)] : [])].join("_");

export const domainResources: Record<string, ResourceBehaviour<AwsContext>> = {
  aws_acm_certificate: {
    catalogue: AWS_CATALOGUE.aws_acm_certificate,
    create: (p, ctx): Obj => {
      const sans = strings(p.subject_alternative_names);
      if (!str(p.domain_name)) {
        // certificate_body and private_key: ImportCertificate.
        const { CertificateArn: imported } = ctx.cloud.acm.importCertificate();
        return {
          id: imported,
          arn: imported,
          domain_name: "",
          domain_validation_options: [],
          subject_alternative_names: [],
          status: "ISSUED",
          type: "IMPORTED",
          validation_method: "NONE",
          pending_renewal: false,
          renewal_eligibility: "INELIGIBLE",
        };
      }
      const { CertificateArn: arn } = ctx.cloud.acm.requestCertificate({
        DomainName: str(p.domain_name),
        ...(sans.length ? { SubjectAlternativeNames: sans } : {}),
        ...(str(p.validation_method) ? { ValidationMethod: str(p.validation_method) } : {}),
        ...(str(p.key_algorithm) ? { KeyAlgorithm: str(p.key_algorithm) } : {}),
      });
      const detail = ctx.cloud.acm.describeCertificate(arn)!;
      return {
        id: arn,
        arn,
        domain_validation_options: validationOptionsOf(detail),
        subject_alternative_names: [...detail.SubjectAlternativeNames],
        status: detail.Status,
        type: detail.Type,
        validation_method: detail.DomainValidationOptions[0]?.ValidationMethod ?? "NONE",
        pending_renewal: false,
        renewal_eligibility: "INELIGIBLE",
        // A certificate pending validation has no validity period yet.
        not_after: "",
        not_before: "",
      };
    },
    delete: (prior, ctx) => ctx.cloud.acm.deleteCertificate(str(prior.arn)),
  },
  aws_acm_certificate_validation: {
    catalogue: AWS_CATALOGUE.aws_acm_certificate_validation,
    create: (p, ctx) => {
      const arn = str(p.certificate_arn);
      const catalogue = AWS_CATALOGUE.aws_acm_certificate_validation;
      const certificate = ctx.cloud.acm.describeCertificate(arn);
      // A certificate the account does not hold (without a local cloud: one another process requested) is taken as issued (see docs/FIDELITY.md).
      if (!certificate) return { id: goTime(new Date()) };
      // resourceCertificateValidationCreate (certificate_validation.go): a certificate ACM did not issue needs no validation.
      checkProvider(catalogue, "amazon-issued", certificate.Type === "AMAZON_ISSUED" ? [] : [{ arn, type: certificate.Type }]);
      const fqdns = strings(p.validation_record_fqdns).map(bare);
      if (fqdns.length) {
        // The first domain validated otherwise (EMAIL) is the error: record names mean nothing there.
        const other = certificate.DomainValidationOptions.find((o) => o.ValidationMethod !== "DNS");
        checkProvider(catalogue, "dns-validation-only", other ? [{ method: other.ValidationMethod }] : []);
        const missing = certificate.DomainValidationOptions.filter((o) => o.ResourceRecord && !fqdns.includes(bare(o.ResourceRecord.Name)));
        checkProvider(
          catalogue,
          "records-for-every-domain",
          missing.map((o) => ({ domain: o.DomainName, fqdn: bare(o.ResourceRecord!.Name) })),
        );
      }
      const timeout = goDuration(str(first(p.timeouts).create) || (isObj(p.timeouts) ? str(p.timeouts.create) : ""), 75 * 60);
      checkProvider(catalogue, "certificate-issued", certificate.Status === "ISSUED" ? [] : [{ arn, status: certificate.Status, timeout }]);
      return { id: goTime(certificate.IssuedAt ?? new Date()) };
    },
  },
  aws_route53_record: {
    catalogue: AWS_CATALOGUE.aws_route53_record,
    create: (p, ctx) => {
      // Existing records are protected: UPSERT only with allow_overwrite.
      const set = changeRecord(p, ctx, (s) => [{ Action: p.allow_overwrite === true ? "UPSERT" : "CREATE", ResourceRecordSet: s }]);
      return { id: recordIdOf(p), fqdn: set.Name, allow_overwrite: p.allow_overwrite === true };
    },
    update: (p, prior, ctx) => {
      const typeChanged = str(p.type) !== str(prior.type);
      changeRecord(p, ctx, (s) => [
        ...(typeChanged ? [{ Action: "DELETE" as const, ResourceRecordSet: { ...s, Type: str(prior.type) } }] : []),
        { Action: typeChanged && p.allow_overwrite !== true ? "CREATE" : "UPSERT", ResourceRecordSet: s },
      ]);
      return { id: recordIdOf(p) };
    },
    delete: (prior, ctx) => {
      const zoneId = cleanZoneId(str(prior.zone_id));
      const set = { Name: str(prior.fqdn) || bare(str(prior.name)), Type: str(prior.type) };
      // A record already gone is not an error (the provider ignores InvalidChangeBatch on delete).
      if (ctx.cloud.route53.resolve(set.Name, set.Type))
        ctx.cloud.route53.changeResourceRecordSets({ HostedZoneId: zoneId, Changes: [{ Action: "DELETE", ResourceRecordSet: set }] });
    },
  },
  aws_apigatewayv2_domain_name: {
    catalogue: AWS_CATALOGUE.aws_apigatewayv2_domain_name,
    create: (p, ctx) => {
      const name = str(p.domain_name);
      const configuration = first(p.domain_name_configuration);
      const out = ctx.cloud.apigatewayv2.createDomainName({
        DomainName: name,
        DomainNameConfigurations: [
          {
            CertificateArn: str(configuration.certificate_arn),
            EndpointType: str(configuration.endpoint_type),
            SecurityPolicy: str(configuration.security_policy),
            ...(str(configuration.ip_address_type) ? { IpAddressType: str(configuration.ip_address_type) } : {}),
          },
        ],
      });
      return {
        id: name,
        arn: `arn:aws:apigateway:${ctx.region}::/domainnames/${name}`,
        api_mapping_selection_expression: out.ApiMappingSelectionExpression,
        // Nested computed values, filled where the plan left them unknown.
        domain_name_configuration: [
          {
            hosted_zone_id: out.HostedZoneId,
            target_domain_name: out.ApiGatewayDomainName,
            ip_address_type: str(configuration.ip_address_type) || "ipv4",
            ownership_verification_certificate_arn: "",
          },
        ],
      };
    },
    delete: (prior, ctx) => ctx.cloud.apigatewayv2.deleteDomainName(str(prior.domain_name)),
  },
  aws_apigatewayv2_api_mapping: {
    catalogue: AWS_CATALOGUE.aws_apigatewayv2_api_mapping,
    create: (p, ctx) => ({
      id: ctx.cloud.apigatewayv2.createApiMapping({
        ApiId: str(p.api_id),
        DomainName: str(p.domain_name),
        Stage: str(p.stage),
        ...(str(p.api_mapping_key) ? { ApiMappingKey: str(p.api_mapping_key) } : {}),
      }).ApiMappingId,
    }),
    delete: (prior, ctx) => ctx.cloud.apigatewayv2.deleteApiMapping(str(prior.domain_name), str(prior.id)),
  },
};

/** data aws_route53_zone: the one zone of the account with the name (and privacy) asked for, or the one with zone_id. */
export const hostedZoneDataSource: DataSourceBehaviour<AwsContext> = {
  catalogue: AWS_CATALOGUE.aws_route53_zone,
  read: (config, ctx) => {
    const route53 = ctx.cloud.route53;
    const byId = str(config.zone_id);
    const found = byId
      ? [route53.getHostedZone(byId).HostedZone]
      : route53
          .listHostedZones()
          .HostedZones.filter(
            (z) =>
              (!str(config.name) || absoluteName(z.Name) === absoluteName(str(config.name))) &&
              z.Config.PrivateZone === (config.private_zone === true),
          );
    checkProvider(AWS_CATALOGUE.aws_route53_zone, "hosted-zone-found", found.length === 0 ? [{}] : []);
    const zone = found[0];
    const id = cleanZoneId(zone.Id);
    const nameServers = [...route53.getHostedZone(id).DelegationSet.NameServers];
    return {
      id,
      zone_id: id,
      arn: `arn:aws:route53:::hostedzone/${id}`,
      name: bare(zone.Name),
      caller_reference: zone.CallerReference,
      comment: zone.Config.Comment,
      private_zone: zone.Config.PrivateZone,
      name_servers: nameServers,
      primary_name_server: nameServers[0],
      resource_record_set_count: zone.ResourceRecordSetCount,
      linked_service_description: "",
      linked_service_principal: "",
      tags: {},
    };
  },
};
