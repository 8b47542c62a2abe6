// Applies the chosen state backend to a stack, and reads another stack's outputs through
// the matching terraform_remote_state, so the two can never point at different state.
import { DataTerraformRemoteStateLocal, DataTerraformRemoteStateS3, LocalBackend, S3Backend, type TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { MINIMUM_TERRAFORM_VERSION } from "@apigw-auth0-rbac/model";
import { localStatePath, s3StateKey, type StateConfig } from "@apigw-auth0-rbac/model/project";

/** What every stack asks of terraform and where its state lives. */
export function useStateBackend(stack: TerraformStack, config: StateConfig, stackName: string): void {
  // cdktf 0.21 has no setter for it.
  stack.addOverride("terraform.required_version", `>= ${MINIMUM_TERRAFORM_VERSION}`);
  if (config.backend === "local") {
    new LocalBackend(stack, { path: localStatePath(config, stackName) });
    return;
  }
  new S3Backend(stack, {
    bucket: config.bucket,
    key: s3StateKey(config, stackName),
    region: config.region,
    encrypt: config.encrypt,
  });
  // cdktf 0.21's S3BackendConfig predates S3-native locking.
  if (config.useLockfile) stack.addOverride("terraform.backend.s3.use_lockfile", true);
}

export type RemoteState = DataTerraformRemoteStateLocal | DataTerraformRemoteStateS3;

/** The outputs of `stackName` as written by useStateBackend with the same config. */
export function remoteStateOf(scope: Construct, id: string, config: StateConfig, stackName: string): RemoteState {
  if (config.backend === "local") {
    return new DataTerraformRemoteStateLocal(scope, id, { path: localStatePath(config, stackName) });
  }
  return new DataTerraformRemoteStateS3(scope, id, {
    bucket: config.bucket,
    key: s3StateKey(config, stackName),
    region: config.region,
  });
}
