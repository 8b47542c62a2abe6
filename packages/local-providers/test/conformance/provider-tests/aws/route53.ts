// aws_route53_record and the aws_route53_zone data source. record_test.go (an aws-sdk-go v1 state,
// 262d4da) was read to offset 16,000 of 64,391: the steps of the tests there are here, their
// configurations our own of what each test names (its configuration functions come later in the
// file); zone_data_source_test.go (0b2fe55) whole. The stand-ins serve no aws_route53_zone
// resource: a case's zone is the local account's hosted zone (LOCAL_AWS_HOSTED_ZONES).
import { HOSTED_ZONES, ZONE_ID } from "../../fixtures";
import { awsTest, NOT_REPLAYED } from "../sources";
import type { ProviderTestFile } from "../types";
import { config, imported, needsUnserved, notRunnable } from "./shared";

const ZONE: string = HOSTED_ZONES[0];
const DATA = `data "aws_route53_zone" "main" {\n  name = "${ZONE}"\n}\n`;
const record = (resource: string, body: string) => `resource "aws_route53_record" "${resource}" {
  zone_id = data.aws_route53_zone.main.zone_id
${body}
}`;
const OWN = {
  adapted: `our configuration of what the test names, in the local account's zone ${ZONE} (the source creates an aws_route53_zone, which the stand-ins do not serve)`,
};
const T = "TestAccRoute53Record_";
const simple = (resource: string, name: string, type: string, records: string, ttl = 30) =>
  DATA + record(resource, `  name    = "${name}"\n  type    = "${type}"\n  ttl     = ${ttl}\n  records = ${records}`);

export const ROUTE53_RECORD: ProviderTestFile = {
  provider: "aws",
  resource: "aws_route53_record",
  source: awsTest("internal/service/route53/record_test.go", "262d4da", "an aws-sdk-go v1 state, read to offset 16000"),
  cases: [
    config(`${T}basic`, 1, simple("default", `www-{{name}}.${ZONE}`, "A", '["127.0.0.1", "127.0.0.27"]'), OWN),
    imported(`${T}basic`, 2),
    config(`${T}underscored`, 1, simple("underscore", `_underscore-{{name}}.${ZONE}`, "A", '["127.0.0.1"]'), OWN),
    imported(`${T}underscored`, 2),
    notRunnable(`${T}disappears`, 1, NOT_REPLAYED.disappears),
    notRunnable(`${T}Disappears_multipleRecords`, 1, NOT_REPLAYED.disappears),
    config(`${T}Basic_fqdn`, 1, simple("default", `fqdn-{{name}}.${ZONE}`, "A", '["127.0.0.1"]'), OWN),
    imported(`${T}Basic_fqdn`, 2),
    config(`${T}Basic_fqdn`, 3, simple("default", `fqdn-{{name}}.${ZONE}.`, "A", '["127.0.0.1"]'), {
      ...OWN,
      before: simple("default", `fqdn-{{name}}.${ZONE}`, "A", '["127.0.0.1"]'),
    }),
    config(`${T}Basic_trailingPeriodAndZoneID`, 1, simple("default", `period-{{name}}.${ZONE}.`, "A", '["127.0.0.1"]'), OWN),
    imported(`${T}Basic_trailingPeriodAndZoneID`, 2),
    config(`${T}txtSupport`, 1, simple("default", `txt-{{name}}.${ZONE}`, "TXT", '["lo3dz5Ys4eaqiDVN0X2o"]'), OWN),
    imported(`${T}txtSupport`, 2),
    config(`${T}spfSupport`, 1, simple("default", `spf-{{name}}.${ZONE}`, "SPF", '["include:domain.test"]'), OWN),
    imported(`${T}spfSupport`, 2),
    config(`${T}caaSupport`, 1, simple("default", `caa-{{name}}.${ZONE}`, "CAA", '["0 issue \\"domainca.test;\\""]'), OWN),
    imported(`${T}caaSupport`, 2),
    config(`${T}dsSupport`, 1, simple("default", `ds-{{name}}.${ZONE}`, "DS", '["123 4 5 1234567890ABCDEF1234567890ABCDEF"]'), OWN),
    imported(`${T}dsSupport`, 2),
    config(`${T}generatesSuffix`, 1, simple("default", "suffix-{{name}}", "A", '["127.0.0.1"]'), OWN),
    imported(`${T}generatesSuffix`, 2),
    config(`${T}wildcard`, 1, simple("wildcard", `*.wild-{{name}}.${ZONE}`, "A", '["127.0.0.1"]'), OWN),
    imported(`${T}wildcard`, 2),
    config(`${T}wildcard`, 3, simple("wildcard", `*.wild-{{name}}.${ZONE}`, "A", '["127.0.0.1"]', 60), OWN),
    needsUnserved(`${T}failover`, 1, "aws_route53_health_check (and failover routing, which the catalogue does not model)"),
  ],
};

const Z = "TestAccRoute53ZoneDataSource_";
const ZONE_NOTE = {
  adapted: `the zone is the local account's ${ZONE} (the source creates one with aws_route53_zone, which the stand-ins do not serve)`,
};

export const ROUTE53_ZONE: ProviderTestFile = {
  provider: "aws",
  resource: "aws_route53_zone",
  source: awsTest("internal/service/route53/zone_data_source_test.go", "0b2fe55", "an aws-sdk-go v1 state"),
  cases: [
    config(`${Z}id`, 1, `data "aws_route53_zone" "test" {\n  zone_id = "${ZONE_ID}"\n}`, ZONE_NOTE),
    config(`${Z}name`, 1, `data "aws_route53_zone" "test" {\n  name = "${ZONE}"\n}`, ZONE_NOTE),
    needsUnserved(`${Z}tags`, 1, "aws_vpc and a private aws_route53_zone"),
    needsUnserved(`${Z}vpc`, 1, "aws_vpc and a private aws_route53_zone"),
    needsUnserved(`${Z}serviceDiscovery`, 1, "aws_vpc and aws_service_discovery_private_dns_namespace"),
  ],
};
