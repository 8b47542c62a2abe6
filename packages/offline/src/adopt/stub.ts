// The handler stub `npm run adopt` writes for each function the adopted routes invoked: it answers
// 501 until the old function's logic is ported. What that function was (its name, runtime,
// handler, ARN, routes) is a constant written as a literal: the account's values stay values,
// where a comment would have ended at a line break in one of them and let the rest run.
import { typescriptLiteral } from "@apigw-auth0-rbac/model/text";
import type { Json } from "./read";

/** The stub's source; `fn` is the function's configuration as Lambda gave it, when it could be read. */
export function handlerStub(fn: Json | undefined, arn: string, routes: readonly string[]): string {
  const adoptedFrom = {
    functionName: fn?.FunctionName ?? arn,
    functionArn: arn,
    runtime: fn ? (fn.Runtime ?? "container image") : null,
    handler: fn?.Handler ?? null,
    codeSize: fn?.CodeSize ?? null,
    routes,
  };
  return `// Adopted by npm run adopt: a stub for the routes ADOPTED_FROM names, which invoked the function it describes.
// The first deploy points those routes at this handler instead: port the old function's logic
// here. Until then it answers 501, so a caller can tell it from an authorization error.
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2 } from "aws-lambda";

/** The function the routes invoked before adoption, as the account described it. */
const ADOPTED_FROM = ${typescriptLiteral(adoptedFrom)};

export async function handler(event: APIGatewayProxyEventV2WithJWTAuthorizer): Promise<APIGatewayProxyResultV2> {
  return {
    statusCode: 501,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ message: \`Not implemented yet: ported from \${ADOPTED_FROM.functionName}\`, route: event.routeKey }),
  };
}
`;
}
