// The local AWS account: one object per service the aws stack calls, in account 123456789012.
// It lives as long as the provider process (one terraform walk); a later issue keeps it in
// .local/. No cdktf import.
import { AWS_CATALOGUE } from "../../catalogue";
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
  ) {
    const rules = new CallRules(Object.values(AWS_CATALOGUE), appliedQuotas);
    this.apigatewayv2 = new ApiGatewayV2Api(rules);
    this.lambda = new LambdaApi(rules, (name) => `arn:aws:lambda:${region}:${LOCAL_ACCOUNT_ID}:function:${name}`);
    this.iam = new IamApi(rules);
    this.logs = new CloudWatchLogsApi(rules);
  }
}
