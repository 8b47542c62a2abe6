// hashicorp/aws 6.25.0, as far as the aws stack uses it: the resources and data sources of
// schema/aws-6.25.0.providers-schema.json. Validation and planning run from the
// catalogue (catalogue/aws/); apply makes the calls the provider makes, to the local account's
// services (api/), which refuse what AWS refuses. Nothing here calls AWS: ARNs and ids are
// made up in the local account 123456789012.
import { createHash, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { AWS_CATALOGUE } from "../catalogue";
import type { ResourceCatalogue } from "../catalogue/types";
import { isObj, isUnknown, type Obj, type SchemaBlock, type Value } from "../cty";
import { randomId, type DataSourceBehaviour, type ProviderContext, type ProviderDefinition, type ResourceBehaviour } from "../provider";
import { appliedQuotasOf, ProviderError, quotaDefaults, type ServiceError } from "../service-rules";
import { AwsCloud, LOCAL_ACCOUNT_ID } from "./api/cloud";
import { hostedZoneNamesOf } from "./api/route53";
import { domainResources, hostedZoneDataSource } from "./domain-resources";
import { renderPolicyDocument } from "./policy-document";

export { LOCAL_ACCOUNT_ID };

export interface AwsContext extends ProviderContext {
  readonly region: string;
  readonly defaultTags: Record<string, string>;
  readonly cloud: AwsCloud;
}

function awsContext(config: Obj, env: NodeJS.ProcessEnv): AwsContext {
  const region = (typeof config.region === "string" && config.region) || env.AWS_REGION || env.AWS_DEFAULT_REGION || "us-east-1";
  const tags: Record<string, string> = {};
  for (const block of Array.isArray(config.default_tags) ? config.default_tags : []) {
    if (isObj(block) && isObj(block.tags)) for (const [k, v] of Object.entries(block.tags)) if (typeof v === "string") tags[k] = v;
  }
  const quotas = appliedQuotasOf(env.LOCAL_AWS_QUOTAS, quotaDefaults(Object.values(AWS_CATALOGUE)));
  return { config, env, region, defaultTags: tags, cloud: new AwsCloud(region, quotas, hostedZoneNamesOf(env.LOCAL_AWS_HOSTED_ZONES)) };
}

/** The provider's region on every resource that has the 6.x `region` argument, and `tags_all` from default_tags. */
function planExtras(planned: Obj, schema: SchemaBlock, context: AwsContext): void {
  if (schema.attributes?.region && planned.region === null) planned.region = context.region;
  if (schema.attributes?.tags_all) {
    const tags = planned.tags;
    planned.tags_all = isUnknown(tags) ? tags : { ...context.defaultTags, ...(isObj(tags) ? (tags as Record<string, string>) : {}) };
  }
}

const str = (v: Value | undefined) => (typeof v === "string" ? v : "");
const num = (v: Value | undefined) => (typeof v === "number" ? v : undefined);
const first = (v: Value | undefined): Obj => (Array.isArray(v) && isObj(v[0]) ? v[0] : {});
const now = () => new Date().toISOString().replace(/\.\d+Z$/, ".000+0000");
const withCatalogue = <T extends object>(type: string, behaviour: T) => ({ catalogue: AWS_CATALOGUE[type], ...behaviour });

/** What CreateFunction reads: the archive, relative to terraform's working directory, as the provider reads it. */
function codeOf(planned: Obj): Obj {
  const archive = str(planned.filename);
  if (!archive) return {};
  let bytes: Buffer;
  try {
    bytes = readFileSync(archive);
  } catch (err) {
    throw new ProviderError(`reading ZIP file (${archive}): open ${archive}: ${(err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file or directory" : (err as Error).message}`);
  }
  return { code_sha256: createHash("sha256").update(bytes).digest("base64"), source_code_size: bytes.length };
}

const resources: Record<string, ResourceBehaviour<AwsContext>> = {
  ...domainResources,
  aws_apigatewayv2_api: withCatalogue("aws_apigatewayv2_api", {
    create: (p: Obj, ctx: AwsContext) => {
      const { ApiId: id } = ctx.cloud.apigatewayv2.createApi({ Name: p.name, ProtocolType: p.protocol_type, CorsConfiguration: { MaxAge: num(first(p.cors_configuration).max_age) } });
      const scheme = str(p.protocol_type) === "WEBSOCKET" ? "wss" : "https";
      return {
        id,
        api_endpoint: `${scheme}://${id}.execute-api.${ctx.region}.amazonaws.com`,
        arn: `arn:aws:apigateway:${ctx.region}::/apis/${id}`,
        execution_arn: `arn:aws:execute-api:${ctx.region}:${LOCAL_ACCOUNT_ID}:${id}`,
      };
    },
    delete: (prior: Obj, ctx: AwsContext) => ctx.cloud.apigatewayv2.deleteApi(str(prior.id)),
  }),
  aws_apigatewayv2_authorizer: withCatalogue("aws_apigatewayv2_authorizer", {
    create: (p: Obj, ctx: AwsContext) => ({ id: ctx.cloud.apigatewayv2.createAuthorizer({ ApiId: str(p.api_id) }).AuthorizerId }),
    delete: (prior: Obj, ctx: AwsContext) => ctx.cloud.apigatewayv2.deleteChild(str(prior.api_id), "authorizers", str(prior.id)),
  }),
  aws_apigatewayv2_integration: withCatalogue("aws_apigatewayv2_integration", {
    create: (p: Obj, ctx: AwsContext) => {
      const out = ctx.cloud.apigatewayv2.createIntegration({ ApiId: str(p.api_id), TimeoutInMillis: num(p.timeout_milliseconds) });
      return { id: out.IntegrationId, timeout_milliseconds: out.TimeoutInMillis };
    },
    delete: (prior: Obj, ctx: AwsContext) => ctx.cloud.apigatewayv2.deleteChild(str(prior.api_id), "integrations", str(prior.id)),
  }),
  aws_apigatewayv2_route: withCatalogue("aws_apigatewayv2_route", {
    create: (p: Obj, ctx: AwsContext) => {
      const scopes = Array.isArray(p.authorization_scopes) ? p.authorization_scopes.filter((s): s is string => typeof s === "string") : undefined;
      return { id: ctx.cloud.apigatewayv2.createRoute({ ApiId: str(p.api_id), AuthorizationScopes: scopes }).RouteId };
    },
    delete: (prior: Obj, ctx: AwsContext) => ctx.cloud.apigatewayv2.deleteChild(str(prior.api_id), "routes", str(prior.id)),
  }),
  aws_apigatewayv2_stage: withCatalogue("aws_apigatewayv2_stage", {
    create: (p: Obj, ctx: AwsContext) => {
      const api = str(p.api_id);
      const name = str(p.name);
      return {
        id: name,
        arn: `arn:aws:apigateway:${ctx.region}::/apis/${api}/stages/${name}`,
        execution_arn: `arn:aws:execute-api:${ctx.region}:${LOCAL_ACCOUNT_ID}:${api}/${name}`,
        // The $default stage is served at the API's root.
        invoke_url: `https://${api}.execute-api.${ctx.region}.amazonaws.com/${name === "$default" ? "" : name}`,
        deployment_id: ctx.cloud.apigatewayv2.createStage({ ApiId: api, StageName: name }).DeploymentId,
      };
    },
  }),
  aws_cloudwatch_log_group: withCatalogue("aws_cloudwatch_log_group", {
    create: (p: Obj, ctx: AwsContext) => {
      const name = str(p.name) || `${str(p.name_prefix) || "terraform-"}${randomId(26)}`;
      ctx.cloud.logs.createLogGroup({ LogGroupName: name });
      return { id: name, name, arn: `arn:aws:logs:${ctx.region}:${LOCAL_ACCOUNT_ID}:log-group:${name}`, name_prefix: str(p.name_prefix) };
    },
    delete: (prior: Obj, ctx: AwsContext) => ctx.cloud.logs.deleteLogGroup(str(prior.name)),
  }),
  aws_iam_role: withCatalogue("aws_iam_role", {
    create: (p: Obj, ctx: AwsContext) => {
      const name = str(p.name) || `${str(p.name_prefix) || "terraform-"}${randomId(26)}`;
      ctx.cloud.iam.createRole({ RoleName: name });
      const arn = `arn:aws:iam::${LOCAL_ACCOUNT_ID}:role${str(p.path) || "/"}${name}`;
      return { id: name, name, arn, unique_id: `AROA${randomId(17, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")}`, create_date: new Date().toISOString().replace(/\.\d+Z$/, "Z"), name_prefix: str(p.name_prefix) };
    },
    delete: (prior: Obj, ctx: AwsContext) => ctx.cloud.iam.deleteRole(str(prior.name)),
  }),
  aws_iam_role_policy: withCatalogue("aws_iam_role_policy", {
    create: (p: Obj, ctx: AwsContext) => {
      const name = str(p.name) || `${str(p.name_prefix) || "terraform-"}${randomId(26)}`;
      ctx.cloud.iam.putRolePolicy({ RoleName: str(p.role), PolicyName: name, PolicyDocument: str(p.policy) });
      return { id: `${str(p.role)}:${name}`, name, name_prefix: str(p.name_prefix) };
    },
    update: (p: Obj, _prior: Obj, ctx: AwsContext) => {
      ctx.cloud.iam.putRolePolicy({ RoleName: str(p.role), PolicyName: str(p.name), PolicyDocument: str(p.policy) });
      return {};
    },
    delete: (prior: Obj, ctx: AwsContext) => ctx.cloud.iam.deleteRolePolicy(str(prior.role), str(prior.name)),
  }),
  aws_lambda_function: withCatalogue("aws_lambda_function", {
    create: (p: Obj, ctx: AwsContext) => {
      const code = codeOf(p);
      const name = str(p.function_name);
      const { FunctionArn: arn } = ctx.cloud.lambda.createFunction({ FunctionName: name });
      return {
        id: name,
        arn,
        invoke_arn: `arn:aws:apigateway:${ctx.region}:lambda:path/2015-03-31/functions/${arn}/invocations`,
        qualified_arn: `${arn}:$LATEST`,
        qualified_invoke_arn: `arn:aws:apigateway:${ctx.region}:lambda:path/2015-03-31/functions/${arn}:$LATEST/invocations`,
        version: "$LATEST",
        last_modified: now(),
        signing_job_arn: "",
        signing_profile_version_arn: "",
        ...code,
      };
    },
    // UpdateFunctionCode and UpdateFunctionConfiguration: Lambda stamps last_modified anew and hashes new code.
    update: (p: Obj) => ({ last_modified: now(), ...codeOf(p) }),
    delete: (prior: Obj, ctx: AwsContext) => ctx.cloud.lambda.deleteFunction(str(prior.function_name)),
  }),
  aws_lambda_permission: withCatalogue("aws_lambda_permission", {
    create: (p: Obj, ctx: AwsContext) => {
      const statementId = str(p.statement_id) || `${str(p.statement_id_prefix) || "terraform-"}${randomId(26)}`;
      const optional = (v: Value | undefined) => (typeof v === "string" && v !== "" ? v : undefined);
      ctx.cloud.lambda.addPermission({
        FunctionName: str(p.function_name),
        StatementId: statementId,
        Action: str(p.action),
        Principal: str(p.principal),
        SourceArn: optional(p.source_arn),
        SourceAccount: optional(p.source_account),
        PrincipalOrgID: optional(p.principal_org_id),
        EventSourceToken: optional(p.event_source_token),
        Qualifier: optional(p.qualifier),
      });
      return { id: statementId, statement_id: statementId, statement_id_prefix: str(p.statement_id_prefix) };
    },
    delete: (prior: Obj, ctx: AwsContext) => ctx.cloud.lambda.removePermission(str(prior.function_name), str(prior.statement_id)),
  }),
};

const dataSources: Record<string, DataSourceBehaviour<AwsContext>> = {
  aws_iam_policy_document: { catalogue: AWS_CATALOGUE.aws_iam_policy_document, read: (config) => renderPolicyDocument(config) },
  aws_route53_zone: hostedZoneDataSource,
};

/**
 * aws-sdk-go-v2's error, wrapped as the resource's Create wraps it:
 * `creating Lambda Function (x): operation error Lambda: CreateFunction, https response error StatusCode: 409, RequestID: …, ResourceConflictException: …`.
 */
function formatError(error: ServiceError, catalogue: ResourceCatalogue, planned: Obj): string {
  const call = catalogue.calls?.[error.call];
  if (call?.codeAndMessage) return call.wrap.replace("%s", `${error.code}: ${error.message}`);
  const sdk = `operation error ${call?.service ?? "AWS"}: ${error.call}, https response error StatusCode: ${error.status}, RequestID: ${randomUUID()}, ${error.code}: ${error.message}`;
  if (!call) return sdk;
  const names = (call.nameFrom ?? "").split(",").filter(Boolean).map((a) => str(planned[a]));
  let i = 0;
  return call.wrap.replace(/%s/g, () => (i < names.length ? names[i++] : sdk));
}

export function awsProvider(schema: ProviderDefinition["schema"]): ProviderDefinition<AwsContext> {
  return { address: "hashicorp/aws", schema, resources, dataSources, context: awsContext, planExtras, formatError };
}
