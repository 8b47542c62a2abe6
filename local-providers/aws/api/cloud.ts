// The local AWS account: one object per service the aws stack calls, in account 123456789012 and
// one region, their objects in the local cloud's store (LOCAL_CLOUD_DIR, or this process's memory).
// No cdktf import.
import { AWS_CATALOGUE } from "../../catalogue";
import { memoryStore, type CloudStore } from "../../cloud/store";
import { CallRules } from "../../service-rules";
import { ApiGatewayV2Api } from "./apigatewayv2";
import { IamApi } from "./iam";
import { LambdaApi } from "./lambda";
import { CloudWatchLogsApi } from "./logs";

export const LOCAL_ACCOUNT_ID = "123456789012";

export class AwsCloud {
  readonly apigatewayv2: ApiGatewayV2Api;
  readonly lambda: LambdaApi;
  readonly iam: IamApi;
  readonly logs: CloudWatchLogsApi;

  constructor(
    readonly region: string,
    /** The account's applied quota values where they differ from the defaults (LOCAL_AWS_QUOTAS). */
    appliedQuotas: Readonly<Record<string, number>> = {},
    readonly store: CloudStore = memoryStore(),
  ) {
    const rules = new CallRules(Object.values(AWS_CATALOGUE), appliedQuotas);
    this.apigatewayv2 = new ApiGatewayV2Api(rules, store, region, LOCAL_ACCOUNT_ID);
    this.lambda = new LambdaApi(rules, (name) => `arn:aws:lambda:${region}:${LOCAL_ACCOUNT_ID}:function:${name}`, store, region);
    this.iam = new IamApi(rules, store, LOCAL_ACCOUNT_ID);
    this.logs = new CloudWatchLogsApi(rules, store, region, LOCAL_ACCOUNT_ID);
  }
}
