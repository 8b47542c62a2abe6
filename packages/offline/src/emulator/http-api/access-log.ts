// The $default stage's access log: its format's $context variables filled from what the
// emulator knows of a request.

/** `$context` variables the emulator knows; anything else logs "-", as AWS does for empty values. */
const CONTEXT_VARIABLES: Record<string, string> = {
  "$context.requestId": "requestId",
  "$context.requestTime": "requestTime",
  "$context.identity.sourceIp": "sourceIp",
  "$context.httpMethod": "httpMethod",
  "$context.path": "path",
  "$context.routeKey": "routeKey",
  "$context.status": "status",
  "$context.responseLength": "responseLength",
  "$context.responseLatency": "responseLatency",
  "$context.integrationLatency": "integrationLatency",
  "$context.integrationErrorMessage": "integrationError",
  "$context.integration.error": "integrationError",
  "$context.authorizer.error": "authorizerError",
  "$context.authorizer.claims.sub": "sub",
  "$context.protocol": "protocol",
};

/** What a request's access-log line can say, as it is learnt. */
export type RequestContext = Record<string, string>;

export function accessLogLine(format: Readonly<Record<string, string>>, context: RequestContext): string {
  const line: Record<string, string> = {};
  for (const [field, variable] of Object.entries(format)) {
    const key = CONTEXT_VARIABLES[variable];
    line[field] = (key && context[key]) || (variable === "$context.protocol" ? "HTTP/1.1" : "-");
  }
  return JSON.stringify(line);
}
