// One kind of error for "what you gave has these problems": the model's, the state
// settings', the whole configuration's. Each problem names its field and the fix; the
// message lists them all, under a heading that says what they are problems of.

export class ProblemsError extends Error {
  constructor(
    readonly problems: readonly string[],
    /** What has them, e.g. "the access model" or "Nothing was synthesized: the configuration". */
    readonly subject: string,
  ) {
    super(`${subject} has ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ProblemsError";
  }
}

export const MODEL_PROBLEMS = "The access model";
export const STATE_PROBLEMS = "The state backend settings";
export const CONFIGURATION_PROBLEMS = "Nothing was synthesized: the configuration";
