import { LOCAL_STATE_SERVER } from "@apigw-auth0-rbac/model/project";
import { synthProject, TEST_DOMAIN } from "../helpers/synth";

const S3_ENV = {
  STATE_BACKEND: "s3",
  STATE_S3_BUCKET: "acme-terraform-state",
  STATE_S3_REGION: "eu-west-1",
};

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

describe("npm run local's state server", () => {
  it("gives both stacks terraform's http backend on it, locked, and the aws stack reads the auth0 file there; no password is written", () => {
    const { auth0, aws } = synthProject({
      env: { AUTH0_DOMAIN: TEST_DOMAIN, STATE_LOCAL_DIR: "state", [LOCAL_STATE_SERVER]: "http://127.0.0.1:41234" },
    });
    const at = (stack: string) => `http://127.0.0.1:41234/terraform.${stack}.tfstate`;
    expect(auth0.terraform.backend).toEqual({ http: { address: at("auth0"), lock_address: at("auth0"), unlock_address: at("auth0") } });
    expect(aws.terraform.backend).toEqual({ http: { address: at("aws"), lock_address: at("aws"), unlock_address: at("aws") } });
    expect(aws.data!.terraform_remote_state["auth0-state"]).toEqual({ backend: "http", config: { address: at("auth0") } });
  });
});

describe("state on an S3-compatible server", () => {
  const server = { AUTH0_DOMAIN: TEST_DOMAIN, ...S3_ENV, STATE_S3_ENDPOINT: "http://127.0.0.1:4566" };
  const reach = {
    endpoints: { s3: "http://127.0.0.1:4566" },
    use_path_style: true,
    skip_credentials_validation: true,
    skip_requesting_account_id: true,
    skip_metadata_api_check: true,
  };

  it("gives the backend and the remote state the same endpoint, path style and skips", () => {
    const { auth0, aws } = synthProject({ env: server });
    expect(auth0.terraform.backend.s3).toEqual({
      bucket: "acme-terraform-state",
      key: "apigw-auth0-rbac/auth0.tfstate",
      region: "eu-west-1",
      encrypt: true,
      use_lockfile: true,
      ...reach,
    });
    const { encrypt: _e, use_lockfile: _l, ...auth0Location } = auth0.terraform.backend.s3;
    expect(aws.data!.terraform_remote_state["auth0-state"]).toEqual({ backend: "s3", config: auth0Location });
    expect(aws.terraform.backend.s3).toMatchObject(reach);
  });

  it("writes a skip turned off nowhere, and none of them on AWS's own endpoint", () => {
    const { auth0, aws } = synthProject({ env: { ...server, STATE_S3_SKIP_METADATA_API_CHECK: "false" } });
    expect(auth0.terraform.backend.s3).not.toHaveProperty("skip_metadata_api_check");
    expect(aws.data!.terraform_remote_state["auth0-state"].config).not.toHaveProperty("skip_metadata_api_check");
    expect(aws.data!.terraform_remote_state["auth0-state"].config).toHaveProperty("skip_requesting_account_id", true);
    const onAws = synthProject({ env: { AUTH0_DOMAIN: TEST_DOMAIN, ...S3_ENV } });
    for (const key of Object.keys(reach)) expect(onAws.auth0.terraform.backend.s3).not.toHaveProperty(key);
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
