// What aws_iam_role and aws_iam_role_policy share: the iam package's validators, and IAM's own
// checks of a policy document when it is put.
import { apiLimit, type rulesOf } from "../build";
import type { ApiLimitRule } from "../types";

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

const GUIDE = "https://docs.aws.amazon.com/IAM/latest/UserGuide";
/** Where IAM's wording of a refusal was read: an issue quoting the error IAM answered. */
const quoted = (url: string, call: string) => `IAM's wording, as quoted from a ${call} answer in ${url}`;
const OURS = "the wording is ours: no quote of IAM's answer to this case was found";

type GrammarRule = { name: string; message: string; doc: string; note: string };

/** IAM's refusals of a policy document (src/aws/api/iam-policy-grammar.ts), each with where its rule and its wording were read. */
function grammarRules(kind: "trust" | "identity"): GrammarRule[] {
  const syntax = quoted("https://github.com/kubernetes/kops/issues/13095", "PutRolePolicy");
  return [
    kind === "trust"
      ? {
          name: "policy-json",
          message: "This policy contains invalid Json",
          doc: `${GUIDE}/reference_policies_grammar.html`,
          note: `a document that is not JSON; ${quoted("https://github.com/AWSCookbook/Security/issues/2", "CreateRole")}`,
        }
      : {
          name: "policy-json",
          message: "Syntax errors in policy.",
          doc: `${GUIDE}/reference_policies_grammar.html`,
          note: `a document that is not JSON; ${quoted("https://github.com/awslabs/ec2-spot-labs/issues/25", "CreatePolicy")}`,
        },
    {
      name: "policy-syntax",
      message: "Syntax errors in policy.",
      doc: `${GUIDE}/reference_policies_grammar.html`,
      note: `the grammar's shapes: an object with a Statement (an object or a list of objects), Version 2012-10-17 or 2008-10-17, Id and Sid strings, Action/Resource strings or lists of strings, a principal map, a condition map, not both of Action and NotAction (Resource, Principal); ${syntax} for "Statement": null (and the provider's TestAccIAMRolePolicy_Policy_invalidResource expects MalformedPolicyDocument for Resource [["*"]]); for the other shapes the same words are our choice`,
    },
    {
      name: "sid-alphanumeric",
      message: "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*",
      doc: `${GUIDE}/reference_policies_elements_sid.html`,
      note: quoted("https://github.com/aws-cloudformation/cfn-lint/issues/1376", "CloudFormation (IAM)"),
    },
    {
      name: "policy-effect",
      message: "The policy failed legacy parsing",
      doc: `${GUIDE}/reference_policies_elements_effect.html`,
      note: `Effect is Allow or Deny, as written; ${quoted("https://github.com/hashicorp/terraform/issues/10057", "CreatePolicy")} for "allow"; for a statement without Effect ${OURS}`,
    },
    kind === "trust"
      ? {
          name: "principal-required",
          message:
            "Invalid principal in policy: com.amazon.balsa.error.InvalidPolicyException: The passed in policy has a statement with no principals!",
          doc: `${GUIDE}/reference_policies_elements_principal.html`,
          note: `a role's trust policy names a principal in every statement; ${quoted("https://github.com/hashicorp/terraform/issues/20502", "CreateRole")}`,
        }
      : {
          name: "principal-prohibited",
          message: "Policy document should not specify a principal.",
          doc: `${GUIDE}/reference_policies_elements_principal.html`,
          note: `identity-based policies name no principal; ${quoted("https://github.com/hashicorp/terraform/issues/13449", "PutRolePolicy")}`,
        },
    ...(kind === "trust"
      ? [
          {
            name: "principal-format",
            message: 'Invalid principal in policy: "{type}":"{id}"',
            doc: `${GUIDE}/reference_policies_elements_principal.html`,
            note: `principal types AWS, Federated, Service, CanonicalUser; an AWS principal is "*", an account id or an IAM/STS ARN; ${quoted("https://github.com/aws-actions/configure-aws-credentials/issues/332", "UpdateAssumeRolePolicy")} (IAM also refuses a role or user that does not exist, which the stand-in does not know)`,
          },
        ]
      : []),
    {
      name: "actions-required",
      message: "Policy statement must contain actions.",
      doc: `${GUIDE}/reference_policies_elements_action.html`,
      note: quoted("https://github.com/aws/aws-cdk/issues/7615", "CloudFormation (IAM)"),
    },
    {
      name: "action-vendor",
      message: "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.",
      doc: `${GUIDE}/reference_policies_elements_action.html`,
      note: `an action is "*" or <service prefix>:<action>; ${OURS}`,
    },
    {
      name: "action-colons",
      message: "Actions/Condition can contain only one colon.",
      doc: `${GUIDE}/reference_policies_elements_action.html`,
      note: quoted("https://github.com/garnaat/kappa/issues/111", "CreatePolicy"),
    },
    ...(kind === "trust"
      ? [
          {
            name: "resource-prohibited",
            message: "Has prohibited field {field}",
            doc: `${GUIDE}/reference_policies_elements_resource.html`,
            note: `a trust policy names no resource (the role is it); ${quoted("https://github.com/kubernetes-sigs/external-dns/issues/3085", "CreateRole")} for Resource; for NotResource the same words are our choice`,
          },
        ]
      : [
          {
            name: "resources-required",
            message: "Policy statement must contain resources.",
            doc: `${GUIDE}/reference_policies_elements_resource.html`,
            note: quoted("https://github.com/trussworks/terraform-aws-s3-anti-virus/issues/28", "PutRolePolicy"),
          },
          {
            name: "resource-arn",
            message: 'Resource {resource} must be in ARN format or "*".',
            doc: `${GUIDE}/reference_policies_elements_resource.html`,
            note: `"*" or arn:partition:service:region:account:resource; ${quoted("https://github.com/trussworks/terraform-aws-s3-anti-virus/issues/21", "PutRolePolicy")}`,
          },
        ]),
    {
      name: "sid-unique",
      message: "Statement IDs (SID) in a single policy must be unique.",
      doc: `${GUIDE}/reference_policies_elements_sid.html`,
      note: `a Sid given more than once (an empty Sid is none); ${quoted("https://github.com/kubernetes/kops/issues/4951", "PutRolePolicy")}`,
    },
  ];
}

/**
 * IAM's grammar of a policy document at `call` (CreateRole for a trust policy, which
 * UpdateAssumeRolePolicy shares; PutRolePolicy for an inline policy): MalformedPolicyDocument, 400.
 */
export const iamPolicyGrammar = (path: string, call: string, field: string, kind: "trust" | "identity"): ApiLimitRule[] =>
  grammarRules(kind).map((g) =>
    apiLimit(path, {
      call,
      field,
      check: { type: "custom", name: g.name },
      status: 400,
      code: "MalformedPolicyDocument",
      message: g.message,
      doc: g.doc,
      note: g.note,
      name: g.name,
    }),
  );
