// Synthesizes a checkout (the head's work tree or the base's copy) with its own code, and
// points both stacks at the review's scratch state, whatever backend that code configures.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { exec, tail } from "./exec";

import { STACKS } from "@apigw-auth0-rbac/model";
export { STACKS };
export type StackName = (typeof STACKS)[number];

export class SynthError extends Error {}

/** Runs the checkout's cdktf.json "app" into `outdir` (what `cdktf synth` runs, without its CLI). */
export async function synthesizeCheckout(dir: string, outdir: string, env: NodeJS.ProcessEnv): Promise<void> {
  let app: string;
  try {
    app = JSON.parse(readFileSync(join(dir, "cdktf.json"), "utf8")).app;
  } catch (err) {
    throw new SynthError(`cdktf.json cannot be read: ${(err as Error).message}`);
  }
  // Each checkout builds its app into its own .local/app.
  const { APP_BUILD_DIR: _own, ...inherited } = env;
  mkdirSync(outdir, { recursive: true }); // cdktf's App creates only the last level
  const result = await exec(app, [], { cwd: dir, env: { ...inherited, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: "1" }, shell: true });
  if (result.status !== 0) throw new SynthError(tail(result, 20));
  const missing = STACKS.filter((stack) => !existsSync(stackFile(outdir, stack)));
  if (missing.length) throw new SynthError(`the synth wrote no ${missing.join(", ")} stack`);
}

const stackFile = (outdir: string, stack: string) => join(outdir, "stacks", stack, "cdk.tf.json");
export const stackDir = (outdir: string, stack: string) => join(outdir, "stacks", stack);
export const scratchStateFile = (stateDir: string, stack: string) => join(stateDir, `terraform.${stack}.tfstate`);

/** The stack a terraform_remote_state reads, from its local path or S3 key (`…/terraform.auth0.tfstate`, `…/auth0.tfstate`). */
function stackOfRemoteState(config: { path?: string; key?: string } | undefined): string | undefined {
  return /(?:^|\/)(?:terraform\.)?([\w-]+)\.tfstate$/.exec(config?.path ?? config?.key ?? "")?.[1];
}

/**
 * Rewrites each stack's backend, and every remote state it reads, to local state files in
 * `stateDir`. Done on the JSON rather than through STATE_* variables, so that no code of a
 * base (which may predate them) can point terraform at real state.
 */
export function pinScratchState(outdir: string, stateDir: string): void {
  for (const stack of STACKS) {
    const file = stackFile(outdir, stack);
    const json = JSON.parse(readFileSync(file, "utf8"));
    json.terraform = { ...json.terraform, backend: { local: { path: scratchStateFile(stateDir, stack) } } };
    for (const [name, remote] of Object.entries<any>(json.data?.terraform_remote_state ?? {})) {
      const source = stackOfRemoteState(remote.config);
      if (!source) throw new SynthError(`the ${stack} stack's terraform_remote_state "${name}" reads no stack the review knows`);
      json.data.terraform_remote_state[name] = { ...remote, backend: "local", config: { path: scratchStateFile(stateDir, source) } };
    }
    writeFileSync(file, JSON.stringify(json, null, 2));
  }
}

/** Address → construct path (`aws_apigatewayv2_route.x` → `aws/http-api/route-GET_x/route`), from the synthesized `//` metadata. */
export function constructPaths(outdir: string, stack: string): Map<string, string> {
  const paths = new Map<string, string>();
  if (!existsSync(stackFile(outdir, stack))) return paths;
  const json = JSON.parse(readFileSync(stackFile(outdir, stack), "utf8"));
  for (const [type, resources] of Object.entries<Record<string, any>>(json.resource ?? {})) {
    for (const [name, resource] of Object.entries<any>(resources)) {
      const path = resource?.["//"]?.metadata?.path;
      if (typeof path === "string") paths.set(`${type}.${name}`, path);
    }
  }
  return paths;
}
