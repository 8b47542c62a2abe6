// auth0_client: internal/auth0/client/resource_test.go at v1.55.0.
import { auth0Test, OFFLINE } from "../sources";
import type { ProviderTestCase, ProviderTestFile } from "../types";

const client = (body: string, resource = "client") => `resource "auth0_client" "${resource}" {
  name = "Provider test {{name}}"
${body}
}`;
const config = (test: string, step: number, hcl: string, extra: Partial<ProviderTestCase> = {}): ProviderTestCase => ({
  test,
  step,
  kind: "config",
  hcl,
  expect: { phase: "none" },
  ...extra,
});
const steps = (test: string, bodies: readonly string[], extra: Partial<ProviderTestCase> = {}) =>
  bodies.map((body, i) => config(test, i + 1, client(body), extra));
const notServed = (test: string, step: number, what: string): ProviderTestCase => ({
  test,
  step,
  kind: "config",
  expect: { phase: "none" },
  notRunnable: `needs ${what}, which the stand-in does not serve`,
});

const TOKEN_EXCHANGE = '  oidc_conformant = true\n  token_exchange {\n    allow_any_profile_of_type = ["custom_authentication"]\n  }';
const mobile = (android: string, ios: string, social: string) =>
  `  app_type = "native"\n${TOKEN_EXCHANGE}\n  mobile {\n${android}${ios}  }\n  native_social_login {\n${social}  }`;
const social = (apple: boolean | undefined, facebook: boolean, google: boolean | undefined) =>
  [
    apple === undefined ? "" : `    apple {\n      enabled = ${apple}\n    }\n`,
    `    facebook {\n      enabled = ${facebook}\n    }\n`,
    google === undefined ? "" : `    google {\n      enabled = ${google}\n    }\n`,
  ].join("");
const android = (fingerprints: string) =>
  `    android {\n      app_package_name = "com.example"\n      sha256_cert_fingerprints = ${fingerprints}\n    }\n`;
const ios = (team: string, bundle: string) => `    ios {\n      team_id = "${team}"\n      app_bundle_identifier = "${bundle}"\n    }\n`;

const API = (extra = "") => `resource "auth0_resource_server" "api" {
  name       = "Provider test {{name}}"
  identifier = "https://{{name}}.provider-tests.example/api"
${extra}}
`;
const refreshToken = (scope: string) => `${API("  skip_consent_for_verifiable_first_party_clients = true\n  allow_offline_access = true\n")}
resource "auth0_resource_server_scopes" "scopes" {
  resource_server_identifier = auth0_resource_server.api.identifier
  scopes {
    name = "create:bar"
  }
}

${client(`  app_type       = "spa"
  is_first_party = true
  depends_on     = [auth0_resource_server_scopes.scopes]
  refresh_token {
    rotation_type                = "non-rotating"
    expiration_type              = "non-expiring"
    leeway                       = 60
    token_lifetime               = 256000
    infinite_token_lifetime      = true
    infinite_idle_token_lifetime = true
    idle_token_lifetime          = 128000
    policies {
      audience = auth0_resource_server.api.identifier
      scope    = ${scope}
    }
  }`)}`;
const SCOPE_NOTE = {
  adapted:
    "the scope is made with auth0_resource_server_scopes (the source uses auth0_resource_server_scope, not served) on an API of the case's own (the source's identifier is fixed)",
};

const ALL_FIELDS = (empty: boolean) => `  app_type = "non_interactive"
  description = "${empty ? "" : "Test Application Long Description"}"
  cross_origin_loc = "https://example.com/cross-origin-loc"
  custom_login_page = "${empty ? "" : "test"}"
  form_template = "${empty ? "" : "test"}"
  initiate_login_uri = "${empty ? "" : "https://example.com/login"}"
  logo_uri = "https://${empty ? "another-example" : "example"}.com/logoUri"
  organization_require_behavior = "no_prompt"
  organization_usage = "deny"
  require_pushed_authorization_requests = false
  skip_non_verifiable_callback_uri_confirmation_prompt = ${!empty}
  sso = ${empty}
  sso_disabled = ${empty}
  custom_login_page_on = true
  is_first_party = true
  oidc_conformant = true
  client_aliases = ${empty ? "[]" : '["https://example.com/audience"]'}
  callbacks = ${empty ? "[]" : '["https://example.com/callback"]'}
  allowed_origins = ${empty ? "[]" : '["https://example.com"]'}
  allowed_clients = ${empty ? "[]" : '["https://allowed.example.com"]'}
  grant_types = ${empty ? "[]" : '["authorization_code", "http://auth0.com/oauth/grant-type/password-realm", "implicit", "password", "refresh_token"]'}
  allowed_logout_urls = ${empty ? "[]" : '["https://example.com"]'}
  web_origins = ${empty ? "[]" : '["https://example.com"]'}
  client_metadata = ${empty ? "{}" : '{ foo = "zoo" }'}`;

const addon = (block: string) => `  app_type = "sso_integration"\n  addons {\n${block}\n  }`;
const ADDONS = [
  '    aws {\n      principal = "arn:aws:iam::010616021751:saml-provider/idpname"\n      role = "arn:aws:iam::010616021751:role/foo"\n      lifetime_in_seconds = 32000\n    }',
  `    azure_blob {
      account_name       = "acmeorg"
      storage_access_key = "${"a".repeat(86)}=="
      container_name     = "my-container"
      blob_name          = "my-blob"
      expiration         = 10
      signed_identifier  = "id123"
      blob_read          = true
      blob_write         = true
      blob_delete        = true
      container_read     = true
      container_write    = true
      container_delete   = true
      container_list     = true
    }`,
  '    azure_sb {\n      namespace = "acmeorg"\n      sas_key_name = "my-policy"\n      sas_key = "my-key"\n      entity_path = "my-queue"\n      expiration = 10\n    }',
  '    rms {\n      url = "https://example.com"\n    }',
  '    mscrm {\n      url = "https://example.com"\n    }',
  '    slack {\n      team = "acmeorg"\n    }',
  '    sentry {\n      org_slug = "acmeorg"\n      base_url = ""\n    }',
  '    echosign {\n      domain = "acmeorg"\n    }',
  '    egnyte {\n      domain = "acmeorg"\n    }',
  '    firebase {\n      secret = "secret"\n      private_key_id = "private-key-id"\n      private_key = "private-key"\n      client_email = "service-account"\n      lifetime_in_seconds = 7200\n    }',
  '    newrelic {\n      account = "123456"\n    }',
  '    office365 {\n      domain = "acmeorg"\n      connection = "Username-Password-Authentication"\n    }',
  `    salesforce {
      entity_id = "https://acme-org.com"
    }
    salesforce_api {
      client_id = "client-id"
      principal = "principal"
      community_name = "community-name"
      community_url_section = "community-url-section"
    }
    salesforce_sandbox_api {
      client_id = "client-id"
      principal = "principal"
      community_name = "community-name"
      community_url_section = "community-url-section"
    }`,
  '    layer {\n      provider_id = "provider-id"\n      key_id = "key-id"\n      private_key = "private-key"\n      principal = "principal"\n      expiration = 10\n    }',
  `    sap_api {
      client_id = "client-id"
      username_attribute = "email"
      token_endpoint_url = "https://example.com"
      scope = "use:api"
      service_password = "123456"
      name_identifier_format = "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified"
    }`,
  '    sharepoint {\n      url = "https://example.com:123"\n      external_url = ["https://example.com/v2"]\n    }',
  '    springcm {\n      acs_url = "https://example.com"\n    }',
  '    wams {\n      master_key = "master-key"\n    }',
  '    zendesk {\n      account_name = "acmeorg"\n    }',
  '    zoom {\n      account = "acmeorg"\n    }',
  '    sso_integration {\n      name = "my-sso"\n      version = "0.1.0"\n    }',
  `    samlp {
      issuer = "https://tableau-server-test.domain.eu.com/api/v1"
      audience = "https://tableau-server-test.domain.eu.com/audience-different"
      destination = "https://tableau-server-test.domain.eu.com/destination"
      digest_algorithm = "sha256"
      lifetime_in_seconds = 3600
      name_identifier_format = "urn:oasis:names:tc:SAML:2.0:attrname-format:basic"
      name_identifier_probes = ["http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"]
      create_upn_claim = false
      passthrough_claims_with_no_mapping = false
      map_unknown_claims_as_is = false
      map_identities = false
      typed_attributes = false
      sign_response = false
      include_attribute_name_format = false
      recipient = "https://tableau-server-test.domain.eu.com/recipient-different"
      signing_cert = "-----BEGIN PUBLIC KEY-----\\nMIGf\\n-----END PUBLIC KEY-----\\n"
      signature_algorithm = "rsa-sha256"
      authn_context_class_ref = "context"
      binding = "binding"
      mappings = {
        email = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"
        name  = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name"
      }
      logout {
        callback = "https://example.com/callback"
        slo_enabled = true
      }
    }`,
  "    samlp {}",
  "",
  "    box {}\n    cloudbees {}\n    concur {}\n    dropbox {}\n    wsfed {}",
];

const defaultOrganization = (block: string) => `  default_organization {\n${block}\n  }`;
const ORG_NOTE = { adapted: "the organization is a literal id: the stand-in does not serve auth0_organization or its data source" };
const oidcLogout = (url: string, initiators: string, include: boolean) =>
  `  app_type = "spa"\n  oidc_logout {\n    backchannel_logout_urls = ["${url}"]\n    backchannel_logout_initiators {\n${initiators}\n    }\n    backchannel_logout_session_metadata {\n      include = ${include}\n    }\n  }`;
const sessionTransfer = (block: string) => `  app_type = "native"${block === "-" ? "" : `\n  session_transfer {\n${block}\n  }`}`;
const DELEGATION = (allow: boolean, binding: string) =>
  `    can_create_session_transfer_token = true\n    delegation {\n      allow_delegated_access = ${allow}\n      enforce_device_binding = "${binding}"\n    }`;
const tokenExchangeApi = (profiles: string) => `${API()}
${client(`  depends_on = [auth0_resource_server.api]
  app_type = "resource_server"
  oidc_conformant = true
  resource_server_identifier = auth0_resource_server.api.identifier
  token_exchange {
    allow_any_profile_of_type = ${profiles}
  }`)}`;

export const CLIENT: ProviderTestFile = {
  provider: "auth0",
  resource: "auth0_client",
  source: auth0Test("internal/auth0/client/resource_test.go"),
  cases: [
    {
      test: "TestAccClientInitiateLoginUriValidation",
      step: 1,
      kind: "expect-error",
      hcl: client('  initiate_login_uri = "http://example.com/login"'),
      expect: { phase: "plan", pattern: /to have a url with schema/ },
    },
    {
      test: "TestAccClientMobileValidationError",
      step: 1,
      kind: "expect-error",
      hcl: client("  mobile {\n    android {\n    }\n  }"),
      expect: { phase: "plan", pattern: /Missing required argument/ },
    },
    ...steps("TestAccClientMobile", [
      mobile(android('["DE:AD:BE:EF"]'), ios("9JA89QQLNQ", "com.my.bundle.id"), social(true, false, true)),
      mobile(android('["DE:AD:BE:EF", "CA:DE:FF:AA"]'), ios("1111111111", "com.my.auth0.bundle"), social(false, true, false)),
      mobile(android('["DE:AD:BE:EF", "CA:DE:FF:AA"]'), "", social(undefined, false, undefined)),
      `  app_type = "non_interactive"\n${TOKEN_EXCHANGE}\n  native_social_login {\n${social(false, false, undefined)}  }`,
    ]),
    config("TestAccClientRefreshToken", 1, refreshToken('["create:bar"]'), SCOPE_NOTE),
    config("TestAccClientRefreshToken", 2, refreshToken("[]"), SCOPE_NOTE),
    config("TestAccClientRefreshToken", 3, client('  app_type = "spa"')),
    ...steps("TestAccClientJWTConfiguration", [
      '  app_type = "non_interactive"\n  jwt_configuration {}',
      '  app_type = "non_interactive"\n  jwt_configuration {\n    lifetime_in_seconds = 300\n    secret_encoded = true\n    alg = "RS256"\n    scopes = { foo = "bar" }\n  }',
      '  app_type = "non_interactive"\n  jwt_configuration {\n    lifetime_in_seconds = 1\n    secret_encoded = false\n    alg = "RS256"\n    scopes = {}\n  }',
      '  app_type = "non_interactive"',
    ]),
    ...steps("TestAccClientConfig", ["", ALL_FIELDS(false), ALL_FIELDS(true)]),
    ...steps(
      "TestAccClientAddons",
      ADDONS.map((a) => addon(a)),
    ),
    ...steps("TestAccClientMetadataBehavior", [
      '  client_metadata = {\n    foo = "zoo"\n    bar = "baz"\n  }',
      '  client_metadata = {\n    foo = "newZooButOldFoo"\n    newBar = "newBaz"\n  }',
      '  client_metadata = {\n    bar = "baz"\n  }',
      "  client_metadata = {}",
    ]),
    config("TestAccClientCanSetDefaultAuthMethodOnCreate", 1, client("  is_token_endpoint_ip_header_trusted = true")),
    {
      test: "TestAccClientCanSetDefaultAuthMethodOnCreate",
      step: 2,
      kind: "config",
      expect: { phase: "none" },
      notRunnable: `${OFFLINE.import}; needs auth0_client_credentials, which the stand-in does not serve`,
    },
    config("TestAccClientCanSetDefaultAuthMethodOnCreate", 3, client("  is_token_endpoint_ip_header_trusted = true")),
    config(
      "TestAccClientCanSetDefaultAuthMethodOnCreate",
      4,
      client('  app_type = "native"\n  grant_types = ["urn:ietf:params:oauth:grant-type:device_code"]\n  oidc_conformant = true'),
    ),
    {
      test: "TestAccClientCanSetDefaultAuthMethodOnCreate",
      step: 5,
      kind: "config",
      expect: { phase: "none" },
      notRunnable: `${OFFLINE.import}; needs auth0_client_credentials, which the stand-in does not serve`,
    },
    config(
      "TestAccClientCanSetDefaultAuthMethodOnCreate",
      6,
      client('  app_type = "native"\n  grant_types = ["urn:ietf:params:oauth:grant-type:device_code"]\n  oidc_conformant = true'),
    ),
    config("TestAccClientCanSetDefaultAuthMethodOnCreate", 7, client('  app_type = "regular_web"')),
    {
      test: "TestAccClientCanSetDefaultAuthMethodOnCreate",
      step: 8,
      kind: "config",
      expect: { phase: "none" },
      notRunnable: `${OFFLINE.import}; needs auth0_client_credentials, which the stand-in does not serve`,
    },
    config("TestAccClientCanSetDefaultAuthMethodOnCreate", 9, client('  app_type = "regular_web"')),
    ...steps("TestAccClientTokenQuota", [
      '  app_type = "non_interactive"\n  token_quota {\n    client_credentials {\n      enforce = true\n      per_hour = 100\n      per_day = 2000\n    }\n  }',
      '  app_type = "non_interactive"\n  token_quota {\n    client_credentials {\n      enforce = false\n      per_hour = 50\n      per_day = 1000\n    }\n  }',
      '  app_type = "non_interactive"',
    ]),
    config(
      "TestAccClientWithDefaultOrganization",
      1,
      client(defaultOrganization('    flows = ["client_credentials"]\n    organization_id = "org_providertests01"')),
      ORG_NOTE,
    ),
    config(
      "TestAccClientWithDefaultOrganization",
      2,
      client(defaultOrganization('    flows = ["client_credentials"]\n    organization_id = "org_providertests02"')),
      ORG_NOTE,
    ),
    config("TestAccClientWithDefaultOrganization", 3, client(defaultOrganization("    disable = true"))),
    {
      test: "TestAccClientWithDefaultOrganization",
      step: 4,
      kind: "expect-error",
      hcl: client(defaultOrganization('    flows = ["client_credentials"]')),
      expect: { phase: "apply", pattern: /400 Bad Request/ },
    },
    {
      test: "TestAccClientWithDefaultOrganization",
      step: 5,
      kind: "expect-error",
      hcl: client(defaultOrganization('    organization_id = "org_z5YvxlXPO0NspoIa"')),
      expect: { phase: "apply", pattern: /400 Bad Request/ },
    },
    ...steps("TestAccClientOIDCLogout", [
      oidcLogout("https://auth0.test/all/logout", '      mode = "all"', true),
      oidcLogout(
        "https://auth0.test/custom/logout",
        '      mode = "custom"\n      selected_initiators = ["rp-logout", "idp-logout", "password-changed", "session-expired"]',
        false,
      ),
      '  app_type = "spa"',
    ]),
    ...steps("TestAccClientSessionTransfer", [
      sessionTransfer(""),
      sessionTransfer(
        '    can_create_session_transfer_token = true\n    allowed_authentication_methods = ["cookie", "query"]\n    enforce_device_binding = "asn"\n    allow_refresh_token = true\n    enforce_online_refresh_tokens = false\n    enforce_cascade_revocation = false',
      ),
      sessionTransfer('    can_create_session_transfer_token = false\n    enforce_device_binding = "none"\n    allowed_authentication_methods = []'),
      sessionTransfer(
        '    can_create_session_transfer_token = true\n    enforce_device_binding = "ip"\n    allowed_authentication_methods = ["query"]',
      ),
      sessionTransfer("-"),
      sessionTransfer(
        '    can_create_session_transfer_token = false\n    allowed_authentication_methods = []\n    enforce_device_binding = "none"\n    allow_refresh_token = false\n    enforce_online_refresh_tokens = false\n    enforce_cascade_revocation = false',
      ),
      sessionTransfer(DELEGATION(true, "asn")),
      sessionTransfer(DELEGATION(false, "ip")),
      sessionTransfer(DELEGATION(true, "asn")),
      sessionTransfer("    can_create_session_transfer_token = true"),
      sessionTransfer(DELEGATION(true, "asn")),
      sessionTransfer("-"),
    ]),
    config(
      "TestAccClientResourceServer",
      1,
      `${API()}\n${client('  depends_on = [auth0_resource_server.api]\n  app_type = "resource_server"\n  resource_server_identifier = auth0_resource_server.api.identifier')}`,
    ),
    config("TestAccClientOnBehalfOfTokenExchange", 1, tokenExchangeApi('["on_behalf_of_token_exchange"]')),
    config("TestAccClientMixedTokenExchangeProfiles", 1, tokenExchangeApi('["custom_authentication", "on_behalf_of_token_exchange"]')),
    {
      test: "TestAccClientTokenExchangeValidationError",
      step: 1,
      kind: "expect-error",
      hcl: client('  token_exchange {\n    allow_any_profile_of_type = ["invalid_profile_type"]\n  }'),
      expect: { phase: "plan", pattern: /expected .+ to be one of/ },
    },
    ...steps("TestAccClientSkipPrompt", [
      '  app_type = "spa"\n  skip_non_verifiable_callback_uri_confirmation_prompt = null',
      '  app_type = "spa"\n  skip_non_verifiable_callback_uri_confirmation_prompt = true',
      '  app_type = "spa"',
      '  app_type = "spa"\n  skip_non_verifiable_callback_uri_confirmation_prompt = false',
      '  app_type = "spa"',
    ]),
    ...steps("TestAccClientAsyncApprovalNotificationChannels", [
      '  app_type = "non_interactive"\n  async_approval_notification_channels = ["email"]',
      '  app_type = "non_interactive"',
      '  app_type = "non_interactive"\n  async_approval_notification_channels = ["email", "guardian-push"]',
      '  app_type = "non_interactive"\n  async_approval_notification_channels = []',
    ]),
    ...steps("TestAccClientOrganizationDiscoveryMethods", [
      '  organization_discovery_methods = ["organization_name"]',
      "  organization_discovery_methods = []",
    ]),
    notServed("TestAccClientExpressApp", 1, "auth0_client_credentials"),
    notServed("TestAccClientExpressAppConfiguration", 1, "auth0_user_attribute_profile"),
    notServed("TestAccClientMyOrganizationConfiguration", 1, "auth0_connection_profile and auth0_user_attribute_profile"),
    notServed("TestAccClientMyOrganizationConfiguration", 2, "auth0_connection_profile and auth0_user_attribute_profile"),
    ...steps("TestAccClient_ThirdPartySecurityMode", [
      '  is_first_party = false\n  app_type = "regular_web"\n  third_party_security_mode = "strict"\n  redirection_policy = "open_redirect_protection"\n  callbacks = ["https://example.com/callback"]',
      '  is_first_party = false\n  app_type = "regular_web"\n  third_party_security_mode = "strict"\n  redirection_policy = "allow_always"\n  callbacks = ["https://example.com/callback"]',
    ]),
    ...steps("TestAccClientFedCMLogin", [
      "  fedcm_login {\n    google {\n      is_enabled = true\n    }\n  }",
      "  fedcm_login {\n    google {\n      is_enabled = false\n    }\n  }",
      "  fedcm_login {\n    google {\n      is_enabled = true\n    }\n  }",
      "",
    ]),
    ...steps("TestAccClientIdentityAssertionAuthorizationGrant", [
      '  app_type = "regular_web"\n  oidc_conformant = true\n  identity_assertion_authorization_grant {\n    active = true\n  }',
      '  app_type = "regular_web"\n  oidc_conformant = true\n  identity_assertion_authorization_grant {\n    active = false\n  }',
      '  app_type = "regular_web"\n  oidc_conformant = true\n  identity_assertion_authorization_grant {\n    active = true\n  }',
      '  app_type = "regular_web"\n  oidc_conformant = true',
    ]),
  ],
};
