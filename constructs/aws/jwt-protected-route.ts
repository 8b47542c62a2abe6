import { Construct } from "constructs";
import { Apigatewayv2Integration } from "@cdktf/provider-aws/lib/apigatewayv2-integration";
import { Apigatewayv2Route } from "@cdktf/provider-aws/lib/apigatewayv2-route";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import type { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import type { JwtHttpApi } from "./jwt-http-api";

export interface JwtProtectedRouteProps {
  readonly httpApi: JwtHttpApi;
  /** "METHOD /path", e.g. "GET /unicorn". */
  readonly routeKey: string;
  readonly integration: Apigatewayv2Integration;
  readonly function: LambdaFunction;
  /** The token must hold at least one of these (1 to 10). */
  readonly scopes: readonly string[];
}

const ROUTE_KEY = /^(GET|POST|PUT|PATCH|DELETE|HEAD) (\/[^\s]*)$/;

/**
 * A route behind the API's JWT authorizer. The authorization type is always JWT: there is
 * no way to build one that names the authorizer and is still open. Its Lambda permission
 * is scoped to this method and path only.
 */
export class JwtProtectedRoute extends Construct {
  readonly route: Apigatewayv2Route;
  readonly permission: LambdaPermission;

  constructor(scope: Construct, id: string, props: JwtProtectedRouteProps) {
    super(scope, id);
    const match = ROUTE_KEY.exec(props.routeKey);
    if (!match) {
      throw new Error(`JwtProtectedRoute: route key ${JSON.stringify(props.routeKey)} must look like "GET /path"`);
    }
    if (props.scopes.length < 1 || props.scopes.length > 10) {
      throw new Error(`JwtProtectedRoute ${props.routeKey}: give 1 to 10 scopes (got ${props.scopes.length})`);
    }
    const [, method, path] = match;
    this.route = new Apigatewayv2Route(this, "route", {
      apiId: props.httpApi.api.id,
      routeKey: props.routeKey,
      target: `integrations/${props.integration.id}`,
      authorizationType: "JWT",
      authorizerId: props.httpApi.authorizer.id,
      authorizationScopes: [...props.scopes],
    });
    // execute-api ARNs name the path literally; a path parameter matches any one segment.
    const arnPath = path.replace(/\{[^}]+\}/g, "*");
    this.permission = new LambdaPermission(this, "invoke", {
      statementId: `apigw-${method}${arnPath.replace(/[^A-Za-z0-9]+/g, "-")}`.replace(/-+$/, ""),
      action: "lambda:InvokeFunction",
      functionName: props.function.functionName,
      principal: "apigateway.amazonaws.com",
      sourceArn: `${props.httpApi.api.executionArn}/*/${method}${arnPath}`,
    });
  }
}
