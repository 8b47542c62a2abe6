import { Construct } from "constructs";
import { Apigatewayv2Route } from "@cdktf/provider-aws/lib/apigatewayv2-route";
import type { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import type { RouteKey } from "@apigw-auth0-rbac/model";
import { LIMITS } from "@apigw-auth0-rbac/model";
import type { JwtHttpApi } from "./jwt-http-api";
import type { InvokeScope } from "@apigw-auth0-rbac/model";
import type { LambdaProxyIntegration } from "./lambda-integration";

export interface JwtProtectedRouteProps {
  readonly httpApi: JwtHttpApi;
  /** e.g. RouteKey.parse("GET /unicorn"). */
  readonly routeKey: RouteKey;
  /** The function behind the route; it grants the route its invoke permission. */
  readonly integration: LambdaProxyIntegration;
  /** The token must hold at least one of these (1 to 10). */
  readonly scopes: readonly string[];
  /**
   * What the route's invoke permission grants API Gateway (planInvokePermissions decides it per function).
   * @default { scope: "route" } - a permission for this method and path only
   */
  readonly invokeScope?: InvokeScope;
}

/**
 * A route behind the API's JWT authorizer. The authorization type is always JWT: there is
 * no way to build one that names the authorizer and is still open. The API's CORS allows its
 * method, and its integration grants API Gateway the right to call the function.
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
    props.httpApi.allowMethod(key.method);
    const bound = props.integration.bind(this, key, props.invokeScope);
    this.route = new Apigatewayv2Route(this, "route", {
      apiId: props.httpApi.api.id,
      routeKey: key.toString(),
      target: bound.target,
      authorizationType: "JWT",
      authorizerId: props.httpApi.authorizer.id,
      authorizationScopes: [...props.scopes],
    });
    this.permission = bound.permission;
  }
}
