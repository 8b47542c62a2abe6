// `npm run review -- --base <git ref> [--out review.md] [--real] [--no-plan]`: what a reviewer
// of a pull request needs, as one Markdown comment (review/ builds it): the consequences to
// look at first, access gained and lost, the offline plan of the change (the base applied to a
// scratch state with the local stand-ins, the head planned against it) and, with --real and
// credentials, the real `cdktf diff` of each stack. The comment is written whole or not at all.
import { resolve } from "node:path";
import { writeFileAtomically } from "@apigw-auth0-rbac/model/project";
import { terminalText } from "@apigw-auth0-rbac/model/text";
import { reviewMarkdown } from "../review/markdown";
import { makeReview } from "../review/run";
import { readCommand } from "./cli";
import type { Command } from "./command";

export const REVIEW: Command = {
  name: "npm run review",
  summary: "the pull-request comment: consequences, access changes and both stacks' offline plan against a base",
  async run(project, argv) {
    const { flags } = readCommand(
      {
        name: this.name,
        usage: "[-- --base REF] [--out FILE] [--real] [--no-plan]",
        summary:
          "The Markdown a reviewer needs: consequences first, access gained and lost against REF, and both stacks' plan of the change (REF applied offline to a scratch state, the head planned against it).",
        flags: {
          base: { type: "string", value: "REF", default: "main", description: "the git ref the change is compared with" },
          out: { type: "string", value: "FILE", description: "write the comment to FILE (whole or not at all) instead of stdout" },
          real: {
            type: "boolean",
            default: false,
            description: "also the real `cdktf diff` of each stack against the team's state (needs the accounts' credentials)",
          },
          "no-plan": { type: "boolean", default: false, description: "access only: no terraform" },
        },
        variables: { "AUTH0_*, AWS_*, STATE_S3_*": "with --real: the credentials and state settings of the real deploy" },
      },
      argv,
    );
    const out = flags.out ? resolve(flags.out) : undefined;
    const review = await makeReview({ project, base: flags.base, out, plan: !flags["no-plan"], real: flags.real });
    if (review.uncommitted.length)
      console.error(terminalText(`review: the work tree has uncommitted changes (${review.uncommitted.join(", ")}): they are reviewed too`));
    const markdown = reviewMarkdown(review);
    if (out) {
      writeFileAtomically(out, markdown);
      console.error(`review: wrote ${out}`);
    } else process.stdout.write(process.stdout.isTTY ? terminalText(markdown) : markdown);
  },
};
