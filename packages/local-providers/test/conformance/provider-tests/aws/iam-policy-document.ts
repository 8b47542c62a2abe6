// data aws_iam_policy_document: internal/service/iam/policy_document_data_source_test.go. The index
// holds one state of it, 0b93102, from provider 3.x (aws-sdk-go v1, TestAccAWSDataSource… names),
// read whole; its steps are taken where 6.25.0's data source (policy_document_data_source.go at
// 04e9356) treats the configuration as 3.x did. The stand-ins serve no aws_partition: "aws".
import { awsTest } from "../sources";
import type { ProviderTestCase, ProviderTestFile } from "../types";
import { config, notRunnable } from "./shared";

const PARTITION = { adapted: 'the partition is the literal "aws": the stand-ins serve no aws_partition' };
const SOURCE_JSON =
  "uses source_json or override_json, which 6.25.0 keeps only as an empty string (validation.StringIsEmpty, Deprecated: Not used): the step is 3.x's, not the pinned provider's";
const T = "TestAccAWSDataSourceIAMPolicyDocument_";

const document = (name: string, body: string) => `data "aws_iam_policy_document" "${name}" {\n${body}\n}\n`;
const statement = (sid: string, effect: string, action: string) =>
  `  statement {\n    sid     = "${sid}"\n    effect  = "${effect}"\n    actions = ["${action}"]\n  }`;
/** Three documents merged into a fourth through `attribute` (source_policy_documents or override_policy_documents). */
const merged = (attribute: string, name: string, a: string, b: string, c: string) =>
  document("policy_a", a) +
  document("policy_b", b) +
  document("policy_c", c) +
  document(
    name,
    `  version = "2012-10-17"\n\n  ${attribute} = [\n    data.aws_iam_policy_document.policy_a.json,\n    data.aws_iam_policy_document.policy_b.json,\n    data.aws_iam_policy_document.policy_c.json\n  ]`,
  );
const twoStatements = (sid: string) =>
  document(
    "test",
    `  statement {
    sid       = "${sid}"
    effect    = "Allow"
    actions   = ["ec2:DescribeAccountAttributes"]
    resources = ["*"]
  }

  statement {
    sid       = "${sid}"
    effect    = "Allow"
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }`,
  );
const version2008 = (body: string) => document("test", `  version = "2008-10-17"\n\n  statement {\n    actions = ["*"]\n${body}\n  }`);
const NOT_IN_2008 = /found &\{ sequence in \(.+\), which is not supported in document version 2008-10-17/;
const refused2008 = (step: number, body: string): ProviderTestCase => ({
  test: `${T}version20081017`,
  step,
  kind: "expect-error",
  hcl: version2008(body),
  expect: { phase: "plan", pattern: NOT_IN_2008 },
});

export const IAM_POLICY_DOCUMENT: ProviderTestFile = {
  provider: "aws",
  resource: "aws_iam_policy_document",
  source: awsTest("internal/service/iam/policy_document_data_source_test.go", "0b93102", "a 3.x state, read whole"),
  cases: [
    config(
      `${T}basic`,
      1,
      document(
        "test",
        `  policy_id = "policy_id"

  statement {
    sid       = "1"
    actions   = ["s3:ListAllMyBuckets", "s3:GetBucketLocation"]
    resources = ["arn:aws:s3:::*"]
  }

  statement {
    actions   = ["s3:ListBucket"]
    resources = ["arn:aws:s3:::foo"]

    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["home/", "", "home/&{aws:username}/"]
    }

    not_principals {
      type        = "AWS"
      identifiers = ["arn:blahblah:example"]
    }
  }

  statement {
    actions   = ["s3:*"]
    resources = ["arn:aws:s3:::foo/home/&{aws:username}", "arn:aws:s3:::foo/home/&{aws:username}/*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:blahblah:example"]
    }
  }

  statement {
    effect        = "Deny"
    not_actions   = ["s3:*"]
    not_resources = ["arn:aws:s3:::*"]
  }

  statement {
    effect  = "Allow"
    actions = ["kinesis:*"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }

  statement {
    effect  = "Allow"
    actions = ["firehose:*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }`,
      ),
      PARTITION,
    ),
    notRunnable(`${T}source`, 1, SOURCE_JSON),
    config(
      `${T}source`,
      2,
      document(
        "test_source_blank",
        '  source_json = ""\n\n  statement {\n    sid       = "SourceJSONTest2"\n    actions   = ["*"]\n    resources = ["*"]\n  }',
      ),
    ),
    config(
      `${T}sourceList`,
      1,
      merged(
        "source_policy_documents",
        "test_source_list",
        `${statement("", "Allow", "foo:ActionOne")}\n\n${statement("validSidOne", "Allow", "bar:ActionOne")}`,
        statement("validSidTwo", "Deny", "foo:ActionTwo"),
        statement("", "Allow", "bar:ActionTwo"),
      ),
    ),
    notRunnable(`${T}sourceConflicting`, 1, SOURCE_JSON),
    {
      test: `${T}sourceListConflicting`,
      step: 1,
      kind: "expect-error",
      hcl: merged(
        "source_policy_documents",
        "test_source_list_conflicting",
        `${statement("", "Allow", "foo:ActionOne")}\n\n${statement("conflictSid", "Allow", "bar:ActionOne")}`,
        statement("validSid", "Deny", "foo:ActionTwo"),
        statement("conflictSid", "Allow", "bar:ActionTwo"),
      ),
      expect: { phase: "plan", pattern: /duplicate Sid (.*?)/ },
    },
    notRunnable(`${T}override`, 1, SOURCE_JSON),
    config(
      `${T}overrideList`,
      1,
      merged(
        "override_policy_documents",
        "test_override_list",
        `${statement("", "Allow", "foo:ActionOne")}\n\n${statement("overrideSid", "Allow", "bar:ActionOne")}`,
        statement("validSid", "Deny", "foo:ActionTwo"),
        statement("overrideSid", "Deny", "bar:ActionOne"),
      ),
    ),
    notRunnable(`${T}noStatementMerge`, 1, SOURCE_JSON),
    notRunnable(`${T}noStatementOverride`, 1, SOURCE_JSON),
    { test: `${T}duplicateSid`, step: 1, kind: "expect-error", hcl: twoStatements("1"), expect: { phase: "plan", pattern: /duplicate Sid/ } },
    config(`${T}duplicateSid`, 2, twoStatements("")),
    config(
      `${T}statementPrincipalIdentifiers_stringAndSlice`,
      1,
      document(
        "test",
        `  statement {
    actions   = ["*"]
    resources = ["*"]
    sid       = "StatementPrincipalIdentifiersStringAndSlice"

    principals {
      identifiers = ["arn:aws:iam::111111111111:root"]
      type        = "AWS"
    }

    principals {
      identifiers = ["arn:aws:iam::222222222222:root", "arn:aws:iam::333333333333:root"]
      type        = "AWS"
    }
  }`,
      ),
      PARTITION,
    ),
    config(
      `${T}statementPrincipalIdentifiers_multiplePrincipals`,
      1,
      document(
        "test",
        `  statement {
    actions   = ["*"]
    resources = ["*"]
    sid       = "StatementPrincipalIdentifiersStringAndSlice"

    principals {
      identifiers = ["arn:aws:iam::111111111111:root", "arn:aws:iam::222222222222:root"]
      type        = "AWS"
    }

    principals {
      identifiers = ["arn:aws:iam::333333333333:root"]
      type        = "AWS"
    }

    principals {
      identifiers = ["arn:aws:iam::444444444444:root"]
      type        = "AWS"
    }
  }`,
      ),
      PARTITION,
    ),
    notRunnable(
      `${T}statementPrincipalIdentifiers_multiplePrincipalsGov`,
      1,
      "runs only in the aws-us-gov partition (PreCheckPartition), whose account the stand-ins do not stand for",
    ),
    refused2008(
      1,
      `    resources = ["*"]\n\n    condition {\n      test     = "StringLike"\n      values   = ["home/", "home/&{aws:username}/"]\n      variable = "s3:prefix"\n    }`,
    ),
    refused2008(2, `    resources = ["*"]\n\n    not_principals {\n      identifiers = ["&{aws:username}"]\n      type        = "AWS"\n    }`),
    { ...refused2008(3, `    not_resources = ["arn:aws:s3:::foo/home/&{aws:username}"]`), ...PARTITION },
    refused2008(4, `    resources = ["*"]\n\n    principals {\n      identifiers = ["&{aws:username}"]\n      type        = "AWS"\n    }`),
    { ...refused2008(5, `    resources = ["arn:aws:s3:::foo/home/&{aws:username}"]`), ...PARTITION },
    config(
      `${T}version20081017`,
      6,
      document("test", '  version = "2008-10-17"\n\n  statement {\n    actions   = ["ec2:*"]\n    resources = ["*"]\n  }'),
    ),
  ],
};
