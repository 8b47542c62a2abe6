// data aws_iam_policy_document: internal/service/iam/policy_document_data_source.go.
import { rulesOf } from "../build";
import { awsFile } from "../sources";
import type { ResourceCatalogue } from "../types";

const file = awsFile("internal/service/iam/policy_document_data_source.go", "dataSourcePolicyDocument", "04e9356");
const r = rulesOf(file);

export const iamPolicyDocument: ResourceCatalogue = {
  provider: "hashicorp/aws",
  type: "aws_iam_policy_document",
  dataSource: true,
  source: file,
  rules: [
    r.required("statement.condition.test"),
    r.required("statement.condition.values"),
    r.required("statement.condition.variable"),
    r.required("statement.not_principals.identifiers"),
    r.required("statement.not_principals.type"),
    r.required("statement.principals.identifiers"),
    r.required("statement.principals.type"),
    r.default("statement.effect", "Allow"),
    r.default("version", "2012-10-17"),
    r.empty("override_json"),
    r.json("override_policy_documents[]"),
    r.empty("source_json"),
    r.json("source_policy_documents[]"),
    r.oneOf("statement.effect", ["Allow", "Deny"], false),
    r.matches("statement.sid", "^[a-zA-Z0-9]*$", "must only include alphanumeric characters"),
    r.oneOf("version", ["2008-10-17", "2012-10-17"], false),
    r.customizeDiff(
      "statement.sid",
      "unique-statement-sid",
      "writing IAM Policy Document: duplicate Sid ({value}). Remove the Sid or ensure the Sid is unique.",
      "dataSourcePolicyDocumentRead (at read, which terraform does while planning)",
    ),
    r.customizeDiff(
      "source_policy_documents",
      "unique-source-sid",
      "{err}",
      "dataSourcePolicyDocumentRead: the source documents merged in order, a Sid an earlier one holds refused (at read)",
    ),
    r.customizeDiff(
      "version",
      "no-var-sequence-before-2012",
      "{err}",
      "dataSourcePolicyDocumentReplaceVarsInList: with version 2008-10-17, &{ in resources, not_resources, principals' identifiers or condition values refused (at read)",
    ),
  ],
};
