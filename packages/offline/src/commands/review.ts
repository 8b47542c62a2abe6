// `npm run review -- --base <git ref> [--out review.md] [--real] [--no-plan]`: what a
// reviewer of a pull request needs, as one Markdown comment (review/ builds it): the
// consequences to look at first, access gained and lost, the offline plan of the change
// (the base applied to a scratch state with the local stand-ins, the head planned against
// it) and, with --real and credentials, the real `cdktf diff` of each stack. The comment is
// written whole or not at all.
import { renameSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ReviewInputError } from "../review/git";
import { reviewMarkdown } from "../review/markdown";
import { makeReview } from "../review/run";
import { readCommand } from "./cli";

const ROOT = join(__dirname, "..");

/** A temporary file beside the target, renamed over it: a reader sees the old comment or the new one, never half. */
function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

async function main(): Promise<void> {
  const { flags: values } = readCommand({
    name: "npm run review",
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
  });
  const out = values.out ? resolve(values.out) : undefined;
  const review = await makeReview({ root: ROOT, base: values.base!, out, plan: !values["no-plan"], real: values.real! });
  if (review.uncommitted.length)
    console.error(`review: the work tree has uncommitted changes (${review.uncommitted.join(", ")}): they are reviewed too`);
  const markdown = reviewMarkdown(review);
  if (out) {
    writeAtomically(out, markdown);
    console.error(`review: wrote ${out}`);
  } else process.stdout.write(markdown);
}

main().catch((err) => {
  console.error(`review: ${err instanceof ReviewInputError ? err.message : ((err as Error).stack ?? err)}`);
  process.exit(1);
});
