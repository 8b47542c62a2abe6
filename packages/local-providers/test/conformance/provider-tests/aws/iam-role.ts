// aws_iam_role: internal/service/iam/role_test.go (an aws-sdk-go v1 state, 72a1392; offsets
// 32000-37500 not read: the role configurations there are written from the steps' checks).
import { awsTest, NOT_REPLAYED } from "../sources";
import type { ProviderTestCase, ProviderTestFile } from "../types";
import { config, imported, needsUnserved, notRunnable } from "./shared";

/** The assume-role policy most steps share (ec2 may assume the role). */
export const EC2_ASSUME = `jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" }, Effect = "Allow", Sid = "" }]
  })`;
const role = (body: string, name = '"{{name}}"') => `resource "aws_iam_role" "test" {
${name ? `  name = ${name}\n` : ""}  assume_role_policy = ${EC2_ASSUME}
${body}
}`;
const inline = (name: string, policy: string) => `  inline_policy {\n    name   = "${name}"\n    policy = ${policy}\n  }`;
const DESCRIBE = 'jsonencode({ Version = "2012-10-17", Statement = [{ Action = ["ec2:Describe*"], Effect = "Allow", Resource = "*" }] })';
const order = (actions: readonly string[]) =>
  role(
    inline(
      "{{name}}",
      `jsonencode({ Version = "2012-10-17", Statement = [{ Action = ${JSON.stringify(actions)}, Effect = "Allow", Resource = "*" }] })`,
    ),
  );
const ORDER = [
  "ec2:DescribeScheduledInstances",
  "ec2:DescribeScheduledInstanceAvailability",
  "ec2:DescribeFastSnapshotRestores",
  "ec2:DescribeElasticGpus",
];
const NEW_ORDER = [
  "ec2:DescribeElasticGpus",
  "ec2:DescribeScheduledInstances",
  "ec2:DescribeFastSnapshotRestores",
  "ec2:DescribeScheduledInstanceAvailability",
];
const renamed = (prefix: string) => `${role('  path = "/test/"', `"${prefix}{{name}}"`)}

resource "aws_iam_role_policy" "role_update_test" {
  name   = "role_update_test_{{name}}"
  role   = aws_iam_role.test.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["s3:GetBucketLocation", "s3:ListAllMyBuckets"], Resource = "arn:aws:s3:::*" }] })
}`;
const INSTANCE_PROFILE = { adapted: "the source's aws_iam_instance_profile on the role is left out: the stand-ins do not serve it" };
const OUT_OF_BAND = "changes the role's policies behind terraform's back through the SDK between steps";
const boundary = (arn: string) => role(`  permissions_boundary = "${arn}"`);
const T = "TestAccIAMRole_";
const maxSession = (test: string, step: number, seconds: number): ProviderTestCase => ({
  test,
  step,
  kind: "expect-error",
  hcl: role(`  max_session_duration = ${seconds}`),
  expect: { phase: "plan", pattern: /expected max_session_duration to be in the range/ },
});

export const IAM_ROLE: ProviderTestFile = {
  provider: "aws",
  resource: "aws_iam_role",
  source: awsTest(
    "internal/service/iam/role_test.go",
    "72a1392",
    "an aws-sdk-go v1 state; offsets 32000-37500 not read: the configurations there written from the steps' checks",
  ),
  cases: [
    config(`${T}basic`, 1, role('  path = "/"')),
    imported(`${T}basic`, 2),
    config(`${T}basicWithDescription`, 1, role('  path = "/"\n  description = "This 1s a D3scr!pti0n with weird content: &@90ë\\"\'{«¡Çø}"')),
    imported(`${T}basicWithDescription`, 2),
    config(`${T}basicWithDescription`, 3, role('  path = "/"\n  description = "This 1s an Upd@ted D3scr!pti0n with weird content: &90ë\\"\'{«¡Çø}"')),
    config(`${T}basicWithDescription`, 4, role('  path = "/"')),
    config(`${T}nameGenerated`, 1, role("", "")),
    imported(`${T}nameGenerated`, 2),
    config(
      `${T}namePrefix`,
      1,
      role('  path = "/"', "").replace('resource "aws_iam_role" "test" {\n', 'resource "aws_iam_role" "test" {\n  name_prefix = "tf-acc-test-"\n'),
    ),
    imported(`${T}namePrefix`, 2),
    config(`${T}testNameChange`, 1, renamed("tf_old_name_"), INSTANCE_PROFILE),
    imported(`${T}testNameChange`, 2),
    config(`${T}testNameChange`, 3, renamed("tf_new_name_"), INSTANCE_PROFILE),
    {
      test: `${T}badJSON`,
      step: 1,
      kind: "expect-error",
      hcl: `resource "aws_iam_role" "test" {
  name               = "test-role-{{name}}"
  assume_role_policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
  {
    "Action": "sts:AssumeRole",
    "Principal": {
    "Service": "ec2.amazonaws.com",
    },
    "Effect": "Allow",
    "Sid": ""
  }
  ]
}
POLICY
}`,
      expect: { phase: "plan", pattern: /contains an invalid JSON/ },
      adapted:
        'the read state expects /contains an invalid JSON:/ (the wording of its day); 6.x\'s verify.ValidIAMPolicyJSON says "contains an invalid JSON policy": the pattern is the part both share',
    },
    notRunnable(`${T}disappears`, 1, NOT_REPLAYED.disappears),
    needsUnserved(`${T}policiesForceDetach`, 1, "aws_iam_policy and aws_iam_role_policy_attachment"),
    imported(`${T}policiesForceDetach`, 2),
    maxSession(`${T}maxSessionDuration`, 1, 3599),
    maxSession(`${T}maxSessionDuration`, 2, 43201),
    config(`${T}maxSessionDuration`, 3, role("  max_session_duration = 3700")),
    imported(`${T}maxSessionDuration`, 4),
    config(`${T}maxSessionDuration`, 5, role("  max_session_duration = 3701")),
    imported(`${T}maxSessionDuration`, 6),
    config(`${T}permissionsBoundary`, 1, boundary("arn:aws:iam::aws:policy/AdministratorAccess")),
    config(`${T}permissionsBoundary`, 2, boundary("arn:aws:iam::aws:policy/ReadOnlyAccess")),
    imported(`${T}permissionsBoundary`, 3),
    config(`${T}permissionsBoundary`, 4, role("")),
    config(`${T}permissionsBoundary`, 5, boundary("arn:aws:iam::aws:policy/AdministratorAccess")),
    config(`${T}permissionsBoundary`, 6, boundary("")),
    config(`${T}tags`, 1, role('  tags = {\n    tag1 = "test-value1"\n    tag2 = "test-value2"\n  }')),
    imported(`${T}tags`, 2),
    config(`${T}tags`, 3, role('  tags = {\n    tag2 = "test-value"\n  }')),
    config(`${T}InlinePolicy_basic`, 1, role(inline("{{name}}-1", DESCRIBE))),
    config(`${T}InlinePolicy_basic`, 2, role(`${inline("{{name}}-2", DESCRIBE)}\n${inline("{{name}}-3", DESCRIBE)}`)),
    config(
      `${T}InlinePolicy_basic`,
      3,
      role(
        inline(
          "{{name}}-3",
          'jsonencode({ Version = "2012-10-17", Statement = { Effect = "Allow", Action = "ec2:Describe*", Resource = "*", Condition = { DateGreaterThan = { "aws:CurrentTime" = "2017-07-01T00:00:00Z" }, DateLessThan = { "aws:CurrentTime" = "2017-12-31T23:59:59Z" } } } })',
        ),
      ),
    ),
    imported(`${T}InlinePolicy_basic`, 4),
    config(`${T}InlinePolicy_ignoreOrder`, 1, order(ORDER)),
    config(`${T}InlinePolicy_ignoreOrder`, 2, order(ORDER)),
    config(`${T}InlinePolicy_ignoreOrder`, 3, order(NEW_ORDER)),
    config(
      `${T}InlinePolicy_ignoreOrder`,
      4,
      order(["ec2:DescribeScheduledInstances", "ec2:DescribeElasticGpus", "ec2:DescribeScheduledInstanceAvailability"]),
    ),
    config(`${T}InlinePolicy_empty`, 1, role("  inline_policy {}")),
    needsUnserved(`${T}ManagedPolicy_basic`, 1, "aws_iam_policy"),
    needsUnserved(`${T}ManagedPolicy_basic`, 2, "aws_iam_policy"),
    needsUnserved(`${T}ManagedPolicy_basic`, 3, "aws_iam_policy"),
    imported(`${T}ManagedPolicy_basic`, 4),
    notRunnable(`${T}ManagedPolicy_outOfBandRemovalAddedBack`, 1, OUT_OF_BAND),
    notRunnable(`${T}InlinePolicy_outOfBandRemovalAddedBack`, 1, OUT_OF_BAND),
    notRunnable(`${T}ManagedPolicy_outOfBandAdditionRemoved`, 1, OUT_OF_BAND),
    notRunnable(`${T}InlinePolicy_outOfBandAdditionRemoved`, 1, OUT_OF_BAND),
    notRunnable(`${T}InlinePolicy_outOfBandAdditionIgnored`, 1, OUT_OF_BAND),
    notRunnable(`${T}ManagedPolicy_outOfBandAdditionIgnored`, 1, OUT_OF_BAND),
    notRunnable(`${T}InlinePolicy_outOfBandAdditionRemovedEmpty`, 1, OUT_OF_BAND),
    notRunnable(`${T}ManagedPolicy_outOfBandAdditionRemovedEmpty`, 1, OUT_OF_BAND),
  ],
};

export const IAM_VALIDATORS: ProviderTestFile = {
  provider: "aws",
  resource: "aws_iam_role_policy",
  source: awsTest(
    "internal/service/iam/validate_test.go",
    "0b93102",
    "an older state: its validRolePolicyName(Prefix) are 6.x's validResourceName(128) and (102)",
  ),
  cases: [
    ["TestValidRoleProfileName", 1, "name", "invalid#name", "invalid value for name (must match [\\w+=,.@-])"],
    [
      "TestValidRoleProfileName",
      2,
      "name",
      `${"this-is-a-very-long-role-policy-name-".repeat(3)}this-is-a-very-long`,
      "expected length of name to be in the range (1 - 128)",
    ],
    ["TestValidRoleProfileNamePrefix", 1, "name_prefix", "invalid#name_prefix", "invalid value for name_prefix (must match [\\w+=,.@-])"],
    [
      "TestValidRoleProfileNamePrefix",
      2,
      "name_prefix",
      `${"this-is-a-very-long-role-policy-name-prefix-".repeat(2)}this-is-a-very-`,
      "expected length of name_prefix to be in the range (1 - 102)",
    ],
  ].map(([test, step, attribute, value, message]) => ({
    test: test as string,
    step: step as number,
    kind: "validator" as const,
    hcl: `resource "aws_iam_role_policy" "test" {
  role   = "{{name}}"
  ${attribute} = ${JSON.stringify(value)}
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })
}`,
    expect: { phase: "plan" as const, pattern: new RegExp((message as string).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) },
  })),
};
