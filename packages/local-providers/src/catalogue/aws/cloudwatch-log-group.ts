// aws_cloudwatch_log_group: internal/service/logs/group.go (resourceGroup), logs/validate.go, CreateLogGroup.
import { apiLimit, rulesOf, serviceDefault } from "../build";
import { AWS_DOCS, awsFile } from "../sources";
import type { ResourceCatalogue } from "../types";
import { LOGS_ENUMS } from "./enums";

const file = awsFile(
  "internal/service/logs/group.go",
  "resourceGroup",
  "0073593",
  "this state predates 6.25.0's deletion_protection_enabled (a plain optional bool in the 6.25.0 schema, no validator); logs/validate.go read at 1c6c263",
);
const r = rulesOf(file);
const NAME_PATTERN = "^[0-9A-Za-z_./#-]+$";
const PATTERN_MESSAGE =
  "{qkey} isn't a valid log group name (alphanumeric characters, underscores, hyphens, slashes, hash signs and dots are allowed): {qvalue}";

export const cloudwatchLogGroup: ResourceCatalogue = {
  provider: "hashicorp/aws",
  type: "aws_cloudwatch_log_group",
  source: file,
  rules: [
    r.forceNew("log_group_class"),
    r.forceNew("name"),
    r.forceNew("name_prefix"),
    r.default("retention_in_days", 0),
    r.default("skip_destroy", false),
    r.oneOf("log_group_class", LOGS_ENUMS.LogGroupClass, false, { via: "ValidateDiagFunc" }),
    r.custom("name", { type: "max-length", max: 512 }, "{qkey} cannot be longer than 512 characters: {qvalue}", "validLogGroupName"),
    r.custom("name", { type: "matches", pattern: NAME_PATTERN }, PATTERN_MESSAGE, "validLogGroupName"),
    r.conflictsWith("name", ["name_prefix"]),
    r.custom("name_prefix", { type: "max-length", max: 483 }, "{qkey} cannot be longer than 483 characters: {qvalue}", "validLogGroupNamePrefix"),
    r.custom("name_prefix", { type: "matches", pattern: NAME_PATTERN }, PATTERN_MESSAGE, "validLogGroupNamePrefix"),
    r.conflictsWith("name_prefix", ["name"]),
    r.wholeNumber("retention_in_days"),
    r.intOneOf("retention_in_days", [0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]),
    serviceDefault("log_group_class", "STANDARD", { doc: AWS_DOCS.createLogGroup, note: "logGroupClass: without it, the class is STANDARD" }),
    apiLimit("name", {
      call: "CreateLogGroup",
      field: "LogGroupName",
      check: { type: "custom", name: "unique-log-group-name" },
      status: 400,
      code: "ResourceAlreadyExistsException",
      message: "The specified log group already exists",
      doc: AWS_DOCS.createLogGroup,
      note: "log group names are unique per account and region",
    }),
  ],
  calls: { CreateLogGroup: { service: "CloudWatch Logs", wrap: "creating CloudWatch Logs Log Group (%s): %s", nameFrom: "name" } },
};
