// aws_iam_role_policy: internal/service/iam/role_policy.go (resourceRolePolicy), iam/validate.go,
// PutRolePolicy (IAM's grammar of the policy, the size quota of a role's inline policies).
import { apiLimit, rulesOf } from "../build";
import { AWS_DOCS, awsFile } from "../sources";
import type { ResourceCatalogue } from "../types";
import { iamPolicyGrammar, iamPolicyJson, validResourceName } from "./iam-shared";

const file = awsFile(
  "internal/service/iam/role_policy.go",
  "resourceRolePolicy",
  "a 6.x state the index gave without its commit (id 4616927945); iam/validate.go at 044fb31",
);
const r = rulesOf(file);

export const iamRolePolicy: ResourceCatalogue = {
  provider: "hashicorp/aws",
  type: "aws_iam_role_policy",
  source: file,
  rules: [
    r.required("policy"),
    r.required("role"),
    r.forceNew("name"),
    r.forceNew("name_prefix"),
    r.forceNew("role"),
    ...validResourceName(r, "name", 128),
    r.conflictsWith("name", ["name_prefix"]),
    ...validResourceName(r, "name_prefix", 102),
    r.conflictsWith("name_prefix", ["name"]),
    iamPolicyJson(r, "policy"),
    r.lengthBetween("role", 1, 128, { name: "validRolePolicyRole" }),
    r.matches("role", "[\\w+=,.@-]+", undefined, { name: "validRolePolicyRole" }),
    r.custom("role", { type: "not-arn" }, "{qkey} must be the role's name not its ARN", "validRolePolicyRole"),
    apiLimit("policy", {
      call: "PutRolePolicy",
      field: "PolicyDocument",
      check: { type: "quota", name: "inline-policy-size-per-role", limit: 10240, adjustable: false },
      status: 409,
      code: "LimitExceeded",
      message: "Maximum policy size of 10240 bytes exceeded for role {role}",
      doc: AWS_DOCS.iamQuotas,
      note: "quota: role policy size, 10,240 characters for all inline policies of a role together (whitespace not counted); the provider checks no size at plan in 6.25.0 (hashicorp/terraform-provider-aws#45533 asks for it); IAM's wording, as quoted from PutRolePolicy answers in https://github.com/ExpediaGroup/apiary-data-lake/issues/173 and (409 LimitExceeded) https://github.com/serverless/serverless/issues/7643",
    }),
    ...iamPolicyGrammar("policy", "PutRolePolicy", "PolicyDocument", "identity"),
  ],
  calls: { PutRolePolicy: { service: "IAM", wrap: "putting IAM Role (%s) Policy (%s): %s", nameFrom: "role,name" } },
};
