// Applies the chosen state backend to a stack, and reads another stack's outputs through
// the matching terraform_remote_state, so the two can never point at different state.
import {
  DataTerraformRemoteStateHttp,
  DataTerraformRemoteStateLocal,
  DataTerraformRemoteStateS3,
  HttpBackend,
  LocalBackend,
  S3Backend,
  type TerraformStack,
} from "cdktf";
import type { Construct } from "constructs";
import { MINIMUM_TERRAFORM_VERSION } from "@apigw-auth0-rbac/model";
import { localStateAddress, localStatePath, s3StateKey, type StateConfig } from "@apigw-auth0-rbac/model/project";

type S3State = Extract<StateConfig, { backend: "s3" }>;

/**
 * Where one stack's state object is and how terraform reaches it: what the backend and every
 * terraform_remote_state of that stack are both given (a `-backend-config` would reach the
 * backend only). The server settings are written only when on, so a project on AWS's own
 * endpoint keeps the backend configuration it had: a changed one makes `terraform init` stop
 * with "Backend configuration changed".
 */
function s3StateLocation(config: S3State, stackName: string) {
  return {
    bucket: config.bucket,
    key: s3StateKey(config, stackName),
    region: config.region,
    ...(config.endpoint ? { endpoints: { s3: config.endpoint } } : {}),
    ...(config.usePathStyle ? { usePathStyle: true } : {}),
    ...(config.skipCredentialsValidation ? { skipCredentialsValidation: true } : {}),
    ...(config.skipRequestingAccountId ? { skipRequestingAccountId: true } : {}),
    ...(config.skipMetadataApiCheck ? { skipMetadataApiCheck: true } : {}),
  };
}

/** What every stack asks of terraform and where its state lives. */
export function useStateBackend(stack: TerraformStack, config: StateConfig, stackName: string): void {
  // cdktf 0.21 has no setter for it.
  stack.addOverride("terraform.required_version", `>= ${MINIMUM_TERRAFORM_VERSION}`);
  if (config.backend === "local" && config.server) {
    // npm run local's state server. Its credentials reach terraform as TF_HTTP_USERNAME and
    // TF_HTTP_PASSWORD, never the synthesized JSON.
    const address = localStateAddress({ ...config, server: config.server }, stackName);
    new HttpBackend(stack, { address, lockAddress: address, unlockAddress: address });
    return;
  }
  if (config.backend === "local") {
    new LocalBackend(stack, { path: localStatePath(config, stackName) });
    return;
  }
  new S3Backend(stack, { ...s3StateLocation(config, stackName), encrypt: config.encrypt });
  // cdktf 0.21's S3BackendConfig predates S3-native locking.
  if (config.useLockfile) stack.addOverride("terraform.backend.s3.use_lockfile", true);
}

export type RemoteState = DataTerraformRemoteStateLocal | DataTerraformRemoteStateHttp | DataTerraformRemoteStateS3;

/** The outputs of `stackName` as written by useStateBackend with the same config. */
export function remoteStateOf(scope: Construct, id: string, config: StateConfig, stackName: string): RemoteState {
  if (config.backend === "local" && config.server) {
    return new DataTerraformRemoteStateHttp(scope, id, { address: localStateAddress({ ...config, server: config.server }, stackName) });
  }
  if (config.backend === "local") {
    return new DataTerraformRemoteStateLocal(scope, id, { path: localStatePath(config, stackName) });
  }
  return new DataTerraformRemoteStateS3(scope, id, s3StateLocation(config, stackName));
}
