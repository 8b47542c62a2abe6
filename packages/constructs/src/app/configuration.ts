// Everything a synth needs, checked up front: the access model for the chosen environment, the
// state backend, and that each route's handler exists. All problems are reported together.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import {
  ACTION_EXPORTS,
  ACTION_NAME,
  CONFIGURATION_PROBLEMS,
  HANDLER_NAME,
  ProblemsError,
  resolveAccessModel,
  type AccessModel,
} from "@apigw-auth0-rbac/model";
import { projectPath, readStateConfig, type Project, type StateConfig } from "@apigw-auth0-rbac/model/project";
import { actionExportProblems } from "../auth0/bundle-action";
import { handlerExportProblems } from "../aws/bundle-handler";

export interface Configuration {
  readonly model: AccessModel;
  readonly state: StateConfig;
  /** Folder holding one `<handler>.ts` per handler the model names. */
  readonly handlerDir: string;
  /** Folder holding one `<name>.ts` per Action the model declares. */
  readonly actionDir: string;
  /** The project's root: the Actions' bundles name their files relative to it. */
  readonly root: string;
  /** Where the handlers' bundles are written. */
  readonly bundleDir: string;
  readonly warnings: readonly string[];
}

/** Handler names found in `dir` (`get-unicorn.ts` → `get-unicorn`). */
export function listHandlers(dir: string): string[] {
  return namesIn(dir, HANDLER_NAME);
}

/** Action names found in `dir` (`add-roles.ts` → `add-roles`); none when there is no such folder. */
export function listActions(dir: string): string[] {
  return existsSync(dir) ? namesIn(dir, ACTION_NAME) : [];
}

function namesIn(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts") && !f.endsWith(".test.ts"))
    .map((f) => f.slice(0, -3))
    .filter((name) => pattern.test(name))
    .sort();
}

export interface ConfigurationOptions {
  /** The model file's export: checked here, whatever it holds. */
  readonly model: unknown;
  /** The project's handler and bundle folders, and its action folder (default: `<root>/actions`). */
  readonly project: Pick<Project, "root" | "handlerDir" | "bundleDir"> & Partial<Pick<Project, "actionDir">>;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** cdktf context: "env" and the state settings. */
  readonly context?: (key: string) => unknown;
}

/** The configuration of one synth, or a ProblemsError listing every problem. */
export function loadConfiguration(options: ConfigurationOptions): Configuration {
  const { project } = options;
  const problems: string[] = [];
  let resolved: ReturnType<typeof resolveAccessModel> | undefined;
  let state: StateConfig | undefined;
  const handlerFolder = projectPath(project, project.handlerDir);
  const actionDir = project.actionDir ?? join(project.root, "actions");
  if (!existsSync(project.handlerDir)) {
    problems.push(
      `${handlerFolder}: no such folder; create it with one <handler>.ts per route's handler, or set cdktf.json context "handlerDir" to yours`,
    );
  }
  try {
    const contextEnvironment = options.context?.("env");
    resolved = resolveAccessModel(options.model, {
      env: options.env,
      contextEnvironment: typeof contextEnvironment === "string" && contextEnvironment !== "" ? contextEnvironment : undefined,
      availableHandlers: existsSync(project.handlerDir) ? listHandlers(project.handlerDir) : [],
      handlerFolder,
      availableActions: listActions(actionDir),
      actionFolder: projectPath(project, actionDir),
    });
  } catch (err) {
    if (!(err instanceof ProblemsError)) throw err;
    problems.push(...err.problems);
  }
  // Each handler the model names compiles and exports what Lambda calls: said before any stack exists.
  if (resolved) {
    problems.push(
      ...handlerExportProblems(Object.fromEntries(resolved.model.handlers.map((h) => [h, join(project.handlerDir, `${h}.ts`)])), project.root),
    );
    // And each Action's file what Auth0 calls for its trigger.
    const actions = resolved.model.actions.map((a) => ({
      name: a.name,
      entry: join(actionDir, `${a.name}.ts`),
      exportName: ACTION_EXPORTS[a.trigger],
    }));
    problems.push(...actionExportProblems(actions, project.root));
  }
  try {
    state = readStateConfig(options.env, options.context);
  } catch (err) {
    if (!(err instanceof ProblemsError)) throw err;
    problems.push(...err.problems);
  }
  if (problems.length > 0 || !resolved || !state) throw new ProblemsError(problems, CONFIGURATION_PROBLEMS);
  const environment = resolved.model.environment?.name;
  return {
    model: resolved.model,
    state: environment ? { ...state, environment } : state,
    handlerDir: project.handlerDir,
    actionDir,
    root: project.root,
    bundleDir: project.bundleDir,
    warnings: resolved.warnings,
  };
}
