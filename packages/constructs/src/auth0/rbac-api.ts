import { ResourceServer } from "../auth0-provider/resource-server";
import { ResourceServerScopes } from "../auth0-provider/resource-server-scopes";
import { Construct } from "constructs";
import { DEFAULTS } from "@apigw-auth0-rbac/model";

export interface Auth0RbacApiProps {
  /** The API identifier: the `aud` of its access tokens. Changing it replaces the API. */
  readonly identifier: string;
  /** Display name in the Auth0 dashboard. */
  readonly name: string;
  /** Every permission the API defines; this construct owns the whole list. */
  readonly permissions: readonly { readonly name: string; readonly description: string }[];
  /**
   * Access-token lifetime in seconds, for the token endpoint and for web flows alike.
   * @default 3600 - one hour
   */
  readonly tokenLifetimeSeconds?: number;
}

/**
 * An Auth0 API with role-based access control switched on: RS256 tokens that carry a
 * `permissions` claim, and the permissions it defines.
 */
export class Auth0RbacApi extends Construct {
  readonly resourceServer: ResourceServer;
  /** Authoritative list of the API's permissions; role permissions must depend on it. */
  readonly scopes: ResourceServerScopes;

  constructor(scope: Construct, id: string, props: Auth0RbacApiProps) {
    super(scope, id);
    const lifetime = props.tokenLifetimeSeconds ?? DEFAULTS.tokenLifetimeSeconds;
    this.resourceServer = new ResourceServer(this, "resource-server", {
      identifier: props.identifier,
      name: props.name,
      // API Gateway's JWT authorizer verifies RSA signatures only.
      signingAlg: "RS256",
      // RBAC: a token's scope is what was requested AND what the user's roles grant.
      enforcePolicies: true,
      tokenDialect: "access_token_authz",
      skipConsentForVerifiableFirstPartyClients: true,
      // The SPA keeps its session with rotating refresh tokens instead of third-party cookies.
      allowOfflineAccess: true,
      // Set explicitly: left unset, Auth0 keeps whatever the tenant had and shows no diff.
      tokenLifetime: lifetime,
      tokenLifetimeForWeb: lifetime,
    });
    // The plural, authoritative resource: a permission removed from the model is removed
    // from Auth0. Never mix it with auth0_resource_server_scope on the same API.
    this.scopes = new ResourceServerScopes(this, "permissions", {
      resourceServerIdentifier: this.resourceServer.identifier,
      scopes: props.permissions.map((p) => ({ name: p.name, description: p.description })),
    });
  }
}
