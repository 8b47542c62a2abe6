// The deployment environment our scripts run for, chosen as the app chooses it: DEPLOY_ENV,
// then the cdktf.json context "env", then the model's defaultEnvironment.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import accessModel from "../../../../access-model";
import { resolveAccessModel } from "../../../model/src";

/** The cdktf.json context "env", when set. */
export function contextEnvironment(root: string): string | undefined {
  try {
    const value = JSON.parse(readFileSync(join(root, "cdktf.json"), "utf8")).context?.env;
    return typeof value === "string" && value !== "" ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The environment the project's model resolves to now (undefined when it declares none). */
export function projectEnvironment(root: string, env: Readonly<Record<string, string | undefined>> = process.env): string | undefined {
  return resolveAccessModel(accessModel, { env, contextEnvironment: contextEnvironment(root) }).model.environment?.name;
}
