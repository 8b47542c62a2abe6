// Pieces the aws tests share (acctest.ConfigLambdaBase and the like), written as our own HCL.
// The stand-ins serve no aws_partition, aws_region or aws_caller_identity: their values are
// literals ("aws", "us-east-1", "123456789012").
import type { ProviderTestCase } from "../types";
import { OFFLINE } from "../sources";

/** A role Lambda can assume (ConfigLambdaBase's aws_iam_role.iam_for_lambda and its policy). */
export const LAMBDA_ROLE = `resource "aws_iam_role" "iam_for_lambda" {
  name = "{{name}}-lambda"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" }, Effect = "Allow" }]
  })
}

resource "aws_iam_role_policy" "iam_policy_for_lambda" {
  name = "{{name}}-lambda"
  role = aws_iam_role.iam_for_lambda.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"]
      Resource = "arn:aws:logs:*:*:*"
    }]
  })
}
`;
export const LAMBDA_BASE_NOTE =
  "acctest.ConfigLambdaBase's VPC, subnets and security group are left out: the stand-ins do not serve them and the function does not use them";

/** A function on LAMBDA_ROLE, from the archive the run writes. */
export const lambdaFunction = (name = "{{name}}", runtime = "nodejs20.x", resource = "test") => `resource "aws_lambda_function" "${resource}" {
  filename      = "{{zip}}"
  function_name = "${name}"
  role          = aws_iam_role.iam_for_lambda.arn
  handler       = "index.handler"
  runtime       = "${runtime}"
}
`;

export const config = (test: string, step: number, hcl: string, extra: Partial<ProviderTestCase> = {}): ProviderTestCase => ({
  test,
  step,
  kind: "config",
  hcl,
  expect: { phase: "none" },
  ...extra,
});
export const imported = (test: string, step: number): ProviderTestCase => ({
  test,
  step,
  kind: "config",
  expect: { phase: "none" },
  notRunnable: OFFLINE.import,
});
export const notRunnable = (test: string, step: number, why: string, kind: ProviderTestCase["kind"] = "config"): ProviderTestCase => ({
  test,
  step,
  kind,
  expect: { phase: "none" },
  notRunnable: why,
});
export const needsUnserved = (test: string, step: number, what: string) => notRunnable(test, step, `needs ${what}, which the stand-ins do not serve`);
