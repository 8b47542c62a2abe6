// Everything a synth needs, checked up front: the access model, the state backend, and
// that each route's handler exists. All problems are reported together.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { CONFIGURATION_PROBLEMS, HANDLER_NAME, ProblemsError, resolveAccessModel, type AccessModel } from "../../../model/src";
import { readStateConfig, type StateConfig } from "@apigw-auth0-rbac/model/project/state";

export interface Configuration {
  readonly model: AccessModel;
  readonly state: StateConfig;
  /** Folder holding one `<handler>.ts` per handler the model names. */
  readonly lambdaSrcDir: string;
  readonly warnings: readonly string[];
}

export const LAMBDA_SRC_DIR = join(__dirname, "..", "lambda-src");

/** Handler names found in lambda-src/ (`get-unicorn.ts` → `get-unicorn`). */
export function listHandlers(dir = LAMBDA_SRC_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts") && !f.endsWith(".test.ts"))
    .map((f) => f.slice(0, -3))
    .filter((name) => HANDLER_NAME.test(name))
    .sort();
}

export function loadConfiguration(options: {
  /** The model file's export: checked here, whatever it holds. */
  readonly model: unknown;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly context?: (key: string) => unknown;
  /** @default the project's lambda-src/ */
  readonly lambdaSrcDir?: string;
}): Configuration {
  const lambdaSrcDir = options.lambdaSrcDir ?? LAMBDA_SRC_DIR;
  const problems: string[] = [];
  let resolved: ReturnType<typeof resolveAccessModel> | undefined;
  let state: StateConfig | undefined;
  try {
    const contextEnvironment = options.context?.("env");
    resolved = resolveAccessModel(options.model, {
      env: options.env,
      contextEnvironment: typeof contextEnvironment === "string" && contextEnvironment !== "" ? contextEnvironment : undefined,
      availableHandlers: listHandlers(lambdaSrcDir),
    });
  } catch (err) {
    if (!(err instanceof ProblemsError)) throw err;
    problems.push(...err.problems);
  }
  try {
    state = readStateConfig(options.env, options.context);
  } catch (err) {
    if (!(err instanceof ProblemsError)) throw err;
    problems.push(...err.problems);
  }
  if (problems.length > 0 || !resolved || !state) throw new ProblemsError(problems, CONFIGURATION_PROBLEMS);
  const environment = resolved.model.environment?.name;
  return { model: resolved.model, state: environment ? { ...state, environment } : state, lambdaSrcDir, warnings: resolved.warnings };
}
