// data aws_route53_zone: internal/service/route53/zone_data_source.go (dataSourceZone).
import { rulesOf } from "../build";
import { awsFile } from "../sources";
import type { ResourceCatalogue } from "../types";

const file = awsFile(
  "internal/service/route53/zone_data_source.go",
  "dataSourceZone",
  "0ebfd2b",
  "0ebfd2b predates enable_accelerated_recovery, which the 6.25.0 schema has (no rule reads it)",
);
const r = rulesOf(file);

export const route53Zone: ResourceCatalogue = {
  provider: "hashicorp/aws",
  type: "aws_route53_zone",
  dataSource: true,
  source: file,
  rules: [
    r.default("private_zone", false),
    r.providerCheck(
      "name",
      "plan",
      "hosted-zone-found",
      "no matching Route 53 Hosted Zone found",
      "dataSourceZoneRead (tfresource.SingularDataSourceFindError of ListHostedZones filtered by name and private_zone)",
      "read while planning; the local account holds the zones of LOCAL_AWS_HOSTED_ZONES (npm run local gives it the model's)",
    ),
  ],
};
