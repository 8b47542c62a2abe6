// The local AWS account: one object per service the aws stack calls, in account 123456789012 and
// one region, their objects in the local cloud's store (LOCAL_CLOUD_DIR, or this process's memory).
import { AWS_CATALOGUE } from "../../catalogue";
import { memoryStore, type CloudStore } from "../../cloud/store";
import { CallRules } from "../../service-rules";
import { AcmApi } from "./acm";
import { ApiGatewayV2Api } from "./apigatewayv2";
import { IamApi } from "./iam";
import { LambdaApi } from "./lambda";
import { CloudWatchLogsApi } from "./logs";
import { Route53Api } from "./route53";
import { S3Api } from "./s3";

export const LOCAL_ACCOUNT_ID = "123456789012";

export class AwsCloud {
  readonly apigatewayv2: ApiGatewayV2Api;
  readonly lambda: LambdaApi;
  readonly iam: IamApi;
  readonly logs: CloudWatchLogsApi;
  readonly acm: AcmApi;
  readonly route53: Route53Api;
  readonly s3: S3Api;

  constructor(
    readonly region: string,
    /** The account's applied quota values where they differ from the defaults (LOCAL_AWS_QUOTAS). */
    appliedQuotas: Readonly<Record<string, number>> = {},
    readonly store: CloudStore = memoryStore(),
    /** The account's public hosted zones, by name (LOCAL_AWS_HOSTED_ZONES): a deploy finds them, never creates them. */
    hostedZones: readonly string[] = [],
  ) {
    const rules = new CallRules(Object.values(AWS_CATALOGUE), appliedQuotas);
    this.route53 = new Route53Api(rules, hostedZones, store);
    this.acm = new AcmApi(
      rules,
      (id) => `arn:aws:acm:${region}:${LOCAL_ACCOUNT_ID}:certificate/${id}`,
      (name, type) => this.route53.resolve(name, type),
      store,
      region,
    );
    this.apigatewayv2 = new ApiGatewayV2Api(rules, store, region, LOCAL_ACCOUNT_ID, (arn) => this.acm.describeCertificate(arn)?.Status);
    this.lambda = new LambdaApi(rules, (name) => `arn:aws:lambda:${region}:${LOCAL_ACCOUNT_ID}:function:${name}`, store, region);
    this.iam = new IamApi(rules, store, LOCAL_ACCOUNT_ID);
    this.logs = new CloudWatchLogsApi(rules, store, region, LOCAL_ACCOUNT_ID);
    this.s3 = new S3Api(region, store);
  }
}
