// The constructs and the app of an access-model project. Stacks compose them; main.ts makes
// an AccessModelApp. Nothing here knows a project's folder names: they come from its cdktf.json.
export * from "./app/access-model-app";
export * from "./app/configuration";
export * from "./app/state-backend";
export * from "./auth0/action";
export * from "./auth0/bundle-action";
export * from "./auth0/m2m-client";
export * from "./auth0/rbac-api";
export * from "./auth0/rbac-role";
export * from "./auth0/spa-client";
export * from "./auth0/test-user";
export * from "./auth0/trigger-actions";
export * from "./aws/api-custom-domain";
export * from "./aws/bundle-handler";
export * from "./aws/bundled-node-function";
export * from "./aws/jwt-http-api";
export * from "./aws/jwt-protected-route";
export * from "./aws/lambda-integration";
/** The auth0 provider's own binding (generated from its 1.55.0 schema), which a stack configures. */
export { Auth0Provider, type Auth0ProviderConfig } from "./auth0-provider/provider";
export * from "./app/output-folder";
