// aws_route53_record: internal/service/route53/record.go (resourceRecord) and ChangeResourceRecordSets.
import { apiLimit, rulesOf } from "../build";
import { AWS_DOCS, awsFile } from "../sources";
import type { ResourceCatalogue } from "../types";
import { ROUTE53_ENUMS } from "./enums";

const file = awsFile("internal/service/route53/record.go", "resourceRecord", "00655c1");
const r = rulesOf(file);

export const route53Record: ResourceCatalogue = {
  provider: "hashicorp/aws",
  type: "aws_route53_record",
  source: file,
  rules: [
    r.required("name"),
    r.required("type"),
    r.required("zone_id"),
    r.required("alias.evaluate_target_health"),
    r.required("alias.name"),
    r.required("alias.zone_id"),
    r.forceNew("name"),
    r.forceNew("zone_id"),
    r.lengthBetween("alias.name", 1, 1024),
    r.lengthBetween("alias.zone_id", 1, 32),
    r.exactlyOneOf("alias", ["alias", "records"]),
    r.conflictsWith("alias", ["ttl"]),
    r.exactlyOneOf("records", ["alias", "records"]),
    r.conflictsWith("ttl", ["alias"]),
    r.requiredWith("ttl", ["records", "ttl"]),
    r.wholeNumber("ttl"),
    r.oneOf("type", ROUTE53_ENUMS.RRType, false, {
      via: "ValidateDiagFunc",
      note: "values: aws-sdk-go-v2 service/route53/types/enums.go RRType, read at 0438d8f (older than 6.25.0's)",
    }),
    r.custom("zone_id", { type: "not-empty" }, "{key} value must not be empty.", "validation.NoZeroValues"),
    apiLimit("zone_id", {
      call: "GetHostedZone",
      field: "Id",
      check: { type: "custom", name: "hosted-zone-exists" },
      status: 404,
      code: "NoSuchHostedZone",
      message: "No hosted zone found with ID: {value}",
      doc: AWS_DOCS.getHostedZone,
      note: "the provider reads the zone before it writes the record (findHostedZoneByID); the local account's zones are LOCAL_AWS_HOSTED_ZONES",
    }),
    apiLimit("name", {
      call: "ChangeResourceRecordSets",
      field: "ResourceRecordSet.Name",
      check: { type: "custom", name: "record-exists" },
      status: 400,
      code: "InvalidChangeBatch",
      message: "Tried to create resource record set [name='{name}', type='{type}'] but it already exists",
      doc: AWS_DOCS.changeResourceRecordSets,
      note: "a CREATE of a record that exists (allow_overwrite false); UPSERT replaces it. The provider words the error as its code and messages",
    }),
  ],
  calls: {
    GetHostedZone: { service: "Route 53", wrap: "reading Route 53 Hosted Zone (%s): %s", nameFrom: "zone_id" },
    ChangeResourceRecordSets: { service: "Route 53", wrap: "creating Route53 Record: %s", codeAndMessage: true },
  },
};
