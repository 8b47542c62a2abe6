// Validators the iam package shares between aws_iam_role and aws_iam_role_policy.
import type { rulesOf } from "../build";

type Rules = ReturnType<typeof rulesOf>;
export const IAM_NAME_PATTERN = "^[\\w+=,.@-]*$";

/** validResourceName(max) (iam/validate.go): All(StringLenBetween(1, max), StringMatch(^[\w+=,.@-]*$)). */
export const validResourceName = (r: Rules, path: string, max: number) => [
  r.lengthBetween(path, 1, max),
  r.matches(path, IAM_NAME_PATTERN, "must match [\\w+=,.@-]"),
];

/** verify.ValidIAMPolicyJSON: an object, no leading space, parseable JSON, no duplicate keys. */
export const iamPolicyJson = (r: Rules, path: string) =>
  r.custom(path, { type: "iam-policy-json" }, "{qkey} {err}", "verify.ValidIAMPolicyJSON", {
    note: "internal/verify/validate.go (a 6.x state, id 711845942); its duplicate-key branch is hashicorp/aws-sdk-go-base v2/validation/json.go JSONNoDuplicateKeys (commit 62509afb)",
  });
