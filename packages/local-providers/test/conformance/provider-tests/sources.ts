// Where the suite's cases come from: the providers' test files at the pinned versions, or the
// commit read where the file index held another state (as the catalogue's sources.ts says).
import type { TestSource } from "./types";

export const auth0Test = (path: string): TestSource => ({ repo: "auth0/terraform-provider-auth0", path, ref: "v1.55.0" });

/** hashicorp/aws 6.25.0: the state of the file the index holds, by commit, and what differs from the tag where known. */
export const awsTest = (path: string, commit: string, note?: string): TestSource => ({
  repo: "hashicorp/terraform-provider-aws",
  path,
  ref: `6.25.0 (read at ${commit})`,
  ...(note ? { note } : {}),
});

/** Why a case cannot run anywhere offline, in the few words the fidelity document lists. */
export const OFFLINE = {
  skipped: "the source skips this test (t.Skip)",
  realTenant: "needs a real tenant's own objects (its system APIs, its custom domains)",
  import: "an import step: the stand-ins do not model import",
} as const;

/** A pattern matching `text` exactly as written (the message a unit test expects). */
export const literal = (text: string): RegExp => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));

/** The unit tests' non-string inputs: terraform never calls a string validator with one (a null attribute is unset). */
export const NOT_A_STRING = "a non-string input: through terraform a string attribute is a string or unset, so the validator never sees it";

/** Steps the suite does not replay, in the words the fidelity document lists them with. */
export const NOT_REPLAYED = {
  disappears: "deletes the object behind terraform's back with the provider's own Delete (acctest.CheckResourceDisappears) between apply and plan",
} as const;

/**
 * Public hosted zones of the local account beside the conformance run's (LOCAL_AWS_HOSTED_ZONES):
 * one for each test that certifies a zone's own root, since certificates for one name in one
 * account share their validation record.
 */
export const PROVIDER_TEST_ZONES = [
  "root-a.provider-tests.example",
  "root-b.provider-tests.example",
  "root-c.provider-tests.example",
  "root-d.provider-tests.example",
  "root-e.provider-tests.example",
] as const;
