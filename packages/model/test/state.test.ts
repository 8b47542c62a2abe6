import { ProblemsError } from "../src";
import { readStateConfig } from "../src/project/state";
import { synthProject, TEST_DOMAIN } from "../../offline/test/helpers/synth";

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

describe("state in the synthesized stacks", () => {
  it("uses relative local paths, and the aws stack reads the auth0 state from the same file", () => {
    const { auth0, aws } = synthProject();
    expect(auth0.terraform.backend).toEqual({ local: { path: "../../../terraform.auth0.tfstate" } });
    expect(aws.terraform.backend).toEqual({ local: { path: "../../../terraform.aws.tfstate" } });
    expect(aws.data!.terraform_remote_state["auth0-state"]).toEqual({
      backend: "local",
      config: { path: "../../../terraform.auth0.tfstate" },
    });
  });

  it("uses one S3 bucket for both stacks, encrypted and S3-locked, and reads the auth0 key from it", () => {
    const { auth0, aws } = synthProject({ env: { AUTH0_DOMAIN: TEST_DOMAIN, ...S3_ENV } });
    expect(auth0.terraform.backend.s3).toEqual({
      bucket: "acme-terraform-state",
      key: "apigw-auth0-rbac/auth0.tfstate",
      region: "eu-west-1",
      encrypt: true,
      use_lockfile: true,
    });
    expect(aws.terraform.backend.s3).toMatchObject({ bucket: "acme-terraform-state", key: "apigw-auth0-rbac/aws.tfstate" });
    expect(aws.data!.terraform_remote_state["auth0-state"]).toEqual({
      backend: "s3",
      config: { bucket: "acme-terraform-state", key: "apigw-auth0-rbac/auth0.tfstate", region: "eu-west-1" },
    });
  });
});

describe("what both stacks ask of terraform", () => {
  it("declare required_version >= 1.10 (S3-native locking), with either backend", () => {
    for (const env of [{ AUTH0_DOMAIN: TEST_DOMAIN }, { AUTH0_DOMAIN: TEST_DOMAIN, ...S3_ENV }]) {
      const { auth0, aws } = synthProject({ env });
      expect([auth0.terraform.required_version, aws.terraform.required_version]).toEqual([">= 1.10", ">= 1.10"]);
    }
  });
});
