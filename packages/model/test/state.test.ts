import { ProblemsError } from "../src";
import { readStateConfig } from "../src/project/state";

const S3_ENV = {
  STATE_BACKEND: "s3",
  STATE_S3_BUCKET: "acme-terraform-state",
  STATE_S3_REGION: "eu-west-1",
};

function problemsOf(env: Record<string, string>, context: Record<string, unknown> = {}): readonly string[] {
  try {
    readStateConfig(env, (k) => context[k]);
  } catch (err) {
    if (err instanceof ProblemsError) return err.problems;
    throw err;
  }
  throw new Error("expected the state settings to be rejected");
}

describe("state backend settings", () => {
  it("default to local state in the project root", () => {
    expect(readStateConfig({})).toEqual({ backend: "local", dir: "." });
  });

  it("read S3 settings from the environment, with encryption and S3 locking on by default", () => {
    expect(readStateConfig(S3_ENV)).toEqual({
      backend: "s3",
      bucket: "acme-terraform-state",
      keyPrefix: "apigw-auth0-rbac/",
      region: "eu-west-1",
      encrypt: true,
      useLockfile: true,
    });
  });

  it("read cdktf.json context when the environment is silent, and let the environment win", () => {
    const context = { stateBackend: "s3", stateS3Bucket: "from-context", stateS3Region: "us-east-1", stateS3KeyPrefix: "team/" };
    expect(readStateConfig({}, (k) => (context as any)[k])).toMatchObject({ bucket: "from-context", keyPrefix: "team/" });
    expect(readStateConfig({ STATE_S3_BUCKET: "from-env" }, (k) => (context as any)[k])).toMatchObject({ bucket: "from-env" });
  });

  it("fails on an unknown backend, naming the variable", () => {
    expect(problemsOf({ STATE_BACKEND: "gcs" })).toEqual([
      'STATE_BACKEND (or cdktf.json context "stateBackend"): "gcs" is not a state backend; use "local" or "s3"',
    ]);
  });

  it("fails on an S3 backend without bucket and region, naming both", () => {
    expect(problemsOf({ STATE_BACKEND: "s3" })).toEqual([
      'STATE_S3_BUCKET (or cdktf.json context "stateS3Bucket"): is required for the s3 backend; name the bucket that holds the state',
      'STATE_S3_REGION (or cdktf.json context "stateS3Region"): is required for the s3 backend; give the bucket\'s region, e.g. eu-west-1',
    ]);
  });

  it("fails on an absolute local directory, which would put a machine path into the JSON", () => {
    expect(problemsOf({ STATE_LOCAL_DIR: "/var/state" })[0]).toMatch(/^STATE_LOCAL_DIR .*must be relative to the project root/);
  });
});
