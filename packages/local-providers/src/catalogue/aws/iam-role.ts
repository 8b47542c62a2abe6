// aws_iam_role: internal/service/iam/role.go (resourceRole), iam/validate.go, verify.ValidIAMPolicyJSON,
// CreateRole and UpdateAssumeRolePolicy (IAM's grammar of the trust policy, its length quota).
import { apiLimit, rulesOf } from "../build";
import { AWS_DOCS, awsFile } from "../sources";
import type { ResourceCatalogue } from "../types";
import { IAM_NAME_PATTERN, iamPolicyGrammar, iamPolicyJson, validResourceName } from "./iam-shared";

const file = awsFile(
  "internal/service/iam/role.go",
  "resourceRole",
  "a 2026 state the index gave without its commit (id 4782037191); iam/validate.go at 044fb31",
);
const r = rulesOf(file);

export const iamRole: ResourceCatalogue = {
  provider: "hashicorp/aws",
  type: "aws_iam_role",
  source: file,
  rules: [
    r.required("assume_role_policy"),
    r.forceNew("name"),
    r.forceNew("name_prefix"),
    r.forceNew("path"),
    r.default("force_detach_policies", false),
    r.default("max_session_duration", 3600),
    r.default("path", "/"),
    iamPolicyJson(r, "assume_role_policy"),
    r.lengthBetween("description", 0, 1000),
    r.doesNotMatch("description", "[“‘]", "cannot contain specially formatted single or double quotes: [“‘]"),
    r.matches(
      "description",
      "[\\p{L}\\p{M}\\p{Z}\\p{S}\\p{N}\\p{P}]*",
      "must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{Z}\\p{S}\\p{N}\\p{P}]*)",
    ),
    r.notEmpty("inline_policy.name"),
    ...validResourceName(r, "inline_policy.name", 128),
    iamPolicyJson(r, "inline_policy.policy"),
    r.custom("managed_policy_arns[]", { type: "arn" }, "{qkey} ({value}) is an invalid ARN: {err}", "verify.ValidARN"),
    r.wholeNumber("max_session_duration"),
    r.intBetween("max_session_duration", 3600, 43200),
    ...validResourceName(r, "name", 64),
    r.conflictsWith("name", ["name_prefix"]),
    ...validResourceName(r, "name_prefix", 38),
    r.conflictsWith("name_prefix", ["name"]),
    r.lengthBetween("path", 0, 512),
    r.custom("permissions_boundary", { type: "arn" }, "{qkey} ({value}) is an invalid ARN: {err}", "verify.ValidARN"),
    apiLimit("name", {
      call: "CreateRole",
      field: "RoleName",
      check: { type: "custom", name: "unique-role-name" },
      status: 409,
      code: "EntityAlreadyExists",
      message: "Role with name {value} already exists.",
      doc: AWS_DOCS.createRole,
      note: `role names are unique per account (pattern ${IAM_NAME_PATTERN} is checked at plan)`,
    }),
    ...iamPolicyGrammar("assume_role_policy", "CreateRole", "AssumeRolePolicyDocument", "trust"),
    apiLimit("assume_role_policy", {
      call: "CreateRole",
      field: "AssumeRolePolicyDocument",
      check: { type: "quota", name: "role-trust-policy-length", limit: 2048, adjustable: true },
      status: 409,
      code: "LimitExceeded",
      message: "Cannot exceed quota for ACLSizePerRole: {limit}",
      doc: AWS_DOCS.iamQuotas,
      note: "quota: role trust policy length, 2,048 characters by default (AWS raises it to 4,096), whitespace not counted; checked by UpdateAssumeRolePolicy too; IAM's wording, as quoted from UpdateAssumeRolePolicy answers in https://github.com/apache/airflow/pull/27331 and https://github.com/kubeflow/kubeflow/issues/6687",
    }),
  ],
  calls: {
    CreateRole: { service: "IAM", wrap: "creating IAM Role (%s): %s", nameFrom: "name" },
    // resourceRoleUpdate: the provider words an UpdateAssumeRolePolicy refusal with the role's id (its name).
    UpdateAssumeRolePolicy: { service: "IAM", wrap: "updating IAM Role (%s) assume role policy: %s", nameFrom: "name" },
  },
};
