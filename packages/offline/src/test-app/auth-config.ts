// The SPA's auth_config.json: the auth0 stack's `spa_auth_config` output plus the API's
// origin. Shared by the local server, `npm run spa-config` and the app's own check.
import { z } from "zod";
import { AUTH0_OUTPUTS, AWS_OUTPUTS, STACK_NAMES } from "@apigw-auth0-rbac/model";

export const authConfigSchema = z.strictObject({
  /** Tenant host name (https assumed), or a full http(s) origin for the local stand-in. */
  domain: z.string().min(1),
  clientId: z.string().min(1),
  /** Without it Auth0 issues an opaque token the API cannot verify. */
  audience: z.string().min(1),
  /** `openid profile email` and every permission: RBAC only grants what is requested. */
  scope: z.string().min(1),
  /** Where the API lives, e.g. https://abc123.execute-api.eu-west-1.amazonaws.com. */
  apiOrigin: z.url(),
  /**
   * The API's GET routes, each as a path to call (the model's example, or the route's path with
   * its parameters to fill in): buttons in the test app. Only npm start knows them; a deployed
   * API's configuration (npm run spa-config) leaves them out, and the app then calls what the
   * user types.
   */
  routes: z.array(z.strictObject({ routeKey: z.string().min(1), path: z.string().startsWith("/") })).optional(),
});

export type AuthConfig = z.infer<typeof authConfigSchema>;

/**
 * Builds the config from `cdktf output --outputs-file` JSON ({ auth0: {...}, aws: {...} }).
 * Throws with the missing output named.
 */
export function authConfigFromOutputs(outputs: Record<string, Record<string, unknown>>): AuthConfig {
  const spa = outputs[STACK_NAMES.auth0]?.[AUTH0_OUTPUTS.spaAuthConfig];
  const endpoint = outputs[STACK_NAMES.aws]?.[AWS_OUTPUTS.apiEndpoint];
  if (typeof spa !== "string") throw new Error("the auth0 stack has no spa_auth_config output yet: deploy it with `npx cdktf deploy auth0`");
  if (typeof endpoint !== "string") throw new Error("the aws stack has no api_endpoint output yet: deploy it with `npx cdktf deploy aws`");
  return authConfigSchema.parse({ ...JSON.parse(spa), apiOrigin: endpoint.replace(/\/+$/, "") });
}
