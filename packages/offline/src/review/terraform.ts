// terraform in a synthesized stack's folder: apply (the base into the scratch state), plan
// with the plan saved and read back as JSON (`terraform show -json`: resource_changes with
// their actions, not the human output).
import { rmSync } from "node:fs";
import { join } from "node:path";
import { exec, tail, type ExecResult } from "./exec";
import type { TerraformPlan } from "./plan";

export class TerraformError extends Error {}

export class StackTerraform {
  constructor(
    readonly dir: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  private async run(args: string[], what: string): Promise<ExecResult> {
    const result = await exec("terraform", args, { cwd: this.dir, env: { ...this.env, TF_INPUT: "0" } });
    if (result.status !== 0) throw new TerraformError(`terraform ${what} failed:\n${tail(result)}`);
    return result;
  }

  init(): Promise<ExecResult> {
    return this.run(["init", "-input=false", "-no-color"], "init");
  }

  async apply(): Promise<void> {
    await this.init();
    await this.run(["apply", "-input=false", "-no-color", "-auto-approve"], "apply");
  }

  /** Plans into ./plan and returns the plan as terraform shows it in JSON. */
  async plan(): Promise<TerraformPlan> {
    await this.init();
    rmSync(join(this.dir, "plan"), { force: true });
    await this.run(["plan", "-input=false", "-no-color", "-out=plan"], "plan");
    return this.show();
  }

  async show(): Promise<TerraformPlan> {
    return JSON.parse((await this.run(["show", "-json", "-no-color", "plan"], "show")).stdout);
  }

  /** Applies the plan saved by plan(): what `cdktf deploy` does after its diff. */
  async applySaved(): Promise<void> {
    await this.run(["apply", "-input=false", "-no-color", "plan"], "apply");
  }
}
