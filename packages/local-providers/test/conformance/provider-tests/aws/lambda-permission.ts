// aws_lambda_permission: internal/service/lambda/permission_test.go (04592f0, the state the
// catalogue's lambda-permission.ts cites, read whole). Its Go unit tests (TestPermission*) parse
// policies and ARNs with the provider's helpers: no configuration, not taken.
import { awsTest, NOT_REPLAYED } from "../sources";
import type { ProviderTestFile } from "../types";
import { config, imported, needsUnserved, notRunnable } from "./shared";

/** The test's base: a function on a role of its own (testAccPermissionConfig_base). */
const BASE = `resource "aws_lambda_function" "test" {
  filename      = "{{zip}}"
  function_name = "{{name}}"
  role          = aws_iam_role.test.arn
  handler       = "exports.handler"
  runtime       = "nodejs20.x"
}

resource "aws_iam_role" "test" {
  name = "{{name}}"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" }, Effect = "Allow", Sid = "" }]
  })
}
`;
const permission = (resource: string, body: string) => `${BASE}
resource "aws_lambda_permission" "${resource}" {
  function_name = aws_lambda_function.test.function_name
${body}
}`;
const multiple = (second: string, third: boolean) => `${permission(
  "first",
  `  statement_id  = "AllowExecutionFirst"
  action        = "lambda:InvokeFunction"
  principal     = "events.amazonaws.com"`,
)}

resource "aws_lambda_permission" "${second}" {
  statement_id  = "AllowExecution${second === "second" ? "Second" : "Sec0nd"}"
  action        = "lambda:*"
  function_name = aws_lambda_function.test.function_name
  principal     = "events.amazonaws.com"
}
${
  third
    ? `
resource "aws_lambda_permission" "third" {
  statement_id  = "AllowExecutionThird"
  action        = "lambda:*"
  function_name = aws_lambda_function.test.function_name
  principal     = "events.amazonaws.com"
}
`
    : ""
}`;
const T = "TestAccLambdaPermission_";

export const LAMBDA_PERMISSION: ProviderTestFile = {
  provider: "aws",
  resource: "aws_lambda_permission",
  source: awsTest("internal/service/lambda/permission_test.go", "04592f0", "read whole"),
  cases: [
    config(
      `${T}basic`,
      1,
      permission(
        "test",
        `  statement_id       = "AllowExecutionFromCloudWatch"
  action             = "lambda:InvokeFunction"
  principal          = "events.amazonaws.com"
  event_source_token = "test-event-source-token"`,
      ),
    ),
    imported(`${T}basic`, 2),
    config(
      `${T}principalOrgID`,
      1,
      permission(
        "test",
        `  statement_id       = "AllowExecutionFromCloudWatch"
  action             = "lambda:InvokeFunction"
  principal          = "*"
  principal_org_id   = "o-1234567890"
  event_source_token = "test-event-source-token"`,
      ),
      { adapted: "the organization's id is a literal: the stand-ins serve no aws_organizations_organization" },
    ),
    imported(`${T}principalOrgID`, 2),
    {
      test: `${T}statementIDDuplicate`,
      step: 1,
      kind: "expect-error",
      hcl: `${BASE}
resource "aws_lambda_permission" "test1" {
  action             = "lambda:InvokeFunction"
  event_source_token = "test-event-source-token"
  function_name      = aws_lambda_function.test.function_name
  principal          = "events.amazonaws.com"
  statement_id       = "AllowExecutionFromCloudWatch"
}

resource "aws_lambda_permission" "test2" {
  action             = "lambda:InvokeFunction"
  event_source_token = "test-event-source-token"
  function_name      = aws_lambda_function.test.function_name
  principal          = "events.amazonaws.com"
  statement_id       = "AllowExecutionFromCloudWatch"
}`,
      expect: { phase: "apply", pattern: /ResourceConflictException/ },
    },
    config(
      `${T}rawFunctionName`,
      1,
      permission(
        "test",
        `  statement_id  = "AllowExecutionWithRawFuncName"
  action        = "lambda:InvokeFunction"
  principal     = "events.amazonaws.com"`,
      ),
    ),
    imported(`${T}rawFunctionName`, 2),
    config(
      `${T}statementIDPrefix`,
      1,
      permission(
        "test",
        `  statement_id_prefix = "AllowExecutionWithStatementIdPrefix-"
  action              = "lambda:InvokeFunction"
  principal           = "events.amazonaws.com"`,
      ),
    ),
    imported(`${T}statementIDPrefix`, 2),
    needsUnserved(`${T}qualifier`, 1, "aws_lambda_alias"),
    notRunnable(`${T}disappears`, 1, NOT_REPLAYED.disappears),
    config(`${T}multiplePerms`, 1, multiple("second", false)),
    config(`${T}multiplePerms`, 2, multiple("sec0nd", true), { before: multiple("second", false) }),
    imported(`${T}multiplePerms`, 3),
    imported(`${T}multiplePerms`, 4),
    needsUnserved(`${T}s3`, 1, "aws_s3_bucket"),
    needsUnserved(`${T}sns`, 1, "aws_sns_topic and aws_sns_topic_subscription"),
    config(
      `${T}iamRole`,
      1,
      permission(
        "test",
        `  statement_id  = "AllowExecutionFromIAMRole"
  action        = "lambda:InvokeFunction"
  principal     = aws_iam_role.test.arn`,
      ),
    ),
    imported(`${T}iamRole`, 2),
    config(
      `${T}FunctionURLs_iam`,
      1,
      permission(
        "test",
        `  statement_id           = "AllowExecutionWithIAM"
  action                 = "lambda:InvokeFunctionUrl"
  principal              = aws_iam_role.test.arn
  function_url_auth_type = "AWS_IAM"`,
      ),
    ),
    imported(`${T}FunctionURLs_iam`, 2),
    config(
      `${T}FunctionURLs_none`,
      1,
      permission(
        "test",
        `  statement_id           = "AllowExecutionFromWithoutAuth"
  action                 = "lambda:InvokeFunctionUrl"
  principal              = aws_iam_role.test.arn
  function_url_auth_type = "NONE"`,
      ),
    ),
    imported(`${T}FunctionURLs_none`, 2),
    notRunnable(
      `${T}FunctionURLs_InvokedViaFunctionUrl`,
      1,
      "came after 6.25.0: invoked_via_function_url (6.28.0) is not in the pinned schema, so the pinned provider refuses the configuration",
    ),
  ],
};
