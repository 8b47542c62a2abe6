// Names that are also the names of JavaScript's built-in properties ("__proto__", "constructor",
// "toString", "valueOf", "hasOwnProperty") are valid AWS and Auth0 names and ids: through the
// official SDKs against `npm run cloud`, each is created, read, updated and deleted like any
// other name, an id the cloud does not hold is the service's own 404, and the store keeps them.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateStageCommand,
  DeleteApiCommand,
  DeleteRouteCommand,
  DeleteStageCommand,
  GetApiCommand,
  GetRouteCommand,
  GetStageCommand,
  GetStagesCommand,
  UpdateRouteCommand,
  UpdateStageCommand,
} from "@aws-sdk/client-apigatewayv2";
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  DeleteLogGroupCommand,
  DescribeLogGroupsCommand,
  PutRetentionPolicyCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import {
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListRolePoliciesCommand,
  PutRolePolicyCommand,
  UpdateRoleCommand,
} from "@aws-sdk/client-iam";
import {
  AddPermissionCommand,
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetFunctionCommand,
  GetPolicyCommand,
  LambdaClient,
  ListFunctionsCommand,
  RemovePermissionCommand,
  UpdateFunctionConfigurationCommand,
} from "@aws-sdk/client-lambda";
import { AwsCloud, compactStore, fileStore, ManagementApi } from "@apigw-auth0-rbac/local-providers/cloud";
import { startLocalCloud, type LocalCloud } from "../../src/local-cloud/cloud";

const NAMES = ["__proto__", "constructor", "toString", "valueOf", "hasOwnProperty"] as const;
const PACKAGE = join(__dirname, "..", "..");
const dir = mkdtempSync(join(tmpdir(), "local-cloud-names-"));
const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
let cloud: LocalCloud;
let config: { endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string } };

beforeAll(async () => {
  cloud = await startLocalCloud({ dir });
  const v = cloud.variables;
  config = {
    endpoint: v.AWS_ENDPOINT_URL,
    region: "us-east-1",
    credentials: { accessKeyId: v.AWS_ACCESS_KEY_ID, secretAccessKey: v.AWS_SECRET_ACCESS_KEY },
  };
});
afterAll(async () => {
  await cloud.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  // Nothing a request named reached the prototype every object of this process shares.
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
  expect(({} as Record<string, unknown>).implicit).toBeUndefined();
});

/** A fresh reader of the store: what another process (terraform's provider) finds in it. */
const stored = () => new AwsCloud("us-east-1", {}, fileStore(dir));
/** The service part of cloud.json as written once the log is compacted into it, read by plain JSON (own keys only). */
const document = () => {
  compactStore(dir);
  return JSON.parse(readFileSync(join(dir, "cloud.json"), "utf8")).services;
};
const rejection = async (call: Promise<unknown>) => {
  try {
    await call;
    return "answered";
  } catch (err) {
    return (err as Error).name;
  }
};

it("API Gateway v2: stages of these names are created, read, updated and deleted; routes and APIs of these ids are NotFoundException", async () => {
  const gw = new ApiGatewayV2Client(config);
  const { ApiId } = await gw.send(new CreateApiCommand({ Name: "__proto__", ProtocolType: "HTTP" }));
  for (const name of NAMES) {
    expect(await rejection(gw.send(new GetApiCommand({ ApiId: name })))).toBe("NotFoundException");
    expect(await rejection(gw.send(new DeleteApiCommand({ ApiId: name })))).toBe("NotFoundException");
    expect(await rejection(gw.send(new GetRouteCommand({ ApiId, RouteId: name })))).toBe("NotFoundException");
    expect(await rejection(gw.send(new UpdateRouteCommand({ ApiId, RouteId: name, AuthorizationType: "NONE" })))).toBe("NotFoundException");
    expect(await rejection(gw.send(new DeleteRouteCommand({ ApiId, RouteId: name })))).toBe("NotFoundException");
    expect(await rejection(gw.send(new GetStageCommand({ ApiId, StageName: name })))).toBe("NotFoundException");
    await gw.send(new CreateStageCommand({ ApiId, StageName: name }));
    await gw.send(new UpdateStageCommand({ ApiId, StageName: name, Description: `stage ${name}` }));
    expect((await gw.send(new GetStageCommand({ ApiId, StageName: name }))).Description).toBe(`stage ${name}`);
  }
  expect((await gw.send(new GetStagesCommand({ ApiId }))).Items!.map((s) => s.StageName).sort()).toEqual([...NAMES].sort());
  expect((await gw.send(new GetApiCommand({ ApiId }))).Name).toBe("__proto__");
  // Kept: another process reads each stage back, and the document names each.
  for (const name of NAMES) expect(stored().apigatewayv2.getStage(ApiId!, name).Description).toBe(`stage ${name}`);
  expect(Object.keys(document()["apigatewayv2/us-east-1"].apis[ApiId!].stages).sort()).toEqual([...NAMES].sort());
  for (const name of NAMES) {
    await gw.send(new DeleteStageCommand({ ApiId, StageName: name }));
    expect(await rejection(gw.send(new GetStageCommand({ ApiId, StageName: name })))).toBe("NotFoundException");
  }
  expect(Object.keys(document()["apigatewayv2/us-east-1"].apis[ApiId!].stages)).toEqual([]);
}, 30_000);

it("Lambda: functions and permission statements of these names are created, read, updated and deleted; unknown ones are ResourceNotFoundException", async () => {
  const lambda = new LambdaClient(config);
  const zip = Buffer.from("PK\u0005\u0006".padEnd(22, "\u0000"));
  const role = "arn:aws:iam::123456789012:role/r";
  for (const name of NAMES) {
    expect(await rejection(lambda.send(new GetFunctionCommand({ FunctionName: name })))).toBe("ResourceNotFoundException");
    expect(await rejection(lambda.send(new DeleteFunctionCommand({ FunctionName: name })))).toBe("ResourceNotFoundException");
    expect(await rejection(lambda.send(new GetPolicyCommand({ FunctionName: name })))).toBe("ResourceNotFoundException");
    await lambda.send(
      new CreateFunctionCommand({ FunctionName: name, Runtime: "nodejs20.x", Role: role, Handler: "index.handler", Code: { ZipFile: zip } }),
    );
    await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, Description: `function ${name}` }));
    await lambda.send(
      new AddPermissionCommand({ FunctionName: name, StatementId: name, Action: "lambda:InvokeFunction", Principal: "apigateway.amazonaws.com" }),
    );
    expect(
      JSON.parse((await lambda.send(new GetPolicyCommand({ FunctionName: name }))).Policy!).Statement.map((s: { Sid: string }) => s.Sid),
    ).toEqual([name]);
    expect((await lambda.send(new GetFunctionCommand({ FunctionName: name }))).Configuration!.Description).toBe(`function ${name}`);
  }
  expect((await lambda.send(new ListFunctionsCommand({}))).Functions!.map((f) => f.FunctionName).sort()).toEqual([...NAMES].sort());
  for (const name of NAMES) expect(stored().lambda.getFunctionConfiguration(name).Description).toBe(`function ${name}`);
  expect(Object.keys(document()["lambda/us-east-1"].functions).sort()).toEqual([...NAMES].sort());
  for (const name of NAMES) {
    await lambda.send(new RemovePermissionCommand({ FunctionName: name, StatementId: name }));
    expect(await rejection(lambda.send(new RemovePermissionCommand({ FunctionName: name, StatementId: name })))).toBe("ResourceNotFoundException");
    await lambda.send(new DeleteFunctionCommand({ FunctionName: name }));
    expect(await rejection(lambda.send(new GetFunctionCommand({ FunctionName: name })))).toBe("ResourceNotFoundException");
  }
  expect(Object.keys(document()["lambda/us-east-1"].functions)).toEqual([]);
}, 30_000);

it("IAM: roles and inline policies of these names are created, read, updated and deleted; unknown ones are NoSuchEntity", async () => {
  const iam = new IAMClient(config);
  const trust = '{"Version":"2012-10-17","Statement":[]}';
  for (const name of NAMES) {
    expect(await rejection(iam.send(new GetRoleCommand({ RoleName: name })))).toBe("NoSuchEntityException");
    expect(await rejection(iam.send(new DeleteRoleCommand({ RoleName: name })))).toBe("NoSuchEntityException");
    expect(await rejection(iam.send(new ListRolePoliciesCommand({ RoleName: name })))).toBe("NoSuchEntityException");
    await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust }));
    await iam.send(new UpdateRoleCommand({ RoleName: name, Description: `role ${name}` }));
    expect(await rejection(iam.send(new GetRolePolicyCommand({ RoleName: name, PolicyName: name })))).toBe("NoSuchEntityException");
    await iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: name, PolicyDocument: trust }));
    expect(decodeURIComponent((await iam.send(new GetRolePolicyCommand({ RoleName: name, PolicyName: name }))).PolicyDocument!)).toBe(trust);
    expect((await iam.send(new ListRolePoliciesCommand({ RoleName: name }))).PolicyNames).toEqual([name]);
    expect((await iam.send(new GetRoleCommand({ RoleName: name }))).Role!.Description).toBe(`role ${name}`);
  }
  for (const name of NAMES) expect(stored().iam.getRolePolicy(name, name).PolicyDocument).toBe(trust);
  expect(Object.keys(document().iam.roles).sort()).toEqual([...NAMES].sort());
  for (const name of NAMES) {
    await iam.send(new DeleteRolePolicyCommand({ RoleName: name, PolicyName: name }));
    expect(await rejection(iam.send(new DeleteRolePolicyCommand({ RoleName: name, PolicyName: name })))).toBe("NoSuchEntityException");
    await iam.send(new DeleteRoleCommand({ RoleName: name }));
    expect(await rejection(iam.send(new GetRoleCommand({ RoleName: name })))).toBe("NoSuchEntityException");
  }
  expect(Object.keys(document().iam.roles)).toEqual([]);
}, 30_000);

it("CloudWatch Logs: log groups of these names are created, read, updated and deleted; unknown ones are ResourceNotFoundException", async () => {
  const logs = new CloudWatchLogsClient(config);
  for (const name of NAMES) {
    expect(await rejection(logs.send(new DeleteLogGroupCommand({ logGroupName: name })))).toBe("ResourceNotFoundException");
    expect(await rejection(logs.send(new PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: 7 })))).toBe("ResourceNotFoundException");
    await logs.send(new CreateLogGroupCommand({ logGroupName: name }));
    expect(await rejection(logs.send(new CreateLogGroupCommand({ logGroupName: name })))).toBe("ResourceAlreadyExistsException");
    await logs.send(new PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: 7 }));
  }
  const described = (await logs.send(new DescribeLogGroupsCommand({}))).logGroups!;
  expect(described.map((g) => [g.logGroupName, g.retentionInDays]).sort()).toEqual(NAMES.map((n) => [n, 7]).sort());
  for (const name of NAMES) expect(stored().logs.getLogGroup(name)?.retentionInDays).toBe(7);
  for (const name of NAMES) {
    await logs.send(new DeleteLogGroupCommand({ logGroupName: name }));
    expect(await rejection(logs.send(new DeleteLogGroupCommand({ logGroupName: name })))).toBe("ResourceNotFoundException");
  }
  expect(Object.keys(document()["logs/us-east-1"].groups)).toEqual([]);
}, 30_000);

it("the Management API through the `auth0` SDK: ids of these names are Auth0's 404, objects of these names are kept, and a duplicate identifier is still refused", async () => {
  const missing = NAMES.flatMap((name) => [
    { call: "resourceServers.get", args: [name] },
    { call: "resourceServers.update", args: [name, { name: "changed", implicit: true }] },
    { call: "roles.get", args: [name] },
    { call: "roles.update", args: [name, { name: "changed", implicit: true }] },
    { call: "roles.delete", args: [name] },
    { call: "users.get", args: [name] },
    { call: "users.update", args: [name, { implicit: true, identifier: "https://kept.example.com" }] },
    { call: "users.delete", args: [name] },
    { call: "clients.get", args: [name] },
    { call: "clients.update", args: [name, { name: "changed" }] },
    { call: "clientGrants.update", args: [name, { scope: [] }] },
    { call: "clientGrants.delete", args: [name] },
  ]);
  const named = NAMES.flatMap((name) => [
    { call: "resourceServers.create", args: [{ name, identifier: name, scopes: [{ value: name, description: name }] }] },
    { call: "resourceServers.update", args: [name, { token_lifetime: 600 }] },
    { call: "resourceServers.get", args: [name] },
    { call: "roles.create", args: [{ name, description: name }] },
    {
      call: "users.create",
      args: [{ connection: "Username-Password-Authentication", user_id: name, email: `${name.replace(/_/g, "")}@example.com` }],
    },
  ]);
  const steps = [
    { call: "resourceServers.create", args: [{ name: "kept", identifier: "https://kept.example.com" }], save: "kept" },
    ...missing,
    // The tenant's own bookkeeping is not a field a body sets either.
    { call: "resourceServers.update", args: ["$kept.id", { implicit: true }] },
    // What the red team did: a write that, reaching every object through "__proto__", made the first API look implicit.
    { call: "resourceServers.create", args: [{ name: "again", identifier: "https://kept.example.com" }] },
    ...named,
  ];
  const child = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    execFile(
      process.execPath,
      ["--import", "tsx", join(__dirname, "..", "helpers", "auth0-sdk-client.ts"), JSON.stringify(steps)],
      { cwd: PACKAGE, env: { ...process.env, ...cloud.variables }, timeout: 90_000 },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === "number" ? err.code : null) : 0, stdout, stderr }),
    ),
  );
  expect([child.code, child.stderr]).toEqual([0, ""]);
  const answers: any[] = JSON.parse(child.stdout);
  const notFound = answers.slice(1, 1 + missing.length);
  expect(notFound.filter((a) => a?.statusCode !== 404)).toEqual([]);
  const duplicate = answers[2 + missing.length];
  expect(duplicate).toMatchObject({ statusCode: 409, message: "A resource server with the same identifier already exists." });
  const created = answers.slice(3 + missing.length);
  expect(created).toHaveLength(named.length);
  expect(created.filter((a) => a?.statusCode !== undefined)).toEqual([]);
  expect(created.filter((_a, i) => i % 5 === 2).map((a) => [a.identifier, a.token_lifetime, a.scopes])).toEqual(
    NAMES.map((n) => [n, 600, [{ value: n, description: n }]]),
  );

  // Kept: the first API untouched, and every object of these names, as another process reads them.
  const tenant = new ManagementApi("", fileStore(dir));
  expect(tenant.getResourceServer("https://kept.example.com")).toMatchObject({ id: answers[0].id, name: "kept" });
  expect(tenant.getResourceServer("https://kept.example.com").implicit).toBeUndefined();
  expect(
    tenant
      .listResourceServers()
      .map((r) => r.identifier)
      .sort(),
  ).toEqual(["https://kept.example.com", ...NAMES].sort());
  expect(
    tenant
      .listRoles()
      .map((r) => r.name)
      .sort(),
  ).toEqual([...NAMES].sort());
  expect(
    tenant
      .listUsers()
      .map((u) => u.user_id)
      .sort(),
  ).toEqual(NAMES.map((n) => `auth0|${n}`).sort());
}, 90_000);
