// How terraform starts a stand-in: this Node.js, the prebuilt bundle (the package's build writes
// it to bundle/), the provider's schema and the plugin protocol's files.
import { join } from "node:path";
import { schemaFile } from "@apigw-auth0-rbac/provider-schemas";

/** The providers the stand-ins serve, by terraform's type name, with their registry namespace. */
export const STANDIN_PROVIDERS = { auth0: { namespace: "auth0" }, aws: { namespace: "hashicorp" } } as const;
export type StandinProvider = keyof typeof STANDIN_PROVIDERS;

/** The command that starts the stand-in of `provider` at `version`; throws when no schema of that version is known. */
export function standinCommand(provider: StandinProvider, version: string): string[] {
  // src/ and dist/ are both one level down.
  const packageDir = join(__dirname, "..");
  return [process.execPath, join(packageDir, "bundle", "local-provider.js"), provider, schemaFile(provider, version), join(packageDir, "protocol")];
}
