// `npm run cloud`: serves the local cloud of this environment (what `npm run local` deployed,
// the objects the stand-in providers keep in the local folder's terraform/cloud[.<env>]/) on
// 127.0.0.1 over the services' own protocols, and prints the variables that point the official
// SDKs, the AWS CLI and the Auth0 tools at it, one a line. A change made through them is what
// terraform's next refresh reads: drift. docs/LOCAL-CLOUD.md.
import { join } from "node:path";
import { FILE_MODE } from "@apigw-auth0-rbac/local-providers/cloud";
import { type Project, writeFileAtomically } from "@apigw-auth0-rbac/model/project";
import { startLocalCloud } from "../local-cloud/cloud";
import { LocalLayout } from "../local-terraform/layout";
import { projectEnvironment, resolveProjectModel } from "../project/model";
import { readCommand } from "./cli";
import type { Command } from "./command";
import { portSetting } from "./ports";

export const CLOUD: Command = {
  name: "npm run cloud",
  summary: "serves the local cloud (what npm run local created) to the official AWS SDKs and Auth0 tools",
  async run(project, argv) {
    readCommand(
      {
        name: this.name,
        usage: "",
        summary:
          "Serves the local cloud (the objects `npm run local` created) on 127.0.0.1: API Gateway v2, Lambda, IAM, CloudWatch Logs and S3 (path style, for terraform's state) at AWS_ENDPOINT_URL, the Auth0 Management API over HTTPS; prints the variables that point real clients at it. Ctrl-C stops.",
        flags: {},
        variables: {
          DEPLOY_ENV: "the environment whose local cloud to serve (default: the model's defaultEnvironment)",
          LOCAL_TERRAFORM_DIR: "the folder of npm run local (default .local/terraform)",
          CLOUD_AWS_PORT: "the AWS endpoint's port (default 4566; 0: any free port)",
          CLOUD_AUTH0_PORT: "the Management API's port (default 4443; 0: any free port)",
          AWS_REGION: "the region printed for the SDKs (default us-east-1; every region is served)",
        },
      },
      argv,
    );
    // Every setting is checked before anything listens.
    const layout = new LocalLayout(project);
    const [awsPort, auth0Port] = [portSetting("CLOUD_AWS_PORT", 4566), portSetting("CLOUD_AUTH0_PORT", 4443)];
    const environment = projectEnvironment(project);
    const dir = layout.cloudDir(environment);
    const cloud = await startLocalCloud({ dir, tenantDomain: tenantDomain(project), awsPort, auth0Port });
    const lines = Object.entries(cloud.variables).map(([k, v]) => `${k}=${v}`);
    // Also in a file, for `set -a; . <file>` in another shell.
    const envFile = join(dir, "cloud.env");
    // Its credentials are the user's alone: replaced whole, so a file an older run left open is not kept.
    writeFileAtomically(envFile, `${lines.join("\n")}\n`, { mode: FILE_MODE });
    process.stderr.write(
      `npm run cloud: the local cloud ${layout.shown(dir)}/${environment ? ` (environment ${environment})` : ""} on 127.0.0.1 — what terraform's next refresh reads.\n` +
        `  AWS (API Gateway v2, Lambda, IAM, CloudWatch Logs, and S3 for terraform's state: STATE_S3_ENDPOINT): ${cloud.awsEndpoint}\n` +
        `  Auth0 Management API: https://${cloud.auth0Domain}/api/v2/ (TLS with the certificate NODE_EXTRA_CA_CERTS names)\n` +
        `  the variables below are also in ${layout.shown(envFile)}; export them in the shell of your script or SDK, not in the one that runs npm run local (AUTH0_DOMAIN would override the model's tenant)\n\n`,
    );
    process.stdout.write(`${lines.join("\n")}\n`);
    const stop = async () => {
      await cloud.close();
      process.exit(0);
    };
    process.on("SIGINT", () => void stop());
    process.on("SIGTERM", () => void stop());
  },
};

/** The model's tenant, named in the certificate the Management API serves; none when the model does not resolve. */
function tenantDomain(project: Project): string | undefined {
  try {
    return resolveProjectModel(project).model.tenant.domain;
  } catch {
    return undefined;
  }
}
