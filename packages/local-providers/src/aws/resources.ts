// The aws stack's ten resource types as the provider drives the services: create, update and
// delete call the local account's service APIs (api/), read (refresh) asks them what they hold
// now, and import parses the ids the provider's importers take (internal/service/<svc>/*.go at
// 6.25.0, each resource's Importer). Attributes and API fields are paired in FieldMaps
// (cloud/attributes.ts). Nothing here calls AWS.
import { readFileSync } from "node:fs";
import { AWS_CATALOGUE } from "../catalogue";
import { fromApi, toApi, type FieldMap } from "../cloud/attributes";
import { isObj, isUnknown, type Obj, type Value } from "../cty";
import { randomId, type ResourceBehaviour } from "../provider";
import { checkProvider, orGone, ProviderError } from "../service-rules";
import { LOCAL_ACCOUNT_ID } from "./api/cloud";
import type { AwsContext } from "./provider";

const str = (v: Value | undefined) => (typeof v === "string" ? v : "");
const withCatalogue = (type: string, behaviour: Omit<ResourceBehaviour<AwsContext>, "catalogue">): ResourceBehaviour<AwsContext> => ({
  catalogue: AWS_CATALOGUE[type],
  ...behaviour,
});

/** A delete of what is already gone succeeds, as the provider's deletes treat NotFound. */
const quietly = (remove: () => void) => void orGone(remove);

/** "a/b" import ids, each part named; a wrong shape is the importer's error. */
function parts(id: string, names: readonly string[], separator = "/"): Obj {
  const values = id.split(separator);
  if (values.length !== names.length || values.some((v) => v === "")) {
    throw new ProviderError(`unexpected format for ID (${id}), expected ${names.map((n) => n.toUpperCase()).join(separator)}`);
  }
  return Object.fromEntries(names.map((n, i) => [n, values[i]]));
}

const name = (p: Obj) => str(p.name) || `${str(p.name_prefix) || "terraform-"}${randomId(26)}`;
const tagsOf = (p: Obj): Record<string, string> => (isObj(p.tags_all) ? (p.tags_all as Record<string, string>) : {});

// ---- API Gateway v2 ----------------------------------------------------------------------

const CORS: FieldMap = ["allow_credentials", "allow_headers", "allow_methods", "allow_origins", "expose_headers", "max_age"];
const API: FieldMap = [
  "name",
  "protocol_type",
  "description",
  "disable_execute_api_endpoint",
  "api_key_selection_expression",
  "route_selection_expression",
  "version",
  "ip_address_type",
  { block: "cors_configuration", api: "CorsConfiguration", fields: CORS },
];
const AUTHORIZER: FieldMap = [
  "authorizer_type",
  "name",
  ["identity_sources", "IdentitySource"],
  "authorizer_uri",
  "authorizer_credentials_arn",
  "authorizer_payload_format_version",
  "authorizer_result_ttl_in_seconds",
  "enable_simple_responses",
  { block: "jwt_configuration", api: "JwtConfiguration", fields: ["audience", "issuer"] },
];
const INTEGRATION: FieldMap = [
  "integration_type",
  "integration_uri",
  "integration_method",
  "payload_format_version",
  ["timeout_milliseconds", "TimeoutInMillis"],
  "connection_type",
  "connection_id",
  "credentials_arn",
  "description",
  "integration_subtype",
  "passthrough_behavior",
  "content_handling_strategy",
  "template_selection_expression",
  "request_parameters",
  "request_templates",
  "integration_response_selection_expression",
  { block: "tls_config", api: "TlsConfig", fields: ["server_name_to_verify"] },
];
const ROUTE: FieldMap = [
  "route_key",
  "target",
  "authorization_type",
  "authorizer_id",
  "authorization_scopes",
  "api_key_required",
  "operation_name",
  "model_selection_expression",
  "route_response_selection_expression",
  "request_models",
];
const ROUTE_SETTINGS: FieldMap = [
  "data_trace_enabled",
  "detailed_metrics_enabled",
  "logging_level",
  "throttling_burst_limit",
  "throttling_rate_limit",
];
const STAGE: FieldMap = [
  "auto_deploy",
  "description",
  "deployment_id",
  "client_certificate_id",
  "stage_variables",
  { block: "access_log_settings", api: "AccessLogSettings", fields: ["destination_arn", "format"] },
  { block: "default_route_settings", api: "DefaultRouteSettings", fields: ROUTE_SETTINGS },
];

function apiAttributes(api: Record<string, any>, region: string): Obj {
  const id = api.ApiId;
  return {
    ...fromApi(api, API),
    id,
    api_endpoint: api.ApiEndpoint,
    arn: `arn:aws:apigateway:${region}::/apis/${id}`,
    execution_arn: `arn:aws:execute-api:${region}:${LOCAL_ACCOUNT_ID}:${id}`,
  };
}

/** A child of an API: authorizer, integration or route, by its API and id. */
function apiChild(type: string, child: "authorizers" | "integrations" | "routes", fields: FieldMap, idField: string): ResourceBehaviour<AwsContext> {
  const svc = (ctx: AwsContext) => ctx.cloud.apigatewayv2;
  return withCatalogue(type, {
    create: (p, ctx) => {
      const input = { ApiId: str(p.api_id), ...toApi(p, fields) };
      const created =
        child === "authorizers"
          ? svc(ctx).createAuthorizer(input)
          : child === "integrations"
            ? svc(ctx).createIntegration(input)
            : svc(ctx).createRoute(input);
      return { ...fromApi(created, fields), id: created[idField] };
    },
    update: (p, prior, ctx) => fromApi(svc(ctx).updateChild(str(prior.api_id), child, str(prior.id), cleared(toApi(p, fields), fields)), fields),
    delete: (prior, ctx) => quietly(() => svc(ctx).deleteChild(str(prior.api_id), child, str(prior.id))),
    read: (prior, ctx) => {
      const found = orGone(() => svc(ctx).getChild(str(prior.api_id), child, str(prior.id)));
      return found && { ...fromApi(found, fields), id: found[idField] };
    },
    importState: (id) => {
      const { api_id, id: childId } = parts(id, ["api_id", "id"]);
      return { api_id, id: childId };
    },
  });
}

/** An update's input: what the configuration no longer sets is removed (null), as the provider's Update* calls clear it. */
function cleared(input: Record<string, any>, fields: FieldMap): Record<string, any> {
  const out: Record<string, any> = { ...input };
  for (const field of fields) {
    const api =
      typeof field === "string"
        ? field.replace(/(^|_)([a-z0-9])/g, (_m, _s, c: string) => c.toUpperCase())
        : Array.isArray(field)
          ? field[1]
          : (field as { api: string }).api;
    if (!(api in out)) out[api] = null;
  }
  return out;
}

// ---- Lambda ------------------------------------------------------------------------------

const FUNCTION: FieldMap = [
  "function_name",
  "role",
  "runtime",
  "handler",
  "memory_size",
  "timeout",
  "architectures",
  "description",
  "package_type",
  { block: "environment", api: "Environment", fields: ["variables"] },
  { block: "logging_config", api: "LoggingConfig", fields: ["log_format", "log_group", "application_log_level", "system_log_level"] },
];

/** The archive CreateFunction uploads, relative to terraform's working directory, as the provider reads it. */
function archiveOf(p: Obj): Buffer | undefined {
  const archive = str(p.filename);
  if (!archive) return undefined;
  try {
    return readFileSync(archive);
  } catch (err) {
    throw new ProviderError(
      `reading ZIP file (${archive}): open ${archive}: ${(err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file or directory" : (err as Error).message}`,
    );
  }
}

function functionAttributes(config: Record<string, any>, region: string): Obj {
  const arn = config.FunctionArn;
  return {
    ...fromApi(config, FUNCTION),
    id: config.FunctionName,
    arn,
    invoke_arn: `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${arn}/invocations`,
    qualified_arn: `${arn}:$LATEST`,
    qualified_invoke_arn: `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${arn}:$LATEST/invocations`,
    version: config.Version ?? "$LATEST",
    last_modified: config.LastModified,
    code_sha256: config.CodeSha256,
    source_code_size: config.CodeSize,
    signing_job_arn: "",
    signing_profile_version_arn: "",
  };
}

/** A statement's attributes as the provider's Read finds them in GetPolicy (FindPolicyStatementByTwoPartKey). */
function permissionAttributes(statement: Record<string, any>, functionName: string): Obj {
  const principal = typeof statement.Principal === "string" ? statement.Principal : (statement.Principal.Service ?? statement.Principal.AWS);
  const condition = statement.Condition ?? {};
  return {
    id: statement.Sid,
    statement_id: statement.Sid,
    function_name: functionName,
    action: statement.Action,
    principal,
    source_arn: condition.ArnLike?.["AWS:SourceArn"] ?? null,
    source_account: condition.StringEquals?.["AWS:SourceAccount"] ?? null,
    principal_org_id: condition.StringEquals?.["aws:PrincipalOrgID"] ?? null,
    event_source_token: condition.StringEquals?.["lambda:EventSourceToken"] ?? null,
  };
}

// ---- IAM and CloudWatch Logs --------------------------------------------------------------

function roleAttributes(role: Record<string, any>): Obj {
  return {
    id: role.RoleName,
    name: role.RoleName,
    arn: role.Arn,
    unique_id: role.RoleId,
    create_date: role.CreateDate,
    path: role.Path,
    assume_role_policy: role.AssumeRolePolicyDocument,
    description: role.Description || null,
    max_session_duration: role.MaxSessionDuration,
  };
}

function logGroupAttributes(group: Record<string, any>): Obj {
  return {
    id: group.logGroupName,
    name: group.logGroupName,
    arn: group.logGroupArn,
    // logs/group.go resourceGroupRead: d.Set("retention_in_days", lg.RetentionInDays), and the SDK
    // stores a nil *int32 as 0 (a group that never expires), the value the schema's Default plans.
    retention_in_days: group.retentionInDays ?? 0,
    kms_key_id: group.kmsKeyId ?? null,
    log_group_class: group.logGroupClass,
    deletion_protection_enabled: group.deletionProtectionEnabled,
  };
}

export const AWS_RESOURCES: Record<string, ResourceBehaviour<AwsContext>> = {
  aws_apigatewayv2_api: withCatalogue("aws_apigatewayv2_api", {
    create: (p, ctx) => {
      const api = ctx.cloud.apigatewayv2.createApi({ ...toApi(p, API), Tags: tagsOf(p) });
      // api.go resourceAPICreate: a body is imported after the create (ReimportApi).
      if (str(p.body)) ctx.cloud.apigatewayv2.reimportApi(String(api.ApiId), str(p.body), p.fail_on_warnings === true);
      return apiAttributes(api, ctx.region);
    },
    update: (p, prior, ctx) =>
      apiAttributes(ctx.cloud.apigatewayv2.updateApi(str(prior.id), { ...cleared(toApi(p, API), API), Tags: tagsOf(p) }), ctx.region),
    delete: (prior, ctx) => ctx.cloud.apigatewayv2.deleteApi(str(prior.id)),
    read: (prior, ctx) => {
      const api = orGone(() => ctx.cloud.apigatewayv2.getApi(str(prior.id)));
      return api && apiAttributes(api, ctx.region);
    },
    importState: (id) => ({ id }),
  }),
  aws_apigatewayv2_authorizer: apiChild("aws_apigatewayv2_authorizer", "authorizers", AUTHORIZER, "AuthorizerId"),
  aws_apigatewayv2_integration: apiChild("aws_apigatewayv2_integration", "integrations", INTEGRATION, "IntegrationId"),
  aws_apigatewayv2_route: apiChild("aws_apigatewayv2_route", "routes", ROUTE, "RouteId"),
  aws_apigatewayv2_stage: withCatalogue("aws_apigatewayv2_stage", {
    create: (p, ctx) => {
      const api = str(p.api_id);
      const stage = ctx.cloud.apigatewayv2.createStage({ ApiId: api, StageName: str(p.name), ...toApi(p, STAGE), Tags: tagsOf(p) });
      return stageAttributes(stage, api, ctx.region);
    },
    update: (p, prior, ctx) =>
      stageAttributes(
        ctx.cloud.apigatewayv2.updateStage(str(prior.api_id), str(prior.name), { ...cleared(toApi(p, STAGE), STAGE), DeploymentId: undefined }),
        str(prior.api_id),
        ctx.region,
      ),
    delete: (prior, ctx) => ctx.cloud.apigatewayv2.deleteStage(str(prior.api_id), str(prior.name)),
    read: (prior, ctx) => {
      const stage = orGone(() => ctx.cloud.apigatewayv2.getStage(str(prior.api_id), str(prior.name) || str(prior.id)));
      return stage && stageAttributes(stage, str(prior.api_id), ctx.region);
    },
    importState: (id) => {
      const { api_id, name } = parts(id, ["api_id", "name"]);
      return { api_id, name, id: name };
    },
  }),
  aws_cloudwatch_log_group: withCatalogue("aws_cloudwatch_log_group", {
    create: (p, ctx) => {
      const group = name(p);
      ctx.cloud.logs.createLogGroup({
        LogGroupName: group,
        KmsKeyId: str(p.kms_key_id) || undefined,
        LogGroupClass: str(p.log_group_class) || undefined,
      });
      if (typeof p.retention_in_days === "number" && p.retention_in_days > 0) ctx.cloud.logs.putRetentionPolicy(group, p.retention_in_days);
      return { ...logGroupAttributes(ctx.cloud.logs.getLogGroup(group)!), name_prefix: str(p.name_prefix) };
    },
    update: (p, prior, ctx) => {
      ctx.cloud.logs.putRetentionPolicy(
        str(prior.name),
        typeof p.retention_in_days === "number" && p.retention_in_days > 0 ? p.retention_in_days : undefined,
      );
      return {};
    },
    delete: (prior, ctx) => ctx.cloud.logs.deleteLogGroup(str(prior.name)),
    read: (prior, ctx) => {
      const group = ctx.cloud.logs.getLogGroup(str(prior.name) || str(prior.id));
      return group ? logGroupAttributes(group) : null;
    },
    importState: (id) => ({ id, name: id }),
  }),
  aws_iam_role: withCatalogue("aws_iam_role", {
    create: (p, ctx) => {
      const role = ctx.cloud.iam.createRole({
        RoleName: name(p),
        AssumeRolePolicyDocument: str(p.assume_role_policy),
        Path: str(p.path) || undefined,
        Description: str(p.description) || undefined,
        MaxSessionDuration: typeof p.max_session_duration === "number" ? p.max_session_duration : undefined,
        Tags: Object.entries(tagsOf(p)).map(([Key, Value]) => ({ Key, Value })),
      });
      return { ...roleAttributes(role), name_prefix: str(p.name_prefix) };
    },
    update: (p, prior, ctx) => {
      ctx.cloud.iam.updateRole(str(prior.name), {
        AssumeRolePolicyDocument: str(p.assume_role_policy),
        Description: str(p.description),
        MaxSessionDuration: typeof p.max_session_duration === "number" ? p.max_session_duration : undefined,
      });
      return {};
    },
    delete: (prior, ctx) => ctx.cloud.iam.deleteRole(str(prior.name)),
    read: (prior, ctx) => {
      const role = orGone(() => ctx.cloud.iam.getRole(str(prior.name) || str(prior.id)));
      return role && roleAttributes(role);
    },
    importState: (id) => ({ id, name: id }),
  }),
  aws_iam_role_policy: withCatalogue("aws_iam_role_policy", {
    create: (p, ctx) => {
      const policy = name(p);
      ctx.cloud.iam.putRolePolicy({ RoleName: str(p.role), PolicyName: policy, PolicyDocument: str(p.policy) });
      return { id: `${str(p.role)}:${policy}`, name: policy, name_prefix: str(p.name_prefix) };
    },
    update: (p, _prior, ctx) => {
      ctx.cloud.iam.putRolePolicy({ RoleName: str(p.role), PolicyName: str(p.name), PolicyDocument: str(p.policy) });
      return {};
    },
    delete: (prior, ctx) => ctx.cloud.iam.deleteRolePolicy(str(prior.role), str(prior.name)),
    read: (prior, ctx) => {
      const found = orGone(() => ctx.cloud.iam.getRolePolicy(str(prior.role), str(prior.name)));
      return found && { id: `${found.RoleName}:${found.PolicyName}`, role: found.RoleName, name: found.PolicyName, policy: found.PolicyDocument };
    },
    importState: (id) => {
      const { role, name: policy } = parts(id, ["role", "name"], ":");
      return { id, role, name: policy };
    },
  }),
  aws_lambda_function: withCatalogue("aws_lambda_function", {
    create: (p, ctx) => {
      // resourceFunctionCreate: a block whose target_arn is empty is a nil element to the SDK, refused before any call.
      const deadLetter = Array.isArray(p.dead_letter_config) ? p.dead_letter_config : [];
      const nilDeadLetter = deadLetter.length > 0 && (!isObj(deadLetter[0]) || str(deadLetter[0].target_arn) === "");
      checkProvider(AWS_CATALOGUE.aws_lambda_function, "dead-letter-config-not-nil", nilDeadLetter ? [{ function: str(p.function_name) }] : []);
      const input: Record<string, any> = { ...toApi(p, FUNCTION), FunctionName: str(p.function_name), Tags: tagsOf(p) };
      // Lambda's default log group when the configuration names none.
      if (input.LoggingConfig && !input.LoggingConfig.LogGroup) input.LoggingConfig.LogGroup = `/aws/lambda/${input.FunctionName}`;
      return functionAttributes(ctx.cloud.lambda.createFunction(input as { FunctionName: string }, archiveOf(p)), ctx.region);
    },
    // UpdateFunctionConfiguration, then UpdateFunctionCode when the code changed: Lambda stamps last_modified anew and hashes new code.
    update: (p, prior, ctx) => {
      const lambda = ctx.cloud.lambda;
      const fn = str(prior.function_name);
      lambda.updateFunctionConfiguration(fn, toApi(p, FUNCTION));
      const code =
        p.filename !== prior.filename || p.source_code_hash !== prior.source_code_hash || isUnknown(p.source_code_hash) ? archiveOf(p) : undefined;
      const config = code ? lambda.updateFunctionCode(fn, code) : lambda.getFunctionConfiguration(fn);
      return functionAttributes(config, ctx.region);
    },
    delete: (prior, ctx) => ctx.cloud.lambda.deleteFunction(str(prior.function_name)),
    read: (prior, ctx) => {
      const config = orGone(() => ctx.cloud.lambda.getFunctionConfiguration(str(prior.function_name) || str(prior.id)));
      return config && functionAttributes(config, ctx.region);
    },
    importState: (id) => ({ id, function_name: id }),
  }),
  aws_lambda_permission: withCatalogue("aws_lambda_permission", {
    create: (p, ctx) => {
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
    delete: (prior, ctx) => quietly(() => ctx.cloud.lambda.removePermission(str(prior.function_name), str(prior.statement_id))),
    read: (prior, ctx) => {
      const statement = ctx.cloud.lambda.statements(str(prior.function_name)).find((s) => s.Sid === str(prior.statement_id));
      if (!statement) return null;
      const { function_name: _keep, ...attrs } = permissionAttributes(statement, str(prior.function_name));
      return attrs;
    },
    importState: (id) => {
      const { function_name, statement_id } = parts(id, ["function_name", "statement_id"]);
      return { id: statement_id, function_name, statement_id };
    },
  }),
};

function stageAttributes(stage: Record<string, any>, api: string, region: string): Obj {
  const name = stage.StageName;
  return {
    ...fromApi(stage, STAGE),
    id: name,
    name,
    api_id: api,
    arn: `arn:aws:apigateway:${region}::/apis/${api}/stages/${name}`,
    execution_arn: `arn:aws:execute-api:${region}:${LOCAL_ACCOUNT_ID}:${api}/${name}`,
    // The $default stage is served at the API's root.
    invoke_url: `https://${api}.execute-api.${region}.amazonaws.com/${name === "$default" ? "" : name}`,
  };
}
