// auth0_role and auth0_role_permissions: internal/auth0/role/resource_test.go and
// resource_permissions_test.go at v1.55.0. The stand-in serves no auth0_organization: an
// organization role's owner is a literal organization id.
import { auth0Test, OFFLINE } from "../sources";
import type { ProviderTestCase, ProviderTestFile } from "../types";

const role = (body: string, resource = "role") => `resource "auth0_role" "${resource}" {
  name = "Provider test {{name}}"
${body}
}`;
const ORG = "the organization is a literal id: the stand-in does not serve auth0_organization";
const config = (test: string, step: number, hcl: string, adapted?: string): ProviderTestCase => ({
  test,
  step,
  kind: "config",
  hcl,
  expect: { phase: "none" },
  ...(adapted ? { adapted } : {}),
});

export const ROLE: ProviderTestFile = {
  provider: "auth0",
  resource: "auth0_role",
  source: auth0Test("internal/auth0/role/resource_test.go"),
  cases: [
    config("TestAccRole", 1, role("")),
    config("TestAccRole", 2, role('  description = "The One"')),
    config("TestAccRole", 3, role('  description = "The One who will bring peace"')),
    {
      test: "TestAccRoleOrganizationLevel",
      step: 1,
      kind: "expect-error",
      hcl: role('  type = "organization"'),
      expect: { phase: "plan", pattern: /owner_id is required when type is set to organization/ },
    },
    {
      test: "TestAccRoleOrganizationLevel",
      step: 2,
      kind: "expect-error",
      hcl: role('  type     = "tenant"\n  owner_id = "org_XXXXXXXXXXXXXXXX"'),
      expect: { phase: "plan", pattern: /owner_id can only be set when type is set to organization/ },
    },
    config(
      "TestAccRoleOrganizationLevel",
      3,
      role('  description = "The Operator"\n  type = "organization"\n  owner_id = "org_providertests01"'),
      ORG,
    ),
    config(
      "TestAccRoleOrganizationLevel",
      4,
      role('  description = "The Operator who runs the ship"\n  type = "organization"\n  owner_id = "org_providertests01"'),
      ORG,
    ),
    { test: "TestAccRoleOrganizationLevel", step: 5, kind: "config", expect: { phase: "none" }, notRunnable: OFFLINE.import },
    config("TestAccRoleTypeAndOwnerIDAreCreateOnly", 1, role("")),
    config("TestAccRoleTypeAndOwnerIDAreCreateOnly", 2, role('  type = "tenant"')),
    config("TestAccRoleTypeAndOwnerIDAreCreateOnly", 3, role('  type = "organization"\n  owner_id = "org_providertests02"'), ORG),
    config("TestAccRoleTypeAndOwnerIDAreCreateOnly", 4, role("")),
    config("TestAccRoleTypeAndOwnerIDAreCreateOnly", 5, role('  type = "tenant"')),
  ],
};

const GIVEN = `resource "auth0_resource_server" "api" {
  name       = "Provider test {{name}}"
  identifier = "https://{{name}}.provider-tests.example/api"
}

resource "auth0_resource_server_scopes" "scopes" {
  resource_server_identifier = auth0_resource_server.api.identifier
  scopes {
    name        = "read:foo"
    description = "Can read Foo"
  }
  scopes {
    name        = "create:foo"
    description = "Can create Foo"
  }
}

resource "auth0_role" "role" {
  depends_on  = [auth0_resource_server_scopes.scopes]
  name        = "Provider test {{name}}"
  description = "Provider test role"
}
`;
const permissions = (names: readonly string[]) => `${GIVEN}
resource "auth0_role_permissions" "permissions" {
  role_id = auth0_role.role.id
${names.map((n) => `  permissions {\n    resource_server_identifier = auth0_resource_server.api.identifier\n    name = "${n}"\n  }`).join("\n")}
}`;
const NO_DATA = "the auth0_role data source of the source's checks is left out (not served)";
const NO_PERMISSION = "needs auth0_role_permission (one permission a resource), which the stand-in does not serve";

export const ROLE_PERMISSIONS: ProviderTestFile = {
  provider: "auth0",
  resource: "auth0_role_permissions",
  source: auth0Test("internal/auth0/role/resource_permissions_test.go"),
  cases: [
    config("TestAccRolePermissions", 1, permissions(["read:foo"]), NO_DATA),
    config("TestAccRolePermissions", 2, permissions(["create:foo", "read:foo"]), NO_DATA),
    config("TestAccRolePermissions", 3, permissions(["create:foo"]), NO_DATA),
    config("TestAccRolePermissions", 4, GIVEN, NO_DATA),
    { test: "TestAccRolePermissions", step: 6, kind: "config", expect: { phase: "none" }, notRunnable: NO_PERMISSION },
    { test: "TestAccRolePermissions", step: 7, kind: "config", expect: { phase: "none" }, notRunnable: `${OFFLINE.import}; ${NO_PERMISSION}` },
    { test: "TestAccRolePermissions", step: 8, kind: "config", expect: { phase: "none" }, notRunnable: NO_PERMISSION },
  ],
};
