// What `npm run adopt -- --local` prints, with names from the account that hold terminal
// controls (a clear-screen sequence, a title change, a lone ESC, a C1 CSI): the terminal is
// given none of them, only their escaped text, on stdout and stderr alike.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AwsCloud, fileStore, ManagementApi } from "@apigw-auth0-rbac/local-providers/cloud";
import type { Project } from "@apigw-auth0-rbac/model/project";
import { ADOPT } from "../../src/commands/adopt";

const IDENTIFIER = "https://unicorns.example.com";
const ROLE = "rider\u001b[2J\u001b]0;owned\u0007";
const SPA = "Unicorn SPA \u009b31m\u001b";
const RUNTIME = "python3.8\r\u001b[1A";

function project(): Project {
  const root = mkdtempSync(join(tmpdir(), "adopt-terminal-"));
  writeFileSync(join(root, "cdktf.json"), JSON.stringify({ app: "npx apigw-auth0-rbac-app" }));
  mkdirSync(join(root, "lambda-src"));
  const at = (...parts: string[]) => join(root, ...parts);
  return {
    root,
    modelFile: at("access-model.ts"),
    handlerDir: at("lambda-src"),
    actionDir: at("actions"),
    synthOutput: at("cdktf.out"),
    bundleDir: at("dist", "lambda"),
    localDir: at(".local"),
    app: "npx apigw-auth0-rbac-app",
    context: {},
  };
}

/** The guide's setup in the project's local cloud, with names that hold terminal controls. */
function consoleSetup(root: string): string {
  const store = fileStore(join(root, ".local", "terraform", "cloud"));
  const tenant = new ManagementApi("", store);
  tenant.createResourceServer({ identifier: IDENTIFIER, name: "Unicorn API", scopes: [{ value: "read:unicorn", description: "Read" }] });
  const role = tenant.createRole({ name: ROLE });
  tenant.addRolePermissions(role.id, [{ permission_name: "read:unicorn", resource_server_identifier: IDENTIFIER }]);
  tenant.createClient({ name: SPA, app_type: "spa", callbacks: ["http://localhost:3000/callback"], web_origins: ["http://localhost:3000"] });
  const aws = new AwsCloud("us-east-1", {}, store);
  const fn = aws.lambda.createFunction({ FunctionName: "getUnicorn", Runtime: RUNTIME, Handler: "h", Role: "arn:aws:iam::000000000000:role/r" });
  const api = aws.apigatewayv2.createApi({ Name: "UnicornAPI", ProtocolType: "HTTP" });
  const authorizer = aws.apigatewayv2.createAuthorizer({
    ApiId: api.ApiId,
    Name: "auth0",
    AuthorizerType: "JWT",
    IdentitySource: ["$request.header.Authorization"],
    JwtConfiguration: { Issuer: "https://guide.eu.auth0.com/", Audience: [IDENTIFIER] },
  });
  const integration = aws.apigatewayv2.createIntegration({
    ApiId: api.ApiId,
    IntegrationType: "AWS_PROXY",
    IntegrationUri: fn.FunctionArn,
    PayloadFormatVersion: "2.0",
  });
  aws.apigatewayv2.createRoute({
    ApiId: api.ApiId,
    RouteKey: "GET /unicorn",
    AuthorizationType: "JWT",
    AuthorizerId: authorizer.AuthorizerId,
    AuthorizationScopes: ["read:unicorn"],
    Target: `integrations/${integration.IntegrationId}`,
  });
  aws.apigatewayv2.createStage({ ApiId: api.ApiId, StageName: "$default", AutoDeploy: true });
  return api.ApiId;
}

it("prints the report and what it wrote with every control character of a name escaped", async () => {
  const p = project();
  const printed: string[] = [];
  const capture = (chunk: unknown) => {
    printed.push(String(chunk));
    return true;
  };
  jest.spyOn(process.stdout, "write").mockImplementation(capture);
  jest.spyOn(process.stderr, "write").mockImplementation(capture);
  try {
    const apiId = consoleSetup(p.root);
    await ADOPT.run(p, ["--identifier", IDENTIFIER, "--api-id", apiId, "--local"]);
  } finally {
    jest.restoreAllMocks();
    rmSync(p.root, { recursive: true, force: true });
  }
  const output = printed.join("");
  expect(output).toContain("# Adoption of the local cloud");
  // Every C0 control but line feed and tab, DEL and every C1 control.
  expect(output.match(/[^\P{Cc}\n\t]/gu) ?? []).toEqual([]);
  expect(output).toContain("rider\\x1b[2J\\x1b]0;owned\\x07");
  expect(output).toContain("Unicorn SPA \\x9b31m\\x1b");
  // In ADOPTION.md's text, as a Markdown character reference.
  expect(output).toContain("the function `getUnicorn` (python3.8&#13;&#27;\\[1A)");
});
