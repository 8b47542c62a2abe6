// The synth's output folder: cleared when a model is refused, and kept from being reused by
// another environment whose terraform working directories it holds.
import { existsSync, readdirSync, readFileSync, rmdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { STACKS } from "@apigw-auth0-rbac/model";
import type { Configuration } from "./configuration";
import { localStatePath, s3StateKey, type StateConfig } from "@apigw-auth0-rbac/model/project";

/**
 * Removes what an earlier synth left in `outdir`. Called when the configuration is
 * rejected: the CLI does not clear the folder itself, and a stale plan that no longer
 * matches the model must not be there to deploy.
 */
export function discardSynthOutput(outdir: string): void {
  rmSync(join(outdir, "stacks"), { recursive: true, force: true });
  rmSync(join(outdir, "manifest.json"), { force: true });
  if (existsSync(outdir) && readdirSync(outdir).length === 0) rmdirSync(outdir);
}

/**
 * Problems with reusing `outdir` for this synth: terraform keeps its working directory
 * (.terraform/) there, bound to one state. Synthesizing another environment into it would
 * leave `cdktf deploy` to offer copying one environment's state into the other's.
 */
export function workingDirectoryProblems(outdir: string, config: Configuration): string[] {
  const environments = Object.keys(config.model.environments ?? {});
  if (environments.length === 0) return [];
  const location = (state: StateConfig, stack: string) => (state.backend === "local" ? localStatePath(state, stack) : s3StateKey(state, stack));
  const problems: string[] = [];
  for (const stack of STACKS) {
    const record = join(outdir, "stacks", stack, ".terraform", "terraform.tfstate");
    if (!existsSync(record)) continue;
    let bound: string | undefined;
    try {
      const backend = JSON.parse(readFileSync(record, "utf8")).backend?.config ?? {};
      bound = backend.path ?? backend.key;
    } catch {
      continue;
    }
    const wanted = location(config.state, stack);
    const other = environments.find(
      (env) => env !== config.model.environment?.name && location({ ...config.state, environment: env }, stack) === bound,
    );
    if (bound !== undefined && bound !== wanted && other) {
      problems.push(
        `${join(outdir, "stacks", stack)} is terraform's working directory for environment "${other}" (state ${bound}); ` +
          `give environment "${config.model.environment?.name}" its own output folder, e.g. DEPLOY_ENV=${config.model.environment?.name} npx cdktf deploy --output cdktf.out.${config.model.environment?.name} auth0 aws`,
      );
    }
  }
  return problems;
}
