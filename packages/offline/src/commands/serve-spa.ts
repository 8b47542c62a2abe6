// `npm run spa`: serves the test app against a deployed tenant and API, using the
// auth_config.json that `npm run spa-config` wrote, at http://localhost:3000 (the origin the
// SPA client registers; SPA_PORT changes it if your model registers another).
import { existsSync, readFileSync } from "node:fs";
import { projectPath } from "@apigw-auth0-rbac/model/project";
import { deployedAuthConfigFile, startSpaServer } from "../test-app/server";
import { readCommand } from "./cli";
import { type Command, CommandError } from "./command";

export const SERVE_SPA: Command = {
  name: "npm run spa",
  summary: "serves the test app against the deployed tenant and API",
  async run(project, argv) {
    readCommand(
      {
        name: this.name,
        usage: "",
        summary: "Serves the test app against the deployed tenant and API, with the auth_config.json that npm run spa-config wrote.",
        flags: {},
        variables: { SPA_PORT: "the app's port (default 3000: the origin the SPA client registers)" },
      },
      argv,
    );
    const file = deployedAuthConfigFile(project);
    if (!existsSync(file)) {
      throw new CommandError(
        `no ${projectPath(project, file)}: run \`npm run spa-config\` after deploying (or use \`npm start\` to run everything offline)`,
      );
    }
    // startSpaServer validates the config and names a missing field.
    const config = JSON.parse(readFileSync(file, "utf8"));
    const server = await startSpaServer({ config, port: Number(process.env.SPA_PORT || 3000) });
    console.error(`Test app at ${server.url} (tenant ${config.domain}, API ${config.apiOrigin}). Ctrl-C stops.`);
    process.on("SIGINT", () => void server.close().then(() => process.exit(0)));
  },
};
