// hashicorp/aws 6.25.0, as far as the aws stack uses it: the ten resources and one data
// source of schema/aws-6.25.0.providers-schema.json. Each behaviour names the provider
// source it follows (hashicorp/terraform-provider-aws, internal/service/...). Nothing here
// calls AWS: ARNs and ids are made up in the local account 123456789012.
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { isObj, isUnknown, type Obj, type SchemaBlock, type Value } from "../cty";
import { randomId, type DataSourceBehaviour, type ProviderContext, type ProviderDefinition, type ResourceBehaviour } from "../provider";
import { check, inBlock, intBetween, intOneOf, lengthBetween, matches, oneOf, validJson } from "../validation";
import { renderPolicyDocument } from "./policy-document";

export const LOCAL_ACCOUNT_ID = "123456789012";

export interface AwsContext extends ProviderContext {
  readonly region: string;
  readonly defaultTags: Record<string, string>;
}

function awsContext(config: Obj, env: NodeJS.ProcessEnv): AwsContext {
  const region = (typeof config.region === "string" && config.region) || env.AWS_REGION || env.AWS_DEFAULT_REGION || "us-east-1";
  const tags: Record<string, string> = {};
  for (const block of Array.isArray(config.default_tags) ? config.default_tags : []) {
    if (isObj(block) && isObj(block.tags)) for (const [k, v] of Object.entries(block.tags)) if (typeof v === "string") tags[k] = v;
  }
  return { config, env, region, defaultTags: tags };
}

/** The provider's region on every resource that has the 6.x `region` argument, and `tags_all` from default_tags. */
function planExtras(planned: Obj, schema: SchemaBlock, context: AwsContext): void {
  if (schema.attributes?.region && planned.region === null) planned.region = context.region;
  if (schema.attributes?.tags_all) {
    const tags = planned.tags;
    planned.tags_all = isUnknown(tags) ? tags : { ...context.defaultTags, ...(isObj(tags) ? (tags as Record<string, string>) : {}) };
  }
}

const LOG_RETENTION_DAYS = [0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
/** aws-sdk-go-v2 lambda types.Runtime, as enum.Validate lists it. */
const LAMBDA_RUNTIMES = [
  "nodejs", "nodejs4.3", "nodejs6.10", "nodejs8.10", "nodejs10.x", "nodejs12.x", "nodejs14.x", "nodejs16.x", "java8", "java8.al2", "java11",
  "python2.7", "python3.6", "python3.7", "python3.8", "python3.9", "dotnetcore1.0", "dotnetcore2.0", "dotnetcore2.1", "dotnetcore3.1", "dotnet6",
  "dotnet8", "nodejs4.3-edge", "go1.x", "ruby2.5", "ruby2.7", "provided", "provided.al2", "nodejs18.x", "python3.10", "java17", "ruby3.2",
  "ruby3.3", "ruby3.4", "python3.11", "nodejs20.x", "provided.al2023", "python3.12", "java21", "python3.13", "nodejs22.x",
];
const str = (v: Value) => (typeof v === "string" ? v : "");
const now = () => new Date().toISOString().replace(/\.\d+Z$/, ".000+0000");

const resources: Record<string, ResourceBehaviour<AwsContext>> = {
  aws_apigatewayv2_api: {
    source: "internal/service/apigatewayv2/api.go",
    forceNew: ["protocol_type"],
    defaults: { api_key_selection_expression: "$request.header.x-api-key", route_selection_expression: "$request.method $request.path", disable_execute_api_endpoint: false },
    validate: (c) => [
      ...check(c, "protocol_type", oneOf(["HTTP", "WEBSOCKET"])),
      ...check(c, "name", lengthBetween(1, 128)),
      ...inBlock(c, "cors_configuration", (cors) => check(cors, "max_age", intBetween(-1, 86400))),
    ],
    apply: (p, ctx) => {
      const id = randomId(10);
      return {
        id,
        api_endpoint: str(p.protocol_type) === "WEBSOCKET" ? `wss://${id}.execute-api.${ctx.region}.amazonaws.com` : `https://${id}.execute-api.${ctx.region}.amazonaws.com`,
        arn: `arn:aws:apigateway:${ctx.region}::/apis/${id}`,
        execution_arn: `arn:aws:execute-api:${ctx.region}:${LOCAL_ACCOUNT_ID}:${id}`,
      };
    },
  },
  aws_apigatewayv2_authorizer: {
    source: "internal/service/apigatewayv2/authorizer.go",
    forceNew: ["api_id"],
    validate: (c) => [
      ...check(c, "authorizer_type", oneOf(["JWT", "REQUEST"])),
      ...check(c, "name", lengthBetween(1, 128)),
      ...check(c, "authorizer_result_ttl_in_seconds", intBetween(0, 3600)),
      ...check(c, "authorizer_payload_format_version", oneOf(["1.0", "2.0"])),
    ],
    apply: () => ({ id: randomId(6) }),
  },
  aws_apigatewayv2_integration: {
    source: "internal/service/apigatewayv2/integration.go",
    forceNew: ["api_id", "integration_type"],
    defaults: { connection_type: "INTERNET", payload_format_version: "1.0" },
    validate: (c) => [
      ...check(c, "integration_type", oneOf(["AWS", "AWS_PROXY", "HTTP", "HTTP_PROXY", "MOCK"])),
      ...check(c, "connection_type", oneOf(["INTERNET", "VPC_LINK"])),
      ...check(c, "payload_format_version", oneOf(["1.0", "2.0"])),
      ...check(c, "passthrough_behavior", oneOf(["WHEN_NO_MATCH", "NEVER", "WHEN_NO_TEMPLATES"])),
      ...check(c, "content_handling_strategy", oneOf(["CONVERT_TO_BINARY", "CONVERT_TO_TEXT"])),
      ...check(c, "timeout_milliseconds", intBetween(50, 900000)),
    ],
    apply: () => ({ id: randomId(7), timeout_milliseconds: 30000 }),
  },
  aws_apigatewayv2_route: {
    source: "internal/service/apigatewayv2/route.go",
    forceNew: ["api_id"],
    defaults: { api_key_required: false, authorization_type: "NONE" },
    validate: (c) => [
      ...check(c, "authorization_type", oneOf(["NONE", "AWS_IAM", "CUSTOM", "JWT"])),
      ...check(c, "operation_name", lengthBetween(1, 64)),
      ...check(c, "target", lengthBetween(1, 128)),
    ],
    apply: () => ({ id: randomId(7) }),
  },
  aws_apigatewayv2_stage: {
    source: "internal/service/apigatewayv2/stage.go",
    forceNew: ["api_id", "name"],
    defaults: { auto_deploy: false },
    validate: (c) => [
      ...check(c, "name", lengthBetween(1, 128)),
      ...inBlock(c, "default_route_settings", (s) => check(s, "logging_level", oneOf(["ERROR", "INFO", "OFF"]))),
    ],
    apply: (p, ctx) => {
      const api = str(p.api_id);
      const name = str(p.name);
      return {
        id: name,
        arn: `arn:aws:apigateway:${ctx.region}::/apis/${api}/stages/${name}`,
        execution_arn: `arn:aws:execute-api:${ctx.region}:${LOCAL_ACCOUNT_ID}:${api}/${name}`,
        // The $default stage is served at the API's root.
        invoke_url: `https://${api}.execute-api.${ctx.region}.amazonaws.com/${name === "$default" ? "" : name}`,
        deployment_id: randomId(6),
      };
    },
  },
  aws_cloudwatch_log_group: {
    source: "internal/service/logs/group.go",
    forceNew: ["name", "name_prefix", "log_group_class"],
    defaults: { skip_destroy: false, retention_in_days: 0 },
    validate: (c) => [...check(c, "retention_in_days", intOneOf(LOG_RETENTION_DAYS)), ...check(c, "log_group_class", oneOf(["STANDARD", "INFREQUENT_ACCESS", "DELIVERY"])), ...check(c, "name", lengthBetween(1, 512))],
    apply: (p, ctx) => {
      const name = str(p.name) || `terraform-${randomId(26)}`;
      return { id: name, name, arn: `arn:aws:logs:${ctx.region}:${LOCAL_ACCOUNT_ID}:log-group:${name}`, log_group_class: "STANDARD", name_prefix: "" };
    },
  },
  aws_iam_role: {
    source: "internal/service/iam/role.go",
    forceNew: ["name", "name_prefix", "path"],
    defaults: { path: "/", max_session_duration: 3600, force_detach_policies: false },
    validate: (c) => [
      ...check(c, "assume_role_policy", validJson),
      ...check(c, "name", lengthBetween(1, 64), matches(/^[\w+=,.@-]*$/, "must match [\\w+=,.@-]")),
      ...check(c, "max_session_duration", intBetween(3600, 43200)),
    ],
    apply: (p) => {
      const name = str(p.name) || `terraform-${randomId(26)}`;
      return { id: name, name, arn: `arn:aws:iam::${LOCAL_ACCOUNT_ID}:role${str(p.path) || "/"}${name}`, unique_id: `AROA${randomId(17, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")}`, create_date: new Date().toISOString().replace(/\.\d+Z$/, "Z"), name_prefix: "" };
    },
  },
  aws_iam_role_policy: {
    source: "internal/service/iam/role_policy.go",
    forceNew: ["name", "name_prefix", "role"],
    validate: (c) => [...check(c, "policy", validJson), ...check(c, "name", lengthBetween(1, 128))],
    apply: (p) => ({ id: `${str(p.role)}:${str(p.name)}`, name_prefix: "" }),
  },
  aws_lambda_function: {
    source: "internal/service/lambda/function.go",
    forceNew: ["function_name"],
    defaults: { memory_size: 128, timeout: 3, package_type: "Zip", publish: false, reserved_concurrent_executions: -1, skip_destroy: false, description: "" },
    validate: (c) => [
      ...check(c, "runtime", oneOf(LAMBDA_RUNTIMES)),
      ...check(c, "architectures", oneOf(["x86_64", "arm64"])),
      ...check(c, "memory_size", intBetween(128, 10240)),
      ...check(c, "package_type", oneOf(["Zip", "Image"])),
      ...check(c, "function_name", lengthBetween(1, 140), matches(/^(arn:[\w-]+:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\$LATEST|[a-zA-Z0-9-_]+))?$/, "must be a function name or ARN")),
      ...inBlock(c, "logging_config", (l) => [
        ...check(l, "log_format", oneOf(["JSON", "Text"])),
        ...check(l, "application_log_level", oneOf(["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"])),
        ...check(l, "system_log_level", oneOf(["DEBUG", "INFO", "WARN"])),
      ]),
    ],
    // CustomizeDiff: a code change recomputes the code's hash and size; any change, last_modified.
    unknownOnUpdate: (changed) => {
      const code = ["filename", "source_code_hash", "s3_bucket", "s3_key", "s3_object_version", "image_uri"].some((a) => changed.has(a));
      return ["last_modified", ...(code ? ["code_sha256", "source_code_size"] : [])];
    },
    apply: (p, ctx) => {
      const name = str(p.function_name);
      const arn = `arn:aws:lambda:${ctx.region}:${LOCAL_ACCOUNT_ID}:function:${name}`;
      const archive = str(p.filename);
      let code: Obj = {};
      if (archive) {
        // Read as the provider reads it: relative to terraform's working directory.
        const bytes = readFileSync(archive);
        code = { code_sha256: createHash("sha256").update(bytes).digest("base64"), source_code_size: statSync(archive).size };
      }
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
        architectures: ["x86_64"],
        ...code,
      };
    },
  },
  aws_lambda_permission: {
    source: "internal/service/lambda/permission.go",
    // A permission has no update: every argument forces a new one.
    forceNew: ["action", "event_source_token", "function_name", "function_url_auth_type", "principal", "principal_org_id", "qualifier", "source_account", "source_arn", "statement_id", "statement_id_prefix"],
    validate: (c) => [
      ...check(c, "action", matches(/^(lambda:[*]|lambda:[a-zA-Z]+|[*])$/, "must be lambda:<Action>, lambda:* or *")),
      ...check(c, "statement_id", lengthBetween(1, 100), matches(/^[a-zA-Z0-9_-]+$/, "must contain only alphanumeric characters, underscores and hyphens")),
    ],
    apply: (p) => ({ id: str(p.statement_id) || `terraform-${randomId(26)}`, statement_id: str(p.statement_id) || `terraform-${randomId(26)}`, statement_id_prefix: "" }),
  },
};

const dataSources: Record<string, DataSourceBehaviour<AwsContext>> = {
  aws_iam_policy_document: {
    source: "internal/service/iam/policy_document_data_source.go",
    validate: (c) => inBlock(c, "statement", (s) => check(s, "effect", oneOf(["Allow", "Deny"]))),
    read: (config) => renderPolicyDocument(config),
  },
};

export function awsProvider(schema: ProviderDefinition["schema"]): ProviderDefinition<AwsContext> {
  return { address: "hashicorp/aws", schema, resources, dataSources, context: awsContext, planExtras };
}

