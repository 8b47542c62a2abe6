// What fails inside npm run cloud is said on its stderr, with the request, and answered in the
// protocol's shape; a store it cannot use is named, with the fix, to the caller and in the log.
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ApiGatewayV2Client, GetApisCommand } from "@aws-sdk/client-apigatewayv2";
import { IAMClient, ListRolesCommand } from "@aws-sdk/client-iam";
import { answering, readBody } from "../../src/emulator/http/util";
import { startLocalCloud, type LocalCloud } from "../../src/local-cloud/cloud";

const dir = mkdtempSync(join(tmpdir(), "local-cloud-failures-"));
const file = join(dir, "cloud.json");
let cloud: LocalCloud;
let logged: jest.SpyInstance;
beforeAll(async () => {
  cloud = await startLocalCloud({ dir });
});
beforeEach(() => {
  logged = jest.spyOn(console, "error").mockImplementation(() => undefined);
});
afterEach(() => logged.mockRestore());
afterAll(async () => {
  await cloud.close();
  rmSync(dir, { recursive: true, force: true });
});
const lines = () => logged.mock.calls.map((args) => args.join(" "));

it("logs a 500 of a request whose body was read, saying what failed", async () => {
  const listener = answering(
    "a server",
    async (req) => {
      await readBody(req, 1024);
      throw new Error("what failed");
    },
    (res, status, message) => res.writeHead(status).end(message),
  );
  const status = await new Promise<number>((resolve, reject) => {
    const server = require("node:http").createServer(listener);
    server.listen(0, "127.0.0.1", () => {
      const req = httpRequest(`http://127.0.0.1:${server.address().port}/`, { method: "POST" }, (res) => {
        res.resume();
        server.close();
        resolve(res.statusCode!);
      }).on("error", reject);
      req.end("a body");
    });
  });
  expect(status).toBe(500);
  expect(lines()).toEqual([expect.stringContaining("a server: Error: what failed")]);
});

describe("a local cloud whose store is corrupt", () => {
  beforeAll(() => writeFileSync(file, "{not json"));

  it("answers the AWS SDKs' calls with a 500 naming the file and the fix, and logs it", async () => {
    const v = cloud.variables;
    // One attempt: the SDKs retry a 500.
    const config = {
      maxAttempts: 1,
      endpoint: v.AWS_ENDPOINT_URL,
      region: "us-east-1",
      credentials: { accessKeyId: v.AWS_ACCESS_KEY_ID, secretAccessKey: v.AWS_SECRET_ACCESS_KEY },
    };
    for (const call of [
      () => new ApiGatewayV2Client(config).send(new GetApisCommand({})),
      () => new IAMClient(config).send(new ListRolesCommand({})),
    ]) {
      const err = await call().then(
        () => undefined,
        (e) => e,
      );
      expect([err?.$metadata?.httpStatusCode, err?.message]).toEqual([500, expect.stringContaining(`the local cloud store ${file} is corrupt`)]);
      expect(err.message).toContain("to start an empty local cloud");
    }
    expect(lines()).toEqual([
      expect.stringMatching(new RegExp(`^local cloud \\(aws\\): GET /v2/apis: .*${file}`)),
      expect.stringMatching(new RegExp(`^local cloud \\(aws\\): POST /: .*${file}`)),
    ]);
  }, 30_000);

  it("answers the Management API with Auth0's 500 naming the file, and logs it", async () => {
    const v = cloud.variables;
    const ca = readFileSync(v.NODE_EXTRA_CA_CERTS);
    const call = (path: string, method: string, body: unknown, headers: Record<string, string> = {}) =>
      new Promise<{ status: number; body: any }>((resolve, reject) => {
        const req = httpsRequest(path, { method, ca, headers: { "content-type": "application/json", ...headers } }, (res) => {
          let text = "";
          res.on("data", (chunk) => (text += chunk)).on("end", () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
        }).on("error", reject);
        req.end(body === undefined ? undefined : JSON.stringify(body));
      });
    const token = await call(`https://${v.AUTH0_DOMAIN}/oauth/token`, "POST", {
      grant_type: "client_credentials",
      client_id: v.AUTH0_CLIENT_ID,
      client_secret: v.AUTH0_CLIENT_SECRET,
    });
    const answer = await call(`${v.AUTH0_MANAGEMENT_API}roles`, "GET", undefined, { authorization: `Bearer ${token.body.access_token}` });
    expect(answer).toEqual({
      status: 500,
      body: { statusCode: 500, error: "Internal Server Error", message: expect.stringContaining(`the local cloud store ${file} is corrupt`) },
    });
    expect(lines()).toEqual([expect.stringMatching(new RegExp(`^local cloud \\(auth0\\): GET /api/v2/roles: .*${file}`))]);
  }, 30_000);
});
