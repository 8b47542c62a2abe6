// Which Lambda permissions let API Gateway invoke each function: one per route while the
// function's resource-based policy stays well within Lambda's 20,480 bytes, otherwise one per
// HTTP method the function serves.
import type { RouteKey, RouteMethod } from "./route-key";

/** Lambda's limit on a function's resource-based policy (Lambda quotas: "Function resource-based policy, 20 KB"). */
export const FUNCTION_POLICY_LIMIT = 20_480;
/**
 * The most the stacks' own permissions take of a function's policy: the rest stays free for
 * statements added elsewhere (another event source, a hand-made grant).
 */
export const INVOKE_POLICY_BUDGET = 16_384;

/**
 * What a function's permissions grant API Gateway: "route" — for each of its routes, that
 * method and path of this API, any stage (`<execution ARN>/*\/GET/orders/*`); "method" — for
 * each method its routes use, any path of this API with that method (`<execution ARN>/*\/GET/*`).
 */
export type InvokeScope = { readonly scope: "route" } | { readonly scope: "method"; readonly methods: readonly RouteMethod[] };

/** The source ARN after the API's execution ARN, as the permission of `scope` grants it. */
export const routeSourceArnSuffix = (key: RouteKey) => `/*/${key.method}${key.arnPath}`;
export const methodSourceArnSuffix = (method: RouteMethod) => `/*/${method}/*`;
/** Never a route's statement id: those have "-" after the method (paths start with "/"). */
export const methodStatementId = (method: RouteMethod) => `apigw-${method}_any-path`;

// The longest ARN parts a policy can hold: partition "aws-us-gov", a region name of 16
// characters, a 12-digit account and a 10-character API id.
const WORST_FUNCTION_ARN = (name: string) => `arn:aws-us-gov:lambda:${"r".repeat(16)}:123456789012:function:${name}`;
const WORST_EXECUTION_ARN = `arn:aws-us-gov:execute-api:${"r".repeat(16)}:123456789012:${"a".repeat(10)}`;
const POLICY_FRAME = JSON.stringify({ Version: "2012-10-17", Id: "default", Statement: [] }).length;

/** The bytes a statement takes in the function's policy as Lambda stores it (GetPolicy's layout, no whitespace). */
export function invokeStatementBytes(functionName: string, statementId: string, sourceArnSuffix: string): number {
  const statement = {
    Sid: statementId,
    Effect: "Allow",
    Principal: { Service: "apigateway.amazonaws.com" },
    Action: "lambda:InvokeFunction",
    Resource: WORST_FUNCTION_ARN(functionName),
    Condition: { ArnLike: { "AWS:SourceArn": `${WORST_EXECUTION_ARN}${sourceArnSuffix}` } },
  };
  return Buffer.byteLength(JSON.stringify(statement), "utf8");
}

/** The policy bytes one permission per route would take, at worst, for a function serving `keys`. */
export function perRoutePolicyBytes(functionName: string, keys: readonly RouteKey[]): number {
  return (
    POLICY_FRAME + keys.reduce((n, key, i) => n + (i ? 1 : 0) + invokeStatementBytes(functionName, key.statementId, routeSourceArnSuffix(key)), 0)
  );
}

/** Per handler: one permission per route when they fit the budget, else one per method. */
export function planInvokePermissions(
  routes: readonly { readonly handler: string; readonly key: RouteKey }[],
  functionNameOf: (handler: string) => string,
): Map<string, InvokeScope> {
  const keysOf = new Map<string, RouteKey[]>();
  for (const r of routes) keysOf.set(r.handler, [...(keysOf.get(r.handler) ?? []), r.key]);
  const plan = new Map<string, InvokeScope>();
  for (const [handler, keys] of keysOf) {
    const fits = perRoutePolicyBytes(functionNameOf(handler), keys) <= INVOKE_POLICY_BUDGET;
    plan.set(handler, fits ? { scope: "route" } : { scope: "method", methods: [...new Set(keys.map((k) => k.method))] });
  }
  return plan;
}
