// `npm run local -- <cdktf command and flags>`: runs that cdktf command with the real terraform
// against local stand-ins of the auth0 and aws providers, offline. Everything it writes lives in
// the project's local folder (terraform/, git-ignored): a provider mirror, a terraform CLI
// configuration, the synthesized stacks and the state. Only its own child processes see that
// configuration. A local run keeps its own local state whatever backend is configured, or S3
// state on a server on this machine when the settings name one (local-terraform/state.ts):
// real state is never read or written.
import { spawn } from "node:child_process";
import { LOCAL_RUN_SYNTH, type Project } from "@apigw-auth0-rbac/model/project";
import { CloudStoreError, fileStore } from "@apigw-auth0-rbac/local-providers/cloud";
import { interruptionText, stacksOf, stateSerials } from "../local-terraform/interruption";
import { LocalLayout, LocalRunError } from "../local-terraform/layout";
import { cdkCli, cdktfArguments, checkTerraform, localHostedZones, prepare } from "../local-terraform/setup";
import { localStackStates } from "../local-terraform/stack-states";
import { type LocalState, planLocalState } from "../local-terraform/state";
import { loadModel, projectEnvironment, resolveProjectModel } from "../project/model";
import { driftText, localDrift } from "../review/drift";
import { helpText } from "./cli";
import type { Command } from "./command";

const HELP = {
  name: "npm run local",
  usage: "-- <cdktf command> [its flags]",
  summary:
    "That cdktf command (deploy, diff, destroy, synth, output, list) with the real terraform against local stand-ins of auth0/auth0 and hashicorp/aws: offline, in .local/terraform/, never the real state. `npm run local -- <command> --help` shows cdktf's own help.",
  flags: {},
  positionals: { name: "<cdktf command>", description: "e.g. deploy auth0 aws --auto-approve, or diff aws" },
  variables: {
    DEPLOY_ENV: "the environment (its own folders cdktf.out.<env>, state/<env>/ and cloud.<env>/)",
    LOCAL_TERRAFORM_DIR: "another folder directly inside .local/ for everything a local run writes (default .local/terraform)",
    AWS_REGION: "the region the stand-in reports (default us-east-1)",
    "STATE_BACKEND=s3, STATE_S3_*":
      'state in S3 on a server on this machine (STATE_S3_ENDPOINT on a loopback address, e.g. npm run cloud\'s); any other endpoint is refused (docs/LOCAL-TERRAFORM.md, "S3 state")',
    "AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY": "the keys for that server (default: the local cloud's own, which npm run cloud prints)",
    LOCAL_AWS_HOSTED_ZONES: "the public Route 53 zones the local account holds, comma-separated (default: the zones the model's domains name)",
  },
} as const;

export const LOCAL: Command = {
  name: HELP.name,
  summary: "a cdktf command with the real terraform against local stand-ins of both providers",
  async run(project, argv) {
    // Everything else is cdktf's, its own --help included.
    if (argv[0] === "--help" || argv[0] === "-h") {
      process.stdout.write(helpText(HELP));
      return;
    }
    const layout = new LocalLayout(project);
    const environment = projectEnvironment(project);
    const plan = planLocalState(project, layout, environment, process.env);
    // Beside the checks below: a run they refuse has it write nothing.
    plan.begin();
    const args = cdktfArguments(argv, plan.outdir, project);
    const version = checkTerraform(layout.cliConfig);
    const cloud = layout.cloudDir(environment);
    // A local cloud this project cannot read is said before terraform starts, and nothing runs.
    try {
      fileStore(cloud).read("auth0", () => ({}));
    } catch (err) {
      if (err instanceof CloudStoreError) throw new LocalRunError(`${err.message}; nothing was changed`);
      throw err;
    }
    const state = await plan.open();
    let code: number;
    try {
      await refuseMissingDependency(project, state, args);
      const env = prepare(layout, cloud);
      env[LOCAL_RUN_SYNTH] = "1";
      env.LOCAL_AWS_HOSTED_ZONES = localHostedZones(process.env, modelOrNothing(project));
      // Last: the state server's thread has started meanwhile.
      for (const [name, value] of Object.entries(state.variables)) {
        if (value === undefined) delete env[name];
        else env[name] = value;
      }
      process.stderr.write(
        banner(layout, { version, environment, outdir: plan.outdir, cloud, zones: env.LOCAL_AWS_HOSTED_ZONES, state: state.banner }),
      );
      if (!process.stdout.isTTY) plainOutput(env);
      const before = await stateSerials(state, stacksOf(args));
      const run = await runCli(project, args, env);
      if (run.interrupted) {
        process.stderr.write(interruptionText(argv, before, await stateSerials(state, stacksOf(args))));
        process.exit(130);
      }
      code = run.code;
    } finally {
      state.close();
    }
    // terraform notes drift only where it touches the plan: after a diff, all of it, security-relevant first.
    if (args[0] === "diff") {
      const stacks = args.slice(1).filter((a) => !a.startsWith("-") && ["auth0", "aws"].includes(a));
      const states = localStackStates(project, layout, environment);
      process.stdout.write(`\n${driftText(localDrift(states, cloud, stacks.length ? stacks : ["auth0", "aws"]))}`);
    }
    process.exit(code);
  },
};

/**
 * The project's cdktf CLI with `args`, its output the user's. Ctrl-C reaches it too (one process
 * group): this process waits for it to stop, and says so.
 */
async function runCli(project: Project, args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ code: number; interrupted: boolean }> {
  const child = spawn(cdkCli(project), args, { cwd: project.root, env, stdio: "inherit" });
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    interrupted = true;
    // Ctrl-C reached the CLI already; a SIGTERM sent to this process alone is passed on.
    if (signal === "SIGTERM") child.kill("SIGTERM");
  };
  process.on("SIGINT", onSignal).on("SIGTERM", onSignal);
  const code = await new Promise<number>((resolve) => child.on("exit", (c, signal) => resolve(c ?? (signal ? 130 : 1))));
  process.off("SIGINT", onSignal).off("SIGTERM", onSignal);
  return { code, interrupted: interrupted || code === 130 };
}

/**
 * `deploy aws` (or `diff aws`) without auth0 reads the auth0 stack's outputs from its state:
 * before auth0 was ever deployed there is none, and terraform's "Unable to find remote state" is
 * lost in the CLI's interactive output. Said plainly instead, before anything runs.
 */
async function refuseMissingDependency(project: Project, state: LocalState, args: readonly string[]): Promise<void> {
  const stacks = args.slice(1).filter((a) => !a.startsWith("-"));
  if (!["deploy", "diff"].includes(args[0]) || !stacks.includes("aws") || stacks.includes("auth0")) return;
  let readsAuth0 = true;
  try {
    readsAuth0 = resolveProjectModel(project).model.authorizer.kind === "auth0-stack";
  } catch {
    // The synth says what is wrong with the model.
  }
  if (readsAuth0 && (await state.read("auth0")) === undefined) {
    throw new LocalRunError(
      `the aws stack reads the auth0 stack's outputs (issuer, audience) from its state, and ${state.shown("auth0")} does not exist yet: deploy auth0 first, or both in order: npm run local -- ${args[0]} auth0 aws${args[0] === "deploy" ? " --auto-approve" : ""}`,
    );
  }
}

/**
 * Into a file or a CI log: the CLI's non-interactive mode (its spinner would write a frame a
 * line), and no colour codes, neither the CLI's nor terraform's (TF_CLI_ARGS reaches every
 * terraform command the CLI runs).
 */
function plainOutput(env: NodeJS.ProcessEnv): void {
  env.CI ??= "1";
  env.FORCE_COLOR = "0";
  env.NO_COLOR = "1";
  if (!/(^|\s)-no-color(\s|$)/.test(env.TF_CLI_ARGS ?? "")) env.TF_CLI_ARGS = `${env.TF_CLI_ARGS ?? ""} -no-color`.trim();
}

function banner(
  layout: LocalLayout,
  run: { version: string; environment?: string; outdir: string; cloud: string; zones: string | undefined; state: string },
): string {
  return (
    `npm run local: terraform ${run.version} with local stand-ins of auth0/auth0 and hashicorp/aws (no AWS or Auth0 API is called).\n` +
    (run.environment ? `  environment: ${run.environment}\n` : "") +
    (run.zones ? `  hosted zones of the local account: ${run.zones} (LOCAL_AWS_HOSTED_ZONES)\n` : "") +
    `  state: ${run.state}\n` +
    `  synthesized into: ${layout.shown(run.outdir)}/\n` +
    `  local cloud: ${layout.shown(run.cloud)}/ (what the stand-ins created; \`npm run cloud\` serves it, and a change made there shows as drift)\n\n`
  );
}

/** The model, for the zones its domains name; none when it does not load (the synth then says why). */
function modelOrNothing(project: Parameters<typeof loadModel>[0]): unknown {
  try {
    return loadModel(project);
  } catch {
    return undefined;
  }
}
