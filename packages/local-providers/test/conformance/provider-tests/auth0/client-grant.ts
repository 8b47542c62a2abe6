// auth0_client_grant: internal/auth0/client/resource_grant_test.go at v1.55.0.
import { auth0Test } from "../sources";
import type { ProviderTestCase, ProviderTestFile } from "../types";

const GIVEN = `resource "auth0_client" "client" {
  name                 = "Provider test {{name}}"
  custom_login_page_on = true
  is_first_party       = true
}

resource "auth0_resource_server" "api" {
  name       = "Provider test {{name}}"
  identifier = "https://{{name}}.provider-tests.example/client-grant"
  authorization_details {
    type = "payment"
  }
  authorization_details {
    type = "shipping"
  }
  subject_type_authorization {
    user {
      policy = "allow_all"
    }
    client {
      policy = "require_client_grant"
    }
  }
}

resource "auth0_resource_server_scopes" "scopes" {
  resource_server_identifier = auth0_resource_server.api.identifier
  scopes {
    name = "create:foo"
  }
  scopes {
    name = "create:bar"
  }
}
`;
const grant = (body: string, resource = "grant", client = "auth0_client.client.id") => `resource "auth0_client_grant" "${resource}" {
  depends_on                  = [auth0_resource_server_scopes.scopes]
  client_id                   = ${client}
  audience                    = auth0_resource_server.api.identifier
  subject_type                = "user"
${body}
}`;
const ALT = `resource "auth0_client" "alt" {
  name                 = "Provider test alt {{name}}"
  custom_login_page_on = true
  is_first_party       = true
}
`;
const step = (n: number, hcl: string): ProviderTestCase => ({ test: "TestAccClientGrant", step: n, kind: "config", hcl, expect: { phase: "none" } });
const defaultFor = (scopes: readonly string[]) => `resource "auth0_resource_server" "api" {
  name       = "Provider test {{name}}"
  identifier = "https://{{name}}.provider-tests.example/default-for-grant"
}

resource "auth0_resource_server_scopes" "scopes" {
  resource_server_identifier = auth0_resource_server.api.identifier
${scopes.map((s) => `  scopes {\n    name = "${s}"\n  }`).join("\n")}
}

resource "auth0_client_grant" "default_for" {
  depends_on  = [auth0_resource_server_scopes.scopes]
  default_for = "third_party_clients"
  audience    = auth0_resource_server.api.identifier
  scopes      = ${JSON.stringify(scopes)}
}`;

export const CLIENT_GRANT: ProviderTestFile = {
  provider: "auth0",
  resource: "auth0_client_grant",
  source: auth0Test("internal/auth0/client/resource_grant_test.go"),
  cases: [
    step(1, GIVEN + grant('  scopes = ["create:bar"]\n  authorization_details_types = ["payment", "shipping"]')),
    step(2, GIVEN + grant('  scopes = ["create:foo"]\n  authorization_details_types = ["payment"]')),
    step(3, GIVEN + grant('  scopes = []\n  authorization_details_types = ["payment"]')),
    step(4, GIVEN + grant('  authorization_details_types = ["payment"]\n  allow_all_scopes = true')),
    step(5, GIVEN + grant('  scopes = ["create:foo"]\n  authorization_details_types = ["payment"]')),
    step(6, GIVEN + ALT + grant('  scopes = []\n  authorization_details_types = ["payment"]', "grant", "auth0_client.alt.id")),
    step(
      7,
      `${GIVEN}${ALT}${grant('  scopes = []\n  authorization_details_types = ["payment"]', "grant", "auth0_client.alt.id")}
${grant('  scopes = []\n  authorization_details_types = ["payment"]', "again", "auth0_client.alt.id").replace("[auth0_resource_server_scopes.scopes]", "[auth0_client_grant.grant]")}`,
    ),
    { test: "TestAccClientGrant_DefaultFor", step: 1, kind: "config", hcl: defaultFor(["read:data"]), expect: { phase: "none" } },
    { test: "TestAccClientGrant_DefaultFor", step: 2, kind: "config", hcl: defaultFor(["read:data", "write:data"]), expect: { phase: "none" } },
  ],
};
