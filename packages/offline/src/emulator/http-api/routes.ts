// The API's routes, ready to serve: each with its matcher, its handler loaded from the
// archive, the source ARNs its Lambda permissions allow, and its throttling bucket.
import { routePathMatcher } from "@apigw-auth0-rbac/model";
import { loadHandlerFromArchive, type FunctionLog, type LambdaHandler } from "../lambda/runtime";
import type { RouteDefinition, ThrottlingDefinition } from "../deployment/description";

export interface CompiledRoute {
  readonly route: RouteDefinition;
  readonly pattern: RegExp;
  readonly params: readonly string[];
  readonly handler: LambdaHandler;
  /** Literal paths win over parameterised ones, as in API Gateway. */
  readonly specificity: number;
  /** Source-ARN patterns of the Lambda permissions, matched against "/$default/GET/path". */
  readonly invokable: readonly RegExp[];
  readonly bucket?: TokenBucket;
}

/** Lambda permission source ARNs use "*" and "?" as wildcards (ArnLike). */
function arnPattern(suffix: string): RegExp {
  return new RegExp(
    `^${suffix
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
  );
}

/** AWS's throttling: a bucket of `burstLimit` requests refilled at `rateLimit` a second. */
export class TokenBucket {
  private tokens: number;
  private last = performance.now();
  constructor(private readonly limits: ThrottlingDefinition) {
    this.tokens = limits.burstLimit;
  }
  take(): boolean {
    const now = performance.now();
    this.tokens = Math.min(this.limits.burstLimit, this.tokens + ((now - this.last) / 1000) * this.limits.rateLimit);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

export function compileRoute(
  route: RouteDefinition,
  throttling: ThrottlingDefinition | undefined,
  log: FunctionLog,
  sourceMapDirs: readonly string[] = [],
): CompiledRoute {
  return {
    route,
    ...routePathMatcher(route.path),
    handler: loadHandlerFromArchive(route.archivePath, route.handler, route.functionName, { log, sourceMapDirs }),
    specificity: route.path.split("/").filter((s) => !s.startsWith("{")).length,
    invokable: route.invokePermissions.map(arnPattern),
    bucket: throttling ? new TokenBucket(throttling) : undefined,
  };
}

/** Whether a permission lets API Gateway invoke the route's function for this request. */
export function invokable(route: CompiledRoute, method: string, path: string): boolean {
  return route.invokable.some((p) => p.test(`/$default/${method}${path}`));
}

/** Finds the route for a request: literal paths by a map lookup, parameterised ones by their pattern. */
export class RouteTable {
  private readonly literal: Map<string, CompiledRoute>;
  private readonly parameterised: readonly CompiledRoute[];

  constructor(readonly routes: readonly CompiledRoute[]) {
    const ordered = [...routes].sort((a, b) => b.specificity - a.specificity);
    this.literal = new Map(ordered.filter((r) => r.params.length === 0).map((r) => [`${r.route.method} ${r.route.path}`, r]));
    this.parameterised = ordered.filter((r) => r.params.length > 0);
  }

  find(method: string, path: string): CompiledRoute | undefined {
    return (
      this.literal.get(`${method} ${path}`) ??
      this.literal.get(`ANY ${path}`) ??
      this.parameterised.find((r) => (r.route.method === method || r.route.method === "ANY") && r.pattern.test(path))
    );
  }
}
