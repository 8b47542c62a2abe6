// The objects standing for the service APIs enforce the default quotas of the catalogue (the
// conformance run, through terraform, uses an account's applied values: see cases.ts), and an
// account's applied values where LOCAL_AWS_QUOTAS gives them.
import { AWS_CATALOGUE } from "../src/catalogue";
import { ApiGatewayV2Api } from "../src/aws/api/apigatewayv2";
import { AwsCloud } from "../src/aws/api/cloud";
import { LambdaApi } from "../src/aws/api/lambda";
import { memoryStore } from "../src/cloud/store";
import { appliedQuotasOf, CallRules, quotaDefaults, ServiceError } from "../src/service-rules";

const api = (applied: Record<string, number> = {}) => new ApiGatewayV2Api(new CallRules(Object.values(AWS_CATALOGUE), applied));
const refusalOf = (f: () => unknown) => {
  try {
    f();
    return undefined;
  } catch (err) {
    if (err instanceof ServiceError) return `${err.status} ${err.code}: ${err.message}`;
    throw err;
  }
};

it.each([
  ["routes", 300, (a: ApiGatewayV2Api, ApiId: string) => a.createRoute({ ApiId })],
  ["integrations", 300, (a: ApiGatewayV2Api, ApiId: string) => a.createIntegration({ ApiId })],
  ["authorizers", 10, (a: ApiGatewayV2Api, ApiId: string) => a.createAuthorizer({ ApiId })],
] as const)("creates the default quota of %s per API (%i) and refuses one more", (what, limit, create) => {
  const apigw = api();
  const { ApiId } = apigw.createApi({ Name: "quota", ProtocolType: "HTTP" });
  for (let i = 0; i < limit; i++) expect(refusalOf(() => create(apigw, ApiId))).toBeUndefined();
  expect(refusalOf(() => create(apigw, ApiId))).toMatch(
    new RegExp(
      `^(400 BadRequestException|429 ConflictException|\\d+ \\w+): .*${what === "authorizers" ? "Authorizers" : what === "routes" ? "Routes" : "Integrations"}`,
      "i",
    ),
  );
  // Another API has a quota of its own.
  expect(refusalOf(() => create(apigw, apigw.createApi({ Name: "other", ProtocolType: "HTTP" }).ApiId))).toBeUndefined();
});

it("enforces an account's applied quota value instead of the default", () => {
  const apigw = api({ "routes-per-api": 302 });
  const { ApiId } = apigw.createApi({ Name: "raised", ProtocolType: "HTTP" });
  for (let i = 0; i < 302; i++) apigw.createRoute({ ApiId });
  expect(refusalOf(() => apigw.createRoute({ ApiId }))).toMatch(/^400 BadRequestException: Maximum number of Routes/);
});

it("reads LOCAL_AWS_QUOTAS: adjustable quotas by name with positive integers only", () => {
  const defaults = quotaDefaults(Object.values(AWS_CATALOGUE));
  expect(defaults).toEqual({ "routes-per-api": 300, "authorizers-per-api": 10, "role-trust-policy-length": 2048 });
  expect(appliedQuotasOf('{"routes-per-api":500,"nope":1,"authorizers-per-api":0,"integrations-per-api":400}', defaults)).toEqual({
    "routes-per-api": 500,
  });
  expect(appliedQuotasOf("not json", defaults)).toEqual({});
});

it("holds a name alone to 64 characters at CreateFunction, and leaves a partial or full ARN to the 140 of the plan", () => {
  const lambda = new LambdaApi(new CallRules(Object.values(AWS_CATALOGUE)), (name) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`);
  const name64 = "F".repeat(64);
  expect(refusalOf(() => lambda.createFunction({ FunctionName: `${name64}F` }))).toMatch(/^400 ValidationException: .*less than or equal to 64$/);
  expect(refusalOf(() => lambda.createFunction({ FunctionName: name64 }))).toBeUndefined();
  expect(refusalOf(() => lambda.createFunction({ FunctionName: `123456789012:function:${"G".repeat(64)}` }))).toBeUndefined();
  expect(
    refusalOf(() => lambda.createFunction({ FunctionName: `arn:aws:lambda:us-east-1:123456789012:function:${"H".repeat(64)}` })),
  ).toBeUndefined();
});

it("asks every certificate for a domain in one account for the same validation record, which validates them all", () => {
  const cloud = new AwsCloud("us-east-1", {}, memoryStore(), ["unicorns.example.com"]);
  const request = () => cloud.acm.requestCertificate({ DomainName: "api.unicorns.example.com", ValidationMethod: "DNS" }).CertificateArn;
  const recordOf = (arn: string) => cloud.acm.describeCertificate(arn)!.DomainValidationOptions[0].ResourceRecord!;
  const [first, second] = [request(), request()];
  expect(recordOf(second)).toEqual(recordOf(first));
  const record = recordOf(first);
  cloud.route53.changeResourceRecordSets({
    HostedZoneId: cloud.route53.listHostedZones().HostedZones[0].Id,
    Changes: [{ Action: "CREATE", ResourceRecordSet: { Name: record.Name, Type: "CNAME", TTL: 60, ResourceRecords: [{ Value: record.Value }] } }],
  });
  // A certificate requested after the record is in place needs no new one.
  expect([first, second, request()].map((arn) => cloud.acm.describeCertificate(arn)!.Status)).toEqual(["ISSUED", "ISSUED", "ISSUED"]);
  // Another domain has a record of its own.
  const other = cloud.acm.requestCertificate({ DomainName: "www.unicorns.example.com", ValidationMethod: "DNS" }).CertificateArn;
  expect(recordOf(other).Name).not.toBe(record.Name);
  expect(recordOf(other).Value).not.toBe(record.Value);
});
