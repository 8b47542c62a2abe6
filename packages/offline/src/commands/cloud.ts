// `npm run cloud`: serves the local cloud of this environment (what `npm run local` deployed,
// the objects the stand-in providers keep in .local/terraform/cloud[.<env>]/) on 127.0.0.1 over
// the services' own protocols, and prints the variables that point the official SDKs, the AWS
// CLI and the Auth0 tools at it, one a line. A change made through them is what terraform's
// next refresh reads: drift. docs/LOCAL-CLOUD.md.
import { writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { PortInUseError } from "../emulator/http/util";
import { startLocalCloud } from "../local-cloud/cloud";
import { readCommand } from "./cli";
import { LOCAL_DIR, localCloudDir, runEnvironment } from "./local";

const ROOT = join(__dirname, "..");

readCommand({
  name: "npm run cloud",
  usage: "",
  summary:
    "Serves the local cloud (the objects `npm run local` created) on 127.0.0.1: API Gateway v2, Lambda, IAM and CloudWatch Logs at AWS_ENDPOINT_URL, the Auth0 Management API over HTTPS; prints the variables that point real clients at it. Ctrl-C stops.",
  flags: {},
  variables: {
    DEPLOY_ENV: "the environment whose local cloud to serve (default: the model's defaultEnvironment)",
    LOCAL_TERRAFORM_DIR: "the folder of npm run local (default .local/terraform)",
    CLOUD_AWS_PORT: "the AWS endpoint's port (default 4566; 0: any free port)",
    CLOUD_AUTH0_PORT: "the Management API's port (default 4443; 0: any free port)",
    AWS_REGION: "the region printed for the SDKs (default us-east-1; every region is served)",
  },
});

function port(variable: string, fallback: number): number {
  const raw = process.env[variable];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535)
    throw new Error(`${variable}=${raw} is not a port; use a number from 1 to 65535 (0: any free port)`);
  return value;
}

function tenantDomain(): string | undefined {
  try {
    const { resolveAccessModel } = require("../../../model/src");
    const { contextEnvironment } = require("../project/environment");
    return resolveAccessModel(require("../../../../access-model").default, { env: process.env, contextEnvironment: contextEnvironment(ROOT) }).model.tenant
      .domain;
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const environment = runEnvironment();
  const dir = localCloudDir(environment, LOCAL_DIR);
  const cloud = await startLocalCloud({
    dir,
    tenantDomain: tenantDomain(),
    awsPort: port("CLOUD_AWS_PORT", 4566),
    auth0Port: port("CLOUD_AUTH0_PORT", 4443),
  });
  const lines = Object.entries(cloud.variables).map(([k, v]) => `${k}=${v}`);
  // Also in a file, for `set -a; . <file>` in another shell.
  const envFile = join(dir, "cloud.env");
  writeFileSync(envFile, `${lines.join("\n")}\n`, { mode: 0o600 });
  process.stderr.write(
    `npm run cloud: the local cloud ${relative(ROOT, dir)}/${environment ? ` (environment ${environment})` : ""} on 127.0.0.1 — what terraform's next refresh reads.\n` +
      `  AWS (API Gateway v2, Lambda, IAM, CloudWatch Logs): ${cloud.awsEndpoint}\n` +
      `  Auth0 Management API: https://${cloud.auth0Domain}/api/v2/ (TLS with the certificate NODE_EXTRA_CA_CERTS names)\n` +
      `  the variables below are also in ${relative(ROOT, envFile)}; export them in the shell of your script or SDK, not in the one that runs npm run local (AUTH0_DOMAIN would override the model's tenant)\n\n`,
  );
  process.stdout.write(`${lines.join("\n")}\n`);
  const stop = async () => {
    await cloud.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((err) => {
  process.stderr.write(`npm run cloud: ${err instanceof PortInUseError ? err.message : ((err as Error).message ?? err)}\n`);
  process.exit(1);
});
