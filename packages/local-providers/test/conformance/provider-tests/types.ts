// The providers' own tests as cases of ours: each acceptance step that expects an error, each
// invalid value of a validator's unit test and each plain Config step, written again as a small
// configuration of our own, with where it comes from and what the real provider does with it.

/** Where terraform stops a configuration: refused by plan (validate or plan), by apply, or not at all. */
export type Phase = "plan" | "apply" | "none";

/** The test a case comes from: the file at the pinned version (or the commit read, see sources.ts). */
export interface TestSource {
  readonly repo: string;
  readonly path: string;
  /** "v1.55.0", or "6.25.0 (read at <commit>)" where the index held another state of the file. */
  readonly ref: string;
  readonly note?: string;
}

export interface ProviderTestCase {
  /** The resource the case tests, where it is not the file's (a test of another resource in the same file). */
  readonly resource?: string;
  /** The Go test function, e.g. "TestAccLambdaFunction_basic", or the validator's unit test. */
  readonly test: string;
  /** The step of the test (1-based), or the invalid value's position in the unit test's list. */
  readonly step?: number;
  /** What the source holds: an ExpectError step, a validator's invalid value, or a plain Config step. */
  readonly kind: "expect-error" | "validator" | "config";
  /**
   * The configuration, HCL of our own: `{{name}}` stands for a name of the case's own (the
   * providers' tests use random names), `{{zip}}` for the path of a Lambda archive.
   */
  readonly hcl?: string;
  /**
   * The configuration of the step before, where the case's outcome depends on it (an update):
   * applied first, then the case's own configuration over it.
   */
  readonly before?: string;
  /** What the real provider does with it at the pinned version. */
  readonly expect: { readonly phase: Phase; readonly pattern?: RegExp };
  /** Set when no offline system can run the case, with why; the case is listed, not run. */
  readonly notRunnable?: string;
  /** The plan after the apply is not empty in the source too (ExpectNonEmptyPlan). */
  readonly nonEmptyPlan?: boolean;
  /** What our configuration changes from the source's, and why (a literal for a data source we do not serve, say). */
  readonly adapted?: string;
}

export interface ProviderTestFile {
  readonly provider: "auth0" | "aws";
  /** The resource (or data source) type the test file tests. */
  readonly resource: string;
  readonly source: TestSource;
  readonly cases: readonly ProviderTestCase[];
}
