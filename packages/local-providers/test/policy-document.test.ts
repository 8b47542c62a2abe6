// aws_iam_policy_document's JSON as policy_document_data_source.go and policy_model.go write it:
// the expected documents of the provider's own tests (policy_document_data_source_test.go), in
// the shape 6.25.0 writes (an empty Sid left out).
import { renderPolicyDocument } from "../src/aws/policy-document";

const statement = (sid: string, effect: string, action: string) => ({ sid, effect, actions: [action] });
const json = (config: Record<string, unknown>) => JSON.parse(renderPolicyDocument(config as never).json);

it("writes a set of strings in reverse lexical order, &{ as ${, and condition values in their order", () => {
  const doc = json({
    policy_id: "policy_id",
    statement: [
      { sid: "1", actions: ["s3:GetBucketLocation", "s3:ListAllMyBuckets"], resources: ["arn:aws:s3:::*"] },
      {
        actions: ["s3:*"],
        resources: ["arn:aws:s3:::foo/home/&{aws:username}", "arn:aws:s3:::foo/home/&{aws:username}/*"],
        condition: [{ test: "StringLike", variable: "s3:prefix", values: ["home/", "", "home/&{aws:username}/"] }],
        principals: [{ type: "AWS", identifiers: ["*"] }],
      },
      { actions: ["firehose:*"], principals: [{ type: "*", identifiers: ["*"] }] },
    ],
  });
  expect(doc).toEqual({
    Version: "2012-10-17",
    Id: "policy_id",
    Statement: [
      { Sid: "1", Effect: "Allow", Action: ["s3:ListAllMyBuckets", "s3:GetBucketLocation"], Resource: "arn:aws:s3:::*" },
      {
        Effect: "Allow",
        Action: "s3:*",
        Resource: ["arn:aws:s3:::foo/home/${aws:username}/*", "arn:aws:s3:::foo/home/${aws:username}"],
        Principal: { AWS: "*" },
        Condition: { StringLike: { "s3:prefix": ["home/", "", "home/${aws:username}/"] } },
      },
      { Effect: "Allow", Action: "firehose:*", Principal: "*" },
    ],
  });
});

it("merges the source documents in order, then the statements, then the override documents, a later Sid replacing an earlier", () => {
  const a = renderPolicyDocument({ statement: [statement("", "Allow", "foo:ActionOne"), statement("overrideSid", "Allow", "bar:ActionOne")] }).json;
  const b = renderPolicyDocument({ statement: [statement("validSid", "Deny", "foo:ActionTwo")] }).json;
  const c = renderPolicyDocument({ statement: [statement("overrideSid", "Deny", "bar:ActionOne")] }).json;
  expect(json({ version: "2012-10-17", override_policy_documents: [a, b, c] })).toEqual({
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Action: "foo:ActionOne" },
      { Sid: "overrideSid", Effect: "Deny", Action: "bar:ActionOne" },
      { Sid: "validSid", Effect: "Deny", Action: "foo:ActionTwo" },
    ],
  });
  const source = renderPolicyDocument({ statement: [{ sid: "SidToOverwrite", actions: ["s3:*"], resources: ["arn:aws:s3:::b"] }] }).json;
  expect(json({ source_policy_documents: [source], statement: [{ sid: "SidToOverwrite", actions: ["s3:*"], resources: ["*"] }] }).Statement).toEqual([
    { Sid: "SidToOverwrite", Effect: "Allow", Action: "s3:*", Resource: "*" },
  ]);
});

it("keys principals by type and conditions by test in sorted order, as Go's encoding/json writes a map", () => {
  const doc = json({
    statement: [
      {
        actions: ["*"],
        principals: [
          { type: "Service", identifiers: ["lambda.amazonaws.com"] },
          { type: "AWS", identifiers: ["arn:aws:iam::111111111111:root"] },
        ],
        condition: [
          { test: "StringLike", variable: "s3:prefix", values: ["a"] },
          { test: "ArnLike", variable: "aws:SourceArn", values: ["arn:aws:events:us-east-1:111111111111:rule/x"] },
        ],
      },
    ],
  });
  expect(Object.keys(doc.Statement[0].Principal)).toEqual(["AWS", "Service"]);
  expect(Object.keys(doc.Statement[0].Condition)).toEqual(["ArnLike", "StringLike"]);
  // A type is data: "__proto__" is written as any other.
  const odd = json({ statement: [{ actions: ["*"], principals: [{ type: "__proto__", identifiers: ["x"] }] }] });
  expect(renderPolicyDocument({ statement: [{ actions: ["*"], principals: [{ type: "__proto__", identifiers: ["x"] }] }] }).json).toContain(
    '"__proto__": "x"',
  );
  expect(Object.keys(odd.Statement[0].Principal)).toEqual(["__proto__"]);
});
