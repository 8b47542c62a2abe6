// The whole review: the base resolved, the head synthesized and its access measured while
// the base is applied to a scratch state, then the head's plans, and with credentials the
// real diff. Everything offline happens in a scratch folder of this run, removed at the end.
import { existsSync, rmSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import type { Project } from "@apigw-auth0-rbac/model/project";
import { markdownText } from "@apigw-auth0-rbac/model/text";
import { ACCESS_FILE_NAME, measureSynth } from "../access/document";
import { accessChanges, accessMarkdown, parseAccessMarkdown, type AccessMatrix } from "../emulator/access-matrix";
import { LocalLayout } from "../local-terraform/layout";
import { cdkCli, checkTerraform, localHostedZones, prepare } from "../local-terraform/setup";
import { localStackStates } from "../local-terraform/stack-states";
import { loadModel, projectEnvironment } from "../project/model";
import { withoutCredentials } from "./credentials";
import { localDrift } from "./drift";
import { consequences } from "./consequences";
import { fileAt, resolveCommit, ReviewInputError, shortCommit, uncommittedChanges } from "./git";
import type { PlanReport, Review } from "./markdown";
import { applyBase, offlineReport, planHead, scratchLayout, type Scratch } from "./offline-plan";
import { realDiff } from "./real-diff";
import { SynthError, synthesizeCheckout } from "./synth";

export interface ReviewOptions {
  /** The head: the project's work tree, which holds the git repository. */
  readonly project: Project;
  readonly base: string;
  /** Where the Markdown goes (left out of the uncommitted-changes check). */
  readonly out?: string;
  /** false: access only, no terraform. */
  readonly plan: boolean;
  /** Also the real `cdktf diff` of each stack, with the credentials in the environment. */
  readonly real: boolean;
}

function offlineEnv(env: NodeJS.ProcessEnv, headModel: unknown): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...withoutCredentials(env), STATE_BACKEND: "local" };
  // A model with test users needs the variable; the scratch state never holds a real password.
  out.TF_VAR_test_user_password = "review-placeholder-password";
  // The zones the head's domains name are the scratch account's, as npm run local gives them.
  out.LOCAL_AWS_HOSTED_ZONES = localHostedZones(env, headModel);
  return out;
}

/** The head's model, for the zones its domains name; none when it does not load (the head's synth then says why). */
function headModel(project: Project): unknown {
  try {
    return loadModel(project);
  } catch {
    return undefined;
  }
}

async function headAccess(root: string, scratch: Scratch): Promise<AccessMatrix> {
  try {
    await synthesizeCheckout(root, scratch.headOut, scratch.env);
  } catch (err) {
    if (err instanceof SynthError) throw new ReviewInputError(`the head does not synthesize, so there is nothing to review:\n${err.message}`);
    throw err;
  }
  // The handlers' own log lines are not the reviewer's.
  return measureSynth(scratch.headOut);
}

function accessAgainst(root: string, commit: string, matrix: AccessMatrix): Review["access"] {
  const previous = fileAt(root, commit, ACCESS_FILE_NAME);
  if (previous === undefined) return { unavailable: `it has no ${ACCESS_FILE_NAME}`, matrix: accessMarkdown(matrix) };
  try {
    return { changes: accessChanges(parseAccessMarkdown(previous), matrix), matrix: accessMarkdown(matrix) };
  } catch (err) {
    return { unavailable: `its ${ACCESS_FILE_NAME} cannot be read: ${(err as Error).message}`, matrix: accessMarkdown(matrix) };
  }
}

/** The terraform version, or why the offline plan cannot be made. */
function terraformOrReason(layout: LocalLayout): { version?: string; reason?: string } {
  try {
    return { version: checkTerraform(layout.cliConfig) };
  } catch (err) {
    return { reason: (err as Error).message };
  }
}

function settled<T extends readonly PromiseSettledResult<unknown>[]>(
  results: T,
): { [K in keyof T]: T[K] extends PromiseSettledResult<infer V> ? V : never } {
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as any;
}

export async function makeReview(options: ReviewOptions): Promise<Review> {
  const { project } = options;
  const root = project.root;
  const commit = resolveCommit(root, options.base);
  const uncommitted = uncommittedChanges(root, options.out ? [relative(root, resolve(options.out))] : []);
  const layout = new LocalLayout(project, join(relative(root, project.localDir), `review-${process.pid}`));
  const terraform = options.plan ? terraformOrReason(layout) : {};
  const removeScratch = () => rmSync(layout.dir, { recursive: true, force: true });
  // Interrupted, the children (terraform, the synths) get the signal too: nothing is left to wait for.
  const interrupted = () => process.exit(130);
  process.once("exit", removeScratch).once("SIGINT", interrupted).once("SIGTERM", interrupted);
  try {
    const scratch = scratchLayout(layout.dir, offlineEnv(terraform.version ? prepare(layout, layout.cloudDir()) : process.env, headModel(project)));
    const base = terraform.version ? applyBase(root, commit, scratch) : Promise.resolve([]);
    // Both sides run to their end before either's failure is reported: the scratch folder is removed only after.
    const [matrix, notes] = settled(await Promise.allSettled([headAccess(root, scratch), base] as const));
    const plans: PlanReport[] = [];
    const reviewed: Parameters<typeof consequences>[0][] = [];
    if (terraform.version) {
      const head = await planHead(scratch);
      plans.push(offlineReport(terraform.version, notes, head));
      reviewed.push(head.plans);
    } else {
      plans.push({
        title: "Plan of the change (offline)",
        how: options.plan ? `Unavailable: ${markdownText(terraform.reason ?? "")}` : "Not run (--no-plan).",
        notes: [],
        stacks: [],
      });
    }
    if (options.real) {
      const real = await realDiff(project, cdkCli(project));
      plans.push(real.report);
      reviewed.push(real.plans);
    }
    // What changed behind terraform's back in this checkout's local deployment (npm run local), before anything else.
    const environment = projectEnvironment(project);
    const local = new LocalLayout(project);
    // None (and no claim about it) when this checkout has no local deployment at all.
    const drift = existsSync(local.cloudDir(environment))
      ? localDrift(localStackStates(project, local, environment, withoutCredentials(process.env)), local.cloudDir(environment))
      : undefined;
    const flagged = [
      ...(drift?.flagged ?? []).map((f) => `Drift in the local cloud: ${f}`),
      ...new Set(reviewed.flatMap((plansOfOneSource) => consequences(plansOfOneSource))),
    ];
    return {
      base: { ref: options.base, commit },
      head: shortCommit(root, "HEAD"),
      uncommitted,
      consequences: flagged,
      drift,
      access: accessAgainst(root, commit, matrix),
      plans,
    };
  } finally {
    removeScratch();
    process.removeListener("exit", removeScratch).removeListener("SIGINT", interrupted).removeListener("SIGTERM", interrupted);
  }
}
