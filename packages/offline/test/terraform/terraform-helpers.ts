// Runs the real terraform on synthesized stacks against the local provider stand-ins, in a
// folder of the test's own: cdktf.out/stacks/<stack>/ three levels below it, so the stacks'
// relative local state lands in that folder and nowhere else.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PINNED, writeStandinMirror } from "@apigw-auth0-rbac/local-providers";
import type { StackStates } from "../../src/terraform-state/stack-state";
import type { SynthesizedProject } from "../helpers/synth";

let env: NodeJS.ProcessEnv | undefined;
/** A mirror of the stand-ins at the pinned versions, in a folder of this test process's own, and the environment that names it. */
function localEnv(): NodeJS.ProcessEnv {
  if (env) return env;
  const { cliConfig } = writeStandinMirror(mkdtempSync(join(tmpdir(), "standin-mirror-")), [
    { provider: "auth0", version: PINNED.auth0 },
    { provider: "aws", version: PINNED.aws },
  ]);
  const own: NodeJS.ProcessEnv = {
    ...process.env,
    TF_CLI_CONFIG_FILE: cliConfig,
    CHECKPOINT_DISABLE: "1",
    TF_IN_AUTOMATION: "1",
    AWS_REGION: "us-east-1",
  };
  delete own.TF_PLUGIN_CACHE_DIR;
  env = own;
  return own;
}

export interface TerraformResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export class TerraformProject {
  readonly dir = mkdtempSync(join(tmpdir(), "tf-project-"));

  constructor(
    project: SynthesizedProject,
    private readonly extraEnv: Record<string, string> = {},
  ) {
    this.load(project);
  }

  /** Replaces the synthesized stacks (a model change), keeping .terraform and state. */
  load(project: SynthesizedProject): void {
    for (const stack of ["auth0", "aws"]) {
      const target = join(this.dir, "cdktf.out", "stacks", stack);
      cpSync(join(project.outdir, "stacks", stack), target, { recursive: true });
    }
  }

  stackDir(stack: string): string {
    return join(this.dir, "cdktf.out", "stacks", stack);
  }

  /** Edits a stack's JSON in place (an override that slipped past the model). */
  edit(stack: string, change: (json: any) => void): void {
    const file = join(this.stackDir(stack), "cdk.tf.json");
    const json = JSON.parse(readFileSync(file, "utf8"));
    change(json);
    writeFileSync(file, JSON.stringify(json, null, 2));
  }

  run(stack: string, args: string[]): TerraformResult {
    const result = spawnSync("terraform", [...args], {
      cwd: this.stackDir(stack),
      // A local cloud of this project's own: the stand-ins' objects of one test never meet another's.
      env: { ...localEnv(), LOCAL_CLOUD_DIR: join(this.dir, "cloud"), ...this.extraEnv, TF_INPUT: "0", NO_COLOR: "1" },
      encoding: "utf8",
      timeout: 60_000,
    });
    return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
  }

  /** Runs and fails with terraform's own output when it does not exit 0. */
  ok(stack: string, args: string[]): string {
    const result = this.run(stack, args);
    if (result.status !== 0) throw new Error(`terraform ${args.join(" ")} in ${stack} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
    return result.stdout;
  }

  init(stack: string): void {
    this.ok(stack, ["init", "-input=false", "-no-color"]);
  }

  /** The plan's resource changes: address → actions (e.g. ["create"], ["delete", "create"]). */
  plan(stack: string): Record<string, string[]> {
    this.ok(stack, ["plan", "-input=false", "-no-color", "-out=plan"]);
    const plan = JSON.parse(this.ok(stack, ["show", "-json", "plan"]));
    return Object.fromEntries((plan.resource_changes ?? []).filter((c: any) => c.mode === "managed").map((c: any) => [c.address, c.change.actions]));
  }

  apply(stack: string): void {
    this.ok(stack, ["apply", "-input=false", "-no-color", "-auto-approve", "plan"]);
  }

  /** Where the readers of state (drift, the applied deployment) pull each stack's state from. */
  stackStates(): StackStates {
    return {
      workingDir: (stack) => this.stackDir(stack),
      env: localEnv(),
      deployCommand: "terraform apply",
      shown: (path) => path,
    };
  }

  /** The stack's state as terraform shows it. */
  state(stack: string): any {
    return JSON.parse(this.ok(stack, ["show", "-json"]));
  }

  outputs(stack: string): Record<string, any> {
    const outputs = JSON.parse(this.ok(stack, ["output", "-json"]));
    return Object.fromEntries(Object.entries<any>(outputs).map(([k, v]) => [k, v.value]));
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Only the changes that do something (no-op and read left out). */
export function changesOnly(plan: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(plan).filter(([, actions]) => !(actions.length === 1 && (actions[0] === "no-op" || actions[0] === "read"))),
  );
}

/** A resource of the state by type: its values. */
export function resourcesOfState(state: any, type: string): any[] {
  return (state.values?.root_module?.resources ?? []).filter((r: any) => r.type === type && r.mode === "managed").map((r: any) => r.values);
}
