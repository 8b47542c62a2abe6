// The local cloud: the store the stand-ins' service APIs keep their objects in (per
// environment, versioned, written atomically), and `npm run cloud`'s servers, driven with the
// official SDKs — AWS's four clients in this process, Auth0's in a child process as a script
// runs it — over the same store a terraform run reads.
import { execFile, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateRouteCommand,
  GetRoutesCommand,
  UpdateRouteCommand,
  GetApiCommand,
} from "@aws-sdk/client-apigatewayv2";
import { AddPermissionCommand, CreateFunctionCommand, GetFunctionCommand, GetPolicyCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { CreateRoleCommand, GetRoleCommand, IAMClient, PutRolePolicyCommand, GetRolePolicyCommand } from "@aws-sdk/client-iam";
import { CloudWatchLogsClient, CreateLogGroupCommand, DescribeLogGroupsCommand, PutRetentionPolicyCommand } from "@aws-sdk/client-cloudwatch-logs";
import { AwsCloud, CLOUD_FORMAT, CloudStoreError, compactStore, fileStore, ManagementApi } from "@apigw-auth0-rbac/local-providers/cloud";
import { startLocalCloud, type LocalCloud } from "../../src/local-cloud/cloud";

const PACKAGE = join(__dirname, "..", "..");
const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "local-cloud-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("the store", () => {
  it("keeps a service's objects across processes' instances, in a versioned snapshot and a log of changes", () => {
    const dir = freshDir();
    const api = new AwsCloud("eu-west-1", {}, fileStore(dir)).apigatewayv2.createApi({ Name: "kept", ProtocolType: "HTTP" });
    // Another instance (another provider process) sees it.
    expect(new AwsCloud("eu-west-1", {}, fileStore(dir)).apigatewayv2.getApi(api.ApiId).Name).toBe("kept");
    const snapshot = () => JSON.parse(readFileSync(join(dir, "cloud.json"), "utf8"));
    // The change is one line of the log; the snapshot holds what came before it.
    const log = readFileSync(join(dir, "cloud.log"), "utf8").split("\n");
    expect([log.length, JSON.parse(log[0]).service, log[1]]).toEqual([2, "apigatewayv2/eu-west-1", ""]);
    expect([snapshot().format, snapshot().version, snapshot().seq, Object.keys(snapshot().services)]).toEqual([CLOUD_FORMAT, 2, 0, []]);
    // Compacted: one document holds it, and the log is empty.
    compactStore(dir);
    expect([snapshot().version, snapshot().seq, Object.keys(snapshot().services)]).toEqual([2, 1, ["apigatewayv2/eu-west-1"]]);
    expect(readFileSync(join(dir, "cloud.log"), "utf8")).toBe("");
    expect(new AwsCloud("eu-west-1", {}, fileStore(dir)).apigatewayv2.getApi(api.ApiId).Name).toBe("kept");
    // Written by rename: no partial file is left behind.
    expect(readdirSync(dir).filter((f) => f.includes("partial") || f.endsWith(".lock"))).toEqual([]);
  });

  it("makes limits real across runs: a second API with the same identifier is refused by the tenant", () => {
    const dir = freshDir();
    new ManagementApi("t.eu.auth0.com", fileStore(dir)).createResourceServer({ identifier: "https://unicorns.example.com" });
    expect(() => new ManagementApi("t.eu.auth0.com", fileStore(dir)).createResourceServer({ identifier: "https://unicorns.example.com" })).toThrow(
      "A resource server with the same identifier already exists.",
    );
  });

  it("keeps a custom domain's certificate, its validation records and the domain name across processes", () => {
    const dir = freshDir();
    const cloud = () => new AwsCloud("eu-west-1", {}, fileStore(dir), ["unicorns.example.com"]);
    const zoneId = cloud().route53.listHostedZones().HostedZones[0].Id;
    const { CertificateArn } = cloud().acm.requestCertificate({ DomainName: "api.unicorns.example.com", ValidationMethod: "DNS" });
    // The records ACM asks for, written by another provider process (as the validation records' apply is).
    const record = cloud().acm.describeCertificate(CertificateArn)!.DomainValidationOptions[0].ResourceRecord!;
    cloud().route53.changeResourceRecordSets({
      HostedZoneId: zoneId,
      Changes: [{ Action: "CREATE", ResourceRecordSet: { Name: record.Name, Type: "CNAME", TTL: 60, ResourceRecords: [{ Value: record.Value }] } }],
    });
    const issued = cloud().acm.describeCertificate(CertificateArn)!;
    expect([issued.Status, issued.IssuedAt instanceof Date]).toEqual(["ISSUED", true]);
    const configuration = { CertificateArn, EndpointType: "REGIONAL", SecurityPolicy: "TLS_1_2" };
    cloud().apigatewayv2.createDomainName({ DomainName: "api.unicorns.example.com", DomainNameConfigurations: [configuration] });
    // A later run: the name is taken in the account and region.
    expect(() =>
      cloud().apigatewayv2.createDomainName({ DomainName: "API.unicorns.example.com", DomainNameConfigurations: [configuration] }),
    ).toThrow("The domain name you provided already exists: API.unicorns.example.com");
    expect(cloud().route53.listHostedZones().HostedZones[0].ResourceRecordSetCount).toBe(3);
  });

  it("lets one of several processes creating the same name at the same moment have it, and refuses the others", async () => {
    const dir = freshDir();
    const go = join(dir, "go");
    // Each process waits for the same signal, then creates: the API identifier, a function, a role
    // and a log group, all named alike.
    const script = `
      const { existsSync, writeFileSync } = require("node:fs");
      const { AwsCloud, fileStore, ManagementApi } = require("@apigw-auth0-rbac/local-providers/cloud");
      const store = fileStore(${JSON.stringify(dir)});
      const aws = new AwsCloud("us-east-1", {}, store);
      writeFileSync(${JSON.stringify(dir)} + "/ready-" + process.pid, "");
      const wait = new Int32Array(new SharedArrayBuffer(4));
      while (!existsSync(${JSON.stringify(go)})) Atomics.wait(wait, 0, 0, 1);
      const calls = {
        identifier: () => new ManagementApi("t.eu.auth0.com", store).createResourceServer({ identifier: "https://same.example.com" }),
        function: () => aws.lambda.createFunction({ FunctionName: "same", Role: "arn:aws:iam::123456789012:role/r", Runtime: "nodejs20.x", Handler: "index.handler" }),
        role: () => aws.iam.createRole({ RoleName: "same", AssumeRolePolicyDocument: '{"Version":"2012-10-17","Statement":[]}' }),
        logGroup: () => aws.logs.createLogGroup({ LogGroupName: "/same" }),
      };
      const won = Object.entries(calls).filter(([, call]) => { try { call(); return true; } catch { return false; } }).map(([name]) => name);
      process.stdout.write(JSON.stringify(won));
    `;
    const processes = Array.from(
      { length: 6 },
      () =>
        new Promise<string[]>((resolve, reject) =>
          execFile(process.execPath, ["--import", "tsx", "-e", script], { cwd: PACKAGE, encoding: "utf8" }, (error, stdout) =>
            error ? reject(error) : resolve(JSON.parse(stdout)),
          ),
        ),
    );
    while (readdirSync(dir).filter((f) => f.startsWith("ready-")).length < 6) await new Promise((r) => setTimeout(r, 10));
    writeFileSync(go, "");
    const won = (await Promise.all(processes)).flat().sort();
    expect(won).toEqual(["function", "identifier", "logGroup", "role"]);
  }, 30_000);

  it("takes over a lock left by a dead process with one writer at a time: every increment of processes writing at once is kept", async () => {
    const dir = freshDir();
    const [rounds, processes, increments] = [3, 8, 12];
    const script = (go: string) => `
      const { existsSync, writeFileSync } = require("node:fs");
      const { fileStore } = require("@apigw-auth0-rbac/local-providers/cloud");
      const store = fileStore(${JSON.stringify(dir)});
      writeFileSync(${JSON.stringify(go)} + "-ready-" + process.pid, "");
      const wait = new Int32Array(new SharedArrayBuffer(4));
      while (!existsSync(${JSON.stringify(go)})) Atomics.wait(wait, 0, 0, 1);
      for (let i = 0; i < ${increments}; i++) store.update("counter", () => ({ n: 0 }), (s) => { s.n += 1; });
    `;
    // Each round: a lock as a writer killed with -9 leaves it (naming a process that is gone), then processes that all find it at once.
    for (let round = 0; round < rounds; round++) {
      const go = join(dir, `go-${round}`);
      writeFileSync(join(dir, "cloud.json.lock"), String(spawnSync(process.execPath, ["-e", ""]).pid));
      const running = Array.from(
        { length: processes },
        () =>
          new Promise<void>((resolve, reject) =>
            execFile(process.execPath, ["-e", script(go)], { cwd: PACKAGE, timeout: 60_000 }, (error) => (error ? reject(error) : resolve())),
          ),
      );
      while (readdirSync(dir).filter((f) => f.startsWith(`go-${round}-ready-`)).length < processes) await new Promise((r) => setTimeout(r, 10));
      writeFileSync(go, "");
      await Promise.all(running);
    }
    expect(fileStore(dir).read("counter", () => ({ n: 0 }))).toEqual({ n: rounds * processes * increments });
    expect(readdirSync(dir).filter((f) => f.includes(".lock"))).toEqual([]);
  }, 90_000);

  it("keeps its folder to its user as terraform's providers write it: folders 700, the document and the code 600, also where an older checkout left them open", () => {
    const dir = freshDir();
    writeFileSync(join(dir, "cloud.json"), JSON.stringify({ format: CLOUD_FORMAT, version: 1, services: {} }));
    chmodSync(dir, 0o755);
    chmodSync(join(dir, "cloud.json"), 0o644);
    new AwsCloud("us-east-1", {}, fileStore(dir)).lambda.createFunction({ FunctionName: "f" }, Buffer.from("code"));
    new ManagementApi("t.eu.auth0.com", fileStore(dir)).signingKey();
    const mode = (path: string) => (statSync(join(dir, path)).mode & 0o777).toString(8);
    const [blob] = readdirSync(join(dir, "blobs"));
    expect([".", "cloud.json", "blobs", join("blobs", blob)].map(mode)).toEqual(["700", "600", "700", "600"]);
  });

  it("removes the code no function refers to any more: a function deleted or given new code, in any region", () => {
    const dir = freshDir();
    const east = new AwsCloud("us-east-1", {}, fileStore(dir)).lambda;
    const west = new AwsCloud("eu-west-1", {}, fileStore(dir)).lambda;
    const [a, b, c] = ["code a", "code b", "code c"].map((text) => Buffer.from(text));
    const key = (code: Buffer) => createHash("sha256").update(code).digest("hex");
    const blobs = () => readdirSync(join(dir, "blobs")).sort();
    east.createFunction({ FunctionName: "one" }, a);
    east.createFunction({ FunctionName: "two" }, a);
    west.createFunction({ FunctionName: "one" }, c);
    expect(blobs()).toEqual([key(a), key(c)].sort());
    east.updateFunctionCode("one", b);
    expect(blobs()).toEqual([key(a), key(b), key(c)].sort());
    east.deleteFunction("two");
    expect(blobs()).toEqual([key(b), key(c)].sort());
    east.deleteFunction("one");
    expect(blobs()).toEqual([key(c)]);
    expect(west.getFunction("one").Code).toEqual(c);
    west.deleteFunction("one");
    expect(blobs()).toEqual([]);
  });

  it("stores nothing of a call that is refused", () => {
    const dir = freshDir();
    const store = fileStore(dir);
    const logs = new AwsCloud("us-east-1", {}, store).logs;
    logs.createLogGroup({ LogGroupName: "/one" });
    expect(() =>
      store.update(
        "logs/us-east-1",
        () => ({}),
        (s: any) => {
          s.groups["/half"] = {};
          throw new Error("refused");
        },
      ),
    ).toThrow("refused");
    expect(new AwsCloud("us-east-1", {}, fileStore(dir)).logs.describeLogGroups().map((g) => g.logGroupName)).toEqual(["/one"]);
  });

  it("refuses a change that would leave a document it would refuse to load, and keeps the one it has", () => {
    const dir = freshDir();
    const store = fileStore(dir);
    new AwsCloud("us-east-1", {}, store).logs.createLogGroup({ LogGroupName: "/one" });
    expect(() =>
      store.update(
        "logs/us-east-1",
        () => ({}),
        (s: any) => {
          s.groups["/two"] = { logGroupName: 2 };
        },
      ),
    ).toThrow('it would leave services["logs/us-east-1"].groups["/two"].logGroupName is a number, not a string');
    expect(new AwsCloud("us-east-1", {}, fileStore(dir)).logs.describeLogGroups().map((g) => g.logGroupName)).toEqual(["/one"]);
  });

  it.each([
    ["a corrupt", "{not json", "is corrupt"],
    ["another project's", JSON.stringify({ services: {} }), "is not a local cloud of this project"],
    [
      "another version's",
      JSON.stringify({ format: CLOUD_FORMAT, version: 99, services: {} }),
      "is version 99; this checkout reads versions 1 and 2 only",
    ],
    ...(
      [
        ["a service's part that is not an object", { iam: "roles" }, 'services["iam"] is a string, not an object'],
        [
          "a part of a service this checkout does not know that is not an object",
          { "someday/us-east-1": [] },
          'services["someday/us-east-1"] is an array',
        ],
        ["a record that is a list", { "logs/us-east-1": { groups: [] } }, 'services["logs/us-east-1"].groups is an array, not an object'],
        [
          "a wrong-typed field",
          { iam: { roles: { r: { Role: { RoleName: "r" }, policies: { p: 7 } } } } },
          'services["iam"].roles["r"].policies["p"] is a number, not a string',
        ],
        [
          "a missing list",
          { auth0: { resourceServers: {}, roles: { rol_1: { id: "rol_1" } }, clients: {}, clientGrants: {}, users: {} } },
          'services["auth0"].roles["rol_1"].permissions is missing, not an array',
        ],
      ] as const
    ).map(([what, services, problem]) => [
      `a hand-edited (${what})`,
      JSON.stringify({ format: CLOUD_FORMAT, version: 1, services }),
      `is not shaped as this checkout writes it (${problem}`,
    ]),
  ])("refuses %s store, naming it and what to do", (_what, contents, message) => {
    const dir = freshDir();
    writeFileSync(join(dir, "cloud.json"), contents);
    // Whichever service reads it: a document is checked whole.
    const read = () => new AwsCloud("us-east-1", {}, fileStore(dir)).apigatewayv2.getApis();
    expect(read).toThrow(CloudStoreError);
    expect(read).toThrow(message);
    expect(read).toThrow(`${join(dir, "cloud.json")}`);
    expect(read).toThrow("to start an empty local cloud");
  });
});

describe("npm run cloud's servers, through the official SDKs", () => {
  let cloud: LocalCloud;
  let dir: string;
  let config: { endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string } };
  beforeAll(async () => {
    dir = freshDir();
    cloud = await startLocalCloud({ dir });
    const v = cloud.variables;
    config = {
      endpoint: v.AWS_ENDPOINT_URL,
      region: v.AWS_REGION,
      credentials: { accessKeyId: v.AWS_ACCESS_KEY_ID, secretAccessKey: v.AWS_SECRET_ACCESS_KEY },
    };
  });
  afterAll(() => cloud.close());

  it("prints the variables that point clients at it, one a line, and keeps the credentials out of reach of others", () => {
    expect(Object.keys(cloud.variables)).toEqual([
      "AWS_ENDPOINT_URL",
      "AWS_REGION",
      "AWS_ACCESS_KEY_ID",
      "AWS_SECRET_ACCESS_KEY",
      "AUTH0_DOMAIN",
      "AUTH0_MANAGEMENT_API",
      "AUTH0_CLIENT_ID",
      "AUTH0_CLIENT_SECRET",
      "NODE_EXTRA_CA_CERTS",
    ]);
    expect(cloud.variables.AWS_ENDPOINT_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(cloud.variables.AUTH0_MANAGEMENT_API).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/api\/v2\/$/);
    expect(statSync(join(dir, "access.json")).mode & 0o077).toBe(0);
  });

  it("API Gateway v2: an API, a route changed as a console changes it, read back by the store terraform's refresh reads", async () => {
    const gw = new ApiGatewayV2Client(config);
    const api = await gw.send(new CreateApiCommand({ Name: "UnicornAPI", ProtocolType: "HTTP", CorsConfiguration: { AllowOrigins: ["*"] } }));
    expect(api.ApiEndpoint).toBe(`https://${api.ApiId}.execute-api.us-east-1.amazonaws.com`);
    const route = await gw.send(
      new CreateRouteCommand({
        ApiId: api.ApiId,
        RouteKey: "GET /unicorn",
        AuthorizationType: "JWT",
        AuthorizerId: "abc123",
        AuthorizationScopes: ["read:unicorn"],
      }),
    );
    // Detached, as someone would in the console.
    await gw.send(new UpdateRouteCommand({ ApiId: api.ApiId, RouteId: route.RouteId, AuthorizationType: "NONE" }));
    const [listed] = (await gw.send(new GetRoutesCommand({ ApiId: api.ApiId }))).Items!;
    expect([listed.RouteKey, listed.AuthorizationType]).toEqual(["GET /unicorn", "NONE"]);
    expect(new AwsCloud("us-east-1", {}, fileStore(dir)).apigatewayv2.getChild(api.ApiId!, "routes", route.RouteId!).AuthorizationType).toBe("NONE");
    await expect(gw.send(new GetApiCommand({ ApiId: "missing" }))).rejects.toMatchObject({
      name: "NotFoundException",
      message: "Invalid API identifier specified 123456789012:missing",
    });
  });

  it("Lambda, IAM and CloudWatch Logs: a function with its role, policy and log group, as the console creates them", async () => {
    const iam = new IAMClient(config);
    const trust = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
    });
    const role = (await iam.send(new CreateRoleCommand({ RoleName: "getUnicorn-role", AssumeRolePolicyDocument: trust }))).Role!;
    expect(role.Arn).toBe("arn:aws:iam::123456789012:role/getUnicorn-role");
    // IAM answers policy documents URL-encoded (RFC 3986), as the SDK passes them on.
    expect(decodeURIComponent((await iam.send(new GetRoleCommand({ RoleName: "getUnicorn-role" }))).Role!.AssumeRolePolicyDocument!)).toBe(trust);
    await iam.send(
      new PutRolePolicyCommand({ RoleName: "getUnicorn-role", PolicyName: "logs", PolicyDocument: '{"Version":"2012-10-17","Statement":[]}' }),
    );
    expect(
      decodeURIComponent((await iam.send(new GetRolePolicyCommand({ RoleName: "getUnicorn-role", PolicyName: "logs" }))).PolicyDocument!),
    ).toContain("2012-10-17");
    await expect(iam.send(new GetRoleCommand({ RoleName: "missing" }))).rejects.toMatchObject({ name: "NoSuchEntityException" });

    const lambda = new LambdaClient(config);
    const zip = Buffer.from("PK\u0005\u0006".padEnd(22, "\u0000"));
    const fn = await lambda.send(
      new CreateFunctionCommand({
        FunctionName: "getUnicorn",
        Runtime: "python3.8",
        Role: role.Arn,
        Handler: "lambda_function.lambda_handler",
        Code: { ZipFile: zip },
      }),
    );
    expect(fn.CodeSize).toBe(zip.length);
    await lambda.send(
      new AddPermissionCommand({
        FunctionName: "getUnicorn",
        StatementId: "apigw",
        Action: "lambda:InvokeFunction",
        Principal: "apigateway.amazonaws.com",
      }),
    );
    expect(JSON.parse((await lambda.send(new GetPolicyCommand({ FunctionName: "getUnicorn" }))).Policy!).Statement[0].Sid).toBe("apigw");
    const got = await lambda.send(new GetFunctionCommand({ FunctionName: "getUnicorn" }));
    expect(Buffer.from(await (await fetch(got.Code!.Location!)).arrayBuffer())).toEqual(zip);
    await expect(lambda.send(new GetFunctionCommand({ FunctionName: "missing" }))).rejects.toMatchObject({ name: "ResourceNotFoundException" });

    const logs = new CloudWatchLogsClient(config);
    await logs.send(new CreateLogGroupCommand({ logGroupName: "/aws/lambda/getUnicorn" }));
    await logs.send(new PutRetentionPolicyCommand({ logGroupName: "/aws/lambda/getUnicorn", retentionInDays: 7 }));
    expect(
      (await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: "/aws/lambda/" }))).logGroups!.map((g) => [
        g.logGroupName,
        g.retentionInDays,
      ]),
    ).toEqual([["/aws/lambda/getUnicorn", 7]]);
    await expect(logs.send(new CreateLogGroupCommand({ logGroupName: "/aws/lambda/getUnicorn" }))).rejects.toMatchObject({
      name: "ResourceAlreadyExistsException",
    });
  });

  it("answers a path with a malformed escape with the caller's 400", async () => {
    const v = cloud.variables;
    const authorization = `AWS4-HMAC-SHA256 Credential=${v.AWS_ACCESS_KEY_ID}/20250101/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=00`;
    const answer = await fetch(`${v.AWS_ENDPOINT_URL}/2015-03-31/functions/%E0%A4%A/configuration`, { headers: { authorization } });
    expect([answer.status, answer.headers.get("x-amzn-errortype")]).toEqual([400, "SerializationException"]);
  });

  it("answers Lambda names and fields of the wrong type with Lambda's 400, not a 500", async () => {
    const v = cloud.variables;
    const authorization = `AWS4-HMAC-SHA256 Credential=${v.AWS_ACCESS_KEY_ID}/20250101/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=00`;
    const post = (path: string, body: unknown) =>
      fetch(`${v.AWS_ENDPOINT_URL}/2015-03-31/functions${path}`, { method: "POST", headers: { authorization }, body: JSON.stringify(body) });
    const put = (path: string, body: unknown) =>
      fetch(`${v.AWS_ENDPOINT_URL}/2015-03-31/functions${path}`, { method: "PUT", headers: { authorization }, body: JSON.stringify(body) });
    const answers = [
      await post("", { FunctionName: 5, Role: "arn:aws:iam::123456789012:role/r" }),
      await put("/typed/code", { ZipFile: "UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==", Architectures: 5 }),
      await post("/typed/policy", { StatementId: "s", Action: "lambda:InvokeFunction", Principal: 5 }),
      await post("/typed/policy", { StatementId: ["s"], Action: "lambda:InvokeFunction", Principal: "apigateway.amazonaws.com" }),
    ];
    expect(answers.map((a) => [a.status, a.headers.get("x-amzn-errortype")])).toEqual(Array(4).fill([400, "InvalidParameterValueException"]));
  });

  it("refuses a client without the local access key", async () => {
    const stranger = new ApiGatewayV2Client({ ...config, credentials: { accessKeyId: "AKIAOTHER", secretAccessKey: "x" } });
    await expect(stranger.send(new GetRoutesCommand({ ApiId: "x" }))).rejects.toMatchObject({ name: "UnrecognizedClientException" });
  });

  it("Auth0's Management API through the `auth0` SDK, pointed at the local domain: an API, a role with a permission, a user holding it", async () => {
    const steps = [
      {
        call: "resourceServers.create",
        args: [
          {
            name: "Unicorn API",
            identifier: "https://unicorns.example.com",
            signing_alg: "RS256",
            scopes: [{ value: "read:unicorn", description: "Read a unicorn" }],
          },
        ],
      },
      { call: "roles.create", args: [{ name: "unicorn-rider", description: "Rides" }], save: "role" },
      {
        call: "roles.permissions.add",
        args: ["$role.id", { permissions: [{ permission_name: "read:unicorn", resource_server_identifier: "https://unicorns.example.com" }] }],
      },
      {
        call: "users.create",
        args: [{ connection: "Username-Password-Authentication", email: "rider@example.com", password: "Correct-horse-7", email_verified: true }],
        save: "user",
      },
      { call: "users.roles.assign", args: ["$user.user_id", { roles: ["$role.id"] }] },
      { call: "users.roles.list", args: ["$user.user_id"] },
      { call: "resourceServers.create", args: [{ name: "Again", identifier: "https://unicorns.example.com" }] },
      { call: "roles.get", args: ["rol_missing"] },
    ];
    // Asynchronously: this process serves the cloud the child calls.
    const child = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) =>
      execFile(
        process.execPath,
        ["--import", "tsx", join(__dirname, "..", "helpers", "auth0-sdk-client.ts"), JSON.stringify(steps)],
        { cwd: PACKAGE, env: { ...process.env, ...cloud.variables }, timeout: 60_000 },
        (err, stdout, stderr) => resolve({ status: err ? (typeof err.code === "number" ? err.code : null) : 0, stdout, stderr }),
      ),
    );
    expect([child.status, child.stderr]).toEqual([0, ""]);
    const answers = JSON.parse(child.stdout);
    expect(answers[5].map((r: any) => r.name)).toEqual(["unicorn-rider"]);
    expect(answers[6]).toMatchObject({ statusCode: 409, message: "A resource server with the same identifier already exists." });
    expect(answers[7]).toMatchObject({ statusCode: 404, message: "The role does not exist." });
    // What the SDK created is what the stand-in providers' tenant holds.
    const tenant = new ManagementApi("", fileStore(dir));
    expect(tenant.getRolePermissions(answers[1].id).map((p) => p.permission_name)).toEqual(["read:unicorn"]);
    expect(tenant.checkPassword("rider@example.com", "Correct-horse-7")).toBe(true);
    for (const file of ["cloud.json", "cloud.log"]) expect(readFileSync(join(dir, file), "utf8")).not.toContain("Correct-horse-7");
  });

  it("refuses the Management API without its client's token", async () => {
    // No NODE_EXTRA_CA_CERTS in this process: trust the certificate for this one call only.
    const { request } = require("node:https") as typeof import("node:https");
    const ca = readFileSync(cloud.variables.NODE_EXTRA_CA_CERTS);
    const status = await new Promise<number>((resolve, reject) =>
      request(`${cloud.variables.AUTH0_MANAGEMENT_API}roles`, { ca }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      })
        .on("error", reject)
        .end(),
    );
    expect(status).toBe(401);
  });

  it("answers a required property of the wrong type with the Management API's payload error, and stores nothing", async () => {
    const { request } = require("node:https") as typeof import("node:https");
    const ca = readFileSync(cloud.variables.NODE_EXTRA_CA_CERTS);
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      new Promise<{ status: number; body: any }>((resolve, reject) => {
        const req = request(path, { method: "POST", ca, headers: { "content-type": "application/json", ...headers } }, (res) => {
          let text = "";
          res.on("data", (chunk) => (text += chunk)).on("end", () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
        }).on("error", reject);
        req.end(JSON.stringify(body));
      });
    const v = cloud.variables;
    const audience = v.AUTH0_MANAGEMENT_API;
    const token = await post(`https://${v.AUTH0_DOMAIN}/oauth/token`, {
      grant_type: "client_credentials",
      client_id: v.AUTH0_CLIENT_ID,
      client_secret: v.AUTH0_CLIENT_SECRET,
      audience,
    });
    const authorization = `Bearer ${token.body.access_token}`;
    for (const [identifier, found] of [
      [null, "null"],
      [{}, "object"],
      [["https://a.example.com"], "array"],
    ] as const) {
      const answer = await post(`${audience}resource-servers`, { identifier }, { authorization });
      expect([answer.status, answer.body.message]).toEqual([
        400,
        `Payload validation error: 'Expected type string but found type ${found}' on property identifier.`,
      ]);
    }
    expect(new ManagementApi("local", fileStore(dir)).listResourceServers().filter((r: any) => typeof r.identifier !== "string")).toEqual([]);
  });

  /** Management API calls over HTTPS with the local client's token: a path relative to /api/v2/, its status and JSON body. */
  async function managementCaller() {
    const { request } = require("node:https") as typeof import("node:https");
    const ca = readFileSync(cloud.variables.NODE_EXTRA_CA_CERTS);
    const v = cloud.variables;
    const send = (method: string, path: string, body?: unknown, authorization = "") =>
      new Promise<{ status: number; body: any }>((resolve, reject) => {
        const headers = { "content-type": "application/json", ...(authorization ? { authorization } : {}) };
        const req = request(new URL(path, v.AUTH0_MANAGEMENT_API), { method, ca, headers }, (res) => {
          let text = "";
          res.on("data", (chunk) => (text += chunk)).on("end", () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : undefined }));
        }).on("error", reject);
        req.end(body === undefined ? undefined : JSON.stringify(body));
      });
    const token = await send("POST", `https://${v.AUTH0_DOMAIN}/oauth/token`, {
      grant_type: "client_credentials",
      client_id: v.AUTH0_CLIENT_ID,
      client_secret: v.AUTH0_CLIENT_SECRET,
      audience: v.AUTH0_MANAGEMENT_API,
    });
    return (method: string, path: string, body?: unknown) => send(method, path, body, `Bearer ${token.body.access_token}`);
  }

  it("refuses an API's scopes of the wrong type, as the request schema does, so a role's permissions on it still answer", async () => {
    const call = await managementCaller();
    const role = (await call("POST", "roles", { name: "scoped" })).body.id;
    for (const [scopes, message] of [
      ["read", "'Expected type array but found type string' on property scopes."],
      [[null], "'Expected type object but found type null' on property scopes[0]."],
      [[{ description: "no value" }], "'Missing required property: value' on property scopes[0]."],
      [[{ value: 5 }], "'Expected type string but found type number' on property scopes[0].value."],
    ] as const) {
      const created = await call("POST", "resource-servers", { identifier: `https://scopes.example/${JSON.stringify(scopes)}`, scopes });
      // A PATCH of an API not created here keeps its scopes too (ManagementApi.updateResourceServer).
      const patched = await call("PATCH", "resource-servers/urn%3Aelsewhere", { scopes });
      expect([created.status, created.body.message, patched.status, patched.body.message]).toEqual([
        400,
        `Payload validation error: ${message}`,
        400,
        `Payload validation error: ${message}`,
      ]);
      for (const identifier of [`https://scopes.example/${JSON.stringify(scopes)}`, "urn:elsewhere"])
        await call("POST", `roles/${role}/permissions`, { permissions: [{ permission_name: "read", resource_server_identifier: identifier }] });
    }
    const permissions = await call("GET", `roles/${role}/permissions`);
    expect([permissions.status, permissions.body.map((p: any) => p.description)]).toEqual([200, ["", "", "", "", ""]]);
  });

  it("makes one user of creates of the same user at the same moment, and answers a create of a user it holds with Auth0's 409", async () => {
    const call = await managementCaller();
    const connection = "Username-Password-Authentication";
    const creates = await Promise.all(
      ["Twin@example.test", "twin@example.test", "TWIN@example.test"].map((email) =>
        call("POST", "users", { connection, email, password: "a long password 1" }),
      ),
    );
    expect(creates.map((c) => c.status).sort()).toEqual([201, 409, 409]);
    expect(creates.find((c) => c.status === 409)?.body).toMatchObject({ statusCode: 409, message: "The user already exists." });
    // Another connection keeps users of its own.
    expect((await call("POST", "users", { connection: "other-db", email: "twin@example.test" })).status).toBe(201);
    // A second create by user_id would have replaced the user, its roles and its password with it.
    const role = (await call("POST", "roles", { name: "kept" })).body.id;
    expect(
      (await call("POST", "users", { connection, user_id: "kept-user", email: "kept@example.test", password: "a long password 1" })).status,
    ).toBe(201);
    await call("POST", "users/auth0%7Ckept-user/roles", { roles: [role] });
    const again = await call("POST", "users", { connection, user_id: "kept-user", email: "other@example.test" });
    expect([again.status, again.body.message]).toEqual([409, "The user already exists."]);
    expect((await call("GET", "users/auth0%7Ckept-user/roles")).body.map((r: any) => r.id)).toEqual([role]);
    const tenant = new ManagementApi("local", fileStore(dir));
    expect(
      tenant
        .listUsers()
        .filter((u) => String(u.email).toLowerCase() === "twin@example.test")
        .map((u) => u.identities[0].connection)
        .sort(),
    ).toEqual(["Username-Password-Authentication", "other-db"]);
    expect(tenant.checkPassword("kept@example.test", "a long password 1")).toBe(true);
  });
});
