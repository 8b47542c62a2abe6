// Where the catalogue's rules were read: the providers' repositories at the pinned versions,
// or, where the index held only another state of a file, the commit read and what differs.
const AWS_REPO = "hashicorp/terraform-provider-aws";
const AUTH0_REPO = "auth0/terraform-provider-auth0";

/** auth0/auth0 1.55.0: read from the fetched repository at the tag. */
const AUTH0_REF = "v1.55.0";

/**
 * hashicorp/aws 6.25.0 (2025-12-04). The file index holds one state per file, rarely the
 * tag's: each file says which commit was read, and the provider's CHANGELOG from 6.26.0 to
 * 6.31.0 was read for changes to these resources in between (none to their validators, except
 * where a file's note says so).
 */
const AWS_REF = "6.25.0";
export const awsFile = (path: string, symbol: string, commit: string, note?: string) => ({
  repo: AWS_REPO,
  path,
  symbol,
  ref: `${AWS_REF} (read at ${commit})`,
  ...(note ? { note } : {}),
});
export const auth0File = (path: string, symbol: string) => ({ repo: AUTH0_REPO, path, symbol, ref: AUTH0_REF });

/** The AWS docs pages the service limits come from. */
export const AWS_DOCS = {
  httpApiQuotas: "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html",
  createIntegration: "https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-integrations.html",
  reimportApi: "https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid.html#apis-apiid-http-methods",
  cors: "https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid.html#apis-apiid-model-cors",
  lambdaQuotas: "https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html",
  createFunction: "https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html",
  addPermission: "https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html",
  iamQuotas: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html",
  createRole: "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html",
  createLogGroup: "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html",
  requestCertificate: "https://docs.aws.amazon.com/acm/latest/APIReference/API_RequestCertificate.html",
  createDomainName: "https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/domainnames.html",
  httpApiCustomDomains: "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-custom-domain-names.html",
  changeResourceRecordSets: "https://docs.aws.amazon.com/Route53/latest/APIReference/API_ChangeResourceRecordSets.html",
  getHostedZone: "https://docs.aws.amazon.com/Route53/latest/APIReference/API_GetHostedZone.html",
} as const;

export const AUTH0_DOCS = {
  createResourceServer: "https://auth0.com/docs/api/management/v2/resource-servers/post-resource-servers",
  createClient: "https://auth0.com/docs/api/management/v2/clients/post-clients",
  createClientGrant: "https://auth0.com/docs/api/management/v2/client-grants/post-client-grants",
  apiSettings: "https://auth0.com/docs/get-started/apis/api-settings",
} as const;

/**
 * How the Management API words a body its request schema refuses: "Payload validation error:
 * '<z-schema's message>' on property <field> (<the field's description>)." The messages are
 * z-schema's (zaggino/z-schema src/Errors.js: "String is too long ({0} chars), maximum {1}",
 * "Value {0} is greater than maximum {1}", "Missing required property: {0}", "String does not
 * match pattern {0}: {1}"); the form around them is Auth0's, as quoted in
 * auth0-samples/github-source-control-integration#8 and wso2/api-manager#3372 ("Array items are
 * not unique (indexes 1 and 2)", z-schema's words). The limits and descriptions are the API
 * reference's request schema of each call.
 */
export const AUTH0_PAYLOAD_WORDING =
  "Auth0's payload-validation form with z-schema's message (sources.ts AUTH0_PAYLOAD_WORDING); the limit and the field's description from the API reference's request schema";

/** Auth0's answer to a request body its schema refuses, for `property` described as `description`. */
export const auth0Payload = (schemaMessage: string, property: string, description: string) =>
  `Payload validation error: '${schemaMessage}' on property ${property} (${description}).`;
