// `npm start`: the whole system offline. Synthesizes (unless the synth is current), then
// serves the Auth0 stand-in, the HTTP API emulator and the test app on 127.0.0.1.
import { existsSync } from "node:fs";
import type { Project } from "@apigw-auth0-rbac/model/project";
import { startLocalSystem } from "../emulator/local-system";
import { LocalLayout } from "../local-terraform/layout";
import { localRun } from "../local-terraform/stack-states";
import { resolveProjectModel } from "../project/model";
import { claimSession, printBanner, removeSession, writeSession } from "../start/session";
import { synthesizeUnlessFresh } from "../synth/freshness";
import { pullStackState, type StackStates, StateUnavailable } from "../terraform-state/stack-state";
import { readCommand } from "./cli";
import type { Command } from "./command";
import { portSetting } from "./ports";

const SPEC = {
  name: "npm start",
  usage: "[-- --applied]",
  summary:
    "The whole system offline: the Auth0 stand-in, the HTTP API emulator and the test app, from the synthesized stacks (synthesized first when a source changed).",
  flags: {
    applied: {
      type: "boolean",
      default: false,
      description:
        "serve what `npm run local -- deploy` applied, as its local cloud holds it now (out-of-band changes included), instead of the synthesized JSON",
    },
  },
  variables: {
    DEPLOY_ENV: "the environment to serve (default: the model's defaultEnvironment)",
    AUTH0_PORT: "the stand-in's port (default 3002; 0: any free port)",
    API_PORT: "the API emulator's port (default 3001; 0: any free port)",
    SPA: "off: do not serve the test app on http://localhost:3000",
    TF_VAR_test_user_password: "the password of the model's test users (random otherwise)",
    CDKTF_OUTDIR: "where the stacks are synthesized (default: cdktf.json's output, else cdktf.out)",
    EMULATOR_SESSION_FILE: "where npm run token finds the running system (default .local/emulator-session.json)",
  },
} as const;

export const START: Command = {
  name: SPEC.name,
  summary: "the Auth0 stand-in, the HTTP API emulator and the test app, from the synthesized stacks",
  async run(project, argv) {
    const { flags } = readCommand(SPEC, argv);
    // Every setting is checked before anything is synthesized or listens.
    const ports = { auth0Port: portSetting("AUTH0_PORT", 3002), apiPort: portSetting("API_PORT", 3001) };
    const { model } = resolveProjectModel(project);
    const applied = appliedDeployment(project, model.environment?.name);
    if (flags.applied) {
      console.error(
        `serving what the local cloud holds now: ${applied.shown(applied.cloudDir)}/, the objects of the stacks' state (pulled from the backend npm run local -- deploy used in ${applied.shown(applied.outdir)}/stacks/), changes made through npm run cloud included`,
      );
    } else {
      synthesizeUnlessFresh(project, project.synthOutput);
      if (isApplied(applied.states))
        console.error("(a local deploy exists: `npm start -- --applied` serves what terraform applied instead of the synthesized JSON)");
    }
    claimSession(project);
    const system = await released(project, () =>
      startLocalSystem({
        outdir: flags.applied ? applied.outdir : project.synthOutput,
        appliedState: flags.applied ? applied.states : undefined,
        cloudDir: flags.applied && existsSync(applied.cloudDir) ? applied.cloudDir : undefined,
        ...ports,
        accessLog: (line) => console.log(line),
        warn: (message) => console.error(`warning: ${message}`),
        passwordForDeclaredUsers: process.env.TF_VAR_test_user_password,
        sourceMapDirs: [project.bundleDir],
        projectRoot: project.root,
        // SPA=off leaves the test app out (its port is fixed by the SPA client's registered origin).
        serveSpa: process.env.SPA !== "off",
        routeExamples: new Map(model.routes.map((r) => [r.routeKey, r.example])),
      }),
    );
    const session = writeSession(project, system);
    printBanner(project, model, system, session);
    stopOnSignal(project, system);
  },
};

/** `start`, or when it fails (a busy port, a refused deployment), this process's claim on the session given up. */
async function released<T>(project: Project, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (err) {
    removeSession(project);
    throw err;
  }
}

/** What `npm run local -- deploy` applied for this environment. */
function appliedDeployment(project: Project, environment: string | undefined) {
  const layout = new LocalLayout(project);
  const { states, outdir } = localRun(project, layout, environment);
  return {
    states,
    outdir,
    cloudDir: layout.cloudDir(environment),
    shown: (path: string) => layout.shown(path),
  };
}

/** Whether the aws stack holds applied resources (its state pulled: about 40 ms of terraform). */
function isApplied(states: StackStates): boolean {
  try {
    return pullStackState(states, "aws").resources.length > 0;
  } catch (err) {
    if (err instanceof StateUnavailable) return false;
    throw err;
  }
}

/** Ctrl-C or SIGTERM: the session and examples files removed, every server closed. */
function stopOnSignal(project: Project, system: { close(): Promise<void> }): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`\n${signal}: stopping`);
    removeSession(project);
    await system.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}
