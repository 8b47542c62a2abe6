import { Construct } from "constructs";
import { Apigatewayv2Integration } from "@cdktf/provider-aws/lib/apigatewayv2-integration";
import { Apigatewayv2Route } from "@cdktf/provider-aws/lib/apigatewayv2-route";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import type { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import type { RouteKey } from "../../model/route-key";
import { LIMITS } from "../../model/defaults";
import { routeSourceArnSuffix } from "../../model/invoke-permissions";
import type { JwtHttpApi } from "./jwt-http-api";

export interface JwtProtectedRouteProps {
  readonly httpApi: JwtHttpApi;
  /** e.g. RouteKey.parse("GET /unicorn"). */
  readonly routeKey: RouteKey;
  readonly integration: Apigatewayv2Integration;
  readonly function: LambdaFunction;
  /** The token must hold at least one of these (1 to 10). */
  readonly scopes: readonly string[];
  /**
   * A permission shared with the function's other routes (see JwtHttpApi.addRoute's
   * `invokeScope`); without it the route grants API Gateway its own method and path.
   * @default - a permission of this route's own
   */
  readonly sharedPermission?: LambdaPermission;
}

/**
 * A route behind the API's JWT authorizer. The authorization type is always JWT: there is
 * no way to build one that names the authorizer and is still open. Its Lambda permission
 * is scoped to this method and path only, unless it is given a shared one.
 */
export class JwtProtectedRoute extends Construct {
  readonly route: Apigatewayv2Route;
  readonly permission: LambdaPermission;

  constructor(scope: Construct, id: string, props: JwtProtectedRouteProps) {
    super(scope, id);
    const key = props.routeKey;
    if (props.scopes.length < 1 || props.scopes.length > LIMITS.scopesPerRoute) {
      throw new Error(`JwtProtectedRoute ${key}: give 1 to ${LIMITS.scopesPerRoute} scopes (got ${props.scopes.length})`);
    }
    this.route = new Apigatewayv2Route(this, "route", {
      apiId: props.httpApi.api.id,
      routeKey: key.toString(),
      target: `integrations/${props.integration.id}`,
      authorizationType: "JWT",
      authorizerId: props.httpApi.authorizer.id,
      authorizationScopes: [...props.scopes],
    });
    this.permission =
      props.sharedPermission ??
      new LambdaPermission(this, "invoke", {
        // Unique per route shape, so two routes never fight over one statement (AWS refuses that).
        statementId: key.statementId,
        action: "lambda:InvokeFunction",
        functionName: props.function.functionName,
        principal: "apigateway.amazonaws.com",
        // execute-api ARNs name the path literally; a path parameter matches any one segment.
        sourceArn: `${props.httpApi.api.executionArn}${routeSourceArnSuffix(key)}`,
      });
  }
}
