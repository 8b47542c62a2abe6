// One conformance case per catalogue rule, by rule id: "derived" takes the passing and failing
// values from the rule's own check (derive.ts), anything else says them. A rule without a case,
// or a case without its rule, fails the catalogue test (__tests__/catalogue.test.ts): removing a
// rule from the catalogue cannot go unnoticed.
import { ALIAS, EMAIL_ARN, IMPORTED_ARN, PENDING_ARN, SCOPES_AFTER_HELD, VALIDATED, ZONE_ID } from "./fixtures";

type Json = any;

export type Case =
  | "derived"
  | {
      /** Values at the rule's path. */
      readonly pass?: Json;
      readonly fail?: Json;
      /** Partial configurations merged over the instance, for rules between attributes. */
      readonly passWith?: Json;
      readonly failWith?: Json;
      /** Merged into every instance of the rule; `drop` removes fixture attributes first. */
      readonly with?: Json;
      readonly drop?: readonly string[];
      /** A force-new or plan-modifier rule: the value applied, and the value planned next. */
      readonly from?: Json;
      readonly to?: Json;
      readonly toWith?: Json;
      /** Where `from` and `to` go, when not at the rule's path (a plan modifier's trigger). */
      readonly at?: string;
      /** A service quota or uniqueness rule, or a provider check instances meet in: `count` instances sharing `each`, of which `failures` fail. */
      readonly quota?: { readonly count: number; readonly each: Json; readonly failures?: number };
      /** Why no value can fail the rule (it is run all the same). */
      readonly neverFails?: string;
      /**
       * Text the failing value's error must hold, literally: for rules whose message is all
       * placeholders ("{err}"), the wording the provider or service gives this value.
       */
      readonly failMessage?: string;
      /** A value computed at plan: where the change stage's plan shows it, and what it must be. */
      readonly plannedAt?: string;
      readonly planned?: Json;
    };

const ARN = (resource: string) => `arn:aws:iam::123456789012:${resource}`;

/** A policy of about `chars` characters without whitespace, as IAM counts a role's inline policies. */
const policyOf = (chars: number) =>
  JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "A".repeat(chars - 90), Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] });

/**
 * How many of these permissions fit one function's policy: Lambda's policy layout (a statement per
 * AddPermission, as GetPolicy returns it) within the 20,480 bytes. The case adds one more.
 */
const PERMISSIONS_THAT_FIT = (() => {
  const statement = {
    Sid: "s000",
    Effect: "Allow",
    Principal: { Service: "apigateway.amazonaws.com" },
    Action: "lambda:InvokeFunction",
    Resource: "arn:aws:lambda:us-east-1:123456789012:function:conformance-policy",
    Condition: { ArnLike: { "AWS:SourceArn": "arn:aws:execute-api:us-east-1:123456789012:abcdefghij/*/GET/r000" } },
  };
  const overhead = JSON.stringify({ Version: "2012-10-17", Id: "default", Statement: [] }).length;
  const each = JSON.stringify(statement).length;
  return Math.floor((20480 - overhead + 1) / (each + 1));
})();

const from = (a: Json, b: Json, extra: object = {}) => ({ from: a, to: b, ...extra });

/** Policy documents of one or more statements, for IAM's grammar (src/aws/api/iam-policy-grammar.ts). */
const policy = (...statements: Json[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const TRUST = { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" };
const INLINE = { Effect: "Allow", Action: "logs:PutLogEvents", Resource: "arn:aws:logs:us-east-1:123456789012:log-group:conformance:*" };
/** A trust policy of exactly `chars` characters, none of them white space. */
const trustOf = (chars: number) => policy({ ...TRUST, Sid: "A".repeat(chars - policy({ ...TRUST, Sid: "" }).length) });
/** A rule of IAM's grammar: a passing document, and one IAM refuses by the rule. */
const grammar = (pass: Json, fail: Json) => ({ pass: policy(pass), fail: typeof fail === "string" ? fail : policy(...[fail].flat()) });
const NOT_JSON_AT_APPLY = "terraform cannot send it: verify.ValidIAMPolicyJSON refuses every document that is not a JSON object at plan";

/** An OpenAPI document whose one response refers to `ref`; it defines the schema "Known". */
const openApi = (ref: string) =>
  JSON.stringify({
    openapi: "3.0.1",
    info: { title: "conformance", version: "1.0" },
    paths: { "/a": { get: { responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: ref } } } } } } } },
    components: { schemas: { Known: { type: "object" } } },
  });

/** A computed block or suppressed value: applied as `a` (at `at`), planned as `b`, the plan still shows `planned` at `plannedAt`. */
const kept = (a: Json, b: Json, plannedAt: string, planned: Json, at?: string) => ({ from: a, to: b, plannedAt, planned, ...(at ? { at } : {}) });

/** A certificate brought in rather than requested (ImportCertificate). */
const IMPORTED = {
  domain_name: null,
  validation_method: null,
  certificate_body: "-----BEGIN CERTIFICATE-----",
  private_key: "-----BEGIN PRIVATE KEY-----",
};
const CA_ARN = "arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/conformance";
const VALIDATION_OPTION = { domain_name: "cert.conformance.example", validation_domain: "conformance.example" };
const NO_RECORDS = { drop: ["records", "ttl"] } as const;

/**
 * The applied quota value the aws conformance run gives its account (LOCAL_AWS_QUOTAS), as an
 * account whose routes quota differs from the default would: 6 routes show the quota as well
 * as 301, at a fiftieth of terraform's time. The default itself (300) is checked against the
 * service objects in __tests__/service-apis.test.ts; fixed quotas run at their values.
 */
export const APPLIED_QUOTAS = { "routes-per-api": 5 } as const;

export const CASES: Readonly<Record<string, Case>> = {
  // auth0_resource_server
  "auth0_resource_server:identifier:required": "derived",
  "auth0_resource_server:token_encryption.encryption_key.algorithm:required": "derived",
  "auth0_resource_server:token_encryption.encryption_key.pem:required": "derived",
  "auth0_resource_server:identifier:force-new": from("https://conformance.example/a", "https://conformance.example/b"),
  "auth0_resource_server:signing_alg:one-of": "derived",
  "auth0_resource_server:signing_secret:min-length": "derived",
  "auth0_resource_server:token_lifetime:whole-number": "derived",
  "auth0_resource_server:token_lifetime_for_web:whole-number": "derived",
  "auth0_resource_server:token_dialect:one-of": "derived",
  "auth0_resource_server:consent_policy:one-of": "derived",
  "auth0_resource_server:token_encryption.format:one-of": "derived",
  "auth0_resource_server:token_encryption.format:required-with": {
    passWith: { token_encryption: [{ format: "compact-nested-jwe", encryption_key: [{ algorithm: "RSA-OAEP-256", pem: "PEM" }] }] },
    failWith: { token_encryption: [{ format: "compact-nested-jwe" }] },
  },
  "auth0_resource_server:token_encryption.encryption_key:required-with": {
    passWith: { token_encryption: [{ format: "compact-nested-jwe", encryption_key: [{ algorithm: "RSA-OAEP-256", pem: "PEM" }] }] },
    failWith: { token_encryption: [{ encryption_key: [{ algorithm: "RSA-OAEP-256", pem: "PEM" }] }] },
  },
  "auth0_resource_server:proof_of_possession.mechanism:one-of": "derived",
  "auth0_resource_server:proof_of_possession.required_for:one-of": "derived",
  "auth0_resource_server:subject_type_authorization.user.policy:one-of": "derived",
  "auth0_resource_server:subject_type_authorization.client.policy:one-of": "derived",
  "auth0_resource_server:authorization_details:custom:disable-excludes-settings": {
    passWith: { authorization_details: [{ type: "payment" }] },
    failWith: { authorization_details: [{ disable: true }, { type: "payment" }] },
  },
  "auth0_resource_server:signing_alg:computed": "derived",
  "auth0_resource_server:token_lifetime:computed": "derived",
  "auth0_resource_server:token_lifetime_for_web:computed": "derived",
  "auth0_resource_server:token_dialect:computed": "derived",
  "auth0_resource_server:enforce_policies:computed": "derived",
  "auth0_resource_server:allow_offline_access:computed": "derived",
  "auth0_resource_server:skip_consent_for_verifiable_first_party_clients:computed": "derived",
  "auth0_resource_server:identifier:custom": { quota: { count: 2, each: { identifier: "https://conformance.example/twice" } } },
  "auth0_resource_server:name:does-not-match": { pass: "Conformance API", fail: "Conformance <API>" },
  "auth0_resource_server:name:max-length": "derived",
  "auth0_resource_server:identifier:max-length": "derived",
  "auth0_resource_server:token_lifetime:int-at-least": "derived",
  "auth0_resource_server:token_lifetime:int-at-most": "derived",
  // mechanism and required come together (the request schema); the provider sends what the block sets.
  "auth0_resource_server:proof_of_possession:custom": {
    passWith: { proof_of_possession: [{ mechanism: "dpop", required: true }] },
    failWith: { proof_of_possession: [{ mechanism: "dpop" }] },
    failMessage: "Payload validation error: 'Missing required property: required' on property proof_of_possession",
  },
  "auth0_resource_server:authorization_details:computed-block": kept([{ type: "payment" }], [], "authorization_details.type", "payment"),
  "auth0_resource_server:token_encryption:computed-block": kept(
    [{ format: "compact-nested-jwe", encryption_key: [{ algorithm: "RSA-OAEP-256", pem: "PEM" }] }],
    [],
    "token_encryption.format",
    "compact-nested-jwe",
  ),
  // The block keeps its key when the configuration disables it (the key alone would not validate).
  "auth0_resource_server:token_encryption.encryption_key:computed-block": kept(
    [{ format: "compact-nested-jwe", encryption_key: [{ algorithm: "RSA-OAEP-256", pem: "PEM" }] }],
    [{ disable: true }],
    "token_encryption.encryption_key.algorithm",
    "RSA-OAEP-256",
    "token_encryption",
  ),
  // The request schema wants mechanism and required together (the :custom case above).
  "auth0_resource_server:proof_of_possession:computed-block": kept(
    [{ mechanism: "dpop", required: true }],
    [],
    "proof_of_possession.mechanism",
    "dpop",
  ),
  "auth0_resource_server:authorization_policy:computed-block": kept([{ policy_id: "policy" }], [], "authorization_policy.policy_id", "policy"),
  "auth0_resource_server:subject_type_authorization:computed-block": kept(
    [{ user: [{ policy: "allow_all" }] }],
    [],
    "subject_type_authorization.user.policy",
    "allow_all",
  ),
  "auth0_resource_server:subject_type_authorization.user:computed-block": kept(
    [{ user: [{ policy: "allow_all" }], client: [{ policy: "deny_all" }] }],
    [{ client: [{ policy: "deny_all" }] }],
    "subject_type_authorization.user.policy",
    "allow_all",
    "subject_type_authorization",
  ),
  "auth0_resource_server:subject_type_authorization.client:computed-block": kept(
    [{ user: [{ policy: "allow_all" }], client: [{ policy: "deny_all" }] }],
    [{ user: [{ policy: "allow_all" }] }],
    "subject_type_authorization.client.policy",
    "deny_all",
    "subject_type_authorization",
  ),
  // auth0_resource_server_scopes
  "auth0_resource_server_scopes:resource_server_identifier:required": "derived",
  "auth0_resource_server_scopes:scopes.name:required": "derived",
  "auth0_resource_server_scopes:resource_server_identifier:force-new": from("https://conformance.example/s1", "https://conformance.example/s2"),
  // The provider's TestAccResourceServerScopes, first step: scopes another resource set are not erased.
  "auth0_resource_server_scopes:scopes:provider-check:no-scopes-to-erase": {
    passWith: SCOPES_AFTER_HELD("read:held"),
    failWith: SCOPES_AFTER_HELD("write:other"),
    failMessage:
      "The resource server already has scopes attached to it. Import the resource instead in order to proceed with the changes. Run: 'terraform import auth0_resource_server_scopes.<given-name> https://conformance.example/held'.",
  },
  // auth0_role
  "auth0_role:name:required": "derived",
  "auth0_role:type:force-new": from(undefined, "tenant"),
  "auth0_role:owner_id:force-new": from("org_a", "org_b", { with: { type: "organization" } }),
  "auth0_role:type:one-of": "derived",
  "auth0_role:owner_id:custom:owner-id-needs-organization-type": {
    passWith: { type: "organization", owner_id: "org_a" },
    failWith: { owner_id: "org_a" },
  },
  // auth0_role_permissions
  "auth0_role_permissions:role_id:required": "derived",
  "auth0_role_permissions:permissions.name:required": "derived",
  "auth0_role_permissions:permissions.resource_server_identifier:required": "derived",
  "auth0_role_permissions:role_id:force-new": from("rol_a", "rol_b"),
  // auth0_client
  "auth0_client:name:required": "derived",
  "auth0_client:refresh_token.rotation_type:required": "derived",
  "auth0_client:refresh_token.expiration_type:required": "derived",
  "auth0_client:refresh_token.policies.audience:required": "derived",
  "auth0_client:refresh_token.policies.scope:required": "derived",
  "auth0_client:addons.layer.provider_id:required": "derived",
  "auth0_client:addons.layer.key_id:required": "derived",
  "auth0_client:addons.layer.private_key:required": "derived",
  "auth0_client:token_exchange.allow_any_profile_of_type:required": "derived",
  "auth0_client:oidc_logout.backchannel_logout_urls:required": "derived",
  "auth0_client:oidc_logout.backchannel_logout_initiators.mode:required": "derived",
  "auth0_client:oidc_logout.backchannel_logout_session_metadata.include:required": "derived",
  "auth0_client:fedcm_login.google.is_enabled:required": "derived",
  "auth0_client:identity_assertion_authorization_grant.active:required": "derived",
  "auth0_client:jwt_configuration.secret_encoded:force-new": from(true, false),
  "auth0_client:session_transfer.enforce_cascade_revocation:default": "derived",
  "auth0_client:session_transfer.enforce_online_refresh_tokens:default": "derived",
  "auth0_client:jwt_configuration.lifetime_in_seconds:whole-number": "derived",
  "auth0_client:refresh_token.leeway:whole-number": "derived",
  "auth0_client:refresh_token.token_lifetime:whole-number": "derived",
  "auth0_client:refresh_token.idle_token_lifetime:whole-number": "derived",
  "auth0_client:addons.aws.lifetime_in_seconds:whole-number": "derived",
  "auth0_client:addons.azure_blob.expiration:whole-number": "derived",
  "auth0_client:addons.azure_sb.expiration:whole-number": "derived",
  "auth0_client:addons.firebase.lifetime_in_seconds:whole-number": "derived",
  "auth0_client:addons.layer.expiration:whole-number": "derived",
  "auth0_client:addons.samlp.lifetime_in_seconds:whole-number": "derived",
  "auth0_client:description:length-between": "derived",
  "auth0_client:app_type:one-of": "derived",
  "auth0_client:third_party_security_mode:one-of": "derived",
  "auth0_client:redirection_policy:one-of": "derived",
  "auth0_client:async_approval_notification_channels[]:one-of": "derived",
  "auth0_client:organization_usage:one-of": "derived",
  "auth0_client:organization_require_behavior:one-of": "derived",
  "auth0_client:organization_discovery_methods[]:one-of": "derived",
  "auth0_client:jwt_configuration.alg:one-of": "derived",
  "auth0_client:mobile.android:at-least-one-of": { passWith: { mobile: [{ ios: [{ team_id: "TEAM" }] }] }, failWith: { mobile: [{}] } },
  "auth0_client:mobile.android.app_package_name:at-least-one-of": {
    passWith: { mobile: [{ android: [{ app_package_name: "com.example" }] }] },
    failWith: { mobile: [{ android: [{}] }] },
  },
  "auth0_client:mobile.android.sha256_cert_fingerprints:at-least-one-of": {
    passWith: { mobile: [{ android: [{ sha256_cert_fingerprints: ["AA:BB"] }] }] },
    failWith: { mobile: [{ android: [{}] }] },
  },
  "auth0_client:mobile.ios:at-least-one-of": {
    passWith: { mobile: [{ android: [{ app_package_name: "com.example" }] }] },
    failWith: { mobile: [{}] },
  },
  "auth0_client:mobile.ios.team_id:at-least-one-of": {
    passWith: { mobile: [{ ios: [{ team_id: "TEAM" }] }] },
    failWith: { mobile: [{ ios: [{}] }] },
  },
  "auth0_client:mobile.ios.app_bundle_identifier:at-least-one-of": {
    passWith: { mobile: [{ ios: [{ app_bundle_identifier: "com.example" }] }] },
    failWith: { mobile: [{ ios: [{}] }] },
  },
  // A placeholder the provider does not substitute stays in the host, where Go's url.Parse refuses "{".
  "auth0_client:initiate_login_uri:https-url-or-empty": {
    pass: "https://{organization.metadata.public_login_host}/login",
    fail: "https://{unsupported.metadata.public_x}/login",
    failMessage: 'parse "https://{unsupported.metadata.public_x}/login": invalid character "{" in host name',
  },
  "auth0_client:refresh_token.rotation_type:one-of": "derived",
  "auth0_client:refresh_token.expiration_type:one-of": "derived",
  "auth0_client:addons.aws.lifetime_in_seconds:int-between": "derived",
  "auth0_client:addons.azure_blob.expiration:int-at-least": "derived",
  "auth0_client:addons.azure_sb.expiration:int-at-least": "derived",
  "auth0_client:addons.rms.url:https-url-or-empty": {
    pass: "https://rms.example.test",
    fail: "://rms.example.test",
    failMessage: 'expected "addons.0.rms.0.url" to be a valid url, got ://rms.example.test: parse "://rms.example.test": missing protocol scheme',
  },
  "auth0_client:addons.mscrm.url:https-url-or-empty": "derived",
  "auth0_client:addons.sentry.base_url:https-url-or-empty": "derived",
  "auth0_client:addons.salesforce.entity_id:https-url-or-empty": "derived",
  "auth0_client:addons.layer.expiration:int-at-least": "derived",
  "auth0_client:addons.sap_api.token_endpoint_url:https-url-or-empty": "derived",
  "auth0_client:addons.samlp.mappings:conflicts-with": {
    passWith: { addons: [{ samlp: [{ mappings: { email: "mail" } }] }] },
    failWith: { addons: [{ samlp: [{ mappings: { email: "mail" }, flexible_mappings: "{}" }] }] },
  },
  "auth0_client:addons.samlp.flexible_mappings:json": "derived",
  "auth0_client:addons.samlp.flexible_mappings:conflicts-with": {
    passWith: { addons: [{ samlp: [{ flexible_mappings: "{}" }] }] },
    failWith: { addons: [{ samlp: [{ mappings: { email: "mail" }, flexible_mappings: "{}" }] }] },
  },
  "auth0_client:token_exchange.allow_any_profile_of_type[]:one-of": "derived",
  "auth0_client:compliance_level:one-of": "derived",
  "auth0_client:oidc_logout.backchannel_logout_initiators.mode:one-of": "derived",
  "auth0_client:session_transfer.allowed_authentication_methods[]:one-of": "derived",
  "auth0_client:session_transfer.enforce_device_binding:one-of": "derived",
  "auth0_client:session_transfer.delegation.enforce_device_binding:one-of": "derived",
  "auth0_client:skip_non_verifiable_callback_uri_confirmation_prompt:one-of": "derived",
  "auth0_client:my_organization_configuration.connection_deletion_behavior:one-of": "derived",
  "auth0_client:name:does-not-match": { pass: "Conformance App", fail: "Conformance <App>" },
  // organization_id and flows come together (the request schema); the provider sends what the block sets.
  "auth0_client:default_organization:custom": {
    passWith: { default_organization: [{ flows: ["client_credentials"], organization_id: "org_conformance" }] },
    failWith: { default_organization: [{ flows: ["client_credentials"] }] },
    failMessage: "Payload validation error: 'Missing required property: organization_id' on property default_organization",
  },
  "auth0_client:refresh_token.token_lifetime:int-at-least": "derived",
  "auth0_client:refresh_token.token_lifetime:int-at-most": "derived",
  "auth0_client:refresh_token.idle_token_lifetime:int-at-least": "derived",
  "auth0_client:refresh_token.leeway:int-at-least": "derived",
  "auth0_client:token_quota.client_credentials:required": "derived",
  "auth0_client:token_quota.client_credentials.enforce:default": "derived",
  "auth0_client:token_quota.client_credentials.per_day:whole-number": "derived",
  "auth0_client:token_quota.client_credentials.per_day:int-between": "derived",
  "auth0_client:token_quota.client_credentials.per_hour:whole-number": "derived",
  "auth0_client:token_quota.client_credentials.per_hour:int-between": "derived",
  "auth0_client:jwt_configuration:computed-block": kept(
    [{ alg: "RS256", lifetime_in_seconds: 300 }],
    [],
    "jwt_configuration.lifetime_in_seconds",
    300,
  ),
  "auth0_client:mobile:computed-block": kept([{ ios: [{ team_id: "TEAM" }] }], [], "mobile.ios.team_id", "TEAM"),
  "auth0_client:mobile.android:computed-block": kept(
    [{ android: [{ app_package_name: "com.example" }], ios: [{ team_id: "TEAM" }] }],
    [{ ios: [{ team_id: "TEAM" }] }],
    "mobile.android.app_package_name",
    "com.example",
    "mobile",
  ),
  "auth0_client:mobile.ios:computed-block": kept(
    [{ android: [{ app_package_name: "com.example" }], ios: [{ team_id: "TEAM" }] }],
    [{ android: [{ app_package_name: "com.example" }] }],
    "mobile.ios.team_id",
    "TEAM",
    "mobile",
  ),
  "auth0_client:native_social_login:computed-block": kept([{ apple: [{ enabled: true }] }], [], "native_social_login.apple.enabled", true),
  ...Object.fromEntries(
    (["apple", "facebook", "google"] as const).map((name) => [
      `auth0_client:native_social_login.${name}:computed-block`,
      kept(
        [{ apple: [{ enabled: true }], facebook: [{ enabled: true }], google: [{ enabled: true }] }],
        [{ apple: [{ enabled: true }], facebook: [{ enabled: true }], google: [{ enabled: true }] }].map((b) => ({ ...b, [name]: [] })),
        `native_social_login.${name}.enabled`,
        true,
        "native_social_login",
      ),
    ]),
  ),
  "auth0_client:refresh_token:computed-block": kept(
    [{ rotation_type: "rotating", expiration_type: "expiring", leeway: 5 }],
    [],
    "refresh_token.rotation_type",
    "rotating",
  ),
  "auth0_client:default_organization:computed-block": kept([{ disable: true }], [], "default_organization.disable", true),
  "auth0_client:my_organization_configuration:computed-block": kept(
    [{ connection_deletion_behavior: "allow" }],
    [],
    "my_organization_configuration.connection_deletion_behavior",
    "allow",
  ),
  "auth0_client:express_configuration:computed-block": kept([{ enable_client: true }], [], "express_configuration.enable_client", true),
  "auth0_client:express_configuration.linked_clients:computed-block": kept(
    [{ enable_client: true, linked_clients: [{ client_id: "linked" }] }],
    [{ enable_client: true }],
    "express_configuration.linked_clients.client_id",
    "linked",
    "express_configuration",
  ),
  // auth0_client_grant
  "auth0_client_grant:audience:required": "derived",
  "auth0_client_grant:client_id:force-new": from("client_a", "client_b"),
  "auth0_client_grant:audience:force-new": from("https://a.example", "https://b.example"),
  "auth0_client_grant:subject_type:force-new": from("client", "user"),
  "auth0_client_grant:default_for:force-new": from("third_party_clients", null, { drop: ["client_id"], toWith: { client_id: "client_a" } }),
  "auth0_client_grant:client_id:conflicts-with": { passWith: {}, failWith: { default_for: "third_party_clients" } },
  "auth0_client_grant:client_id:at-least-one-of": { passWith: {}, failWith: { client_id: null } },
  "auth0_client_grant:scopes[]:not-empty": "derived",
  "auth0_client_grant:organization_usage:one-of": "derived",
  "auth0_client_grant:subject_type:one-of": "derived",
  "auth0_client_grant:authorization_details_types[]:not-empty": "derived",
  "auth0_client_grant:default_for:one-of": { drop: ["client_id"] },
  "auth0_client_grant:default_for:conflicts-with": {
    passWith: { client_id: null, default_for: "third_party_clients" },
    failWith: { default_for: "third_party_clients" },
  },
  "auth0_client_grant:default_for:at-least-one-of": { passWith: {}, failWith: { client_id: null } },
  "auth0_client_grant:subject_type:computed": "derived",
  "auth0_client_grant:audience:min-length": "derived",
  "auth0_client_grant:scopes:custom:scopes-or-allow-all": { passWith: { scopes: null, allow_all_scopes: true }, failWith: { scopes: null } },
  // auth0_user
  "auth0_user:connection_name:required": "derived",
  "auth0_user:user_metadata:json": "derived",
  "auth0_user:app_metadata:json": "derived",
  // Applied with the id the API stores ("auth0|" and the configured id), planned with the configured id alone.
  "auth0_user:user_id:diff-suppress:auth0-user-id": kept(
    "auth0|conformance-suppress",
    "conformance-suppress",
    "user_id",
    "auth0|conformance-suppress",
  ),
  // auth0_user_roles
  "auth0_user_roles:user_id:required": "derived",
  "auth0_user_roles:roles:required": "derived",
  "auth0_user_roles:user_id:force-new": from("auth0|a", "auth0|b"),
  // auth0_action
  "auth0_action:name:required": "derived",
  "auth0_action:code:required": "derived",
  "auth0_action:supported_triggers.id:required": "derived",
  "auth0_action:supported_triggers.version:required": "derived",
  "auth0_action:dependencies.name:required": "derived",
  "auth0_action:dependencies.version:required": "derived",
  "auth0_action:secrets.name:required": "derived",
  "auth0_action:secrets.value:required": "derived",
  "auth0_action:modules.module_id:required": "derived",
  "auth0_action:modules.module_version_id:required": "derived",
  "auth0_action:runtime:one-of": "derived",
  "auth0_action:deploy:default": "derived",
  // auth0_trigger_actions
  "auth0_trigger_actions:trigger:required": "derived",
  "auth0_trigger_actions:trigger:force-new": from("post-login", "credentials-exchange"),
  "auth0_trigger_actions:trigger:one-of": "derived",
  "auth0_trigger_actions:actions.id:required": "derived",
  "auth0_trigger_actions:actions.display_name:required": "derived",

  // aws_apigatewayv2_api
  "aws_apigatewayv2_api:name:required": "derived",
  "aws_apigatewayv2_api:protocol_type:required": "derived",
  "aws_apigatewayv2_api:credentials_arn:force-new": from(ARN("role/a"), ARN("role/b")),
  "aws_apigatewayv2_api:protocol_type:force-new": from("HTTP", "WEBSOCKET"),
  "aws_apigatewayv2_api:route_key:force-new": from("GET /a", "GET /b"),
  "aws_apigatewayv2_api:target:force-new": from(
    "arn:aws:lambda:us-east-1:123456789012:function:a",
    "arn:aws:lambda:us-east-1:123456789012:function:b",
  ),
  "aws_apigatewayv2_api:api_key_selection_expression:default": "derived",
  "aws_apigatewayv2_api:route_selection_expression:default": "derived",
  "aws_apigatewayv2_api:api_key_selection_expression:one-of": "derived",
  "aws_apigatewayv2_api:body:json-or-yaml": "derived",
  "aws_apigatewayv2_api:credentials_arn:arn": "derived",
  "aws_apigatewayv2_api:description:length-between": "derived",
  "aws_apigatewayv2_api:ip_address_type:one-of": "derived",
  "aws_apigatewayv2_api:name:length-between": "derived",
  "aws_apigatewayv2_api:protocol_type:one-of": "derived",
  "aws_apigatewayv2_api:version:length-between": "derived",
  "aws_apigatewayv2_api:cors_configuration.max_age:whole-number": "derived",
  "aws_apigatewayv2_api:cors_configuration.max_age:int-between": "derived",
  "aws_apigatewayv2_api:body:custom": {
    passWith: { fail_on_warnings: true, body: openApi("#/components/schemas/Known") },
    failWith: { fail_on_warnings: true, body: openApi("#/components/schemas/Missing") },
  },
  // aws_apigatewayv2_authorizer
  "aws_apigatewayv2_authorizer:api_id:required": "derived",
  "aws_apigatewayv2_authorizer:authorizer_type:required": "derived",
  "aws_apigatewayv2_authorizer:name:required": "derived",
  "aws_apigatewayv2_authorizer:api_id:force-new": from("confauthfa", "confauthfb"),
  "aws_apigatewayv2_authorizer:authorizer_credentials_arn:arn": "derived",
  "aws_apigatewayv2_authorizer:authorizer_payload_format_version:one-of": "derived",
  "aws_apigatewayv2_authorizer:authorizer_result_ttl_in_seconds:whole-number": "derived",
  "aws_apigatewayv2_authorizer:authorizer_result_ttl_in_seconds:int-between": "derived",
  "aws_apigatewayv2_authorizer:authorizer_type:one-of": "derived",
  "aws_apigatewayv2_authorizer:authorizer_uri:length-between": "derived",
  "aws_apigatewayv2_authorizer:name:length-between": "derived",
  "aws_apigatewayv2_authorizer:api_id:quota": { quota: { count: 11, each: { api_id: "confauthq" } } },
  // aws_apigatewayv2_integration
  "aws_apigatewayv2_integration:api_id:required": "derived",
  "aws_apigatewayv2_integration:integration_type:required": "derived",
  "aws_apigatewayv2_integration:response_parameters.mappings:required": "derived",
  "aws_apigatewayv2_integration:response_parameters.status_code:required": "derived",
  "aws_apigatewayv2_integration:api_id:force-new": from("confintfa", "confintfb"),
  "aws_apigatewayv2_integration:integration_subtype:force-new": from("SQS-SendMessage", "SQS-ReceiveMessage"),
  "aws_apigatewayv2_integration:integration_type:force-new": from("AWS_PROXY", "HTTP_PROXY"),
  "aws_apigatewayv2_integration:connection_type:default": "derived",
  "aws_apigatewayv2_integration:passthrough_behavior:default": "derived",
  "aws_apigatewayv2_integration:payload_format_version:default": "derived",
  "aws_apigatewayv2_integration:connection_id:length-between": "derived",
  "aws_apigatewayv2_integration:connection_type:one-of": "derived",
  "aws_apigatewayv2_integration:content_handling_strategy:one-of": "derived",
  "aws_apigatewayv2_integration:credentials_arn:arn": "derived",
  "aws_apigatewayv2_integration:integration_method:one-of": "derived",
  "aws_apigatewayv2_integration:integration_subtype:length-between": "derived",
  "aws_apigatewayv2_integration:integration_type:one-of": "derived",
  "aws_apigatewayv2_integration:passthrough_behavior:one-of": "derived",
  "aws_apigatewayv2_integration:payload_format_version:one-of": "derived",
  "aws_apigatewayv2_integration:timeout_milliseconds:whole-number": "derived",
  "aws_apigatewayv2_integration:timeout_milliseconds:computed": "derived",
  "aws_apigatewayv2_integration:timeout_milliseconds:int-between": "derived",
  "aws_apigatewayv2_integration:api_id:quota": { quota: { count: 301, each: { api_id: "confintq" } } },
  // aws_apigatewayv2_route
  "aws_apigatewayv2_route:api_id:required": "derived",
  "aws_apigatewayv2_route:route_key:required": "derived",
  "aws_apigatewayv2_route:request_parameter.request_parameter_key:required": "derived",
  "aws_apigatewayv2_route:request_parameter.required:required": "derived",
  "aws_apigatewayv2_route:api_id:force-new": from("confroutefa", "confroutefb"),
  "aws_apigatewayv2_route:api_key_required:default": "derived",
  "aws_apigatewayv2_route:authorization_type:default": "derived",
  "aws_apigatewayv2_route:authorization_type:one-of": "derived",
  "aws_apigatewayv2_route:operation_name:length-between": "derived",
  "aws_apigatewayv2_route:target:length-between": "derived",
  "aws_apigatewayv2_route:api_id:quota": {
    quota: { count: APPLIED_QUOTAS["routes-per-api"] + 1, each: { api_id: "confrouteq", route_key: "GET /r${count.index}" } },
  },
  "aws_apigatewayv2_route:authorization_scopes:max-items": {
    pass: Array.from({ length: 10 }, (_, i) => `scope:${i}`),
    fail: Array.from({ length: 11 }, (_, i) => `scope:${i}`),
  },
  // aws_apigatewayv2_stage
  "aws_apigatewayv2_stage:api_id:required": "derived",
  "aws_apigatewayv2_stage:name:required": "derived",
  "aws_apigatewayv2_stage:access_log_settings.destination_arn:required": "derived",
  "aws_apigatewayv2_stage:access_log_settings.format:required": "derived",
  "aws_apigatewayv2_stage:route_settings.route_key:required": "derived",
  "aws_apigatewayv2_stage:api_id:force-new": from("confstagea", "confstageb"),
  "aws_apigatewayv2_stage:name:force-new": from("a", "b"),
  "aws_apigatewayv2_stage:auto_deploy:default": "derived",
  "aws_apigatewayv2_stage:default_route_settings.data_trace_enabled:default": "derived",
  "aws_apigatewayv2_stage:default_route_settings.detailed_metrics_enabled:default": "derived",
  "aws_apigatewayv2_stage:route_settings.data_trace_enabled:default": "derived",
  "aws_apigatewayv2_stage:route_settings.detailed_metrics_enabled:default": "derived",
  "aws_apigatewayv2_stage:access_log_settings.destination_arn:arn": "derived",
  "aws_apigatewayv2_stage:default_route_settings.logging_level:one-of": "derived",
  "aws_apigatewayv2_stage:default_route_settings.throttling_burst_limit:whole-number": "derived",
  "aws_apigatewayv2_stage:description:length-between": "derived",
  "aws_apigatewayv2_stage:name:length-between": "derived",
  "aws_apigatewayv2_stage:route_settings.logging_level:one-of": "derived",
  "aws_apigatewayv2_stage:route_settings.throttling_burst_limit:whole-number": "derived",
  // aws_cloudwatch_log_group
  "aws_cloudwatch_log_group:log_group_class:force-new": from("STANDARD", "INFREQUENT_ACCESS"),
  "aws_cloudwatch_log_group:name:force-new": from("/conformance/replaced-a", "/conformance/replaced-b"),
  "aws_cloudwatch_log_group:name_prefix:force-new": from("/conformance/prefix-a-", "/conformance/prefix-b-", { drop: ["name"] }),
  "aws_cloudwatch_log_group:retention_in_days:default": "derived",
  "aws_cloudwatch_log_group:skip_destroy:default": "derived",
  "aws_cloudwatch_log_group:log_group_class:one-of": "derived",
  "aws_cloudwatch_log_group:name:max-length": "derived",
  "aws_cloudwatch_log_group:name:matches": { pass: "/conformance/ok_name#1", fail: "/conformance/bad name" },
  "aws_cloudwatch_log_group:name:conflicts-with": { passWith: {}, failWith: { name_prefix: "/conformance/p-" } },
  "aws_cloudwatch_log_group:name_prefix:max-length": { drop: ["name"] },
  "aws_cloudwatch_log_group:name_prefix:matches": { drop: ["name"], pass: "/conformance/prefix-", fail: "/conformance/bad prefix" },
  "aws_cloudwatch_log_group:name_prefix:conflicts-with": {
    passWith: { name: null, name_prefix: "/conformance/p-" },
    failWith: { name_prefix: "/conformance/p-" },
  },
  "aws_cloudwatch_log_group:retention_in_days:whole-number": "derived",
  "aws_cloudwatch_log_group:retention_in_days:int-one-of": "derived",
  "aws_cloudwatch_log_group:log_group_class:computed": "derived",
  "aws_cloudwatch_log_group:name:custom": { quota: { count: 2, each: { name: "/conformance/twice" } } },
  // aws_iam_role
  "aws_iam_role:assume_role_policy:required": "derived",
  "aws_iam_role:name:force-new": from("conformance-replaced-a", "conformance-replaced-b"),
  "aws_iam_role:name_prefix:force-new": from("prefix-a-", "prefix-b-", { drop: ["name"] }),
  "aws_iam_role:path:force-new": from("/a/", "/b/"),
  "aws_iam_role:force_detach_policies:default": "derived",
  "aws_iam_role:max_session_duration:default": "derived",
  "aws_iam_role:path:default": "derived",
  "aws_iam_role:assume_role_policy:iam-policy-json": "derived",
  "aws_iam_role:description:length-between": "derived",
  "aws_iam_role:description:does-not-match": { pass: "a plain description", fail: "a “curly” description" },
  "aws_iam_role:description:matches": {
    pass: "anything",
    neverFails: "the pattern matches the empty string, so every value passes, as in the provider",
  },
  "aws_iam_role:inline_policy.name:not-empty": "derived",
  "aws_iam_role:inline_policy.name:length-between": "derived",
  "aws_iam_role:inline_policy.name:matches": { pass: "inline+=,.@-policy", fail: "bad name" },
  "aws_iam_role:inline_policy.policy:iam-policy-json": "derived",
  "aws_iam_role:managed_policy_arns[]:arn": "derived",
  "aws_iam_role:max_session_duration:whole-number": "derived",
  "aws_iam_role:max_session_duration:int-between": "derived",
  "aws_iam_role:name:length-between": "derived",
  "aws_iam_role:name:matches": { pass: "role+=,.@-name", fail: "bad name!" },
  "aws_iam_role:name:conflicts-with": { passWith: {}, failWith: { name_prefix: "p-" } },
  "aws_iam_role:name_prefix:length-between": { drop: ["name"] },
  "aws_iam_role:name_prefix:matches": { drop: ["name"], pass: "prefix-", fail: "bad prefix" },
  "aws_iam_role:name_prefix:conflicts-with": { passWith: { name: null, name_prefix: "p-" }, failWith: { name_prefix: "p-" } },
  "aws_iam_role:path:length-between": { pass: `/${"a".repeat(510)}/`, fail: `/${"a".repeat(511)}/` },
  "aws_iam_role:permissions_boundary:arn": "derived",
  "aws_iam_role:name:custom": { quota: { count: 2, each: { name: "conformance-twice" } } },
  "aws_iam_role:assume_role_policy:custom:policy-json": { pass: policy(TRUST), neverFails: NOT_JSON_AT_APPLY },
  "aws_iam_role:assume_role_policy:custom:policy-syntax": grammar(TRUST, JSON.stringify({ Version: "2012-10-18", Statement: [TRUST] })),
  "aws_iam_role:assume_role_policy:custom:sid-alphanumeric": grammar({ ...TRUST, Sid: "AllowLambda" }, { ...TRUST, Sid: "allow-lambda" }),
  "aws_iam_role:assume_role_policy:custom:policy-effect": grammar({ ...TRUST, Effect: "Deny" }, { ...TRUST, Effect: "allow" }),
  "aws_iam_role:assume_role_policy:custom:principal-required": grammar(TRUST, { Effect: "Allow", Action: "sts:AssumeRole" }),
  "aws_iam_role:assume_role_policy:custom:principal-format": {
    ...grammar({ ...TRUST, Principal: { AWS: "arn:aws:iam::123456789012:root" } }, { ...TRUST, Principal: { AWS: "someone" } }),
    failMessage: 'Invalid principal in policy: "AWS":"someone"',
  },
  "aws_iam_role:assume_role_policy:custom:actions-required": grammar(TRUST, { ...TRUST, Action: [] }),
  "aws_iam_role:assume_role_policy:custom:action-vendor": grammar({ ...TRUST, Action: "sts:*" }, { ...TRUST, Action: "AssumeRole" }),
  "aws_iam_role:assume_role_policy:custom:action-colons": grammar(TRUST, { ...TRUST, Action: "sts:Assume:Role" }),
  "aws_iam_role:assume_role_policy:custom:resource-prohibited": {
    ...grammar(TRUST, { ...TRUST, Resource: "*" }),
    failMessage: "Has prohibited field Resource",
  },
  "aws_iam_role:assume_role_policy:custom:sid-unique": grammar(TRUST, [
    { ...TRUST, Sid: "A" },
    { ...TRUST, Sid: "A" },
  ]),
  "aws_iam_role:assume_role_policy:quota": { pass: trustOf(2048), fail: trustOf(2049), failMessage: "Cannot exceed quota for ACLSizePerRole: 2048" },
  // aws_iam_role_policy
  "aws_iam_role_policy:policy:required": "derived",
  "aws_iam_role_policy:role:required": "derived",
  "aws_iam_role_policy:name:force-new": from("replaced-a", "replaced-b"),
  "aws_iam_role_policy:name_prefix:force-new": from("prefix-a-", "prefix-b-", { drop: ["name"] }),
  "aws_iam_role_policy:role:force-new": from("conformance-role-a", "conformance-role-b"),
  "aws_iam_role_policy:name:length-between": "derived",
  "aws_iam_role_policy:name:matches": { pass: "policy+=,.@-name", fail: "bad name" },
  "aws_iam_role_policy:name:conflicts-with": { passWith: {}, failWith: { name_prefix: "p-" } },
  "aws_iam_role_policy:name_prefix:length-between": { drop: ["name"] },
  "aws_iam_role_policy:name_prefix:matches": { drop: ["name"], pass: "prefix-", fail: "bad prefix" },
  "aws_iam_role_policy:name_prefix:conflicts-with": { passWith: { name: null, name_prefix: "p-" }, failWith: { name_prefix: "p-" } },
  // The duplicate-key branch (the derived failing value, an array, is the role's).
  "aws_iam_role_policy:policy:iam-policy-json": {
    pass: '{"Version":"2012-10-17","Statement":[]}',
    fail: '{"Version":"2012-10-17","Version":"2012-10-17","Statement":[]}',
  },
  "aws_iam_role_policy:role:length-between:validRolePolicyRole": "derived",
  "aws_iam_role_policy:role:matches:validRolePolicyRole": { pass: "conformance-matching", fail: " " },
  "aws_iam_role_policy:role:not-arn": "derived",
  "aws_iam_role_policy:policy:quota": {
    quota: { count: 2, each: { role: "conformance-quota", name: "policy-${count.index}", policy: policyOf(6000) } },
  },
  "aws_iam_role_policy:policy:custom:policy-json": { pass: policy(INLINE), neverFails: NOT_JSON_AT_APPLY },
  // The provider's own case (TestAccIAMRolePolicy_Policy_invalidResource): a list inside Resource.
  "aws_iam_role_policy:policy:custom:policy-syntax": grammar(INLINE, { ...INLINE, Resource: [["*"]] }),
  "aws_iam_role_policy:policy:custom:sid-alphanumeric": grammar({ ...INLINE, Sid: "WriteLogs1" }, { ...INLINE, Sid: "write logs" }),
  "aws_iam_role_policy:policy:custom:policy-effect": grammar({ ...INLINE, Effect: "Deny" }, { ...INLINE, Effect: undefined }),
  "aws_iam_role_policy:policy:custom:principal-prohibited": grammar(INLINE, { ...INLINE, Principal: { AWS: "123456789012" } }),
  "aws_iam_role_policy:policy:custom:actions-required": grammar(
    { ...INLINE, Action: undefined, NotAction: "iam:*" },
    { ...INLINE, Action: undefined },
  ),
  "aws_iam_role_policy:policy:custom:action-vendor": grammar({ ...INLINE, Action: "*" }, { ...INLINE, Action: "PutLogEvents" }),
  "aws_iam_role_policy:policy:custom:action-colons": grammar(INLINE, { ...INLINE, Action: "logs:Put:LogEvents" }),
  "aws_iam_role_policy:policy:custom:resources-required": grammar({ ...INLINE, Resource: "*" }, { ...INLINE, Resource: undefined }),
  "aws_iam_role_policy:policy:custom:resource-arn": {
    ...grammar(INLINE, { ...INLINE, Resource: "conformance-bucket" }),
    failMessage: 'Resource conformance-bucket must be in ARN format or "*".',
  },
  "aws_iam_role_policy:policy:custom:sid-unique": grammar(INLINE, [
    { ...INLINE, Sid: "A" },
    { ...INLINE, Sid: "A" },
  ]),
  // aws_lambda_function
  "aws_lambda_function:function_name:required": "derived",
  "aws_lambda_function:role:required": "derived",
  "aws_lambda_function:capacity_provider_config.lambda_managed_instances_capacity_provider_config.capacity_provider_arn:required": "derived",
  "aws_lambda_function:dead_letter_config.target_arn:required": "derived",
  "aws_lambda_function:durable_config.execution_timeout:required": "derived",
  "aws_lambda_function:file_system_config.arn:required": "derived",
  "aws_lambda_function:file_system_config.local_mount_path:required": "derived",
  "aws_lambda_function:logging_config.log_format:required": "derived",
  "aws_lambda_function:snap_start.apply_on:required": "derived",
  "aws_lambda_function:tenancy_config.tenant_isolation_mode:required": "derived",
  "aws_lambda_function:tracing_config.mode:required": "derived",
  "aws_lambda_function:vpc_config.security_group_ids:required": "derived",
  "aws_lambda_function:vpc_config.subnet_ids:required": "derived",
  "aws_lambda_function:function_name:force-new": from("conformance-replaced-a", "conformance-replaced-b"),
  "aws_lambda_function:package_type:force-new": from("Zip", "Image"),
  "aws_lambda_function:tenancy_config:force-new": from([{ tenant_isolation_mode: "PER_TENANT" }], []),
  "aws_lambda_function:memory_size:default": "derived",
  "aws_lambda_function:package_type:default": "derived",
  "aws_lambda_function:publish:default": "derived",
  "aws_lambda_function:reserved_concurrent_executions:default": "derived",
  "aws_lambda_function:skip_destroy:default": "derived",
  "aws_lambda_function:timeout:default": "derived",
  "aws_lambda_function:durable_config.retention_period:default": "derived",
  "aws_lambda_function:logging_config.application_log_level:default": "derived",
  "aws_lambda_function:logging_config.system_log_level:default": "derived",
  "aws_lambda_function:vpc_config.ipv6_allowed_for_dual_stack:default": "derived",
  "aws_lambda_function:architectures[]:one-of": "derived",
  "aws_lambda_function:architectures:max-items": { pass: ["arm64"], fail: ["arm64", "x86_64"] },
  "aws_lambda_function:capacity_provider_config.lambda_managed_instances_capacity_provider_config.capacity_provider_arn:arn": "derived",
  "aws_lambda_function:capacity_provider_config.lambda_managed_instances_capacity_provider_config.per_execution_environment_max_concurrency:whole-number":
    "derived",
  "aws_lambda_function:code_signing_config_arn:arn": "derived",
  "aws_lambda_function:dead_letter_config.target_arn:arn": "derived",
  "aws_lambda_function:durable_config.execution_timeout:whole-number": "derived",
  "aws_lambda_function:durable_config.execution_timeout:int-between": "derived",
  "aws_lambda_function:durable_config.retention_period:whole-number": "derived",
  "aws_lambda_function:durable_config.retention_period:int-between": "derived",
  "aws_lambda_function:ephemeral_storage.size:whole-number": "derived",
  "aws_lambda_function:ephemeral_storage.size:int-between": "derived",
  "aws_lambda_function:file_system_config.arn:arn": "derived",
  "aws_lambda_function:file_system_config.local_mount_path:matches": { pass: "/mnt/data_1", fail: "/data" },
  "aws_lambda_function:filename:exactly-one-of": { passWith: {}, failWith: { filename: null } },
  "aws_lambda_function:function_name:matches": { pass: "arn:aws:lambda:us-east-1:123456789012:function:conformance-as-arn", fail: "bad name" },
  "aws_lambda_function:function_name:length-between": { pass: "a".repeat(64), fail: "a".repeat(141) },
  "aws_lambda_function:handler:length-between": "derived",
  "aws_lambda_function:image_uri:exactly-one-of": {
    passWith: {},
    failWith: { filename: "code.zip", image_uri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/x:1" },
  },
  "aws_lambda_function:kms_key_arn:arn": "derived",
  "aws_lambda_function:layers[]:arn": "derived",
  "aws_lambda_function:layers:max-items": {
    pass: Array.from({ length: 5 }, (_, i) => `arn:aws:lambda:us-east-1:123456789012:layer:l${i}:1`),
    fail: Array.from({ length: 6 }, (_, i) => `arn:aws:lambda:us-east-1:123456789012:layer:l${i}:1`),
  },
  "aws_lambda_function:logging_config.application_log_level:one-of": "derived",
  "aws_lambda_function:logging_config.log_format:one-of": "derived",
  "aws_lambda_function:logging_config.log_group:matches": { pass: "/aws/lambda/conformance", fail: "bad group" },
  "aws_lambda_function:logging_config.log_group:length-between": { pass: `/${"a".repeat(511)}`, fail: `/${"a".repeat(512)}` },
  "aws_lambda_function:logging_config.system_log_level:one-of": "derived",
  "aws_lambda_function:memory_size:whole-number": "derived",
  "aws_lambda_function:memory_size:int-between": "derived",
  "aws_lambda_function:package_type:one-of": "derived",
  "aws_lambda_function:publish_to:one-of": "derived",
  "aws_lambda_function:replacement_security_group_ids:required-with": {
    passWith: { replacement_security_group_ids: ["sg-1"], replace_security_groups_on_destroy: true },
    failWith: { replacement_security_group_ids: ["sg-1"] },
  },
  "aws_lambda_function:reserved_concurrent_executions:whole-number": "derived",
  "aws_lambda_function:reserved_concurrent_executions:int-at-least": "derived",
  "aws_lambda_function:role:arn": "derived",
  "aws_lambda_function:runtime:one-of": "derived",
  "aws_lambda_function:s3_bucket:exactly-one-of": {
    passWith: { filename: null, s3_bucket: "bucket", s3_key: "key" },
    failWith: { s3_bucket: "bucket", s3_key: "key" },
  },
  "aws_lambda_function:s3_bucket:required-with": {
    passWith: { filename: null, s3_bucket: "bucket", s3_key: "key" },
    failWith: { filename: null, s3_bucket: "bucket" },
  },
  "aws_lambda_function:s3_key:required-with": { passWith: { filename: null, s3_bucket: "bucket", s3_key: "key" }, failWith: { s3_key: "key" } },
  "aws_lambda_function:s3_object_version:conflicts-with": {
    passWith: { filename: null, s3_bucket: "bucket", s3_key: "key", s3_object_version: "1" },
    failWith: { s3_object_version: "1" },
  },
  "aws_lambda_function:snap_start.apply_on:one-of": "derived",
  "aws_lambda_function:source_kms_key_arn:arn": "derived",
  "aws_lambda_function:source_kms_key_arn:conflicts-with": {
    passWith: { source_kms_key_arn: "arn:aws:kms:us-east-1:123456789012:key/k" },
    failWith: {
      source_kms_key_arn: "arn:aws:kms:us-east-1:123456789012:key/k",
      filename: null,
      image_uri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/x:1",
      package_type: "Image",
    },
  },
  "aws_lambda_function:tenancy_config.tenant_isolation_mode:one-of": "derived",
  "aws_lambda_function:timeout:whole-number": "derived",
  "aws_lambda_function:timeout:int-between": "derived",
  "aws_lambda_function:tracing_config.mode:one-of": "derived",
  "aws_lambda_function:handler:custom:zip-needs-handler-and-runtime": { passWith: {}, failWith: { handler: null } },
  "aws_lambda_function:last_modified:plan-modifier": from("code.zip", "other-code.zip", { at: "filename" }),
  "aws_lambda_function:version:plan-modifier": from(128, 256, { with: { publish: true }, at: "memory_size" }),
  "aws_lambda_function:qualified_arn:plan-modifier": from(128, 256, { with: { publish: true }, at: "memory_size" }),
  "aws_lambda_function:qualified_invoke_arn:plan-modifier": from(128, 256, { with: { publish: true }, at: "memory_size" }),
  "aws_lambda_function:durable_config:plan-modifier": from([], [{ execution_timeout: 60 }]),
  "aws_lambda_function:architectures:computed": "derived",
  "aws_lambda_function:function_name:custom": { pass: "a".repeat(64), fail: "a".repeat(65) },
  // The provider's TestAccLambdaFunction_nilDeadLetter: an empty target_arn passes the plan.
  "aws_lambda_function:dead_letter_config:provider-check:dead-letter-config-not-nil": {
    passWith: { dead_letter_config: [{ target_arn: "arn:aws:sqs:us-east-1:123456789012:dlq" }] },
    failWith: { dead_letter_config: [{ target_arn: "" }] },
  },
  "aws_lambda_function:function_name:custom:exists": { quota: { count: 2, each: { function_name: "conformance-twice" } } },
  // aws_lambda_permission
  "aws_lambda_permission:action:required": "derived",
  "aws_lambda_permission:function_name:required": "derived",
  "aws_lambda_permission:principal:required": "derived",
  "aws_lambda_permission:action:force-new": from("lambda:InvokeFunction", "lambda:GetFunction"),
  "aws_lambda_permission:event_source_token:force-new": from("token-a", "token-b"),
  "aws_lambda_permission:function_name:force-new": from("conformance-replaced-a", "conformance-replaced-b"),
  "aws_lambda_permission:function_url_auth_type:force-new": from("NONE", "AWS_IAM"),
  "aws_lambda_permission:principal:force-new": from("apigateway.amazonaws.com", "events.amazonaws.com"),
  "aws_lambda_permission:principal_org_id:force-new": from("o-aaaaaaaaaa", "o-bbbbbbbbbb"),
  "aws_lambda_permission:qualifier:force-new": from("a", "b"),
  "aws_lambda_permission:source_account:force-new": from("123456789012", "210987654321"),
  "aws_lambda_permission:source_arn:force-new": from(
    "arn:aws:execute-api:us-east-1:123456789012:abc/*/GET/a",
    "arn:aws:execute-api:us-east-1:123456789012:abc/*/GET/b",
  ),
  "aws_lambda_permission:statement_id:force-new": from("replaced-a", "replaced-b"),
  "aws_lambda_permission:statement_id_prefix:force-new": from("prefix-a-", "prefix-b-", { drop: ["statement_id"] }),
  "aws_lambda_permission:action:matches": { pass: "lambda:InvokeFunction", fail: "invoke" },
  "aws_lambda_permission:event_source_token:matches": { pass: "tok.en_1-x", fail: "bad token" },
  "aws_lambda_permission:event_source_token:length-between": "derived",
  "aws_lambda_permission:function_name:matches": { pass: "conformance-matching", fail: "bad name" },
  "aws_lambda_permission:function_name:length-between": { pass: "a".repeat(64), fail: "a".repeat(141) },
  "aws_lambda_permission:function_url_auth_type:one-of": "derived",
  "aws_lambda_permission:qualifier:matches": { pass: "$LATEST", fail: "bad qualifier" },
  "aws_lambda_permission:qualifier:length-between": "derived",
  "aws_lambda_permission:source_account:account-id": "derived",
  "aws_lambda_permission:source_arn:arn": "derived",
  "aws_lambda_permission:statement_id:matches": { pass: "statement_1-x", fail: "bad statement" },
  "aws_lambda_permission:statement_id:length-between": "derived",
  "aws_lambda_permission:statement_id:conflicts-with": { passWith: {}, failWith: { statement_id_prefix: "p-" } },
  "aws_lambda_permission:statement_id_prefix:matches": { drop: ["statement_id"], pass: "prefix-", fail: "bad prefix" },
  "aws_lambda_permission:statement_id_prefix:length-between": { drop: ["statement_id"] },
  "aws_lambda_permission:statement_id_prefix:conflicts-with": {
    passWith: { statement_id: null, statement_id_prefix: "p-" },
    failWith: { statement_id_prefix: "p-" },
  },
  "aws_lambda_permission:function_name:quota": {
    quota: {
      count: PERMISSIONS_THAT_FIT + 1,
      each: {
        function_name: "conformance-policy",
        statement_id: 's${format("%03d", count.index)}',
        source_arn: 'arn:aws:execute-api:us-east-1:123456789012:abcdefghij/*/GET/r${format("%03d", count.index)}',
      },
    },
  },
  "aws_lambda_permission:statement_id:custom": { quota: { count: 2, each: { function_name: "conformance-twice", statement_id: "twice" } } },
  // aws_iam_policy_document
  "aws_iam_policy_document:statement.condition.test:required": "derived",
  "aws_iam_policy_document:statement.condition.values:required": "derived",
  "aws_iam_policy_document:statement.condition.variable:required": "derived",
  "aws_iam_policy_document:statement.not_principals.identifiers:required": "derived",
  "aws_iam_policy_document:statement.not_principals.type:required": "derived",
  "aws_iam_policy_document:statement.principals.identifiers:required": "derived",
  "aws_iam_policy_document:statement.principals.type:required": "derived",
  "aws_iam_policy_document:statement.effect:default": "derived",
  "aws_iam_policy_document:version:default": "derived",
  "aws_iam_policy_document:override_json:empty": "derived",
  "aws_iam_policy_document:override_policy_documents[]:json": "derived",
  "aws_iam_policy_document:source_json:empty": "derived",
  "aws_iam_policy_document:source_policy_documents[]:json": "derived",
  "aws_iam_policy_document:statement.effect:one-of": "derived",
  "aws_iam_policy_document:statement.sid:matches": { pass: "Sid1", fail: "bad sid" },
  "aws_iam_policy_document:version:one-of": "derived",
  // aws_acm_certificate
  "aws_acm_certificate:validation_option.domain_name:required": "derived",
  "aws_acm_certificate:validation_option.validation_domain:required": "derived",
  "aws_acm_certificate:certificate_authority_arn:force-new": from(CA_ARN, `${CA_ARN}-b`, { drop: ["validation_method"] }),
  "aws_acm_certificate:domain_name:force-new": from("fn-a.conformance.example", "fn-b.conformance.example"),
  "aws_acm_certificate:key_algorithm:force-new": from("RSA_2048", "EC_prime256v1"),
  "aws_acm_certificate:subject_alternative_names:force-new": from(["san-a.conformance.example"], ["san-b.conformance.example"]),
  "aws_acm_certificate:validation_method:force-new": from("DNS", "EMAIL"),
  "aws_acm_certificate:validation_option:force-new": from(
    [VALIDATION_OPTION],
    [{ ...VALIDATION_OPTION, validation_domain: "cert.conformance.example" }],
  ),
  "aws_acm_certificate:options.certificate_transparency_logging_preference:default": "derived",
  "aws_acm_certificate:certificate_authority_arn:arn": { drop: ["validation_method"] },
  "aws_acm_certificate:certificate_authority_arn:conflicts-with": {
    passWith: { validation_method: null, certificate_authority_arn: CA_ARN },
    failWith: { certificate_authority_arn: CA_ARN },
  },
  "aws_acm_certificate:certificate_body:required-with": {
    passWith: IMPORTED,
    failWith: { domain_name: null, validation_method: null, certificate_body: IMPORTED.certificate_body },
  },
  "aws_acm_certificate:certificate_body:conflicts-with": {
    passWith: IMPORTED,
    failWith: { certificate_body: IMPORTED.certificate_body, private_key: IMPORTED.private_key },
  },
  "aws_acm_certificate:certificate_chain:conflicts-with": {
    passWith: { ...IMPORTED, certificate_chain: IMPORTED.certificate_body },
    failWith: { certificate_chain: IMPORTED.certificate_body },
  },
  "aws_acm_certificate:domain_name:does-not-match": { pass: "dot.conformance.example", fail: "dot.conformance.example." },
  "aws_acm_certificate:domain_name:exactly-one-of": { passWith: {}, failWith: { domain_name: null, validation_method: null } },
  "aws_acm_certificate:domain_name:conflicts-with": { passWith: {}, failWith: { private_key: IMPORTED.private_key } },
  "aws_acm_certificate:early_renewal_duration:conflicts-with": {
    passWith: { validation_method: null, certificate_authority_arn: CA_ARN, early_renewal_duration: "720h" },
    failWith: { early_renewal_duration: "720h" },
  },
  "aws_acm_certificate:key_algorithm:one-of": "derived",
  "aws_acm_certificate:key_algorithm:conflicts-with": {
    passWith: { key_algorithm: "EC_prime256v1" },
    failWith: { ...IMPORTED, key_algorithm: "EC_prime256v1" },
  },
  "aws_acm_certificate:options.certificate_transparency_logging_preference:one-of": "derived",
  "aws_acm_certificate:options.export:one-of": "derived",
  "aws_acm_certificate:private_key:exactly-one-of": { passWith: IMPORTED, failWith: { domain_name: null, validation_method: null } },
  "aws_acm_certificate:subject_alternative_names[]:length-between": "derived",
  "aws_acm_certificate:subject_alternative_names[]:does-not-match": { pass: "dnm.conformance.example", fail: "dnm.conformance.example." },
  "aws_acm_certificate:subject_alternative_names:conflicts-with": {
    passWith: { subject_alternative_names: ["sc.conformance.example"] },
    failWith: { subject_alternative_names: ["sc.conformance.example"], private_key: IMPORTED.private_key },
  },
  "aws_acm_certificate:validation_method:one-of": "derived",
  "aws_acm_certificate:validation_method:conflicts-with": { passWith: {}, failWith: { certificate_authority_arn: CA_ARN } },
  "aws_acm_certificate:validation_option:conflicts-with": {
    passWith: { validation_option: [VALIDATION_OPTION] },
    failWith: { validation_option: [VALIDATION_OPTION], private_key: IMPORTED.private_key },
  },
  // The change plans a new certificate: its validation options are the new name's, known at plan.
  "aws_acm_certificate:domain_validation_options:plan-modifier:dns-validation-options": from(
    "dvo-a.conformance.example",
    "dvo-b.conformance.example",
    {
      at: "domain_name",
      plannedAt: "domain_validation_options.domain_name",
      planned: "dvo-b.conformance.example",
    },
  ),
  "aws_acm_certificate:subject_alternative_names:plan-modifier:domain-in-sans": from("sans-a.conformance.example", "sans-b.conformance.example", {
    at: "domain_name",
    plannedAt: "subject_alternative_names",
    planned: ["sans-b.conformance.example"],
  }),
  "aws_acm_certificate:key_algorithm:computed": "derived",
  "aws_acm_certificate:domain_name:max-length": "derived",
  // aws_acm_certificate_validation
  "aws_acm_certificate_validation:certificate_arn:required": "derived",
  "aws_acm_certificate_validation:certificate_arn:force-new": from(
    "arn:aws:acm:us-east-1:123456789012:certificate/0a0a0a0a-0000-4000-8000-00000000000a",
    "arn:aws:acm:us-east-1:123456789012:certificate/0b0b0b0b-0000-4000-8000-00000000000b",
  ),
  "aws_acm_certificate_validation:validation_record_fqdns:force-new": from(["a.conformance.example"], ["b.conformance.example"]),
  // The provider's TestAccACMCertificateValidation_validationRecordFQDNSEmail.
  "aws_acm_certificate_validation:validation_record_fqdns:provider-check:dns-validation-only": {
    passWith: VALIDATED,
    failWith: { certificate_arn: EMAIL_ARN, validation_record_fqdns: ["email.conformance.example"] },
    failMessage: "validation_record_fqdns is not valid for EMAIL validation",
  },
  "aws_acm_certificate_validation:validation_record_fqdns:provider-check:records-for-every-domain": {
    passWith: VALIDATED,
    failWith: { certificate_arn: VALIDATED.certificate_arn, validation_record_fqdns: ["wrong.conformance.example"] },
  },
  "aws_acm_certificate_validation:certificate_arn:provider-check:amazon-issued": { passWith: VALIDATED, failWith: { certificate_arn: IMPORTED_ARN } },
  "aws_acm_certificate_validation:certificate_arn:provider-check:certificate-issued": {
    passWith: VALIDATED,
    failWith: { certificate_arn: PENDING_ARN },
  },
  // aws_route53_record
  "aws_route53_record:name:required": "derived",
  "aws_route53_record:type:required": "derived",
  "aws_route53_record:zone_id:required": "derived",
  "aws_route53_record:alias.evaluate_target_health:required": NO_RECORDS,
  "aws_route53_record:alias.name:required": NO_RECORDS,
  "aws_route53_record:alias.zone_id:required": NO_RECORDS,
  "aws_route53_record:name:force-new": from("fn-a.conformance.example", "fn-b.conformance.example"),
  "aws_route53_record:zone_id:force-new": from(ZONE_ID, "ZOTHERZONE0000000000"),
  "aws_route53_record:alias.name:length-between": NO_RECORDS,
  "aws_route53_record:alias.zone_id:length-between": NO_RECORDS,
  "aws_route53_record:alias:exactly-one-of": { passWith: { records: null, ttl: null, alias: [ALIAS] }, failWith: { records: null, ttl: null } },
  "aws_route53_record:alias:conflicts-with": { passWith: { records: null, ttl: null, alias: [ALIAS] }, failWith: { records: null, alias: [ALIAS] } },
  "aws_route53_record:records:exactly-one-of": { passWith: {}, failWith: { alias: [ALIAS] } },
  "aws_route53_record:ttl:conflicts-with": { passWith: {}, failWith: { alias: [ALIAS] } },
  "aws_route53_record:ttl:required-with": { passWith: {}, failWith: { records: null } },
  "aws_route53_record:ttl:whole-number": "derived",
  "aws_route53_record:type:one-of": { pass: "A", fail: "a" },
  "aws_route53_record:zone_id:not-empty": { pass: ZONE_ID, fail: "" },
  "aws_route53_record:zone_id:custom": { pass: ZONE_ID, fail: "ZNOSUCHZONE000000000" },
  "aws_route53_record:name:custom": { quota: { count: 2, each: { name: "twice.conformance.example" } } },
  // aws_apigatewayv2_domain_name
  "aws_apigatewayv2_domain_name:domain_name:required": "derived",
  "aws_apigatewayv2_domain_name:domain_name_configuration.certificate_arn:required": "derived",
  "aws_apigatewayv2_domain_name:domain_name_configuration.endpoint_type:required": "derived",
  "aws_apigatewayv2_domain_name:domain_name_configuration.security_policy:required": "derived",
  "aws_apigatewayv2_domain_name:mutual_tls_authentication.truststore_uri:required": "derived",
  "aws_apigatewayv2_domain_name:domain_name:force-new": from("fn-a.conformance.example", "fn-b.conformance.example"),
  "aws_apigatewayv2_domain_name:domain_name:length-between": "derived",
  "aws_apigatewayv2_domain_name:domain_name_configuration.certificate_arn:arn": "derived",
  "aws_apigatewayv2_domain_name:domain_name_configuration.endpoint_type:one-of": "derived",
  "aws_apigatewayv2_domain_name:domain_name_configuration.ip_address_type:one-of": "derived",
  "aws_apigatewayv2_domain_name:domain_name_configuration.ownership_verification_certificate_arn:arn": "derived",
  "aws_apigatewayv2_domain_name:domain_name_configuration.security_policy:one-of": "derived",
  "aws_apigatewayv2_domain_name:api_mapping_selection_expression:computed": "derived",
  "aws_apigatewayv2_domain_name:domain_name:custom": { quota: { count: 2, each: { domain_name: "twice.conformance.example" } } },
  "aws_apigatewayv2_domain_name:domain_name_configuration.certificate_arn:custom": {
    passWith: {},
    failWith: { domain_name_configuration: [{ certificate_arn: PENDING_ARN, endpoint_type: "REGIONAL", security_policy: "TLS_1_2" }] },
  },
  // aws_apigatewayv2_api_mapping
  "aws_apigatewayv2_api_mapping:api_id:required": "derived",
  "aws_apigatewayv2_api_mapping:domain_name:required": "derived",
  "aws_apigatewayv2_api_mapping:stage:required": "derived",
  "aws_apigatewayv2_api_mapping:api_id:force-new": from("confapi-a", "confapi-b"),
  "aws_apigatewayv2_api_mapping:domain_name:force-new": from("a.conformance.example", "b.conformance.example"),
  // data aws_route53_zone
  "aws_route53_zone:private_zone:default": "derived",
  "aws_route53_zone:name:provider-check:hosted-zone-found": { passWith: {}, failWith: { name: "missing.example" } },
  "aws_iam_policy_document:source_policy_documents:custom:unique-source-sid": {
    passWith: {
      source_policy_documents: [
        JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "A", Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] }),
        JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "B", Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] }),
      ],
    },
    failWith: {
      source_policy_documents: [
        JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "A", Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] }),
        JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "A", Effect: "Allow", Action: "s3:PutObject", Resource: "*" }] }),
      ],
    },
  },
  "aws_iam_policy_document:version:custom:no-var-sequence-before-2012": {
    passWith: { version: "2012-10-17", statement: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/&{aws:username}"] }] },
    failWith: { version: "2008-10-17", statement: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/&{aws:username}"] }] },
  },
  "aws_iam_policy_document:statement.sid:custom:unique-statement-sid": {
    passWith: {
      statement: [
        { sid: "A", actions: ["s3:GetObject"], resources: ["*"] },
        { sid: "B", actions: ["s3:GetObject"], resources: ["*"] },
      ],
    },
    failWith: {
      statement: [
        { sid: "A", actions: ["s3:GetObject"], resources: ["*"] },
        { sid: "A", actions: ["s3:PutObject"], resources: ["*"] },
      ],
    },
  },
};
