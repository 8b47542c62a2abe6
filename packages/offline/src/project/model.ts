// The project's access model, loaded from its model file (TypeScript, through tsx) and resolved
// for an environment as the app resolves it: DEPLOY_ENV, then the cdktf.json context "env",
// then the model's defaultEnvironment.
import { existsSync } from "node:fs";
import { type ResolveResult, resolveAccessModel } from "@apigw-auth0-rbac/model";
import { type Project, ProjectError, projectPath } from "@apigw-auth0-rbac/model/project";

/** The model file's default export, whatever it holds (resolving it checks it). */
export function loadModel(project: Project): unknown {
  if (!existsSync(project.modelFile)) {
    throw new ProjectError(
      `no model file ${projectPath(project, project.modelFile)}: create it (npx apigw-offline init writes one), or set cdktf.json context "modelFile" to yours`,
    );
  }
  const tsx = require("tsx/cjs/api") as { require: (id: string, from: string) => Record<string, unknown> };
  const exports = tsx.require(project.modelFile, __filename);
  return "default" in exports ? exports.default : exports;
}

/** The cdktf.json context "env", when set. */
function contextEnvironment(project: Pick<Project, "context">): string | undefined {
  const value = project.context.env;
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** The project's model resolved for `env`; throws the model's ProblemsError when it is refused. */
export function resolveProjectModel(
  project: Project,
  env: Readonly<Record<string, string | undefined>> = process.env,
  model: unknown = loadModel(project),
): ResolveResult {
  return resolveAccessModel(model, { env, contextEnvironment: contextEnvironment(project) });
}

/** The environment the project's model resolves to now: undefined when it declares none, or when it does not resolve (the synth then says why). */
export function projectEnvironment(project: Project, env: Readonly<Record<string, string | undefined>> = process.env): string | undefined {
  try {
    return resolveProjectModel(project, env).model.environment?.name;
  } catch {
    return undefined;
  }
}
