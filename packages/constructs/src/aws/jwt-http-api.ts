import { Construct } from "constructs";
import { Apigatewayv2Api } from "@cdktf/provider-aws/lib/apigatewayv2-api";
import { Apigatewayv2Authorizer } from "@cdktf/provider-aws/lib/apigatewayv2-authorizer";
import { Apigatewayv2Stage } from "@cdktf/provider-aws/lib/apigatewayv2-stage";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { Lazy } from "cdktf";
import { accessLogGroupOf, DEFAULTS, type InvokeScope, LIMITS, RouteKey, type RouteMethod } from "@apigw-auth0-rbac/model";
import type { BundledNodeFunction } from "./bundled-node-function";
import { JwtProtectedRoute } from "./jwt-protected-route";
import { LambdaProxyIntegration } from "./lambda-integration";

export interface JwtHttpApiProps {
  readonly name: string;
  /** Expected `iss`: must match the token exactly, trailing slash included. */
  readonly issuer: string;
  /** Accepted `aud` values (the Auth0 API identifier). */
  readonly audience: readonly string[];
  /** Browser origins allowed by CORS (the methods are those of the routes added). Never "*" unless you pass it. */
  readonly allowOrigins: readonly string[];
  /** @default 50 requests per second */
  readonly throttlingRateLimit?: number;
  /** @default 100 requests */
  readonly throttlingBurstLimit?: number;
  /** @default 30 */
  readonly logRetentionDays?: number;
  /** @default 600 - seconds browsers may cache a preflight answer */
  readonly corsMaxAgeSeconds?: number;
  /** Refuse calls to the execute-api host name (403), so the API answers only on its custom domain. @default false */
  readonly disableExecuteApiEndpoint?: boolean;
}

/**
 * What the stage logs for every request: enough to tell a 401 from the authorizer from a
 * 500 from the integration without turning on debug logging.
 */
export const ACCESS_LOG_FORMAT = {
  requestId: "$context.requestId",
  requestTime: "$context.requestTime",
  ip: "$context.identity.sourceIp",
  httpMethod: "$context.httpMethod",
  path: "$context.path",
  routeKey: "$context.routeKey",
  status: "$context.status",
  responseLength: "$context.responseLength",
  responseLatency: "$context.responseLatency",
  integrationLatency: "$context.integrationLatency",
  integrationError: "$context.integrationErrorMessage",
  authorizerError: "$context.authorizer.error",
  sub: "$context.authorizer.claims.sub",
} as const;

/**
 * An HTTP API whose routes are all protected by one JWT authorizer, with CORS for known
 * origins, a `$default` stage with access logs and throttling.
 */
export class JwtHttpApi extends Construct {
  readonly api: Apigatewayv2Api;
  readonly authorizer: Apigatewayv2Authorizer;
  readonly stage: Apigatewayv2Stage;
  readonly accessLogGroup: CloudwatchLogGroup;
  private readonly integrations = new Map<BundledNodeFunction, LambdaProxyIntegration>();
  /** The routes' methods in the order first added: what CORS allows, resolved at synth. */
  private readonly methods = new Set<RouteMethod>();

  constructor(scope: Construct, id: string, props: JwtHttpApiProps) {
    super(scope, id);
    if (props.audience.length === 0 || props.audience.length > LIMITS.audiencesPerAuthorizer) {
      throw new Error(`JwtHttpApi "${props.name}": give between 1 and ${LIMITS.audiencesPerAuthorizer} audiences (got ${props.audience.length})`);
    }
    this.api = new Apigatewayv2Api(this, "api", {
      name: props.name,
      protocolType: "HTTP",
      ...(props.disableExecuteApiEndpoint ? { disableExecuteApiEndpoint: true } : {}),
      corsConfiguration: {
        allowOrigins: [...props.allowOrigins],
        allowHeaders: ["authorization", "content-type"],
        allowMethods: Lazy.listValue({ produce: () => [...this.methods] }),
        maxAge: props.corsMaxAgeSeconds ?? DEFAULTS.corsMaxAgeSeconds,
        allowCredentials: false,
      },
    });

    this.authorizer = new Apigatewayv2Authorizer(this, "authorizer", {
      apiId: this.api.id,
      name: DEFAULTS.authorizerName,
      authorizerType: "JWT",
      identitySources: ["$request.header.Authorization"],
      jwtConfiguration: { issuer: props.issuer, audience: [...props.audience] },
    });

    this.accessLogGroup = new CloudwatchLogGroup(this, "access-logs", {
      name: accessLogGroupOf(props.name),
      retentionInDays: props.logRetentionDays ?? DEFAULTS.logRetentionDays,
    });
    this.stage = new Apigatewayv2Stage(this, "stage", {
      apiId: this.api.id,
      name: "$default",
      autoDeploy: true,
      accessLogSettings: { destinationArn: this.accessLogGroup.arn, format: JSON.stringify(ACCESS_LOG_FORMAT) },
      defaultRouteSettings: {
        throttlingRateLimit: props.throttlingRateLimit ?? DEFAULTS.throttlingRateLimit,
        throttlingBurstLimit: props.throttlingBurstLimit ?? DEFAULTS.throttlingBurstLimit,
        detailedMetricsEnabled: true,
      },
    });
  }

  /** The invoke URL of the `$default` stage. */
  get endpoint(): string {
    return this.api.apiEndpoint;
  }

  /**
   * A route that needs a valid token holding at least one of `scopes`, served by `handler`
   * through its integration on this API (one per function, shared by its routes).
   * `invokeScope` says what the route's Lambda permission grants (see InvokeScope).
   */
  addRoute(
    routeKey: RouteKey | string,
    props: { readonly handler: BundledNodeFunction; readonly scopes: readonly string[]; readonly invokeScope?: InvokeScope },
  ): JwtProtectedRoute {
    const key = typeof routeKey === "string" ? RouteKey.parse(routeKey) : routeKey;
    // Derived from the route key, which is unique and stable: renaming it replaces the route.
    return new JwtProtectedRoute(this, `route-${key.constructId}`, {
      httpApi: this,
      routeKey: key,
      integration: this.lambdaIntegration(props.handler),
      scopes: props.scopes,
      invokeScope: props.invokeScope,
    });
  }

  /** The Lambda proxy integration of `handler` on this API, made once. */
  lambdaIntegration(handler: BundledNodeFunction): LambdaProxyIntegration {
    let integration = this.integrations.get(handler);
    if (!integration) {
      integration = new LambdaProxyIntegration(this, handler);
      this.integrations.set(handler, integration);
    }
    return integration;
  }

  /** Lets browsers send `method` (called by every route of this API, so CORS follows them). */
  allowMethod(method: RouteMethod): void {
    this.methods.add(method);
  }
}
