// auth0_resource_server: internal/auth0/resourceserver/resource_test.go at v1.55.0.
import { auth0Test, OFFLINE } from "../sources";
import type { ProviderTestFile } from "../types";

const PEM = "-----BEGIN CERTIFICATE-----\nMIIBprovidertests\n-----END CERTIFICATE-----";
const api = (body: string) => `resource "auth0_resource_server" "api" {
  name       = "Provider test {{name}}"
  identifier = "https://{{name}}.provider-tests.example/api"
${body}
}`;
const settings = (extra: string) =>
  api(`  signing_alg                                     = "RS256"
  token_lifetime                                  = 7200
  token_lifetime_for_web                          = 3600
  skip_consent_for_verifiable_first_party_clients = true
${extra}`);
const encryption = (extra = "") => `  token_encryption {
${extra}    format = "compact-nested-jwe"
    encryption_key {
      name      = "encryptkey"
      algorithm = "RSA-OAEP-256"
      pem       = ${JSON.stringify(PEM)}
    }
  }`;
const PEM_NOTE = "the encryption key's PEM is a placeholder: the source's certificate file is not copied, and the stand-in does not read the PEM";

export const RESOURCE_SERVER: ProviderTestFile = {
  provider: "auth0",
  resource: "auth0_resource_server",
  source: auth0Test("internal/auth0/resourceserver/resource_test.go"),
  cases: [
    {
      test: "TestAccResourceServer",
      step: 1,
      kind: "config",
      hcl: `resource "auth0_resource_server" "api" {\n  identifier = "https://{{name}}.provider-tests.example/api"\n}`,
      expect: { phase: "none" },
    },
    {
      test: "TestAccResourceServer",
      step: 2,
      kind: "config",
      hcl: settings(`  allow_offline_access = true
  enforce_policies     = false
  consent_policy       = "null"
  authorization_details {
    disable = true
  }
  token_encryption {
    disable = true
  }
  proof_of_possession {
    disable = true
  }
  subject_type_authorization {
    user {
      policy = "allow_all"
    }
    client {
      policy = "require_client_grant"
    }
  }`),
      expect: { phase: "none" },
    },
    {
      test: "TestAccResourceServer",
      step: 3,
      kind: "expect-error",
      hcl: settings(`  authorization_details {
    disable = true
    type    = "payment"
  }
  authorization_details {
    type = "not-payment"
  }`),
      expect: { phase: "plan", pattern: /only one of disable and type should be set in the authorization_details block/ },
    },
    {
      test: "TestAccResourceServer",
      step: 4,
      kind: "expect-error",
      hcl: settings(encryption("    disable = true\n")),
      expect: { phase: "plan", pattern: /only one of disable and format or encryption_key should be set in the token_encryption blocks/ },
      adapted: PEM_NOTE,
    },
    {
      test: "TestAccResourceServer",
      step: 5,
      kind: "expect-error",
      hcl: settings(`  proof_of_possession {
    mechanism = "mtls"
    required  = true
    disable   = true
  }`),
      expect: { phase: "plan", pattern: /only one of disable and mechanism or required should be set in the proof_of_possession block/ },
    },
    {
      test: "TestAccResourceServer",
      step: 6,
      kind: "config",
      hcl: settings(`  consent_policy = "transactional-authorization-with-mfa"
  authorization_details {
    type = "payment"
  }
  authorization_details {
    type = "not-payment"
  }
${encryption()}
  proof_of_possession {
    mechanism    = "dpop"
    required     = true
    required_for = "all_clients"
  }`),
      expect: { phase: "none" },
      adapted: PEM_NOTE,
    },
    {
      test: "TestAccResourceServer",
      step: 7,
      kind: "config",
      hcl: settings(`  allow_offline_access = false
  consent_policy       = "transactional-authorization-with-mfa"
  authorization_details {
    type = "payment"
  }
${encryption()}
  proof_of_possession {
    mechanism = "mtls"
    required  = true
  }
  subject_type_authorization {
    user {
      policy = "deny_all"
    }
    client {
      policy = "deny_all"
    }
  }`),
      expect: { phase: "none" },
      adapted: PEM_NOTE,
    },
    {
      test: "TestAccResourceServer",
      step: 8,
      kind: "config",
      hcl: settings("  allow_offline_access = false\n  enforce_policies = false"),
      expect: { phase: "none" },
    },
    ...(
      [
        [9, "access_token", false],
        [10, "access_token_authz", true],
        [11, "rfc9068_profile", false],
        [12, "rfc9068_profile_authz", true],
      ] as const
    ).map(([step, dialect, enforce]) => ({
      test: "TestAccResourceServer",
      step,
      kind: "config" as const,
      hcl: settings(`  enforce_policies = ${enforce}\n  token_dialect    = "${dialect}"`),
      expect: { phase: "none" as const },
    })),
    { test: "TestAccResourceServer", step: 13, kind: "config", hcl: api(""), expect: { phase: "none" } },
    {
      test: "TestAccResourceServerAuth0APIManagementImport",
      kind: "config",
      expect: { phase: "none" },
      notRunnable: `${OFFLINE.realTenant}: imports the tenant's Auth0 Management API by its id`,
    },
    { test: "TestAccResourceServer_ACR", kind: "config", expect: { phase: "none" }, notRunnable: OFFLINE.skipped },
    {
      test: "TestAccResourceServerOnlineAccess",
      step: 1,
      kind: "config",
      hcl: api("  allow_online_access = true\n  allow_online_access_with_ephemeral_sessions = true"),
      expect: { phase: "none" },
    },
    {
      test: "TestAccResourceServerOnlineAccess",
      step: 2,
      kind: "config",
      hcl: api("  allow_online_access = false\n  allow_online_access_with_ephemeral_sessions = false"),
      expect: { phase: "none" },
    },
  ],
};
