// The tenant's side: API → permissions → roles → SPA → test users, as one would click
// them in the Auth0 dashboard, all derived from the access model.
import { Fn, TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import type { Construct } from "constructs";
import {
  Auth0M2mClient,
  Auth0Provider,
  Auth0RbacApi,
  Auth0RbacRole,
  Auth0SpaClient,
  Auth0TestUser,
  useStateBackend,
} from "@apigw-auth0-rbac/constructs";
import { type AccessModel, AUTH0_OUTPUTS, MIN_TEST_USER_PASSWORD_LENGTH, qualifiedName, STACK_NAMES } from "@apigw-auth0-rbac/model";
import type { StateConfig } from "@apigw-auth0-rbac/model/project";

export const AUTH0_STACK_NAME = STACK_NAMES.auth0;

export interface Auth0StackProps {
  readonly model: AccessModel;
  readonly state: StateConfig;
}

export class Auth0Stack extends TerraformStack {
  readonly api: Auth0RbacApi;
  readonly roles: ReadonlyMap<string, Auth0RbacRole>;
  readonly spa: Auth0SpaClient;
  readonly clients: ReadonlyMap<string, Auth0M2mClient>;

  constructor(scope: Construct, id: string, props: Auth0StackProps) {
    super(scope, id);
    const { model } = props;
    const env = model.environment;
    useStateBackend(this, props.state, id);

    // Credentials stay in the environment (AUTH0_CLIENT_ID/AUTH0_CLIENT_SECRET or
    // AUTH0_API_TOKEN), read by the provider itself: they never reach cdk.tf.json.
    new Auth0Provider(this, "auth0", { domain: model.tenant.domain });

    this.api = new Auth0RbacApi(this, "api", {
      identifier: model.api.identifier,
      name: qualifiedName(model.api.name, env, "display"),
      permissions: model.permissions,
      tokenLifetimeSeconds: model.api.tokenLifetimeSeconds,
    });

    this.roles = new Map(
      model.roles.map((role) => [
        role.name,
        new Auth0RbacRole(this, `role-${role.name}`, {
          api: this.api,
          name: role.name,
          description: role.description,
          permissions: role.permissions,
        }),
      ]),
    );

    this.spa = new Auth0SpaClient(this, "spa", {
      name: qualifiedName(model.spa.name, env, "display"),
      callbackUrls: model.spa.callbackUrls,
      logoutUrls: model.spa.logoutUrls,
      webOrigins: model.spa.webOrigins,
    });

    this.clients = new Map(
      model.clients.map((client) => [
        client.name,
        new Auth0M2mClient(this, `client-${client.name}`, {
          api: this.api,
          name: qualifiedName(client.name, env, "slug"),
          description: client.description,
          permissions: client.permissions,
        }),
      ]),
    );

    if (model.users.length > 0) this.addTestUsers(model);
    this.importExisting(model);
    this.addOutputs(model);
  }

  /** The model's test users, all with the password the sensitive variable gives them. */
  private addTestUsers(model: AccessModel): void {
    const password = new TerraformVariable(this, "test_user_password", {
      type: "string",
      sensitive: true,
      nullable: false,
      description: "Initial password of every test user in the access model (set TF_VAR_test_user_password).",
      validation: [
        {
          condition: `\${length(var.test_user_password) >= ${MIN_TEST_USER_PASSWORD_LENGTH}}`,
          errorMessage: `test_user_password must be at least ${MIN_TEST_USER_PASSWORD_LENGTH} characters.`,
        },
      ],
    });
    for (const user of model.users) {
      new Auth0TestUser(this, `user-${user.email.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`, {
        email: user.email,
        password: password.stringValue,
        roles: user.roles.map((r) => this.roles.get(r)!),
        connectionName: model.tenant.userConnection,
      });
    }
  }

  /** What the aws stack reads through terraform_remote_state (a contract), and what the SPA needs. */
  private addOutputs(model: AccessModel): void {
    new TerraformOutput(this, AUTH0_OUTPUTS.issuer, {
      value: model.issuer,
      description: "Token issuer (iss), with the trailing slash Auth0 writes.",
    });
    if (model.tenant.customDomain) {
      // Referenced, not managed: the custom domain is the tenant's, set up and verified outside this stack (docs/DOMAIN.md).
      new TerraformOutput(this, AUTH0_OUTPUTS.customDomain, {
        value: model.tenant.customDomain,
        description: "The tenant's custom domain: apps and services request tokens through it, so it is the issuer's host.",
      });
    }
    new TerraformOutput(this, AUTH0_OUTPUTS.audience, {
      value: this.api.resourceServer.identifier,
      description: "Token audience (aud): the API identifier.",
    });
    new TerraformOutput(this, AUTH0_OUTPUTS.spaClientId, { value: this.spa.clientId, description: "Client ID of the SPA." });
    if (this.clients.size > 0) {
      // Ids only: secrets stay in Auth0 and out of the outputs (docs/STACKS.md).
      new TerraformOutput(this, AUTH0_OUTPUTS.m2mClientIds, {
        description: "Client ID of every machine-to-machine client, by the model's name.",
        value: Object.fromEntries([...this.clients].map(([name, c]) => [name, c.clientId])),
      });
    }
    new TerraformOutput(this, AUTH0_OUTPUTS.spaAuthConfig, {
      description: "Contents for the Auth0 SPA sample's auth_config.json.",
      value: Fn.jsonencode({
        // The domain the SPA logs in through decides its tokens' iss: the custom domain, when the tenant has one.
        domain: model.tenant.issuerDomain,
        clientId: this.spa.clientId,
        audience: this.api.resourceServer.identifier,
        scope: model.spaScope,
      }),
    });
  }

  /** What the tenant already holds (npm run adopt): imported on the first deploy, by the ids the provider's importers take. */
  private importExisting(model: AccessModel): void {
    const existing = model.imports?.auth0;
    if (!existing) return;
    this.api.resourceServer.importFrom(existing.resourceServer);
    this.api.scopes.importFrom(model.api.identifier);
    for (const [name, id] of Object.entries(existing.roles)) {
      const role = this.roles.get(name)!;
      role.role.importFrom(id);
      role.rolePermissions.importFrom(id);
    }
    if (existing.spa) this.spa.client.importFrom(existing.spa);
    for (const [name, ids] of Object.entries(existing.clients)) {
      const client = this.clients.get(name)!;
      client.client.importFrom(ids.client);
      client.grant.importFrom(ids.grant);
    }
  }
}
