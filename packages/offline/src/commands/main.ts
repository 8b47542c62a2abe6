// `apigw-offline <command> [flags]`: the toolkit's one entry point. It reads the project from
// the working directory (cdktf.json, in one place: @apigw-auth0-rbac/model/project), hands it
// to the command, and says any problem with a setting in one line.
import { ProblemsError } from "@apigw-auth0-rbac/model";
import { ProjectError, readProject } from "@apigw-auth0-rbac/model/project";
import { terminalText } from "@apigw-auth0-rbac/model/text";
import { UserError } from "../errors";
import type { Command, ProjectlessCommand } from "./command";

/** Each command's module, loaded only when it runs: `token` should not wait for the emulator's code. */
export const COMMANDS: Readonly<Record<string, () => Command | ProjectlessCommand>> = {
  start: () => require("./start").START,
  token: () => require("./token").TOKEN,
  synth: () => require("./synth").SYNTH,
  access: () => require("./access").ACCESS,
  local: () => require("./local").LOCAL,
  review: () => require("./review").REVIEW,
  cloud: () => require("./cloud").CLOUD,
  adopt: () => require("./adopt").ADOPT,
  "spa-config": () => require("./spa-config").SPA_CONFIG,
  spa: () => require("./serve-spa").SERVE_SPA,
  init: () => require("./init").INIT,
};

const USAGE = `usage: apigw-offline <command> [flags]   (--help after a command for its flags)\n\ncommands:\n`;

function usage(): string {
  const rows = Object.entries(COMMANDS).map(([name, load]) => `  ${name.padEnd(12)}${load().summary}`);
  return `${USAGE}${rows.join("\n")}\n`;
}

/** Problems a user fixes by changing a setting or a file: one line, no stack. */
const isSettingProblem = (err: unknown) => err instanceof UserError || err instanceof ProjectError || err instanceof ProblemsError;

export async function main(argv: readonly string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(usage());
    return;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    process.stderr.write(`apigw-offline: no command ${JSON.stringify(name)}\n${usage()}`);
    process.exit(2);
  }
  const command = load();
  try {
    if ("projectless" in command) await command.run(process.cwd(), rest);
    else await command.run(readProject(process.cwd()), rest);
  } catch (err) {
    // A message may quote a name from a model, an account or a request: its control characters are shown, not sent.
    process.stderr.write(
      terminalText(`${command.name}: ${isSettingProblem(err) ? (err as Error).message : ((err as Error).stack ?? String(err))}\n`),
    );
    process.exit(1);
  }
}
