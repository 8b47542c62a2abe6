// `npm run spa-config`: writes the test app's auth_config.json for a deployed tenant and API,
// from the stacks' outputs (state), so nobody copies a client ID or forgets the audience by hand.
//   npm run spa-config                          reads the outputs with `cdktf output auth0 aws`
//   npm run spa-config -- --outputs-file F      reads a file `cdktf output --outputs-file` wrote
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { type Project, projectPath } from "@apigw-auth0-rbac/model/project";
import { authConfigFromOutputs } from "../test-app/auth-config";
import { deployedAuthConfigFile } from "../test-app/server";
import { readCommand } from "./cli";
import { type Command, CommandError } from "./command";

export const SPA_CONFIG: Command = {
  name: "npm run spa-config",
  summary: "writes the test app's configuration for the deployed tenant and API, from the stacks' outputs",
  async run(project, argv) {
    const { flags } = readCommand(
      {
        name: this.name,
        usage: "[-- --outputs-file FILE]",
        summary: "Writes the test app's auth_config.json (in the project's local folder) for the deployed tenant and API, from the stacks' outputs.",
        flags: {
          "outputs-file": {
            type: "string",
            value: "FILE",
            description: "read a file `cdktf output --outputs-file` wrote, instead of running `cdktf output auth0 aws`",
          },
        },
      },
      argv,
    );
    const config = authConfigFromOutputs(JSON.parse(readFileSync(flags["outputs-file"] ?? deployedOutputs(project), "utf8")));
    const target = deployedAuthConfigFile(project);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, `${JSON.stringify(config, null, 2)}\n`);
    console.error(`wrote ${projectPath(project, target)}: domain ${config.domain}, audience ${config.audience}, API ${config.apiOrigin}`);
  },
};

/** The deployed stacks' outputs, through the project's cdktf CLI. */
function deployedOutputs(project: Project): string {
  const dir = mkdtempSync(join(tmpdir(), "outputs-"));
  const file = join(dir, "outputs.json");
  const result = spawnSync("npx", ["cdktf", "output", "auth0", "aws", "--outputs-file", file], {
    cwd: project.root,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, CHECKPOINT_DISABLE: "1" },
  });
  if (result.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new CommandError("`cdktf output auth0 aws` failed: deploy both stacks first (npx cdktf deploy auth0 aws)");
  }
  return file;
}
