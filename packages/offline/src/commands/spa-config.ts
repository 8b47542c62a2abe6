// `npm run spa-config`: writes spa/auth_config.json for a deployed tenant and API, from the
// stacks' outputs (state), so nobody copies a client ID or forgets the audience by hand.
//   npm run spa-config                          reads the outputs with `cdktf output auth0 aws`
//   npm run spa-config -- --outputs-file F      reads a file `cdktf output --outputs-file` wrote
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { authConfigFromOutputs } from "../test-app/auth-config";
import { readCommand } from "./cli";

const ROOT = join(__dirname, "..");
const TARGET = join(ROOT, "spa", "auth_config.json");

function outputsFile(given: string | undefined): string {
  if (given) return given;
  const file = join(mkdtempSync(join(tmpdir(), "outputs-")), "outputs.json");
  const result = spawnSync("npx", ["cdktf", "output", "auth0", "aws", "--outputs-file", file], {
    cwd: ROOT,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, CHECKPOINT_DISABLE: "1" },
  });
  if (result.status !== 0) throw new Error("`cdktf output auth0 aws` failed: deploy both stacks first (npx cdktf deploy auth0 aws)");
  return file;
}

try {
  const { flags: values } = readCommand({
    name: "npm run spa-config",
    usage: "[-- --outputs-file FILE]",
    summary: "Writes spa/auth_config.json for the deployed tenant and API, from the stacks' outputs.",
    flags: {
      "outputs-file": {
        type: "string",
        value: "FILE",
        description: "read a file `cdktf output --outputs-file` wrote, instead of running `cdktf output auth0 aws`",
      },
    },
  });
  const config = authConfigFromOutputs(JSON.parse(readFileSync(outputsFile(values["outputs-file"]), "utf8")));
  writeFileSync(TARGET, `${JSON.stringify(config, null, 2)}\n`);
  console.error(`wrote ${TARGET}: domain ${config.domain}, audience ${config.audience}, API ${config.apiOrigin}`);
} catch (err) {
  console.error(`spa-config: ${(err as Error).message}`);
  process.exit(1);
}
