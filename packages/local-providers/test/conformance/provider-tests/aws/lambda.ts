// aws_lambda_function and aws_lambda_permission: the validators' unit tests,
// internal/service/lambda/validate_test.go (013f173, a 2026 state; its eusc-partition ARNs are
// later than 6.25.0 and valid values are not cases), the function's acceptance steps read from
// function_test.go (an aws-sdk-go v1 state, 262d4da, first 16,000 of 129,126 characters), and
// the bare function name over 64 characters, settled at 6.25.0 (see LAMBDA_NAME below).
import { awsTest, literal, NOT_REPLAYED } from "../sources";
import type { ProviderTestCase, ProviderTestFile } from "../types";
import { config, imported, LAMBDA_BASE_NOTE, LAMBDA_ROLE, needsUnserved, notRunnable } from "./shared";

const fn = (body: string, name = "{{name}}") => `${LAMBDA_ROLE}
resource "aws_lambda_function" "test" {
  function_name = "${name}"
  role          = aws_iam_role.iam_for_lambda.arn
  handler       = "exports.example"
  runtime       = "nodejs20.x"
${body}
}`;
const ZIP = '  filename = "{{zip}}"';
const NOTE = { adapted: LAMBDA_BASE_NOTE };
const T = "TestAccLambdaFunction_";

export const LAMBDA_FUNCTION: ProviderTestFile = {
  provider: "aws",
  resource: "aws_lambda_function",
  source: awsTest(
    "internal/service/lambda/function_test.go",
    "262d4da",
    "an aws-sdk-go v1 state, read to offset 16000; the later tests are not in the suite",
  ),
  cases: [
    config(`${T}basic`, 1, fn(ZIP), NOTE),
    imported(`${T}basic`, 2),
    config(`${T}unpublishedCodeUpdate`, 1, fn(ZIP), NOTE),
    notRunnable(
      `${T}unpublishedCodeUpdate`,
      2,
      "PreConfig writes a new archive between the steps, and the check compares last_modified with the time before the update",
    ),
    imported(`${T}unpublishedCodeUpdate`, 3),
    notRunnable(`${T}disappears`, 1, NOT_REPLAYED.disappears),
    needsUnserved(`${T}codeSigning`, 1, "aws_lambda_code_signing_config and a signing profile"),
    config(`${T}concurrency`, 1, fn(`${ZIP}\n  reserved_concurrent_executions = 111`), NOTE),
    imported(`${T}concurrency`, 2),
    config(`${T}concurrency`, 3, fn(`${ZIP}\n  reserved_concurrent_executions = 222`), NOTE),
    config(`${T}concurrencyCycle`, 1, fn(ZIP), NOTE),
    imported(`${T}concurrencyCycle`, 2),
    config(`${T}concurrencyCycle`, 3, fn(`${ZIP}\n  reserved_concurrent_executions = 222`), NOTE),
    config(`${T}concurrencyCycle`, 4, fn(ZIP), NOTE),
    {
      test: `${T}expectFilenameAndS3Attributes`,
      step: 1,
      kind: "expect-error",
      hcl: fn(""),
      expect: { phase: "plan", pattern: /one of `filename,image_uri,s3_bucket` must be specified/ },
      adapted:
        'the read state expects "filename, s3_* or image_uri attributes must be set", the Create-time error of its day; 6.x has ExactlyOneOf(filename, image_uri, s3_bucket), refused at plan in the SDK\'s words',
    },
    config(`${T}envVariables`, 1, fn(ZIP), NOTE),
  ],
};

const VALIDATE = "internal/service/lambda/validate_test.go";
const plan = (test: string, step: number, hcl: string, message: string): ProviderTestCase => ({
  test,
  step,
  kind: "validator",
  hcl,
  expect: { phase: "plan", pattern: literal(message) },
});
const named = (name: string) => `resource "aws_lambda_function" "test" {
  function_name = ${JSON.stringify(name)}
  role          = "arn:aws:iam::123456789012:role/{{name}}"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "{{zip}}"
}`;
const LONG_ARN = `arn:aws:lambda:us-west-2:123456789012:function:TooLoooooo${"o".repeat(55)}ooooooooooooooooongFunctionName`;

export const LAMBDA_VALIDATORS: ProviderTestFile = {
  provider: "aws",
  resource: "aws_lambda_function",
  source: awsTest(VALIDATE, "013f173"),
  cases: [
    plan(
      "TestValidFunctionName",
      1,
      named("/FunctionNameWithSlash"),
      "invalid value for function_name (must be valid function name or function ARN)",
    ),
    plan(
      "TestValidFunctionName",
      2,
      named("function.name.with.dots"),
      "invalid value for function_name (must be valid function name or function ARN)",
    ),
    plan("TestValidFunctionName", 3, named(LONG_ARN), "expected length of function_name to be in the range (1 - 140)"),
  ],
};

const permission = (attribute: string, value: string) => `resource "aws_lambda_permission" "test" {
  function_name = "{{name}}"
  principal     = "apigateway.amazonaws.com"
  action        = ${attribute === "action" ? JSON.stringify(value) : '"lambda:InvokeFunction"'}
${attribute === "action" ? "" : `  ${attribute} = ${JSON.stringify(value)}\n`}}`;
const invalid = (test: string, attribute: string, values: readonly string[], match: string, length: [number, number], from = 1) =>
  values.map((value, i) =>
    plan(
      test,
      from + i,
      permission(attribute, value),
      value.length > length[1]
        ? `expected length of ${attribute} to be in the range (${length[0]} - ${length[1]})`
        : `invalid value for ${attribute} (${match})`,
    ),
  );

export const LAMBDA_PERMISSION_VALIDATORS: ProviderTestFile = {
  provider: "aws",
  resource: "aws_lambda_permission",
  source: awsTest(VALIDATE, "013f173"),
  cases: [
    ...invalid(
      "TestValidPermissionAction",
      "action",
      ["yada", "lambda:123", "*:*", "lambda:Invoke*"],
      "must be a valid action (usually starts with lambda:)",
      [0, 1e9],
    ),
    ...invalid(
      "TestValidPermissionEventSourceToken",
      "event_source_token",
      ["!", "test event source token", ".".repeat(257)],
      "must contain alphanumeric, periods, underscores or dashes only",
      [1, 256],
    ),
    ...invalid(
      "TestValidQualifier",
      "qualifier",
      ["arn:aws:lambda:us-west-2:123456789012:function:prod", `TooLoooooo${"o".repeat(45)}${"o".repeat(51)}oooooooooooongQualifier`],
      "must contain alphanumeric, dollar signs, underscores or dashes only",
      [1, 128],
    ),
    ...invalid(
      "TestValidPolicyStatementID",
      "statement_id",
      [
        "Invalid/StatementId/with/slashes",
        "InvalidStatementId.with.dots",
        `TooooLoooooooooooooooooooooooooooooooooooooooooooo${"o".repeat(40)}StatementId`,
      ],
      "must contain alphanumeric, underscores or dashes only",
      [1, 100],
    ),
  ],
};

/**
 * The phase of a bare function name over 64 characters at 6.25.0 (issue #30 item 4). The values
 * are PR #43755's unit test (validate_test.go at 0210c54, a state of that PR): its plan-time
 * 64-character check is not in 6.25.0 — validate.go's states without it (the HashiCorp-header one)
 * and validate_test.go at 013f173 (2026, without the PR's cases) bracket the tag, and the PR is
 * open in the stored thread and absent from the CHANGELOG 6.26.0-6.31.0. So at 6.25.0 the name
 * passes plan and CreateFunction refuses it: "If you specify only the function name, it is
 * limited to 64 characters in length" (API_CreateFunction). The PR's ARN values pass the plan at
 * 6.25.0 too; what Read makes of an ARN in function_name afterwards no test of that tag shows, so
 * they are not cases (the service object's own test holds them to 140: service-apis.test.ts).
 */
export const LAMBDA_NAME: ProviderTestFile = {
  provider: "aws",
  resource: "aws_lambda_function",
  source: awsTest(VALIDATE, "0210c54", "PR #43755's state (not merged at 6.25.0): its value, the phase 6.25.0 gives it"),
  cases: [
    {
      test: "TestValidFunctionName (PR #43755)",
      step: 1,
      kind: "validator",
      hcl: fn(ZIP, "F".repeat(65)),
      expect: { phase: "apply", pattern: /'functionName' failed to satisfy constraint: Member must have length less than or equal to 64/ },
    },
  ],
};
