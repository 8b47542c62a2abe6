// auth0_client: internal/auth0/client/resource.go (NewResource). No CustomizeDiff; grant_types
// and the URL lists have no plan-time check (the old stand-in's grant_types check was invented).
// At apply, the limits of POST /api/v2/clients' request schema on what the stand-in sends.
import { apiLimit, rulesOf } from "../build";
import { AUTH0_DOCS, AUTH0_PAYLOAD_WORDING, auth0File, auth0Payload } from "../sources";
import type { Check, ResourceCatalogue, Rule } from "../types";

const file = auth0File("internal/auth0/client/resource.go", "NewResource");
const r = rulesOf(file);
/** token_quota is commons.TokenQuotaSchema() (client/resource.go: "token_quota": commons.TokenQuotaSchema()). */
const quota = rulesOf(auth0File("internal/auth0/commons/token_quota.go", "TokenQuotaSchema"));
/** IntBetween(1, maxTokenQuotaLimit), maxTokenQuotaLimit = 2147483647 (token_quota.go). */
const MAX_TOKEN_QUOTA = 2147483647;
/** The client's Optional and Computed blocks, parents first. */
const COMPUTED_BLOCKS = [
  "jwt_configuration",
  "mobile",
  "mobile.android",
  "mobile.ios",
  "native_social_login",
  "native_social_login.apple",
  "native_social_login.facebook",
  "native_social_login.google",
  "refresh_token",
  "default_organization",
  "my_organization_configuration",
  "express_configuration",
  "express_configuration.linked_clients",
];

/** ValidAppTypes (resource.go), in its order. */
const APP_TYPES = [
  "native",
  "spa",
  "regular_web",
  "non_interactive",
  "resource_server",
  "rms",
  "box",
  "cloudbees",
  "concur",
  "dropbox",
  "mscrm",
  "echosign",
  "egnyte",
  "newrelic",
  "office365",
  "salesforce",
  "sentry",
  "sharepoint",
  "slack",
  "springcm",
  "sso_integration",
  "zendesk",
  "zoom",
  "express_configuration",
];
const https = (path: string, loginPlaceholders = false): Rule =>
  r.custom(
    path,
    { type: "https-url-or-empty", loginPlaceholders },
    "{err}",
    loginPlaceholders
      ? "internalValidation.IsHTTPSURLOrEmptyStringWithDynamicLoginURIPlaceholders"
      : "internalValidation.IsURLWithHTTPSorEmptyString",
    {
      note: "internal/validation/validation.go: Go's url.Parse of go1.25.8 (the provider's go.mod), as src/go-url.ts parses (src/net/url/url.go, src/net/netip/netip.go); wording and cases from validation_test.go",
    },
  );
const INTEGERS = [
  "jwt_configuration.lifetime_in_seconds",
  "refresh_token.leeway",
  "refresh_token.token_lifetime",
  "refresh_token.idle_token_lifetime",
  "addons.aws.lifetime_in_seconds",
  "addons.azure_blob.expiration",
  "addons.azure_sb.expiration",
  "addons.firebase.lifetime_in_seconds",
  "addons.layer.expiration",
  "addons.samlp.lifetime_in_seconds",
];
const REQUIRED = [
  "name",
  "refresh_token.rotation_type",
  "refresh_token.expiration_type",
  "refresh_token.policies.audience",
  "refresh_token.policies.scope",
  "addons.layer.provider_id",
  "addons.layer.key_id",
  "addons.layer.private_key",
  "token_exchange.allow_any_profile_of_type",
  "oidc_logout.backchannel_logout_urls",
  "oidc_logout.backchannel_logout_initiators.mode",
  "oidc_logout.backchannel_logout_session_metadata.include",
  "fedcm_login.google.is_enabled",
  "identity_assertion_authorization_grant.active",
];

const CREATE = "POST /api/v2/clients";
/** A limit of the request schema of POST /api/v2/clients (which PATCH shares), in Auth0's words. */
const payload = (path: string, check: Check, words: string, description: string, note: string) =>
  apiLimit(path, {
    call: CREATE,
    field: path,
    check,
    status: 400,
    code: "Bad Request",
    message: auth0Payload(words, path, description),
    doc: AUTH0_DOCS.createClient,
    note: `${note}; ${AUTH0_PAYLOAD_WORDING}${path.includes(".") ? "; a nested field's property named by its dotted path is our rendering" : ""}`,
  });
const REFRESH_LIFETIME = "Period (in seconds) for which refresh tokens will remain valid";

export const client: ResourceCatalogue = {
  provider: "auth0/auth0",
  type: "auth0_client",
  source: file,
  rules: [
    ...REQUIRED.map((p) => r.required(p)),
    r.forceNew("jwt_configuration.secret_encoded"),
    r.default("session_transfer.enforce_cascade_revocation", true),
    r.default("session_transfer.enforce_online_refresh_tokens", true),
    ...INTEGERS.map((p) => r.wholeNumber(p)),
    r.lengthBetween("description", 0, 140),
    r.oneOf("app_type", APP_TYPES, false),
    r.oneOf("third_party_security_mode", ["strict", "permissive"], false),
    r.oneOf("redirection_policy", ["allow_always", "open_redirect_protection"], false),
    r.oneOf("async_approval_notification_channels[]", ["guardian-push", "email"], false),
    r.oneOf("organization_usage", ["deny", "allow", "require"], false),
    r.oneOf("organization_require_behavior", ["no_prompt", "pre_login_prompt", "post_login_prompt"], false),
    r.oneOf("organization_discovery_methods[]", ["email", "organization_name"], false),
    r.oneOf("jwt_configuration.alg", ["HS256", "RS256", "PS256"], false),
    r.atLeastOneOf("mobile.android", ["mobile.0.ios"]),
    r.atLeastOneOf("mobile.android.app_package_name", ["mobile.0.android.0.app_package_name", "mobile.0.android.0.sha256_cert_fingerprints"]),
    r.atLeastOneOf("mobile.android.sha256_cert_fingerprints", ["mobile.0.android.0.app_package_name", "mobile.0.android.0.sha256_cert_fingerprints"]),
    r.atLeastOneOf("mobile.ios", ["mobile.0.android"]),
    r.atLeastOneOf("mobile.ios.team_id", ["mobile.0.ios.0.team_id", "mobile.0.ios.0.app_bundle_identifier"]),
    r.atLeastOneOf("mobile.ios.app_bundle_identifier", ["mobile.0.ios.0.team_id", "mobile.0.ios.0.app_bundle_identifier"]),
    https("initiate_login_uri", true),
    r.oneOf("refresh_token.rotation_type", ["rotating", "non-rotating"], false),
    r.oneOf("refresh_token.expiration_type", ["expiring", "non-expiring"], false),
    r.intBetween("addons.aws.lifetime_in_seconds", 900, 43200),
    r.intAtLeast("addons.azure_blob.expiration", 0),
    r.intAtLeast("addons.azure_sb.expiration", 0),
    https("addons.rms.url"),
    https("addons.mscrm.url"),
    https("addons.sentry.base_url"),
    https("addons.salesforce.entity_id"),
    r.intAtLeast("addons.layer.expiration", 0),
    https("addons.sap_api.token_endpoint_url"),
    r.conflictsWith("addons.samlp.mappings", ["addons.0.samlp.0.flexible_mappings"]),
    r.json("addons.samlp.flexible_mappings"),
    r.conflictsWith("addons.samlp.flexible_mappings", ["addons.0.samlp.0.mappings"]),
    r.oneOf("token_exchange.allow_any_profile_of_type[]", ["custom_authentication", "on_behalf_of_token_exchange"], false),
    r.oneOf("compliance_level", ["none", "fapi1_adv_pkj_par", "fapi1_adv_mtls_par"], false),
    r.oneOf("oidc_logout.backchannel_logout_initiators.mode", ["all", "custom"], false),
    r.oneOf("session_transfer.allowed_authentication_methods[]", ["cookie", "query"], false),
    r.oneOf("session_transfer.enforce_device_binding", ["ip", "asn", "none"], false),
    r.oneOf("session_transfer.delegation.enforce_device_binding", ["ip", "asn"], false),
    r.oneOf("skip_non_verifiable_callback_uri_confirmation_prompt", ["true", "false", "null"], false),
    r.oneOf("my_organization_configuration.connection_deletion_behavior", ["allow", "allow_if_empty"], false),
    payload(
      "name",
      { type: "does-not-match", pattern: "[<>]" },
      "String does not match pattern ^[^<>]+$: {value}",
      "Name of this client (min length: 1 character, does not allow `<` or `>`).",
      "the request schema's pattern ^[^<>]+$; the provider checks nothing of name at plan",
    ),
    apiLimit("default_organization", {
      call: CREATE,
      field: "default_organization",
      check: { type: "custom", name: "default-organization-complete" },
      status: 400,
      code: "Bad Request",
      message: auth0Payload("Missing required property: {property}", "default_organization", "Defines the default Organization ID and flows"),
      doc: AUTH0_DOCS.createClient,
      note: `the request schema's ClientDefaultOrganization requires organization_id and flows together; the provider (expandDefaultOrganization) sends what the block sets, both Optional; the case of the provider's TestAccClientWithDefaultOrganization, steps 4 and 5; ${AUTH0_PAYLOAD_WORDING}`,
    }),
    payload(
      "refresh_token.token_lifetime",
      { type: "int-at-least", min: 1 },
      "Value {value} is less than minimum 1",
      REFRESH_LIFETIME,
      "ClientRefreshTokenConfiguration's minimum 1",
    ),
    payload(
      "refresh_token.token_lifetime",
      { type: "int-at-most", max: 157788000 },
      "Value {value} is greater than maximum 157788000",
      REFRESH_LIFETIME,
      "ClientRefreshTokenConfiguration's maximum 157788000 (five years)",
    ),
    payload(
      "refresh_token.idle_token_lifetime",
      { type: "int-at-least", min: 1 },
      "Value {value} is less than minimum 1",
      "Period (in seconds) for which refresh tokens will remain valid without use",
      "ClientRefreshTokenConfiguration's minimum 1",
    ),
    payload(
      "refresh_token.leeway",
      { type: "int-at-least", min: 0 },
      "Value {value} is less than minimum 0",
      "Period in seconds where the previous refresh token can be exchanged without triggering breach detection",
      "ClientRefreshTokenConfiguration's minimum 0",
    ),
    quota.required("token_quota.client_credentials"),
    quota.default("token_quota.client_credentials.enforce", true),
    quota.wholeNumber("token_quota.client_credentials.per_day"),
    quota.intBetween("token_quota.client_credentials.per_day", 1, MAX_TOKEN_QUOTA),
    quota.wholeNumber("token_quota.client_credentials.per_hour"),
    quota.intBetween("token_quota.client_credentials.per_hour", 1, MAX_TOKEN_QUOTA),
    ...COMPUTED_BLOCKS.map((p) => r.computedBlock(p)),
  ],
  calls: { "POST /api/v2/clients": { service: "Auth0", wrap: "%s" } },
};
