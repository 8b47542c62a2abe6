// With credentials: the real `cdktf diff`, once per stack (the CLI diffs one stack at a
// time), against the real state the stacks' backends name; each saved plan is then read as
// JSON like the offline one.
import { existsSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import type { Project } from "@apigw-auth0-rbac/model/project";
import { markdownCode } from "@apigw-auth0-rbac/model/text";
import { exec, tail } from "./exec";
import type { PlanReport, StackReport } from "./markdown";
import { changedOutputs, resourceLines, type TerraformPlan } from "./plan";
import { constructPaths, stackDir, STACKS } from "./synth";
import { StackTerraform, TerraformError } from "./terraform";

export interface RealDiff {
  readonly report: PlanReport;
  readonly plans: { auth0?: TerraformPlan; aws?: TerraformPlan };
}

/** The output folder the docs give each environment (`cdktf.out`, or `cdktf.out.<env>`), relative to the project. */
const realOutdir = (project: Pick<Project, "root" | "synthOutput">, env: NodeJS.ProcessEnv) => {
  const outdir = relative(project.root, project.synthOutput);
  return env.DEPLOY_ENV ? `${outdir}.${env.DEPLOY_ENV}` : outdir;
};

export async function realDiff(project: Pick<Project, "root" | "synthOutput">, cli: string, env: NodeJS.ProcessEnv = process.env): Promise<RealDiff> {
  const root = project.root;
  const outdir = realOutdir(project, env);
  const plans: RealDiff["plans"] = {};
  const stacks: StackReport[] = [];
  for (const stack of STACKS) {
    const dir = join(root, stackDir(outdir, stack));
    rmSync(join(dir, "plan"), { force: true });
    // --skip-provider-lock: init has written the lock file for this platform; asking for every other one adds nothing to a review.
    const result = await exec(cli, ["diff", stack, "--output", outdir, "--skip-provider-lock"], {
      cwd: root,
      env: { ...env, CI: "1", FORCE_COLOR: "0", CHECKPOINT_DISABLE: "1" },
      timeoutMs: 600_000,
    });
    if (result.status !== 0 || !existsSync(join(dir, "plan"))) {
      stacks.push({ stack, unavailable: { text: `cdktf diff ${stack} failed:`, output: tail(result) } });
      continue;
    }
    try {
      const plan = await new StackTerraform(dir, env).show();
      plans[stack] = plan;
      stacks.push({ stack, lines: resourceLines(plan, constructPaths(join(root, outdir), stack)), outputs: changedOutputs(plan) });
    } catch (err) {
      if (!(err instanceof TerraformError)) throw err;
      stacks.push({ stack, unavailable: { text: "terraform could not read the saved plan:", output: err.message } });
    }
  }
  const how =
    `\`cdktf diff auth0\` then \`cdktf diff aws\` with the repository's credentials, against the state their backends name (${markdownCode(env.STATE_BACKEND ?? "local")}). ` +
    "The aws plan reads the auth0 stack's outputs as deployed, so a change to the issuer or audience shows in it only once auth0 is deployed.";
  return { report: { title: "Plan against the real tenant and account", how, notes: [], stacks }, plans };
}
