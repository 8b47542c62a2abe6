import type { Construct } from "constructs";
import { Apigatewayv2Integration } from "@cdktf/provider-aws/lib/apigatewayv2-integration";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import { methodSourceArnSuffix, methodStatementId, routeSourceArnSuffix } from "@apigw-auth0-rbac/model";
import type { InvokeScope, RouteKey, RouteMethod } from "@apigw-auth0-rbac/model";
import type { BundledNodeFunction } from "./bundled-node-function";
import type { JwtHttpApi } from "./jwt-http-api";

/** What a route needs from its integration: the target to name, and the permission that lets it call. */
export interface BoundIntegration {
  readonly target: string;
  readonly permission: LambdaPermission;
}

/**
 * A function as the Lambda proxy integration (payload 2.0) of an HTTP API, owning everything
 * API Gateway needs to call it: the integration resource, made once for all its routes, and the
 * invoke permission of each route bound to it, so no caller can add a route the function refuses.
 * Like aws-cdk's HttpLambdaIntegration it is not a construct: the resources it makes live in the
 * API's and the route's scopes.
 */
export class LambdaProxyIntegration {
  private integration?: Apigatewayv2Integration;
  private readonly methodPermissions = new Map<RouteMethod, LambdaPermission>();

  constructor(
    private readonly httpApi: JwtHttpApi,
    readonly handler: BundledNodeFunction,
  ) {}

  /** The integration for `route`, and its permission: the route's own, or the one its method shares. */
  bind(route: Construct, key: RouteKey, invokeScope: InvokeScope = { scope: "route" }): BoundIntegration {
    const integration = this.resource();
    const permission = invokeScope.scope === "method" ? this.methodPermission(key.method) : this.routePermission(route, key);
    return { target: `integrations/${integration.id}`, permission };
  }

  private resource(): Apigatewayv2Integration {
    this.integration ??= new Apigatewayv2Integration(this.httpApi, `integration-${this.handler.node.id}`, {
      apiId: this.httpApi.api.id,
      integrationType: "AWS_PROXY",
      integrationUri: this.handler.function.invokeArn,
      integrationMethod: "POST",
      payloadFormatVersion: "2.0",
    });
    return this.integration;
  }

  private routePermission(route: Construct, key: RouteKey): LambdaPermission {
    return new LambdaPermission(route, "invoke", {
      // Unique per route shape, so two routes never fight over one statement (AWS refuses that).
      statementId: key.statementId,
      ...this.invokedBy(),
      // execute-api ARNs name the path literally; a path parameter matches any one segment.
      sourceArn: `${this.httpApi.api.executionArn}${routeSourceArnSuffix(key)}`,
    });
  }

  private methodPermission(method: RouteMethod): LambdaPermission {
    let permission = this.methodPermissions.get(method);
    if (!permission) {
      permission = new LambdaPermission(this.httpApi, `invoke-${this.handler.node.id}-${method}`, {
        statementId: methodStatementId(method),
        ...this.invokedBy(),
        sourceArn: `${this.httpApi.api.executionArn}${methodSourceArnSuffix(method)}`,
      });
      this.methodPermissions.set(method, permission);
    }
    return permission;
  }

  private invokedBy() {
    return { action: "lambda:InvokeFunction", functionName: this.handler.function.functionName, principal: "apigateway.amazonaws.com" };
  }
}
