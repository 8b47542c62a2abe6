// Stand-ins of the auth0/auth0 and hashicorp/aws terraform providers: the mirror that makes
// terraform start them, and the quotas the aws stand-in enforces.
import { AWS_CATALOGUE } from "./catalogue";
import { quotaDefaults } from "./service-rules";

export { PINNED } from "@apigw-auth0-rbac/provider-schemas";
export { type StandinProvider, STANDIN_PROVIDERS, standinCommand } from "./launch";
export { type StandinMirror, writeStandinMirror } from "./mirror";

/** The aws stand-in's adjustable quotas with their AWS defaults, by our names ("routes-per-api"). */
export function awsQuotaDefaults(): Record<string, number> {
  return quotaDefaults(Object.values(AWS_CATALOGUE));
}
