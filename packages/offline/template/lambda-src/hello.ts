// GET /hello?name=Ada (needs read:greeting): a greeting for the caller the JWT authorizer let in.
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from "aws-lambda";

export const handler = async (event: APIGatewayProxyEventV2WithJWTAuthorizer): Promise<APIGatewayProxyStructuredResultV2> => {
  const name = event.queryStringParameters?.name?.trim() || "world";
  return {
    statusCode: 200,
    headers: { "content-type": "application/json; charset=utf-8" },
    body: JSON.stringify({ greeting: `Hello, ${name.slice(0, 64)}!`, caller: event.requestContext.authorizer.jwt.claims.sub ?? null }),
  };
};
