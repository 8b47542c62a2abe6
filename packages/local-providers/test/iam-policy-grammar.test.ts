// IAM's grammar of a policy document (src/aws/api/iam-policy-grammar.ts) and the IAM service
// object that refuses by it, in IAM's words (catalogue/aws/iam-shared.ts): what IAM takes passes,
// what it refuses is refused by the rule that names IAM's answer.
import { AWS_CATALOGUE } from "../src/catalogue";
import { IamApi } from "../src/aws/api/iam";
import { type PolicyKind, policyGrammarFailure } from "../src/aws/api/iam-policy-grammar";
import { CallRules, ServiceError } from "../src/service-rules";

const doc = (...statements: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const TRUST = { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" };
const INLINE = {
  Effect: "Allow",
  Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
  Resource: "arn:aws:logs:us-east-1:123456789012:log-group:g:*",
};
const ruleOf = (document: string, kind: PolicyKind) => policyGrammarFailure(document, kind)?.rule;

describe("what IAM takes", () => {
  it.each([
    ["the stacks' trust policy (aws_iam_policy_document's rendering)", doc(TRUST), "trust"],
    ["the stacks' log policy", doc(INLINE), "identity"],
    ["a single statement object", JSON.stringify({ Version: "2012-10-17", Statement: INLINE }), "identity"],
    ["no Version (2008-10-17 then)", JSON.stringify({ Statement: [INLINE] }), "identity"],
    ["the older Version", JSON.stringify({ Version: "2008-10-17", Statement: [INLINE] }), "identity"],
    ["an empty statement list", doc(), "identity"],
    ["an Id", JSON.stringify({ Version: "2012-10-17", Id: "anything at all", Statement: [INLINE] }), "identity"],
    ["Deny, NotAction and NotResource", doc({ Effect: "Deny", NotAction: "iam:*", NotResource: ["arn:aws:s3:::b", "*"] }), "identity"],
    ["empty Sids, repeated", doc({ ...INLINE, Sid: "" }, { ...INLINE, Sid: "" }), "identity"],
    ["distinct alphanumeric Sids", doc({ ...INLINE, Sid: "A1" }, { ...INLINE, Sid: "b2" }), "identity"],
    ["wildcards and policy variables", doc({ Effect: "Allow", Action: "s3:Get*", Resource: "arn:aws:s3:::b/${aws:username}/*" }), "identity"],
    [
      "a condition of strings, numbers and booleans",
      doc({
        ...INLINE,
        Condition: {
          Bool: { "aws:SecureTransport": true },
          NumericLessThan: { "s3:max-keys": 10 },
          StringEquals: { "aws:PrincipalTag/team": ["a", "b"] },
        },
      }),
      "identity",
    ],
    ["principal *", doc({ ...TRUST, Principal: "*" }), "trust"],
    [
      "an account, a role ARN and a root ARN",
      doc({ ...TRUST, Principal: { AWS: ["123456789012", "arn:aws:iam::123456789012:role/r", "arn:aws:iam::123456789012:root"] } }),
      "trust",
    ],
    [
      "a federated principal and a condition",
      doc({
        Effect: "Allow",
        Principal: { Federated: "arn:aws:iam::123456789012:oidc-provider/x" },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: { "x:aud": "sts.amazonaws.com" } },
      }),
      "trust",
    ],
    ["NotPrincipal in a trust policy", doc({ ...TRUST, Principal: undefined, NotPrincipal: { AWS: "123456789012" } }), "trust"],
  ] as const)("takes %s", (_what, document, kind) => {
    expect(policyGrammarFailure(document, kind)).toBeUndefined();
  });
});

describe("what IAM refuses, by the rule that words it", () => {
  it.each([
    ["text that is not JSON", "ec2-permissions.json", "identity", "policy-json"],
    ["JSON that is not an object", "null", "identity", "policy-syntax"],
    ['"Statement": null', JSON.stringify({ Version: "2012-10-17", Statement: null }), "identity", "policy-syntax"],
    ["no Statement", JSON.stringify({ Version: "2012-10-17" }), "identity", "policy-syntax"],
    ["a statement that is no object", doc("s3:GetObject"), "identity", "policy-syntax"],
    ["an unknown Version", JSON.stringify({ Version: "2012-10-18", Statement: [INLINE] }), "identity", "policy-syntax"],
    ["an Id that is no string", JSON.stringify({ Version: "2012-10-17", Id: 1, Statement: [INLINE] }), "identity", "policy-syntax"],
    ['Resource [["*"]] (TestAccIAMRolePolicy_Policy_invalidResource)', doc({ ...INLINE, Resource: [["*"]] }), "identity", "policy-syntax"],
    ["an Action of numbers", doc({ ...INLINE, Action: [1] }), "identity", "policy-syntax"],
    ["Action and NotAction", doc({ ...INLINE, NotAction: "s3:*" }), "identity", "policy-syntax"],
    ["Resource and NotResource", doc({ ...INLINE, NotResource: "*" }), "identity", "policy-syntax"],
    ["a condition of objects", doc({ ...INLINE, Condition: { StringEquals: { "aws:x": { y: 1 } } } }), "identity", "policy-syntax"],
    ["a principal map of numbers", doc({ ...TRUST, Principal: { AWS: 123456789012 } }), "trust", "policy-syntax"],
    ["a Sid with a dash", doc({ ...INLINE, Sid: "allow-logs" }), "identity", "sid-alphanumeric"],
    ["a Sid with a space (trust)", doc({ ...TRUST, Sid: "Allow Lambda" }), "trust", "sid-alphanumeric"],
    ["a Sid that is no string", doc({ ...INLINE, Sid: 1 }), "identity", "policy-syntax"],
    ['"allow"', doc({ ...INLINE, Effect: "allow" }), "identity", "policy-effect"],
    ["no Effect", doc({ ...INLINE, Effect: undefined }), "identity", "policy-effect"],
    ["a principal in an inline policy", doc({ ...INLINE, Principal: { AWS: "123456789012" } }), "identity", "principal-prohibited"],
    ["NotPrincipal in an inline policy", doc({ ...INLINE, NotPrincipal: "*" }), "identity", "principal-prohibited"],
    ["a trust statement without a principal", doc({ Effect: "Allow", Action: "sts:AssumeRole" }), "trust", "principal-required"],
    ["an unknown principal type", doc({ ...TRUST, Principal: { Services: "lambda.amazonaws.com" } }), "trust", "principal-format"],
    ["an AWS principal that is no account or ARN", doc({ ...TRUST, Principal: { AWS: "someone" } }), "trust", "principal-format"],
    ["an AWS principal of another service's ARN", doc({ ...TRUST, Principal: { AWS: "arn:aws:s3:::bucket" } }), "trust", "principal-format"],
    ["no Action", doc({ Effect: "Allow", Resource: "*" }), "identity", "actions-required"],
    ["an empty Action list", doc({ ...INLINE, Action: [] }), "identity", "actions-required"],
    ["no Action (trust)", doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" } }), "trust", "actions-required"],
    ["an action without its service", doc({ ...INLINE, Action: "PutLogEvents" }), "identity", "action-vendor"],
    ["an empty action", doc({ ...INLINE, Action: "" }), "identity", "action-vendor"],
    ["an action starting with a colon", doc({ ...INLINE, Action: ":PutLogEvents" }), "identity", "action-vendor"],
    ["an action of two colons", doc({ ...INLINE, Action: "logs:Put:LogEvents" }), "identity", "action-colons"],
    ["a trust policy naming a resource", doc({ ...TRUST, Resource: "*" }), "trust", "resource-prohibited"],
    ["a trust policy naming NotResource", doc({ ...TRUST, NotResource: "*" }), "trust", "resource-prohibited"],
    ["no Resource", doc({ Effect: "Allow", Action: "s3:*" }), "identity", "resources-required"],
    ["an empty Resource list", doc({ ...INLINE, Resource: [] }), "identity", "resources-required"],
    ["a resource that is no ARN", doc({ ...INLINE, Resource: "my-bucket" }), "identity", "resource-arn"],
    ["an empty resource", doc({ ...INLINE, Resource: "" }), "identity", "resource-arn"],
    ["an ARN of too few parts", doc({ ...INLINE, Resource: "arn:aws:s3" }), "identity", "resource-arn"],
    ["a Sid twice", doc({ ...INLINE, Sid: "A" }, { ...INLINE, Sid: "A" }), "identity", "sid-unique"],
  ] as const)("refuses %s", (_what, document, kind, rule) => {
    expect(ruleOf(document, kind)).toBe(rule);
  });

  it("names the value it refuses", () => {
    expect(policyGrammarFailure(doc({ ...INLINE, Resource: ["*", "bucket"] }), "identity")).toEqual({
      rule: "resource-arn",
      vars: { resource: "bucket" },
    });
    expect(policyGrammarFailure(doc({ ...TRUST, Principal: { AWS: ["123456789012", "x"] } }), "trust")).toEqual({
      rule: "principal-format",
      vars: { type: "AWS", id: "x" },
    });
  });
});

describe("the IAM service object", () => {
  const iam = (applied: Record<string, number> = {}) => new IamApi(new CallRules(Object.values(AWS_CATALOGUE), applied));
  const refusal = (f: () => unknown) => {
    try {
      f();
      return undefined;
    } catch (err) {
      if (err instanceof ServiceError) return `${err.call} ${err.status} ${err.code}: ${err.message}`;
      throw err;
    }
  };

  it("refuses a trust policy at CreateRole and at UpdateAssumeRolePolicy, in IAM's words", () => {
    const svc = iam();
    expect(refusal(() => svc.createRole({ RoleName: "r", AssumeRolePolicyDocument: doc({ ...TRUST, Resource: "*" }) }))).toBe(
      "CreateRole 400 MalformedPolicyDocument: Has prohibited field Resource",
    );
    expect(() => svc.getRole("r")).toThrow(ServiceError);
    svc.createRole({ RoleName: "r", AssumeRolePolicyDocument: doc(TRUST) });
    expect(refusal(() => svc.updateRole("r", { AssumeRolePolicyDocument: doc({ Effect: "Allow", Action: "sts:AssumeRole" }) }))).toBe(
      "UpdateAssumeRolePolicy 400 MalformedPolicyDocument: Invalid principal in policy: com.amazon.balsa.error.InvalidPolicyException: The passed in policy has a statement with no principals!",
    );
    expect(svc.getRole("r").AssumeRolePolicyDocument).toBe(doc(TRUST));
  });

  it("refuses an inline policy at PutRolePolicy and keeps the role's policies as they were", () => {
    const svc = iam();
    expect(refusal(() => svc.putRolePolicy({ RoleName: "r", PolicyName: "p", PolicyDocument: doc({ ...INLINE, Resource: "" }) }))).toBe(
      'PutRolePolicy 400 MalformedPolicyDocument: Resource  must be in ARN format or "*".',
    );
    expect(() => svc.getRolePolicy("r", "p")).toThrow(ServiceError);
  });

  it("refuses a trust policy over 2,048 characters (whitespace not counted), or over the account's applied value", () => {
    const sized = (chars: number) => doc({ ...TRUST, Sid: "A".repeat(chars - doc({ ...TRUST, Sid: "" }).length) });
    expect(sized(2048).length).toBe(2048);
    expect(refusal(() => iam().createRole({ RoleName: "r", AssumeRolePolicyDocument: sized(2048).replace("{", "{   ") }))).toBeUndefined();
    expect(refusal(() => iam().createRole({ RoleName: "r", AssumeRolePolicyDocument: sized(2049) }))).toBe(
      "CreateRole 409 LimitExceeded: Cannot exceed quota for ACLSizePerRole: 2048",
    );
    expect(
      refusal(() => iam({ "role-trust-policy-length": 4096 }).createRole({ RoleName: "r", AssumeRolePolicyDocument: sized(2049) })),
    ).toBeUndefined();
  });
});
