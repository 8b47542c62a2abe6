// What the real providers and services check that the catalogue does not hold as rules, with why:
// listed in docs/FIDELITY.md beside the rules a stand-in does not run.

export interface Gap {
  readonly provider: "auth0/auth0" | "hashicorp/aws" | "both";
  readonly what: string;
  readonly why: string;
}

export const GAPS: readonly Gap[] = [
  {
    provider: "hashicorp/aws",
    what: "the per-resource `region` argument of provider 6.x (its validation against the provider's regions)",
    why: "not read; the stand-in fills `region` from the provider block and the stacks never set it",
  },
  {
    provider: "both",
    what: "the provider blocks' own settings (aws credentials, region and endpoints; auth0 domain and credentials)",
    why: "there is no account to authenticate against; the stand-ins accept any provider configuration",
  },
  {
    provider: "both",
    what: "service-side validation beyond the api-limit rules of the catalogue (e.g. that a role ARN exists and Lambda can assume it, that a dead-letter target is a queue or topic the role may write to, that callback URLs are allowed by the tenant's settings), eventual consistency, rate limits",
    why: "each needs more of the service's behaviour than a rule: the service API layer (src/aws/api/, src/auth0/api/) is where it will go",
  },
  {
    provider: "hashicorp/aws",
    what: "IAM's checks of a policy document beyond its grammar: condition operators and condition keys, that an AWS principal (a role, a user) exists and a service principal names a service, each service's own resource ARN rules (an IAM resource with a region), which policy variables a Version allows; a statement list that is empty is taken",
    why: "IAM's answers to these are not documented or quoted where the stand-in could read them, and a grammar stricter than IAM's is as wrong as a laxer one: what IAM is not known to refuse passes (src/aws/api/iam-policy-grammar.ts)",
  },
  {
    provider: "hashicorp/aws",
    what: 'the provider\'s retries: CreateRole and UpdateAssumeRolePolicy are retried for two minutes while IAM answers "Invalid principal in policy" (a principal not yet visible)',
    why: "the local IAM's answer does not change with time, so the stand-in gives the final error at once",
  },
  {
    provider: "hashicorp/aws",
    what: "aws_iam_role's inline_policy blocks (PutRolePolicy at create, and its updates) and Lambda resource policies as documents",
    why: "the stand-in does not put inline_policy blocks (the stacks use aws_iam_role_policy, which IAM's grammar checks); Lambda's AddPermission builds each statement itself, so no policy document reaches Lambda",
  },
  {
    provider: "auth0/auth0",
    what: "the Management API's request schemas beyond the limits in the catalogue (the formats of a client's URLs, callback-url and url-with-placeholders; a scope's value and description lengths; that a grant's scopes exist on its API), the API's 409 for a second grant of one client and audience, and the provider's adoption of such an existing grant at create (createClientGrant: the stand-in creates a second one)",
    why: "the URL formats are Auth0's own and not documented; the stacks write none of these values and one grant per client and audience",
  },
  {
    provider: "both",
    what: "account- and tenant-wide quotas (HTTP APIs per region, IAM roles per account, Lambda code storage, Auth0 entity limits per plan)",
    why: "they depend on the account's other resources and plan, which a local run cannot know",
  },
  {
    provider: "both",
    what: "references between objects: that a route's API, a permission's function, a role policy's role, a role's or user's id, an API whose scopes are set exist (AWS and Auth0 answer 404)",
    why: "the conformance cases name made-up parents (literal ids stand in for references); the service objects give such a child an implicit parent instead of refusing it (src/aws/api/, src/auth0/api/management.ts)",
  },
  {
    provider: "hashicorp/aws",
    what: "aws_route53_record's routing policies (weighted, latency, failover, geolocation, geoproximity, cidr, multivalue answer) and the rules between them and set_identifier",
    why: "not in the catalogue: the stacks write simple and alias records only",
  },
  {
    provider: "hashicorp/aws",
    what: "Route 53's own checks of a change batch beyond an existing record (an alias target that does not exist, a CNAME beside other records or at the apex), and the record name's StateFunc (the provider stores the name lower case without its trailing dot; the stand-in keeps it as written)",
    why: "each needs DNS semantics the local zones do not model; the stacks write what Route 53 accepts",
  },
  {
    provider: "hashicorp/aws",
    what: "ACM beyond DNS validation: email and HTTP validation never complete, an imported certificate's PEM is not read, private CA issuance, renewals, and aws_acm_certificate's create-time check that certificate_authority_arn or validation_method is set",
    why: "the stacks request DNS-validated certificates only; the local cloud keeps the certificates and the zones' records, and without one (no LOCAL_CLOUD_DIR) a certificate another process requested is unknown, so its validation is taken as done there",
  },
  {
    provider: "both",
    what: "the local cloud (LOCAL_CLOUD_DIR) is per environment: objects of one environment's run are not seen by another's, as if each had its own account and tenant",
    why: "the project gives each environment its own tenant; AWS accounts shared between environments are not modelled. Within an environment, limits over objects of earlier runs are real: routes, integrations and authorizers per API, a function's policy size, names unique per account, custom domain names unique per account and region, identifiers unique per tenant",
  },
  {
    provider: "both",
    what: "refresh reads the attributes the stacks set and the services return (resources.ts of each provider); other attributes keep their stored value",
    why: "what the real providers' Read functions flatten beyond that (e.g. a function's VPC or layers, a client's addons) is not kept by the local services",
  },
  {
    provider: "hashicorp/aws",
    what: "npm run cloud: SigV4 signatures (only the local access key id is checked), pagination tokens (every list is one page), and services or calls beyond API Gateway v2's APIs, authorizers, integrations, routes and stages, Lambda's functions and policy, IAM roles and inline policies, CloudWatch Logs groups",
    why: "the local cloud serves one local account on 127.0.0.1; LOCAL-CLOUD.md (in @apigw-auth0-rbac/offline) lists what it serves",
  },
];
