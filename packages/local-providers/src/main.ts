// The executable terraform starts: `local-provider <auth0|aws> <schema.json> <protocol dir>`.
// The mirror's wrapper script passes the arguments; see scripts/local.ts.
import { readFileSync } from "node:fs";
import { auth0Provider } from "./auth0/provider";
import { awsProvider } from "./aws/provider";
import { servePlugin } from "./plugin-server";
import { providerService, type ProviderSchemaDump } from "./provider";
import type { ProviderRpcs } from "./rpc";
import { traceProcess } from "./trace";

const PROVIDERS: Record<string, { address: string; rpcs: (schema: ProviderSchemaDump) => ProviderRpcs }> = {
  auth0: { address: "registry.terraform.io/auth0/auth0", rpcs: (schema) => providerService(auth0Provider(schema)) },
  aws: { address: "registry.terraform.io/hashicorp/aws", rpcs: (schema) => providerService(awsProvider(schema)) },
};

async function main(): Promise<void> {
  const [name, schemaFile, protocolDir] = process.argv.slice(2);
  traceProcess(`${name} provider`);
  const entry = PROVIDERS[name];
  if (!entry || !schemaFile || !protocolDir) {
    process.stderr.write(`usage: local-provider <${Object.keys(PROVIDERS).join("|")}> <schema.json> <protocol dir>\n`);
    process.exit(2);
  }
  const dump = JSON.parse(readFileSync(schemaFile, "utf8"));
  const schema = dump.provider_schemas?.[entry.address];
  if (!schema) throw new Error(`${schemaFile} holds no schema for ${entry.address}`);
  await servePlugin({ name: `local ${name} provider`, protocolDir, provider: entry.rpcs(schema) });
}

main().catch((err) => {
  process.stderr.write(`local provider: ${err.stack ?? err}\n`);
  process.exit(1);
});
