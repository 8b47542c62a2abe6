// `npm run spa`: serves the test app against a deployed tenant and API, using the
// spa/auth_config.json that `npm run spa-config` wrote, at http://localhost:3000 (the
// origin the SPA client registers; SPA_PORT changes it if your model registers another).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { startSpaServer } from "../test-app/server";
import { readCommand } from "./cli";

readCommand({
  name: "npm run spa",
  usage: "",
  summary: "Serves the test app against the deployed tenant and API, with the spa/auth_config.json that npm run spa-config wrote.",
  flags: {},
  variables: { SPA_PORT: "the app's port (default 3000: the origin the SPA client registers)" },
});

const file = join(__dirname, "..", "spa", "auth_config.json");

async function main(): Promise<void> {
  if (!existsSync(file)) throw new Error(`no ${file}: run \`npm run spa-config\` after deploying (or use \`npm start\` to run everything offline)`);
  // startSpaServer validates the config and names a missing field.
  const config = JSON.parse(readFileSync(file, "utf8"));
  const server = await startSpaServer({ config, port: Number(process.env.SPA_PORT || 3000) });
  console.error(`Test app at ${server.url} (tenant ${config.domain}, API ${config.apiOrigin}). Ctrl-C stops.`);
  process.on("SIGINT", () => void server.close().then(() => process.exit(0)));
}

main().catch((err) => {
  console.error(`spa: ${(err as Error).message}`);
  process.exit(1);
});
