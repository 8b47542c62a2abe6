// The API's side: remote state → functions → API → authorizer → routes → stage, all
// derived from the access model, with issuer and audience taken from the auth0 stack.
import { join } from "node:path";
import { TerraformOutput, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import {
  ApiCustomDomain,
  BundledNodeFunction,
  bundleHandlers,
  JwtHttpApi,
  nodeMajorOf,
  remoteStateOf,
  useStateBackend,
} from "@apigw-auth0-rbac/constructs";
import {
  type AccessModel,
  AUTH0_OUTPUTS,
  AWS_OUTPUTS,
  awsNamePrefix,
  DEFAULTS,
  functionNameOf,
  planInvokePermissions,
  STACK_NAMES,
} from "@apigw-auth0-rbac/model";
import type { StateConfig } from "@apigw-auth0-rbac/model/project";
import { AUTH0_STACK_NAME, type Auth0Stack } from "./auth0-stack";

export const AWS_STACK_NAME = STACK_NAMES.aws;

export interface AwsStackProps {
  readonly model: AccessModel;
  readonly state: StateConfig;
  /** The stack that owns the tenant; deploys first. Absent when the model names an external tenant. */
  readonly auth0Stack?: Auth0Stack;
  /** Folder holding `<handler>.ts` for every handler the model names. */
  readonly handlerDir: string;
  /** Where the handlers' bundles are written. */
  readonly bundleDir: string;
}

export class AwsStack extends TerraformStack {
  readonly httpApi: JwtHttpApi;
  /** Present when the model gives the API a domain. */
  readonly customDomain?: ApiCustomDomain;
  readonly functions: ReadonlyMap<string, BundledNodeFunction>;

  constructor(scope: Construct, id: string, props: AwsStackProps) {
    super(scope, id);
    const { model } = props;
    useStateBackend(this, props.state, id);
    // Region and credentials come from the usual AWS environment (AWS_REGION, AWS_PROFILE…).
    const environment: Record<string, string> = model.environment ? { environment: model.environment.name } : {};
    new AwsProvider(this, "aws", { defaultTags: [{ tags: { project: "apigw-auth0-rbac", api: model.api.name, ...environment } }] });

    const { issuer, audience } = this.authorizerSettings(props);
    // Every AWS name derives from this, so two environments can share an account.
    const prefix = awsNamePrefix(model.api.name, model.environment);
    const { bundleDir } = props;

    const entries = Object.fromEntries(model.handlers.map((handler) => [handler, join(props.handlerDir, `${handler}.ts`)]));
    // Every handler in one esbuild run.
    const bundles = bundleHandlers(entries, bundleDir, nodeMajorOf(DEFAULTS.lambdaRuntime));
    this.functions = new Map(
      model.handlers.map((handler) => [
        handler,
        new BundledNodeFunction(this, handler, {
          entry: entries[handler],
          bundle: bundles.get(handler),
          runtime: DEFAULTS.lambdaRuntime,
          functionName: functionNameOf(prefix, handler),
          bundleDir,
          logRetentionDays: model.stage.logRetentionDays,
        }),
      ]),
    );

    this.httpApi = new JwtHttpApi(this, "http-api", {
      name: prefix,
      issuer,
      audience: [audience],
      allowOrigins: model.spa.webOrigins,
      throttlingBurstLimit: model.stage.throttlingBurstLimit,
      throttlingRateLimit: model.stage.throttlingRateLimit,
      logRetentionDays: model.stage.logRetentionDays,
      // On its own domain the API answers there only: no second host name to reach it by.
      disableExecuteApiEndpoint: model.domain !== undefined,
    });
    if (model.domain) {
      this.customDomain = new ApiCustomDomain(this, "custom-domain", {
        domainName: model.domain.name,
        hostedZone: model.domain.hostedZone,
        certificateArn: model.domain.certificateArn,
        apiId: this.httpApi.api.id,
        stage: this.httpApi.stage.id,
      });
    }
    // One permission per route while a function's policy has room, else one per method.
    const invoke = planInvokePermissions(model.routes, (handler) => functionNameOf(prefix, handler));
    const existing = model.imports?.aws;
    for (const route of model.routes) {
      const invokeScope = invoke.get(route.handler)!;
      const added = this.httpApi.addRoute(route.key, { handler: this.functions.get(route.handler)!, scopes: route.scopes, invokeScope });
      const routeId = existing?.routes[route.routeKey];
      if (existing && routeId) added.route.importFrom(`${existing.api}/${routeId}`);
    }
    // What the account already holds (npm run adopt): imported on the first deploy, by the ids the provider's importers take.
    if (existing) {
      this.httpApi.api.importFrom(existing.api);
      this.httpApi.authorizer.importFrom(`${existing.api}/${existing.authorizer}`);
      if (existing.stage) this.httpApi.stage.importFrom(`${existing.api}/${existing.stage}`);
    }

    const endpoint = this.customDomain?.url ?? this.httpApi.endpoint;
    new TerraformOutput(this, AWS_OUTPUTS.apiEndpoint, {
      value: endpoint,
      description: this.customDomain
        ? "The API's base URL on its own domain (the execute-api endpoint is disabled)."
        : "Invoke URL of the $default stage.",
    });
    new TerraformOutput(this, AWS_OUTPUTS.routeUrls, {
      description: "Full URL of every route, keyed by route key.",
      value: Object.fromEntries(model.routes.map((r) => [r.routeKey, `${endpoint}${r.path}`])),
    });
    if (this.customDomain) {
      new TerraformOutput(this, AWS_OUTPUTS.domainTarget, {
        value: this.customDomain.targetDomainName,
        description: "The API Gateway host name the domain's A/AAAA alias records point to.",
      });
    }
  }

  private authorizerSettings(props: AwsStackProps): { issuer: string; audience: string } {
    const source = props.model.authorizer;
    if (source.kind === "explicit") return { issuer: source.issuer, audience: source.audience };
    if (props.auth0Stack) this.addDependency(props.auth0Stack);
    // Read what the auth0 stack actually deployed, so the two can never disagree.
    const tenant = remoteStateOf(this, "auth0-state", props.state, AUTH0_STACK_NAME);
    return { issuer: tenant.getString(AUTH0_OUTPUTS.issuer), audience: tenant.getString(AUTH0_OUTPUTS.audience) };
  }
}
