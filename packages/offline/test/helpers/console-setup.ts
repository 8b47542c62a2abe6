// The guide "Secure your API Gateway APIs with Auth0", clicked together as a person would, step
// by step — but through the official SDKs against `npm run cloud` (its variables in the
// environment): the Auth0 API with two permissions, two roles, an SPA application, a user with a
// role, a post-login Action that adds the user's roles to the token; two Python 3.8 functions with their roles and log groups, an HTTP API with GET /unicorn
// and GET /unicorns, a JWT authorizer with scopes, CORS `*` and the $default stage. Run as a
// child process (the `auth0` SDK reads NODE_EXTRA_CA_CERTS at start); prints the ids as JSON.
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateAuthorizerCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand,
} from "@aws-sdk/client-apigatewayv2";
import { CloudWatchLogsClient, CreateLogGroupCommand } from "@aws-sdk/client-cloudwatch-logs";
import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { AddPermissionCommand, CreateFunctionCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { ManagementClient } from "auth0";
import { zipSync } from "fflate";

export const GUIDE = {
  identifier: "https://unicorns.example.com",
  tenant: "unicorn-guide.eu.auth0.com",
  apiName: "UnicornAPI",
  user: { email: "rider@unicorns.example.com", password: "Guide-rider-2024!" },
} as const;

const PYTHON = {
  getUnicorn: `import json\n\ndef lambda_handler(event, context):\n    name = (event.get("queryStringParameters") or {}).get("name", "Gaia")\n    return {"statusCode": 200, "body": json.dumps({"name": name, "colour": "white"})}\n`,
  listUnicorns: `import json\n\ndef lambda_handler(event, context):\n    return {"statusCode": 200, "body": json.dumps([{"name": "Gaia"}, {"name": "Bucephalus"}])}\n`,
};

/** The post-login Action as the dashboard's editor writes it. */
export const ROLES_ACTION =
  'exports.onExecutePostLogin = async (event, api) => {\n  api.accessToken.setCustomClaim("https://unicorns.example.com/roles", event.authorization.roles);\n};\n';

async function auth0Side() {
  const m = new ManagementClient({
    domain: process.env.AUTH0_DOMAIN!,
    clientId: process.env.AUTH0_CLIENT_ID!,
    clientSecret: process.env.AUTH0_CLIENT_SECRET!,
  });
  // Applications → APIs → Create API (RS256), then its Permissions tab; RBAC left off, as the dashboard creates it.
  const api = await m.resourceServers.create({
    name: "Unicorn API",
    identifier: GUIDE.identifier,
    signing_alg: "RS256",
    scopes: [
      { value: "read:unicorn", description: "Read a unicorn" },
      { value: "list:unicorns", description: "List the unicorns" },
    ],
  } as any);
  // User Management → Roles, each with its permissions.
  const trainer = await m.roles.create({ name: "unicorn-trainer", description: "Trains unicorns" });
  const rider = await m.roles.create({ name: "unicorn-rider", description: "Rides unicorns" });
  await m.roles.permissions.add(trainer.id!, {
    permissions: ["read:unicorn", "list:unicorns"].map((p) => ({ permission_name: p, resource_server_identifier: GUIDE.identifier })),
  });
  await m.roles.permissions.add(rider.id!, { permissions: [{ permission_name: "read:unicorn", resource_server_identifier: GUIDE.identifier }] });
  // Applications → Create Application → Single Page Web Application.
  const spa = await m.clients.create({
    name: "Unicorn SPA",
    app_type: "spa",
    callbacks: ["http://localhost:3000", "http://localhost:3000/callback"],
    allowed_logout_urls: ["http://localhost:3000"],
    web_origins: ["http://localhost:3000"],
    grant_types: ["authorization_code", "implicit", "refresh_token"],
  } as any);
  // Applications → Create Application → Machine to Machine, authorized for the API with one permission.
  const census = await m.clients.create({
    name: "Unicorn Census",
    app_type: "non_interactive",
    grant_types: ["client_credentials"],
    description: "Counts the unicorns every night",
  } as any);
  const grant = await m.clientGrants.create({ client_id: census.client_id!, audience: GUIDE.identifier, scope: ["list:unicorns"] } as any);
  // User Management → Users → Create User, then Assign Roles.
  const user = await m.users.create({
    connection: "Username-Password-Authentication",
    email: GUIDE.user.email,
    password: GUIDE.user.password,
    email_verified: true,
  } as any);
  await m.users.roles.assign(user.user_id!, { roles: [rider.id!] });
  // Actions → Library → Create Action (post-login), Deploy, then Triggers → post-login: dragged into the flow.
  const action = await m.actions.create({
    name: "Unicorn Roles",
    supported_triggers: [{ id: "post-login", version: "v3" }],
    code: ROLES_ACTION,
    runtime: "node22",
  } as any);
  await m.actions.deploy(action.id!);
  await m.actions.triggers.bindings.updateMany("post-login", {
    bindings: [{ ref: { type: "action_id", value: action.id! }, display_name: "Unicorn Roles" }],
  } as any);
  return {
    actionId: action.id,
    resourceServerId: api.id,
    trainerRoleId: trainer.id,
    riderRoleId: rider.id,
    spaClientId: spa.client_id,
    censusClientId: census.client_id,
    censusGrantId: grant.id,
    userId: user.user_id,
  };
}

async function awsSide() {
  const config = { endpoint: process.env.AWS_ENDPOINT_URL, region: process.env.AWS_REGION };
  const iam = new IAMClient(config);
  const lambda = new LambdaClient(config);
  const logs = new CloudWatchLogsClient(config);
  const gw = new ApiGatewayV2Client(config);
  const trust = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
  });
  const functions: Record<string, string> = {};
  // Lambda → Create function → Python 3.8: the console makes a role and the log group with it.
  for (const [name, code] of Object.entries(PYTHON)) {
    const role = await iam.send(new CreateRoleCommand({ RoleName: `${name}-role-guide`, Path: "/service-role/", AssumeRolePolicyDocument: trust }));
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: `${name}-role-guide`,
        PolicyName: "AWSLambdaBasicExecutionRole",
        PolicyDocument: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: "*" }],
        }),
      }),
    );
    await logs.send(new CreateLogGroupCommand({ logGroupName: `/aws/lambda/${name}` }));
    const zip = Buffer.from(zipSync({ "lambda_function.py": new TextEncoder().encode(code) }));
    const fn = await lambda.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Runtime: "python3.8",
        Role: role.Role!.Arn,
        Handler: "lambda_function.lambda_handler",
        Code: { ZipFile: zip },
      }),
    );
    functions[name] = fn.FunctionArn!;
  }
  // API Gateway → Create API → HTTP API, with CORS `*` (the guide's "allow all origins").
  const api = await gw.send(
    new CreateApiCommand({
      Name: GUIDE.apiName,
      ProtocolType: "HTTP",
      CorsConfiguration: { AllowOrigins: ["*"], AllowMethods: ["GET"], AllowHeaders: ["authorization"] },
    }),
  );
  const authorizer = await gw.send(
    new CreateAuthorizerCommand({
      ApiId: api.ApiId,
      Name: "auth0",
      AuthorizerType: "JWT",
      IdentitySource: ["$request.header.Authorization"],
      JwtConfiguration: { Issuer: `https://${GUIDE.tenant}/`, Audience: [GUIDE.identifier] },
    }),
  );
  const routes: Record<string, string> = {};
  for (const [key, fn, scope] of [
    ["GET /unicorn", "getUnicorn", "read:unicorn"],
    ["GET /unicorns", "listUnicorns", "list:unicorns"],
  ] as const) {
    const integration = await gw.send(
      new CreateIntegrationCommand({ ApiId: api.ApiId, IntegrationType: "AWS_PROXY", IntegrationUri: functions[fn], PayloadFormatVersion: "2.0" }),
    );
    const route = await gw.send(
      new CreateRouteCommand({
        ApiId: api.ApiId,
        RouteKey: key,
        Target: `integrations/${integration.IntegrationId}`,
        AuthorizationType: "JWT",
        AuthorizerId: authorizer.AuthorizerId,
        AuthorizationScopes: [scope],
      }),
    );
    routes[key] = route.RouteId!;
    // The console adds the invoke permission when it attaches the integration.
    await lambda.send(
      new AddPermissionCommand({
        FunctionName: fn,
        StatementId: `apigateway-${route.RouteId}`,
        Action: "lambda:InvokeFunction",
        Principal: "apigateway.amazonaws.com",
        SourceArn: `arn:aws:execute-api:${config.region}:123456789012:${api.ApiId}/*/*${key.split(" ")[1]}`,
      }),
    );
  }
  await gw.send(new CreateStageCommand({ ApiId: api.ApiId, StageName: "$default", AutoDeploy: true }));
  return { apiId: api.ApiId, apiEndpoint: api.ApiEndpoint, authorizerId: authorizer.AuthorizerId, routes, functions };
}

async function main(): Promise<void> {
  const tenant = await auth0Side();
  const aws = await awsSide();
  process.stdout.write(JSON.stringify({ ...tenant, ...aws }));
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`${err.stack ?? err}\n`);
    process.exit(1);
  });
}
