// aws_iam_role_policy: internal/service/iam/role_policy_test.go (an aws-sdk-go v1 state, 9fb3e07).
import { awsTest, NOT_REPLAYED } from "../sources";
import type { ProviderTestFile } from "../types";
import { EC2_ASSUME } from "./iam-role";
import { config, imported, notRunnable } from "./shared";

const ROLE = `resource "aws_iam_role" "test" {
  name               = "{{name}}"
  path               = "/"
  assume_role_policy = ${EC2_ASSUME}
}
`;
const policy = (body: string, resource = "test") => `resource "aws_iam_role_policy" "${resource}" {
  role = aws_iam_role.test.name
${body}
}`;
const allow = (action: string) =>
  `jsonencode({ Version = "2012-10-17", Statement = { Effect = "Allow", Action = ${JSON.stringify(action)}, Resource = "*" } })`;
const BASIC = ROLE + policy(`  name   = "{{name}}"\n  policy = ${allow("*")}`);
const ordered = (actions: readonly string[]) =>
  ROLE +
  policy(
    `  name   = "{{name}}"\n  policy = jsonencode({ Version = "2012-10-17", Statement = { Effect = "Allow", Action = ${JSON.stringify(actions)}, Resource = "*" } })`,
  );
const T = "TestAccIAMRolePolicy_";

export const IAM_ROLE_POLICY: ProviderTestFile = {
  provider: "aws",
  resource: "aws_iam_role_policy",
  source: awsTest("internal/service/iam/role_policy_test.go", "9fb3e07", "an aws-sdk-go v1 state"),
  cases: [
    config(`${T}basic`, 1, BASIC),
    imported(`${T}basic`, 2),
    config(`${T}basic`, 3, `${BASIC}\n${policy(`  name   = "{{name}}-2"\n  policy = ${allow("*")}`, "test2")}`),
    notRunnable(`${T}disappears`, 1, NOT_REPLAYED.disappears),
    config(
      `${T}policyOrder`,
      1,
      ordered([
        "ec2:DescribeScheduledInstances",
        "ec2:DescribeScheduledInstanceAvailability",
        "ec2:DescribeFastSnapshotRestores",
        "ec2:DescribeElasticGpus",
      ]),
    ),
    config(
      `${T}policyOrder`,
      2,
      ordered([
        "ec2:DescribeFastSnapshotRestores",
        "ec2:DescribeScheduledInstanceAvailability",
        "ec2:DescribeScheduledInstances",
        "ec2:DescribeElasticGpus",
      ]),
    ),
    config(`${T}namePrefix`, 1, ROLE + policy(`  name_prefix = "tf_test_policy_"\n  policy = ${allow("*")}`)),
    imported(`${T}namePrefix`, 2),
    config(`${T}namePrefix`, 3, ROLE + policy(`  name_prefix = "tf_test_policy_"\n  policy = ${allow("ec2:*")}`)),
    config(`${T}generatedName`, 1, ROLE + policy(`  policy = ${allow("*")}`)),
    imported(`${T}generatedName`, 2),
    config(`${T}generatedName`, 3, ROLE + policy(`  policy = ${allow("ec2:*")}`)),
    {
      test: `${T}invalidJSON`,
      step: 1,
      kind: "expect-error",
      hcl:
        ROLE +
        policy(
          '  name   = "{{name}}"\n  policy = "{\\n  \\"Version\\": \\"2012-10-17\\",\\n  \\"Statement\\": {\\n    \\"Effect\\": \\"Allow\\",\\n    \\"Action\\": \\"*\\",\\n    \\"Resource\\": \\"*\\"\\n  }\\n"',
        ),
      expect: { phase: "plan", pattern: /invalid JSON/ },
      adapted: "the JSON without its closing brace is a quoted string (the source gets it from an indented heredoc marker)",
    },
    {
      test: `${T}Policy_invalidResource`,
      step: 1,
      kind: "expect-error",
      hcl:
        ROLE +
        policy(
          '  name   = "{{name}}"\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = [["*"]] }], Version = "2012-10-17" })',
        ),
      expect: { phase: "apply", pattern: /MalformedPolicyDocument/ },
    },
  ],
};
