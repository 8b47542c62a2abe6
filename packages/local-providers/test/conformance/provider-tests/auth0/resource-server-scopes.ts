// auth0_resource_server_scopes: internal/auth0/resourceserver/resource_scopes_test.go at v1.55.0.
// The source reads the API back with the auth0_resource_server data source, which the stand-in
// does not serve: it only feeds the source's checks, so our steps leave it out.
import { auth0Test, OFFLINE } from "../sources";
import type { ProviderTestFile } from "../types";

const API = `resource "auth0_resource_server" "api" {
  name       = "Provider test {{name}}"
  identifier = "https://{{name}}.provider-tests.example/api"
}
`;
const scopes = (names: readonly string[], resource = "scopes") =>
  `resource "auth0_resource_server_scopes" "${resource}" {
  resource_server_identifier = auth0_resource_server.api.identifier
${names.map((n) => `  scopes {\n    name        = "${n}"\n    description = "Can ${n}"\n  }`).join("\n")}
}
`;
const NO_DATA = "the auth0_resource_server data source of the source's checks is left out (not served)";
const NO_SCOPE = "needs auth0_resource_server_scope (one scope a resource), which the stand-in does not serve";

export const RESOURCE_SERVER_SCOPES: ProviderTestFile = {
  provider: "auth0",
  resource: "auth0_resource_server_scopes",
  source: auth0Test("internal/auth0/resourceserver/resource_scopes_test.go"),
  cases: [
    {
      test: "TestAccResourceServerScopes",
      step: 1,
      kind: "expect-error",
      hcl: `${API}
${scopes(["read:posts"], "existing")}
resource "auth0_resource_server_scopes" "scopes" {
  depends_on                 = [auth0_resource_server_scopes.existing]
  resource_server_identifier = auth0_resource_server.api.identifier
  scopes {
    name = "read:appointments"
  }
}`,
      expect: { phase: "apply", pattern: /Resource Server with non empty scopes/ },
      adapted:
        "the scope that exists before is made by a first auth0_resource_server_scopes (the source uses auth0_resource_server_scope, not served)",
    },
    { test: "TestAccResourceServerScopes", step: 2, kind: "config", hcl: API, expect: { phase: "none" }, adapted: NO_DATA },
    {
      test: "TestAccResourceServerScopes",
      step: 3,
      kind: "config",
      hcl: API + scopes(["create:appointments"]),
      expect: { phase: "none" },
      adapted: NO_DATA,
    },
    {
      test: "TestAccResourceServerScopes",
      step: 4,
      kind: "config",
      hcl: API + scopes(["create:appointments", "read:appointments"]),
      expect: { phase: "none" },
      adapted: NO_DATA,
    },
    { test: "TestAccResourceServerScopes", step: 5, kind: "config", hcl: API, expect: { phase: "none" }, adapted: NO_DATA },
    { test: "TestAccResourceServerScopes", step: 7, kind: "config", expect: { phase: "none" }, notRunnable: NO_SCOPE },
    { test: "TestAccResourceServerScopes", step: 8, kind: "config", expect: { phase: "none" }, notRunnable: `${OFFLINE.import}; ${NO_SCOPE}` },
    { test: "TestAccResourceServerScopes", step: 9, kind: "config", expect: { phase: "none" }, notRunnable: NO_SCOPE },
    {
      test: "TestAccResourceServerIsSystem",
      resource: "auth0_resource_server",
      step: 1,
      kind: "config",
      hcl: `resource "auth0_resource_server" "api" {
  name                                            = "Provider test {{name}}"
  identifier                                      = "https://{{name}}.provider-tests.example/system"
  signing_alg                                     = "RS256"
  allow_offline_access                            = true
  token_lifetime                                  = 7200
  token_lifetime_for_web                          = 3600
  skip_consent_for_verifiable_first_party_clients = true
  enforce_policies                                = false
  consent_policy                                  = "null"
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
  }
}`,
      expect: { phase: "none" },
    },
  ],
};
