// auth0_resource_server: internal/auth0/resourceserver/resource.go (NewResource, validateResourceServer)
// and POST /api/v2/resource-servers (its request schema, which PATCH shares).
import { apiLimit, rulesOf, serviceDefault } from "../build";
import { AUTH0_DOCS, AUTH0_PAYLOAD_WORDING, auth0File, auth0Payload } from "../sources";
import type { ResourceCatalogue } from "../types";

const file = auth0File("internal/auth0/resourceserver/resource.go", "NewResource");
const r = rulesOf(file);
const settings = { doc: AUTH0_DOCS.apiSettings };
const CREATE = "POST /api/v2/resource-servers";
const NAME = "Friendly name for this resource server. Can not contain `<` or `>` characters.";

export const resourceServer: ResourceCatalogue = {
  provider: "auth0/auth0",
  type: "auth0_resource_server",
  source: file,
  rules: [
    r.required("identifier"),
    r.required("token_encryption.encryption_key.algorithm"),
    r.required("token_encryption.encryption_key.pem"),
    r.forceNew("identifier"),
    r.oneOf("signing_alg", ["HS256", "RS256", "PS256"], true),
    r.custom(
      "signing_secret",
      { type: "min-length", min: 16 },
      "expected length of {key} to be at least 16, {qvalue} is {len}",
      "(inline ValidateFunc)",
    ),
    r.wholeNumber("token_lifetime"),
    r.wholeNumber("token_lifetime_for_web"),
    r.oneOf("token_dialect", ["access_token", "access_token_authz", "rfc9068_profile", "rfc9068_profile_authz"], true),
    r.oneOf("consent_policy", ["transactional-authorization-with-mfa", "null"], true),
    r.oneOf("token_encryption.format", ["compact-nested-jwe"], true),
    r.requiredWith("token_encryption.format", ["token_encryption.0.encryption_key"]),
    r.requiredWith("token_encryption.encryption_key", ["token_encryption.0.format"]),
    r.oneOf("proof_of_possession.mechanism", ["mtls", "dpop"], true),
    r.oneOf("proof_of_possession.required_for", ["all_clients", "public_clients"], true),
    r.oneOf("subject_type_authorization.user.policy", ["allow_all", "deny_all", "require_client_grant"], false),
    r.oneOf("subject_type_authorization.client.policy", ["deny_all", "require_client_grant"], false),
    r.customizeDiff(
      "authorization_details",
      "disable-excludes-settings",
      "{err}",
      'validateResourceServer (CustomizeDiff), its three "only one of disable and …" checks',
    ),
    serviceDefault("signing_alg", "RS256", settings),
    serviceDefault("token_lifetime", 86400, settings),
    serviceDefault("token_lifetime_for_web", 7200, settings),
    serviceDefault("token_dialect", "access_token", { doc: "https://auth0.com/docs/secure/tokens/access-tokens/access-token-profiles" }),
    serviceDefault("enforce_policies", false, { doc: "https://auth0.com/docs/get-started/apis/enable-role-based-access-control-for-apis" }),
    serviceDefault("allow_offline_access", false, settings),
    serviceDefault("skip_consent_for_verifiable_first_party_clients", false, settings),
    apiLimit("identifier", {
      call: CREATE,
      field: "identifier",
      check: { type: "custom", name: "unique-identifier-per-tenant" },
      status: 409,
      code: "Conflict",
      message: "A resource server with the same identifier already exists.",
      doc: AUTH0_DOCS.createResourceServer,
      note: 'the identifier is unique in a tenant; go-auth0 words the answer "409 Conflict: <message>"',
    }),
    apiLimit("name", {
      call: CREATE,
      field: "name",
      check: { type: "does-not-match", pattern: "[<>]" },
      status: 400,
      code: "Bad Request",
      message: auth0Payload("String does not match pattern ^[^<>]+$: {value}", "name", NAME),
      doc: AUTH0_DOCS.createResourceServer,
      note: `the request schema's pattern ^[^<>]+$ (the provider's own description of name repeats it); ${AUTH0_PAYLOAD_WORDING}`,
    }),
    apiLimit("name", {
      call: CREATE,
      field: "name",
      check: { type: "max-length", max: 200 },
      status: 400,
      code: "Bad Request",
      message: auth0Payload("String is too long ({len} chars), maximum 200", "name", NAME),
      doc: AUTH0_DOCS.createResourceServer,
      note: `the request schema's maxLength 200; ${AUTH0_PAYLOAD_WORDING}`,
    }),
    apiLimit("identifier", {
      call: CREATE,
      field: "identifier",
      check: { type: "max-length", max: 600 },
      status: 400,
      code: "Bad Request",
      message: auth0Payload(
        "String is too long ({len} chars), maximum 600",
        "identifier",
        "Unique identifier for the API used as the audience parameter on authorization calls. Can not be changed once set.",
      ),
      doc: AUTH0_DOCS.createResourceServer,
      note: `the request schema's maxLength 600; ${AUTH0_PAYLOAD_WORDING}`,
    }),
    ...[
      { check: { type: "int-at-least", min: 0 } as const, words: "Value {value} is less than minimum 0" },
      { check: { type: "int-at-most", max: 2592000 } as const, words: "Value {value} is greater than maximum 2592000" },
    ].map(({ check, words }) =>
      apiLimit("token_lifetime", {
        call: CREATE,
        field: "token_lifetime",
        check,
        status: 400,
        code: "Bad Request",
        message: auth0Payload(
          words,
          "token_lifetime",
          "Expiration value (in seconds) for access tokens issued for this API from the token endpoint.",
        ),
        doc: AUTH0_DOCS.createResourceServer,
        note: `the request schema's minimum 0 and maximum 2592000 (30 days); ${AUTH0_PAYLOAD_WORDING}. The provider checks nothing at plan (the old stand-in's plan-time range was invented)`,
      }),
    ),
    apiLimit("proof_of_possession", {
      call: CREATE,
      field: "proof_of_possession",
      check: { type: "custom", name: "proof-of-possession-complete" },
      status: 400,
      code: "Bad Request",
      message: auth0Payload("Missing required property: {property}", "proof_of_possession", "Proof-of-Possession configuration for access tokens"),
      doc: AUTH0_DOCS.createResourceServer,
      note: `the request schema's ResourceServerProofOfPossession requires mechanism and required together; the provider (expandProofOfPossession) sends what the block sets, both Optional; ${AUTH0_PAYLOAD_WORDING}`,
    }),
    ...[
      "authorization_details",
      "token_encryption",
      "token_encryption.encryption_key",
      "proof_of_possession",
      "authorization_policy",
      "subject_type_authorization",
      "subject_type_authorization.user",
      "subject_type_authorization.client",
    ].map((p) => r.computedBlock(p)),
  ],
  calls: { "POST /api/v2/resource-servers": { service: "Auth0", wrap: "%s" } },
};
