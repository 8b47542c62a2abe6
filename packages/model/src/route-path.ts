// How API Gateway matches a request path against a route path such as "/reports/{month}":
// one definition for the model's validation and the local emulator.

export interface RoutePathMatcher {
  /** Matches a request path (no query); group i captures the value of `params[i]`. */
  readonly pattern: RegExp;
  readonly params: readonly string[];
}

export function routePathMatcher(path: string): RoutePathMatcher {
  const params: string[] = [];
  const source = path
    .split("/")
    .map((segment) => {
      const greedy = /^\{(.+)\+\}$/.exec(segment);
      if (greedy) {
        params.push(greedy[1]);
        return "(.+)";
      }
      const param = /^\{(.+)\}$/.exec(segment);
      if (param) {
        params.push(param[1]);
        return "([^/]+)";
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("/");
  return { pattern: new RegExp(`^${source}$`), params };
}
