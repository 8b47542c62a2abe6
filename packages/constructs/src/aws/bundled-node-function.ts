import { AssetType, TerraformAsset } from "cdktf";
import { Construct, type IConstruct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { bundleHandler, type HandlerBundle } from "./bundle-handler";
import { DEFAULTS, functionLogGroupOf } from "@apigw-auth0-rbac/model";

export interface BundledNodeFunctionProps {
  /** TypeScript entry file exporting `handler`. */
  readonly entry: string;
  /** Function name in AWS; also names its role and log group. */
  readonly functionName: string;
  /** Where the bundles and their archives are written (cdktf copies the archive into its output). */
  readonly bundleDir: string;
  /**
   * The entry's bundle, when it was built beforehand (several functions' in one esbuild run
   * with `bundleHandlers`). It must be the bundle of `entry` for `runtime`.
   * @default - bundles `entry` itself
   */
  readonly bundle?: HandlerBundle;
  /** @default "nodejs22.x" */
  readonly runtime?: `nodejs${number}.x`;
  /** @default 128 */
  readonly memorySize?: number;
  /** @default 5 */
  readonly timeoutSeconds?: number;
  /** @default 30 */
  readonly logRetentionDays?: number;
}

/**
 * A Node.js Lambda function built from TypeScript with esbuild at synth time: arm64, its own
 * log group with retention, and a role that may write to that log group and nothing else.
 */
export class BundledNodeFunction extends Construct {
  readonly function: LambdaFunction;
  readonly logGroup: CloudwatchLogGroup;
  readonly role: IamRole;
  readonly asset: TerraformAsset;
  /** The handler's bundle: its archive, source map and the files it was made from. */
  readonly bundle: HandlerBundle;

  constructor(scope: Construct, id: string, props: BundledNodeFunctionProps) {
    super(scope, id);
    const runtime = props.runtime ?? DEFAULTS.lambdaRuntime;
    const bundle = props.bundle ?? bundleHandler(props.entry, props.bundleDir, nodeMajorOf(runtime));
    this.bundle = bundle;
    this.asset = new TerraformAsset(this, "code", { path: bundle.archive, type: AssetType.FILE });

    // Created by Terraform rather than on first invocation, so retention is ours to set.
    this.logGroup = new CloudwatchLogGroup(this, "logs", {
      name: functionLogGroupOf(props.functionName),
      retentionInDays: props.logRetentionDays ?? DEFAULTS.logRetentionDays,
    });

    const assumeRole = new DataAwsIamPolicyDocument(this, "assume-role", {
      statement: [{ actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["lambda.amazonaws.com"] }] }],
    });
    this.role = new IamRole(this, "role", { name: props.functionName, assumeRolePolicy: assumeRole.json });
    const writeLogs = new DataAwsIamPolicyDocument(this, "write-logs", {
      statement: [{ actions: ["logs:CreateLogStream", "logs:PutLogEvents"], resources: [`${this.logGroup.arn}:log-stream:*`] }],
    });
    const policy = new IamRolePolicy(this, "write-logs-policy", {
      name: "write-own-log-group",
      role: this.role.id,
      policy: writeLogs.json,
    });

    this.function = new LambdaFunction(this, "function", {
      functionName: props.functionName,
      role: this.role.arn,
      runtime,
      architectures: ["arm64"],
      handler: `index.${DEFAULTS.handlerExport}`,
      memorySize: props.memorySize ?? DEFAULTS.lambdaMemoryMb,
      timeout: props.timeoutSeconds ?? DEFAULTS.lambdaTimeoutSeconds,
      filename: this.asset.path,
      // From the bundle, not the zip: the same code always gives the same hash.
      sourceCodeHash: bundle.sha256,
      loggingConfig: { logFormat: "JSON", logGroup: this.logGroup.name },
      dependsOn: [this.logGroup, policy],
    });
  }
}

/** 22 for "nodejs22.x": the esbuild target of a runtime. */
export function nodeMajorOf(runtime: string): number {
  return Number(runtime.replace(/\D/g, ""));
}

/** The files every function under `scope` was bundled from (absolute paths): what the synth's record hashes. */
export function handlerInputsOf(scope: IConstruct): string[] {
  const functions = scope.node.findAll().filter((c): c is BundledNodeFunction => c instanceof BundledNodeFunction);
  return [...new Set(functions.flatMap((f) => f.bundle.inputs))];
}
