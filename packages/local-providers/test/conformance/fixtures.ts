// What a conformance instance starts from: per resource type a configuration that plans and
// applies, names made unique per instance (the services refuse duplicates), and a valid element
// for each block a rule's path goes through. Literal ids stand in for references, so every
// instance plans on its own; the few rules that need objects of the same apply refer to SUPPORT.
import { hostedZoneIdOf } from "../../src/cloud-api";

type Json = any;

/** The public hosted zones of the conformance account (LOCAL_AWS_HOSTED_ZONES). */
export const HOSTED_ZONES = ["conformance.example"] as const;
export const ZONE_ID = hostedZoneIdOf(HOSTED_ZONES[0]);
const CERTIFICATE_ARN = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b";
const ALIAS = { name: "d-conformance.execute-api.us-east-1.amazonaws.com", zone_id: "Z1UJRXOUMOOFQ8", evaluate_target_health: false };

/**
 * Resources every apply of the rules has beside the cases, for cases that refer to them: a
 * certificate left pending (no records), one validated by email, one imported, and one validated by records written for each of its
 * domain_validation_options (the for_each plans only if the provider knows their names at plan).
 */
export const SUPPORT: Readonly<Record<string, Json>> = {
  auth0: {
    // An API whose scopes another resource set: the guard of auth0_resource_server_scopes protects them.
    auth0_resource_server_scopes: { held: { resource_server_identifier: "https://conformance.example/held", scopes: [{ name: "read:held" }] } },
  },
  aws: {
    aws_acm_certificate: {
      pending: { domain_name: "pending.conformance.example", validation_method: "DNS" },
      email: { domain_name: "email.conformance.example", validation_method: "EMAIL" },
      imported: {
        certificate_body: "-----BEGIN CERTIFICATE-----\nMIIBconformance\n-----END CERTIFICATE-----\n",
        private_key: "-----BEGIN RSA PRIVATE KEY-----\nMIIBconformance\n-----END RSA PRIVATE KEY-----\n",
      },
      validated: {
        domain_name: "validated.conformance.example",
        validation_method: "DNS",
        subject_alternative_names: ["www.validated.conformance.example"],
      },
    },
    aws_route53_record: {
      validated: {
        for_each: "${{ for dvo in aws_acm_certificate.validated.domain_validation_options : dvo.domain_name => dvo }}",
        zone_id: ZONE_ID,
        name: "${each.value.resource_record_name}",
        type: "${each.value.resource_record_type}",
        records: ["${each.value.resource_record_value}"],
        ttl: 60,
      },
    },
  },
};
/** Scopes set after the support resource's on the same API: the same ones, or others. */
export const SCOPES_AFTER_HELD = (name: string) => ({
  resource_server_identifier: "https://conformance.example/held",
  scopes: [{ name }],
  depends_on: ["auth0_resource_server_scopes.held"],
});
/** What a case writes to use the validated certificate and its records. */
export const VALIDATED = {
  certificate_arn: "${aws_acm_certificate.validated.arn}",
  validation_record_fqdns: "${[for r in aws_route53_record.validated : r.fqdn]}",
};
export const PENDING_ARN = "${aws_acm_certificate.pending.arn}";
/** A certificate validated by email: never issued locally, and never one to name DNS records for. */
export const EMAIL_ARN = "${aws_acm_certificate.email.arn}";
export const IMPORTED_ARN = "${aws_acm_certificate.imported.arn}";

const POLICY = '{"Version":"2012-10-17","Statement":[]}';
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
  aws_apigatewayv2_authorizer: {
    base: { api_id: "confapi001", authorizer_type: "JWT", name: "conformance", identity_sources: ["$request.header.Authorization"] },
    unique: (i) => ({ api_id: `confapi${i}` }),
  },
  aws_apigatewayv2_integration: {
    base: { api_id: "confapi001", integration_type: "AWS_PROXY", integration_uri: FUNCTION_ARN },
    unique: (i) => ({ api_id: `confapi${i}` }),
  },
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
  aws_acm_certificate: {
    base: { domain_name: "cert.conformance.example", validation_method: "DNS" },
    unique: (i) => ({ domain_name: `cert${i}.conformance.example` }),
  },
  aws_acm_certificate_validation: { base: { certificate_arn: CERTIFICATE_ARN } },
  aws_route53_record: {
    base: { zone_id: ZONE_ID, name: "record.conformance.example", type: "A", ttl: 300, records: ["192.0.2.1"] },
    unique: (i) => ({ name: `record${i}.conformance.example` }),
  },
  aws_apigatewayv2_domain_name: {
    base: {
      domain_name: "api.conformance.example",
      domain_name_configuration: [{ certificate_arn: CERTIFICATE_ARN, endpoint_type: "REGIONAL", security_policy: "TLS_1_2" }],
    },
    unique: (i) => ({ domain_name: `api${i}.conformance.example` }),
  },
  aws_apigatewayv2_api_mapping: { base: { api_id: "confapi001", domain_name: "api.conformance.example", stage: "$default" } },
  aws_route53_zone: { base: { name: HOSTED_ZONES[0] } },

  auth0_resource_server: { base: { identifier: "https://conformance.example" }, unique: (i) => ({ identifier: `https://conformance.example/${i}` }) },
  auth0_resource_server_scopes: { base: { resource_server_identifier: "https://conformance.example", scopes: [{ name: "read:all" }] } },
  auth0_role: { base: { name: "conformance" } },
  auth0_role_permissions: {
    base: { role_id: "rol_conformance", permissions: [{ name: "read:all", resource_server_identifier: "https://conformance.example" }] },
  },
  auth0_client: { base: { name: "conformance" } },
  auth0_client_grant: { base: { client_id: "conformanceclient", audience: "https://conformance.example", scopes: ["read:all"] } },
  // Auth0 keeps one user an e-mail in a connection (POST /api/v2/users answers 409): one each.
  auth0_user: {
    base: { connection_name: "Username-Password-Authentication", email: "conformance@example.test", password: "correct horse battery" },
    unique: (i) => ({ email: `conformance-${i}@example.test` }),
  },
  auth0_user_roles: { base: { user_id: "auth0|conformance", roles: ["rol_conformance"] } },
  auth0_action: {
    base: { name: "conformance", code: "exports.onExecutePostLogin = async () => {};", supported_triggers: [{ id: "post-login", version: "v3" }] },
  },
  // The Action named is a literal id, as the other children name made-up parents (FIDELITY.md, references).
  auth0_trigger_actions: { base: { trigger: "post-login", actions: [{ id: "act_conformance", display_name: "conformance" }] } },
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
    capacity_provider_config: {
      lambda_managed_instances_capacity_provider_config: [{ capacity_provider_arn: "arn:aws:lambda:us-east-1:123456789012:capacity-provider:c" }],
    },
    "capacity_provider_config.lambda_managed_instances_capacity_provider_config": {
      capacity_provider_arn: "arn:aws:lambda:us-east-1:123456789012:capacity-provider:c",
    },
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
  aws_acm_certificate: {
    options: { certificate_transparency_logging_preference: "ENABLED" },
    validation_option: { domain_name: "cert.conformance.example", validation_domain: "conformance.example" },
  },
  aws_route53_record: { alias: ALIAS },
  aws_apigatewayv2_domain_name: {
    domain_name_configuration: { certificate_arn: CERTIFICATE_ARN, endpoint_type: "REGIONAL", security_policy: "TLS_1_2" },
    mutual_tls_authentication: { truststore_uri: "s3://conformance/truststore.pem" },
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
    proof_of_possession: { mechanism: "dpop", required: true },
    subject_type_authorization: { user: [{ policy: "allow_all" }], client: [{ policy: "deny_all" }] },
    "subject_type_authorization.user": { policy: "allow_all" },
    "subject_type_authorization.client": { policy: "deny_all" },
    authorization_details: { type: "payment" },
  },
  auth0_resource_server_scopes: { scopes: { name: "read:all" } },
  auth0_action: {
    supported_triggers: { id: "post-login", version: "v3" },
    dependencies: { name: "lodash", version: "4.17.21" },
    secrets: { name: "KEY", value: "conformance" },
    modules: { module_id: "mod_conformance", module_version_id: "modver_conformance" },
  },
  auth0_trigger_actions: { actions: { id: "act_conformance", display_name: "conformance" } },
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
    token_quota: { client_credentials: [{ per_day: 1000 }] },
    "token_quota.client_credentials": { per_day: 1000 },
    my_organization_configuration: {},
  },
};

export { ALIAS };
