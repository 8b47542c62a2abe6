// What a conformance instance starts from: per resource type a configuration that plans and
// applies, names made unique per instance (the services refuse duplicates), and a valid element
// for each block a rule's path goes through. Literal ids stand in for references, so every
// instance plans on its own.
type Json = any;

export const POLICY = '{"Version":"2012-10-17","Statement":[]}';
const ROLE_ARN = "arn:aws:iam::123456789012:role/conformance";
const FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:conformance";

export interface Fixture {
  /** A configuration that validates, plans and applies. */
  readonly base: Json;
  /** Attributes that must differ between instances, for instance `i`. */
  readonly unique?: (i: number) => Json;
}

export const FIXTURES: Readonly<Record<string, Fixture>> = {
  aws_apigatewayv2_api: { base: { name: "conformance", protocol_type: "HTTP" } },
  aws_apigatewayv2_authorizer: { base: { api_id: "confapi001", authorizer_type: "JWT", name: "conformance", identity_sources: ["$request.header.Authorization"] }, unique: (i) => ({ api_id: `confapi${i}` }) },
  aws_apigatewayv2_integration: { base: { api_id: "confapi001", integration_type: "AWS_PROXY", integration_uri: FUNCTION_ARN }, unique: (i) => ({ api_id: `confapi${i}` }) },
  aws_apigatewayv2_route: { base: { api_id: "confapi001", route_key: "GET /conformance" }, unique: (i) => ({ api_id: `confapi${i}` }) },
  aws_apigatewayv2_stage: { base: { api_id: "confapi001", name: "conformance" } },
  aws_cloudwatch_log_group: { base: { name: "/conformance/group" }, unique: (i) => ({ name: `/conformance/group-${i}` }) },
  aws_iam_role: { base: { name: "conformance", assume_role_policy: POLICY }, unique: (i) => ({ name: `conformance-${i}` }) },
  aws_iam_role_policy: { base: { role: "conformance", name: "conformance", policy: POLICY }, unique: (i) => ({ role: `conformance-${i}` }) },
  aws_lambda_function: {
    base: { function_name: "conformance", role: ROLE_ARN, handler: "index.handler", runtime: "nodejs22.x", filename: "code.zip" },
    unique: (i) => ({ function_name: `conformance-${i}` }),
  },
  aws_lambda_permission: {
    base: { function_name: "conformance", action: "lambda:InvokeFunction", principal: "apigateway.amazonaws.com", statement_id: "conformance" },
    unique: (i) => ({ function_name: `conformance-${i}` }),
  },
  aws_iam_policy_document: { base: { statement: [{ actions: ["s3:GetObject"], resources: ["*"] }] } },

  auth0_resource_server: { base: { identifier: "https://conformance.example" }, unique: (i) => ({ identifier: `https://conformance.example/${i}` }) },
  auth0_resource_server_scopes: { base: { resource_server_identifier: "https://conformance.example", scopes: [{ name: "read:all" }] } },
  auth0_role: { base: { name: "conformance" } },
  auth0_role_permissions: { base: { role_id: "rol_conformance", permissions: [{ name: "read:all", resource_server_identifier: "https://conformance.example" }] } },
  auth0_client: { base: { name: "conformance" } },
  auth0_client_grant: { base: { client_id: "conformanceclient", audience: "https://conformance.example", scopes: ["read:all"] } },
  auth0_user: { base: { connection_name: "Username-Password-Authentication", email: "conformance@example.test", password: "correct horse battery" } },
  auth0_user_roles: { base: { user_id: "auth0|conformance", roles: ["rol_conformance"] } },
};

/** A valid element of each block rules reach into, by type and block path. */
export const BLOCKS: Readonly<Record<string, Readonly<Record<string, Json>>>> = {
  aws_apigatewayv2_api: { cors_configuration: { allow_origins: ["https://example.test"] } },
  aws_apigatewayv2_integration: { response_parameters: { status_code: "200", mappings: { "overwrite:statuscode": "204" } } },
  aws_apigatewayv2_route: { request_parameter: { request_parameter_key: "route.request.header.x", required: false } },
  aws_apigatewayv2_stage: {
    access_log_settings: { destination_arn: "arn:aws:logs:us-east-1:123456789012:log-group:conformance", format: "$context.requestId" },
    default_route_settings: { throttling_burst_limit: 10, throttling_rate_limit: 5 },
    route_settings: { route_key: "GET /conformance" },
  },
  aws_iam_role: { inline_policy: { name: "conformance-inline", policy: POLICY } },
  aws_lambda_function: {
    capacity_provider_config: { lambda_managed_instances_capacity_provider_config: [{ capacity_provider_arn: "arn:aws:lambda:us-east-1:123456789012:capacity-provider:c" }] },
    "capacity_provider_config.lambda_managed_instances_capacity_provider_config": { capacity_provider_arn: "arn:aws:lambda:us-east-1:123456789012:capacity-provider:c" },
    dead_letter_config: { target_arn: "arn:aws:sqs:us-east-1:123456789012:dlq" },
    durable_config: { execution_timeout: 60 },
    ephemeral_storage: { size: 512 },
    file_system_config: { arn: "arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-1", local_mount_path: "/mnt/data" },
    logging_config: { log_format: "JSON" },
    snap_start: { apply_on: "None" },
    tenancy_config: { tenant_isolation_mode: "PER_TENANT" },
    tracing_config: { mode: "PassThrough" },
    vpc_config: { security_group_ids: ["sg-1"], subnet_ids: ["subnet-1"] },
  },
  aws_iam_policy_document: {
    statement: { actions: ["s3:GetObject"], resources: ["*"] },
    "statement.condition": { test: "StringEquals", variable: "aws:PrincipalTag/team", values: ["a"] },
    "statement.principals": { type: "Service", identifiers: ["lambda.amazonaws.com"] },
    "statement.not_principals": { type: "AWS", identifiers: ["arn:aws:iam::123456789012:root"] },
  },
  auth0_resource_server: {
    token_encryption: { format: "compact-nested-jwe", encryption_key: [{ algorithm: "RSA-OAEP-256", pem: "-----BEGIN PUBLIC KEY-----" }] },
    "token_encryption.encryption_key": { algorithm: "RSA-OAEP-256", pem: "-----BEGIN PUBLIC KEY-----" },
    proof_of_possession: { mechanism: "dpop" },
    subject_type_authorization: { user: [{ policy: "allow_all" }], client: [{ policy: "deny_all" }] },
    "subject_type_authorization.user": { policy: "allow_all" },
    "subject_type_authorization.client": { policy: "deny_all" },
    authorization_details: { type: "payment" },
  },
  auth0_resource_server_scopes: { scopes: { name: "read:all" } },
  auth0_role_permissions: { permissions: { name: "read:all", resource_server_identifier: "https://conformance.example" } },
  auth0_client: {
    jwt_configuration: { alg: "RS256" },
    refresh_token: { rotation_type: "rotating", expiration_type: "expiring" },
    "refresh_token.policies": { audience: "https://conformance.example", scope: ["read:all"] },
    mobile: { ios: [{ team_id: "TEAM" }] },
    "mobile.android": { app_package_name: "com.example" },
    "mobile.ios": { team_id: "TEAM" },
    addons: {},
    "addons.aws": {},
    "addons.azure_blob": {},
    "addons.azure_sb": {},
    "addons.rms": {},
    "addons.mscrm": {},
    "addons.sentry": {},
    "addons.salesforce": {},
    "addons.firebase": {},
    "addons.layer": { provider_id: "p", key_id: "k", private_key: "pk" },
    "addons.sap_api": {},
    "addons.samlp": {},
    token_exchange: { allow_any_profile_of_type: ["custom_authentication"] },
    oidc_logout: { backchannel_logout_urls: ["https://example.test/logout"] },
    "oidc_logout.backchannel_logout_initiators": { mode: "all" },
    "oidc_logout.backchannel_logout_session_metadata": { include: true },
    session_transfer: {},
    "session_transfer.delegation": {},
    fedcm_login: { google: [{ is_enabled: false }] },
    "fedcm_login.google": { is_enabled: false },
    identity_assertion_authorization_grant: { active: false },
    my_organization_configuration: {},
  },
};
