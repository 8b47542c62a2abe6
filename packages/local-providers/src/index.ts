// Stand-ins of the auth0/auth0 and hashicorp/aws terraform providers, for `npm run local`:
// what to put in a provider mirror so that terraform starts them, and the quotas they enforce.
import { join } from "node:path";
import { schemaFile } from "@apigw-auth0-rbac/provider-schemas";
import { AWS_CATALOGUE } from "./catalogue";
import { quotaDefaults } from "./service-rules";

export { PINNED } from "@apigw-auth0-rbac/provider-schemas";

/** The providers the stand-ins serve, by terraform's type name, with their registry namespace. */
export const STANDIN_PROVIDERS = { auth0: { namespace: "auth0" }, aws: { namespace: "hashicorp" } } as const;
export type StandinProvider = keyof typeof STANDIN_PROVIDERS;

/**
 * The command a mirror's executable runs to start the stand-in of `provider` at `version`:
 * this Node.js, the prebuilt bundle (the package's build writes it), the provider's schema and
 * the plugin protocol's files. Throws when no schema of that version is known.
 */
export function standinCommand(provider: StandinProvider, version: string): string[] {
  const packageDir = join(__dirname, "..");
  return [process.execPath, join(packageDir, "bundle", "local-provider.js"), provider, schemaFile(provider, version), join(packageDir, "protocol")];
}

/** The aws stand-in's quotas with their AWS defaults (Service Quotas codes by our names). */
export function awsQuotaDefaults(): Record<string, number> {
  return quotaDefaults(Object.values(AWS_CATALOGUE));
}
