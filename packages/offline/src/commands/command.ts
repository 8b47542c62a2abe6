// What every command of the toolkit is: a spec (its name, flags and variables, which `--help`
// prints) and a run over the project it is handed. A CommandError is said in one line.
import type { Project } from "@apigw-auth0-rbac/model/project";
import { UserError } from "../errors";

/** A command's own refusal (a flag, a missing running system): said in one line. */
export class CommandError extends UserError {}

export interface Command {
  /** How the user calls it, e.g. "npm run local". */
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  run(project: Project, argv: readonly string[]): Promise<void>;
}

/** For `init`, the one command that runs where there is no project yet. */
export interface ProjectlessCommand extends Omit<Command, "run"> {
  readonly projectless: true;
  run(cwd: string, argv: readonly string[]): Promise<void>;
}
