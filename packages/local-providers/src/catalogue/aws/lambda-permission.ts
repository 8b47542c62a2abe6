// aws_lambda_permission: internal/service/lambda/permission.go (resourcePermission), lambda/validate.go, AddPermission.
import { apiLimit, rulesOf } from "../build";
import { AWS_DOCS, awsFile } from "../sources";
import type { ResourceCatalogue } from "../types";
import { LAMBDA_ENUMS } from "./enums";
import { arn, validFunctionName } from "./lambda-shared";

const file = awsFile(
  "internal/service/lambda/permission.go",
  "resourcePermission",
  "04592f0",
  "04592f0 also has invoked_via_function_url (added in 6.28.0), which the 6.25.0 schema lacks",
);
const r = rulesOf(file);
const ARGUMENTS = [
  "action",
  "event_source_token",
  "function_name",
  "function_url_auth_type",
  "principal",
  "principal_org_id",
  "qualifier",
  "source_account",
  "source_arn",
  "statement_id",
  "statement_id_prefix",
];
const STATEMENT_ID = "^[0-9A-Za-z_-]+$";

export const lambdaPermission: ResourceCatalogue = {
  provider: "hashicorp/aws",
  type: "aws_lambda_permission",
  source: file,
  rules: [
    r.required("action"),
    r.required("function_name"),
    r.required("principal"),
    ...ARGUMENTS.map((a) => r.forceNew(a)),
    r.matches("action", "^(lambda:[*]|lambda:[A-Za-z]+|[*])$", "must be a valid action (usually starts with lambda:)", {
      note: "validPermissionAction",
    }),
    r.matches("event_source_token", "^[0-9A-Za-z_.-]+$", "must contain alphanumeric, periods, underscores or dashes only", {
      note: "validPermissionEventSourceToken",
    }),
    r.lengthBetween("event_source_token", 1, 256, { note: "validPermissionEventSourceToken" }),
    ...validFunctionName(r, "function_name"),
    r.oneOf("function_url_auth_type", LAMBDA_ENUMS.FunctionUrlAuthType, false, { via: "ValidateDiagFunc" }),
    r.matches("qualifier", "^[0-9A-Za-z_$-]+$", "must contain alphanumeric, dollar signs, underscores or dashes only", { note: "validQualifier" }),
    r.lengthBetween("qualifier", 1, 128, { note: "validQualifier" }),
    r.custom(
      "source_account",
      { type: "account-id" },
      "{qkey} doesn't look like AWS Account ID (exactly 12 digits): {qvalue}",
      "verify.ValidAccountID",
    ),
    arn(r, "source_arn"),
    r.matches("statement_id", STATEMENT_ID, "must contain alphanumeric, underscores or dashes only", { note: "validPolicyStatementID" }),
    r.lengthBetween("statement_id", 1, 100, { note: "validPolicyStatementID" }),
    r.conflictsWith("statement_id", ["statement_id_prefix"]),
    r.matches("statement_id_prefix", STATEMENT_ID, "must contain alphanumeric, underscores or dashes only", { note: "validPolicyStatementID" }),
    r.lengthBetween("statement_id_prefix", 1, 100, { note: "validPolicyStatementID" }),
    r.conflictsWith("statement_id_prefix", ["statement_id"]),
    apiLimit("function_name", {
      call: "AddPermission",
      field: "FunctionName",
      check: { type: "quota", name: "function-policy-size", limit: 20480, adjustable: false },
      status: 400,
      code: "PolicyLengthExceededException",
      message: "The final policy size ({size}) is bigger than the limit (20480).",
      doc: AWS_DOCS.lambdaQuotas,
      note: "quota: function resource-based policy, 20 KB; the message as AWS answers it (quoted in scribd/terraform-aws-datadog#61)",
    }),
    apiLimit("statement_id", {
      call: "AddPermission",
      field: "StatementId",
      check: { type: "custom", name: "unique-statement-id" },
      status: 409,
      code: "ResourceConflictException",
      message: "The statement id ({value}) provided already exists. Please provide a new statement id, or remove the existing statement.",
      doc: AWS_DOCS.addPermission,
    }),
  ],
  calls: { AddPermission: { service: "Lambda", wrap: "adding Lambda Permission (%s/%s): %s", nameFrom: "function_name,statement_id" } },
};
