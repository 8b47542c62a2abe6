// The tenant's side: API → permissions → roles → SPA → test users → Actions, as one would click
// them in the Auth0 dashboard, all derived from the access model.
import { join } from "node:path";
import { Fn, TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import type { Construct } from "constructs";
import {
  Auth0Action,
  Auth0M2mClient,
  Auth0Provider,
  Auth0RbacApi,
  Auth0RbacRole,
  Auth0SpaClient,
  Auth0TestUser,
  Auth0TriggerActions,
  bundleAction,
  nodeMajorOf,
  useStateBackend,
} from "@apigw-auth0-rbac/constructs";
import {
  type AccessModel,
  type ActionTrigger,
  actionSecretVariable,
  AUTH0_OUTPUTS,
  DEFAULTS,
  MIN_TEST_USER_PASSWORD_LENGTH,
  qualifiedName,
  roleConstructId,
  STACK_NAMES,
  testUserConstructId,
} from "@apigw-auth0-rbac/model";
import type { StateConfig } from "@apigw-auth0-rbac/model/project";

export const AUTH0_STACK_NAME = STACK_NAMES.auth0;

export interface Auth0StackProps {
  readonly model: AccessModel;
  readonly state: StateConfig;
  /** Folder holding `<name>.ts` for every Action the model declares. */
  readonly actionDir: string;
  /** The project's root: the Actions' bundles name their files relative to it. */
  readonly root: string;
}

export class Auth0Stack extends TerraformStack {
  readonly api: Auth0RbacApi;
  readonly roles: ReadonlyMap<string, Auth0RbacRole>;
  readonly spa: Auth0SpaClient;
  readonly clients: ReadonlyMap<string, Auth0M2mClient>;
  readonly actions: ReadonlyMap<string, Auth0Action>;

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
        new Auth0RbacRole(this, roleConstructId(role.name), {
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
    this.actions = this.addActions(model, props);
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
      new Auth0TestUser(this, testUserConstructId(user.email), {
        email: user.email,
        password: password.stringValue,
        roles: user.roles.map((r) => this.roles.get(r)!),
        connectionName: model.tenant.userConnection,
        appMetadata: user.appMetadata,
        userMetadata: user.userMetadata,
      });
    }
  }

  /**
   * The model's Actions, each bundled from its file, deployed, with its secrets from sensitive
   * variables; then one binding per trigger they use, in the model's order.
   */
  private addActions(model: AccessModel, props: Auth0StackProps): ReadonlyMap<string, Auth0Action> {
    const secrets = new Map<string, TerraformVariable>();
    const secretValue = (name: string) => {
      const variable =
        secrets.get(name) ??
        new TerraformVariable(this, actionSecretVariable(name), {
          type: "string",
          sensitive: true,
          nullable: false,
          description: `The value of the Auth0 Actions' secret ${name} (set TF_VAR_${actionSecretVariable(name)}).`,
        });
      secrets.set(name, variable);
      return variable.stringValue;
    };
    const actions = new Map(
      model.actions.map((action) => {
        const bundle = bundleAction(
          { entry: join(props.actionDir, `${action.name}.ts`), external: action.dependencies.map((d) => d.name) },
          nodeMajorOf(DEFAULTS.actionRuntime),
          props.root,
        );
        const construct = new Auth0Action(this, `action-${action.name}`, {
          name: qualifiedName(action.name, model.environment, "slug"),
          trigger: action.trigger,
          code: bundle.code,
          inputs: bundle.inputs,
          dependencies: action.dependencies,
          secrets: action.secrets.map((name) => ({ name, value: secretValue(name) })),
        });
        return [action.name, construct] as const;
      }),
    );
    for (const trigger of [...new Set(model.actions.map((a) => a.trigger))]) {
      new Auth0TriggerActions(this, `trigger-${trigger}`, {
        trigger,
        actions: model.actions.filter((a) => a.trigger === trigger).map((a) => actions.get(a.name)!),
      });
    }
    return actions;
  }

  private triggerBinding(trigger: ActionTrigger): Auth0TriggerActions | undefined {
    return this.node.tryFindChild(`trigger-${trigger}`) as Auth0TriggerActions | undefined;
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
    // An Action, and the bindings of its trigger (imported by the trigger's id, as the provider's importer takes it).
    for (const [name, id] of Object.entries(existing.actions)) this.actions.get(name)!.action.importFrom(id);
    const imported = new Set(Object.keys(existing.actions).map((name) => this.actions.get(name)!.trigger));
    for (const trigger of imported) this.triggerBinding(trigger)?.binding.importFrom(trigger);
  }
}
