// The environment a conformance run gives terraform: a mirror of the stand-ins at the pinned
// versions, in a folder of this test process's own, and nothing of the machine's terraform setup.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PINNED, writeStandinMirror } from "../../src";

let env: NodeJS.ProcessEnv | undefined;

export function terraformEnv(): NodeJS.ProcessEnv {
  if (env) return env;
  const { cliConfig } = writeStandinMirror(mkdtempSync(join(tmpdir(), "standin-mirror-")), [
    { provider: "auth0", version: PINNED.auth0 },
    { provider: "aws", version: PINNED.aws },
  ]);
  const own: NodeJS.ProcessEnv = { ...process.env, TF_CLI_CONFIG_FILE: cliConfig, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" };
  delete own.TF_PLUGIN_CACHE_DIR;
  env = own;
  return env;
}
