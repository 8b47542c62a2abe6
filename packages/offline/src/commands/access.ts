// `npm run access`: who can call what, measured by the emulator from the synthesized stacks
// with real tokens. `--markdown` prints the Markdown table; `--write` writes ACCESS.md;
// `--diff <git ref>` says who gains and who loses which route compared with that ref's ACCESS.md.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { projectPath } from "@apigw-auth0-rbac/model/project";
import { markdownCode, markdownText, terminalText } from "@apigw-auth0-rbac/model/text";
import { ACCESS_FILE_NAME, accessDocument, accessFile, measureSynth } from "../access/document";
import { accessChanges, accessMarkdown, accessText, parseAccessMarkdown } from "../emulator/access-matrix";
import { synthesizeUnlessFresh } from "../synth/freshness";
import { readCommand } from "./cli";
import { type Command, CommandError } from "./command";

export const ACCESS: Command = {
  name: "npm run access",
  summary: "who can call what: every role and client against every route, measured with real tokens",
  async run(project, argv) {
    const { flags } = readCommand(
      {
        name: this.name,
        usage: "[-- --markdown] [--write] [--diff REF]",
        summary: "Who can call what: every role and machine-to-machine client against every route, measured by the emulator with real tokens.",
        flags: {
          markdown: { type: "boolean", default: false, description: "print Markdown instead of the plain table" },
          write: { type: "boolean", default: false, description: `write ${ACCESS_FILE_NAME} (what npm test -- -u does)` },
          diff: { type: "string", value: "REF", description: `say who gains and loses which route against ${ACCESS_FILE_NAME} at the git ref REF` },
        },
        variables: { DEPLOY_ENV: "the environment to measure", CDKTF_OUTDIR: "where the stacks are synthesized (default: cdktf.json's output)" },
      },
      argv,
    );
    synthesizeUnlessFresh(project, project.synthOutput);
    const matrix = await measureSynth(project.synthOutput);
    if (flags.write) {
      writeFileSync(accessFile(project), accessDocument(matrix));
      console.error(`wrote ${projectPath(project, accessFile(project))}`);
    }
    if (flags.diff !== undefined) {
      const changes = accessChanges(parseAccessMarkdown(accessMarkdownAt(project.root, flags.diff)), matrix);
      if (flags.markdown) {
        console.log(`### Access changes against ${markdownCode(flags.diff)}\n`);
        console.log(changes.length ? changes.map((c) => `- ${markdownText(c)}`).join("\n") : "No one gains or loses access to any route.");
      } else console.log(terminalText(changes.length ? changes.join("\n") : `no access changes against ${flags.diff}`));
      return;
    }
    if (!flags.write) console.log(flags.markdown ? accessMarkdown(matrix) : accessText(matrix));
  },
};

function accessMarkdownAt(root: string, ref: string): string {
  try {
    return execFileSync("git", ["show", `${ref}:./${ACCESS_FILE_NAME}`], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (err) {
    throw new CommandError(`cannot read ${ACCESS_FILE_NAME} at ${ref}: ${(err as { stderr?: string }).stderr?.trim() || (err as Error).message}`);
  }
}
