// An Auth0 Action's code, one version against another: a unified diff (jsdiff), as the review and
// the drift show it, whatever the code holds (the Markdown writer makes it a block nothing closes).
import { createTwoFilesPatch } from "diff";

/** The unified diff of `was` against `now`, with three lines of context; `from` and `to` name the two sides. */
export function codeDiff(was: string, now: string, from: string, to: string): string {
  // The patch's first line is a rule of "=" that says nothing.
  return createTwoFilesPatch(from, to, was, now, "", "", { context: 3 }).replace(/^=+\n/, "").trimEnd();
}
