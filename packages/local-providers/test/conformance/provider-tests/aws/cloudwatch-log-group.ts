// aws_cloudwatch_log_group: internal/service/logs/group_test.go (an aws-sdk-go v1 state, 0964ed3) and
// the log group name validators' unit tests, logs/validate_test.go (2de0bee).
import { awsTest, literal, NOT_REPLAYED } from "../sources";
import type { ProviderTestCase, ProviderTestFile } from "../types";
import { config, imported, notRunnable } from "./shared";

const group = (body: string, resource = "test") => `resource "aws_cloudwatch_log_group" "${resource}" {\n${body}\n}`;
const NAMED = '  name = "{{name}}"';
const tags = (entries: string) => group(`${NAMED}\n  tags = {\n${entries}\n  }`);
const T = "TestAccLogsGroup_";

const invalid = (test: string, step: number, attribute: "name" | "name_prefix", value: string, message: string): ProviderTestCase => ({
  test,
  step,
  kind: "validator",
  hcl: group(`  ${attribute} = ${JSON.stringify(value)}`),
  expect: { phase: "plan", pattern: literal(message) },
});
const nameInvalid = (test: string, attribute: "name" | "name_prefix") =>
  ["Here is a name with: colon", "and here is another * invalid name", "also $ invalid", "This . is also %% invalid@!)+(", "*", ""].map((value, i) =>
    invalid(test, i + 1, attribute, value, `"${attribute}" isn't a valid log group name`),
  );

export const CLOUDWATCH_LOG_GROUP: ProviderTestFile = {
  provider: "aws",
  resource: "aws_cloudwatch_log_group",
  source: awsTest("internal/service/logs/group_test.go", "0964ed3", "an aws-sdk-go v1 state"),
  cases: [
    config(`${T}basic`, 1, group(NAMED)),
    imported(`${T}basic`, 2),
    config(`${T}namePrefix`, 1, group('  name_prefix = "tf-test-"')),
    imported(`${T}namePrefix`, 2),
    config(`${T}NamePrefix_retention`, 1, group('  name_prefix = "{{name}}-"\n  retention_in_days = 365')),
    imported(`${T}NamePrefix_retention`, 2),
    config(`${T}NamePrefix_retention`, 3, group('  name_prefix = "{{name}}-"\n  retention_in_days = 7')),
    config(`${T}generatedName`, 1, group("")),
    imported(`${T}generatedName`, 2),
    config(`${T}retentionPolicy`, 1, group(`${NAMED}\n  retention_in_days = 365`)),
    imported(`${T}retentionPolicy`, 2),
    config(`${T}retentionPolicy`, 3, group(NAMED)),
    config(
      `${T}multiple`,
      1,
      [
        group('  name = "{{name}}-alpha"\n  retention_in_days = 14', "alpha"),
        group('  name = "{{name}}-beta"', "beta"),
        group('  name = "{{name}}-charlie"\n  retention_in_days = 3653', "charlie"),
      ].join("\n"),
    ),
    imported(`${T}multiple`, 2),
    notRunnable(`${T}disappears`, 1, NOT_REPLAYED.disappears),
    config(`${T}tagging`, 1, tags('    Environment = "Production"\n    Foo = "Bar"\n    Empty = ""')),
    imported(`${T}tagging`, 2),
    config(`${T}tagging`, 3, tags('    Environment = "Development"\n    Foo = "Bar"\n    Empty = ""\n    Bar = "baz"')),
    config(`${T}tagging`, 4, tags('    Environment = "Development"\n    Foo = "UpdatedBar"\n    Empty = "NotEmpty"\n    Bar = "baz"')),
    config(`${T}tagging`, 5, tags('    Environment = "Production"\n    Foo = "Bar"\n    Empty = ""')),
    config(`${T}kmsKey`, 1, group(NAMED)),
    imported(`${T}kmsKey`, 2),
    config(`${T}kmsKey`, 3, group(`${NAMED}\n  kms_key_id = "arn:aws:kms:us-east-1:123456789012:key/0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b"`), {
      adapted: "the KMS key is a literal ARN: the stand-ins do not serve aws_kms_key",
    }),
  ],
};

export const LOGS_VALIDATORS: ProviderTestFile = {
  provider: "aws",
  resource: "aws_cloudwatch_log_group",
  source: awsTest("internal/service/logs/validate_test.go", "2de0bee"),
  cases: [
    ...nameInvalid("TestValidLogGroupName", "name"),
    invalid("TestValidLogGroupName", 7, "name", "W".repeat(513), '"name" cannot be longer than 512 characters'),
    ...nameInvalid("TestValidLogGroupNamePrefix", "name_prefix"),
    invalid("TestValidLogGroupNamePrefix", 7, "name_prefix", "W".repeat(484), '"name_prefix" cannot be longer than 483 characters'),
  ],
};
