import { Client } from "../auth0-provider/client";
import { ClientGrant } from "../auth0-provider/client-grant";
import { Construct } from "constructs";
import type { Auth0RbacApi } from "./rbac-api";

export interface Auth0M2mClientProps {
  readonly api: Auth0RbacApi;
  readonly name: string;
  readonly description: string;
  /** The API permissions the client is granted; its tokens carry these and no others. */
  readonly permissions: readonly string[];
}

/**
 * A machine-to-machine application: a confidential client that may use the client
 * credentials grant only, and one client grant on the API holding exactly its permissions.
 * Its secret is created by Auth0 and never passes through the configuration.
 */
export class Auth0M2mClient extends Construct {
  readonly client: Client;
  readonly grant: ClientGrant;

  constructor(scope: Construct, id: string, props: Auth0M2mClientProps) {
    super(scope, id);
    if (props.permissions.length === 0) {
      throw new Error(`Auth0M2mClient "${props.name}": grant it at least one permission, or it can call nothing`);
    }
    // app_type "non_interactive" makes Auth0 create it with token_endpoint_auth_method
    // "client_secret_post" and a secret.
    this.client = new Client(this, "client", {
      name: props.name,
      description: props.description,
      appType: "non_interactive",
      oidcConformant: true,
      isFirstParty: true,
      grantTypes: ["client_credentials"],
      jwtConfiguration: { alg: "RS256" },
    });
    this.grant = new ClientGrant(this, "grant", {
      clientId: this.client.clientId,
      audience: props.api.resourceServer.identifier,
      scopes: [...props.permissions],
      subjectType: "client",
      // A grant may only hold scopes the API already defines.
      dependsOn: [props.api.scopes],
    });
  }

  get clientId(): string {
    return this.client.clientId;
  }
}
