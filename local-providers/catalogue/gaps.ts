// What the real providers and services check that the catalogue does not hold as rules, with why:
// listed in docs/FIDELITY.md beside the rules a stand-in does not run. No cdktf import.

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
    provider: "auth0/auth0",
    what: "auth0_user's update checks (validateUser: username and password, username and email_verified, password and email_verified not changed together)",
    why: "apply-time checks of an update; the conformance run applies creates only, so these are not modelled yet",
  },
  {
    provider: "both",
    what: "service-side validation beyond the api-limit rules of the catalogue (e.g. that a role ARN exists and Lambda can assume it, that callback URLs are allowed by the tenant's settings), eventual consistency, rate limits",
    why: "each needs more of the service's behaviour than a rule: the service API layer (aws/api/, auth0/api/) is where it will go",
  },
  {
    provider: "both",
    what: "account- and tenant-wide quotas (HTTP APIs per region, IAM roles per account, Lambda code storage, Auth0 entity limits per plan)",
    why: "they depend on the account's other resources and plan, which a local run cannot know",
  },
  {
    provider: "both",
    what: "limits over objects of earlier runs: routes, integrations and authorizers per API, a function's policy size, names unique per account, identifiers unique per tenant",
    why: "the service objects live as long as one provider process (one terraform walk): objects created by an earlier apply, or by the other stack's run, are not seen — a later issue keeps them in .local/",
  },
  {
    provider: "both",
    what: "refresh and drift: a read returns the stored state",
    why: "nothing changes outside terraform locally",
  },
];
