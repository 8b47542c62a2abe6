import { ProblemsError } from "../src";
import { LOCAL_STATE_SERVER, localStateAddress, readStateConfig } from "../src/project/state";

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
      usePathStyle: false,
      skipCredentialsValidation: false,
      skipRequestingAccountId: false,
      skipMetadataApiCheck: false,
    });
  });

  it("point at an S3-compatible server by its endpoint, with path style and the three skips on unless turned off", () => {
    const server = { ...S3_ENV, STATE_S3_ENDPOINT: "http://127.0.0.1:4566/" };
    expect(readStateConfig(server)).toMatchObject({
      endpoint: "http://127.0.0.1:4566",
      usePathStyle: true,
      skipCredentialsValidation: true,
      skipRequestingAccountId: true,
      skipMetadataApiCheck: true,
    });
    const context = { stateS3Endpoint: "https://S3.Example.com:9000", stateS3SkipMetadataApiCheck: false };
    expect(readStateConfig(S3_ENV, (k) => (context as any)[k])).toMatchObject({
      endpoint: "https://s3.example.com:9000",
      usePathStyle: true,
      skipMetadataApiCheck: false,
    });
  });

  it.each([
    [
      "s3.example.com",
      '"s3.example.com" is not a URL; give the S3 server\'s address, e.g. https://s3.example.com, or http://127.0.0.1:4566 on this machine',
    ],
    [
      "ftp://s3.example.com",
      '"ftp://s3.example.com" is not an http:// or https:// URL; e.g. https://s3.example.com, or http://127.0.0.1:4566 on this machine',
    ],
    [
      "https://key:secret@s3.example.com",
      '"https://…@s3.example.com" holds credentials, which would be written into the synthesized JSON; remove them and set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY instead',
    ],
    [
      "https://s3.example.com/state-bucket",
      '"https://s3.example.com/state-bucket" has a path, query or fragment; give the server only (scheme, host, port), e.g. https://s3.example.com, and the bucket as STATE_S3_BUCKET',
    ],
    [
      "http://minio.lan:9000",
      '"http://minio.lan:9000" is plain http to another machine, which would carry the state and every secret in it unencrypted; use https://minio.lan:9000, or a loopback address (127.0.0.1, ::1, localhost)',
    ],
  ])("fails on the endpoint %s, naming the setting and the fix", (endpoint, message) => {
    expect(problemsOf({ ...S3_ENV, STATE_S3_ENDPOINT: endpoint })).toEqual([
      `STATE_S3_ENDPOINT (or cdktf.json context "stateS3Endpoint"): ${message}`,
    ]);
  });

  it("takes plain http on every loopback address", () => {
    for (const endpoint of ["http://127.0.0.1:4566", "http://127.8.9.10", "http://[::1]:9000", "http://localhost:4566"])
      expect(readStateConfig({ ...S3_ENV, STATE_S3_ENDPOINT: endpoint })).toMatchObject({ endpoint: endpoint.toLowerCase() });
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

  it("take npm run local's state server for local state, on this machine only, and address each stack's file on it", () => {
    const config = readStateConfig({ STATE_LOCAL_DIR: "state", [LOCAL_STATE_SERVER]: "http://127.0.0.1:41234" });
    expect(config).toEqual({ backend: "local", dir: "state", server: "http://127.0.0.1:41234" });
    expect(localStateAddress({ ...(config as { backend: "local"; dir: string; server: string }), environment: "dev" }, "aws")).toBe(
      "http://127.0.0.1:41234/dev/terraform.aws.tfstate",
    );
    // With S3 settings the variable has nothing to say.
    expect(readStateConfig({ ...S3_ENV, [LOCAL_STATE_SERVER]: "http://127.0.0.1:41234" })).not.toHaveProperty("server");
    for (const value of [
      "http://10.0.0.5:41234",
      "https://127.0.0.1:41234",
      "http://127.0.0.1:41234/state",
      "http://u:p@127.0.0.1:1",
      "127.0.0.1:41234",
    ]) {
      expect(problemsOf({ [LOCAL_STATE_SERVER]: value })).toEqual([
        `${LOCAL_STATE_SERVER}: ${JSON.stringify(value)} is not a state server on this machine; it is set by npm run local alone (http://127.0.0.1:<port>): unset it`,
      ]);
    }
  });
});
