// The plan of the change without an account: the base's stacks applied to a scratch state
// with the local provider stand-ins, then the head planned against it, auth0 then aws. The
// head's auth0 plan is applied to the scratch state before the aws plan, so that plan reads
// the issuer and audience the change produces, as `cdktf deploy auth0 aws` would.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { markdownText } from "@apigw-auth0-rbac/model/text";
import { checkOutBase, missingProject } from "./base-checkout";
import type { Note, PlanReport, StackReport } from "./markdown";
import { changedOutputs, resourceLines, type TerraformPlan } from "./plan";
import { constructPaths, pinScratchState, scratchStateFile, stackDir, STACKS, SynthError, synthesizeCheckout } from "./synth";
import { StackTerraform, TerraformError } from "./terraform";

export interface Scratch {
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stateDir: string;
  readonly baseOut: string;
  readonly headOut: string;
}

export const scratchLayout = (dir: string, env: NodeJS.ProcessEnv): Scratch => ({
  dir,
  env,
  stateDir: join(dir, "state"),
  baseOut: join(dir, "base.out"),
  headOut: join(dir, "head.out"),
});

/** Applies the base's stacks to the scratch state; returns what the review must say about it. */
export async function applyBase(root: string, commit: string, scratch: Scratch): Promise<Note[]> {
  const missing = missingProject(root, commit);
  if (missing) return [{ text: `The base holds no project (${missing}): the plan is against an empty state, so everything is new.` }];
  const { dir, notes } = await checkOutBase(root, commit, join(scratch.dir, "base"));
  try {
    await synthesizeCheckout(dir, scratch.baseOut, scratch.env);
    pinScratchState(scratch.baseOut, scratch.stateDir);
    for (const stack of STACKS) await new StackTerraform(stackDir(scratch.baseOut, stack), scratch.env).apply();
  } catch (err) {
    if (!(err instanceof SynthError || err instanceof TerraformError)) throw err;
    // Half a base would make a plan that is neither the change nor everything: start empty.
    for (const stack of STACKS) rmSync(scratchStateFile(scratch.stateDir, stack), { force: true });
    const what = err instanceof SynthError ? "does not synthesize" : "could not be applied with the local stand-ins";
    notes.push({ text: `The base ${what}, so the plan is against an empty state (everything is new):`, output: err.message });
  }
  return notes;
}

export interface HeadPlans {
  readonly plans: { auth0?: TerraformPlan; aws?: TerraformPlan };
  readonly stacks: StackReport[];
}

/** Plans the head's stacks (synthesized into scratch.headOut) against the scratch state. */
export async function planHead(scratch: Scratch): Promise<HeadPlans> {
  pinScratchState(scratch.headOut, scratch.stateDir);
  const plans: HeadPlans["plans"] = {};
  const stacks: StackReport[] = [];
  let blocked: Note | undefined;
  for (const stack of STACKS) {
    if (blocked) {
      stacks.push({ stack, unavailable: blocked });
      continue;
    }
    const terraform = new StackTerraform(stackDir(scratch.headOut, stack), scratch.env);
    try {
      const plan = await terraform.plan();
      plans[stack] = plan;
      stacks.push(stackReport(stack, plan, scratch));
      // The next stack reads this one's outputs from the scratch state.
      if (stack === "auth0") await terraform.applySaved();
    } catch (err) {
      if (!(err instanceof TerraformError)) throw err;
      if (plans[stack])
        blocked = { text: `the ${stack} plan could not be applied to the scratch state, which the next stack reads:`, output: err.message };
      else stacks.push({ stack, unavailable: { text: "terraform plan failed:", output: err.message } });
    }
  }
  return { plans, stacks };
}

function stackReport(stack: string, plan: TerraformPlan, scratch: Scratch): StackReport {
  // The head's construct paths, and the base's for what the head no longer has.
  const paths = new Map([...constructPaths(scratch.baseOut, stack), ...constructPaths(scratch.headOut, stack)]);
  return { stack, lines: resourceLines(plan, paths), outputs: changedOutputs(plan) };
}

export function offlineReport(terraformVersion: string, notes: readonly Note[], head: HeadPlans): PlanReport {
  return {
    title: "Plan of the change (offline: local provider stand-ins)",
    how:
      `terraform ${markdownText(terraformVersion)} with the local stand-ins of the auth0 and aws providers: the base's stacks applied to a scratch state, ` +
      "then the head's planned against it, auth0 first and aws reading its outputs through terraform_remote_state. " +
      "No account is called, no real state is read, and `npm run local`'s state is not written.",
    notes,
    stacks: head.stacks,
  };
}
