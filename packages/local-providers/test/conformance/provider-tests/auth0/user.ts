// auth0_user and auth0_user_roles: internal/auth0/user/resource_test.go and resource_roles_test.go at v1.55.0.
import { auth0Test, OFFLINE } from "../sources";
import type { ProviderTestCase, ProviderTestFile } from "../types";

const user = (body: string, resource = "user") => `resource "auth0_user" "${resource}" {
  connection_name = "Username-Password-Authentication"
${body}
}`;
const PROFILE = `  username    = "{{name}}"
  email       = "{{name}}@provider-tests.example"
  password    = "passpass$12$12"
  name        = "Firstname Lastname"
  given_name  = "Firstname"
  family_name = "Lastname"
  nickname    = "{{name}}"
  picture     = "https://www.example.com/picture.jpg"`;
const config = (test: string, step: number, hcl: string, extra: Partial<ProviderTestCase> = {}): ProviderTestCase => ({
  test,
  step,
  kind: "config",
  hcl,
  expect: { phase: "none" },
  ...extra,
});
const CHANGE_USERNAME = (username: string, password: string) =>
  user(`  username       = "${username}"
  email          = "change.username.{{name}}@provider-tests.example"
  email_verified = true
  password       = "${password}"`);

export const USER: ProviderTestFile = {
  provider: "auth0",
  resource: "auth0_user",
  source: auth0Test("internal/auth0/user/resource_test.go"),
  cases: [
    {
      test: "TestAccUserMissingRequiredParams",
      step: 1,
      kind: "expect-error",
      hcl: 'resource "auth0_user" "user" {}',
      expect: { phase: "plan", pattern: /The argument "connection_name" is required/ },
    },
    config(
      "TestAccUser",
      1,
      user('  user_id  = "{{name}}"\n  username = "{{name}}"\n  password = "passpass$12$12"\n  email    = "{{name}}@provider-tests.example"'),
    ),
    config("TestAccUser", 2, user(`  user_id = "{{name}}"\n${PROFILE}`)),
    config(
      "TestAccUser",
      3,
      user(`${PROFILE}\n  user_metadata = jsonencode({ foo = "bar", baz = "qux" })\n  app_metadata  = jsonencode({ foo = "bar", baz = "qux" })`),
    ),
    config("TestAccUser", 4, user(`${PROFILE}\n  user_metadata = jsonencode({ foo = "bars" })\n  app_metadata  = jsonencode({ foo = "bars" })`)),
    config("TestAccUser", 5, user(`${PROFILE}\n  user_metadata = ""\n  app_metadata  = ""`)),
    config("TestAccUser", 6, user(PROFILE)),
    config("TestAccUserChangeUsername", 1, CHANGE_USERNAME("user_{{name}}", "MyPass123$")),
    config("TestAccUserChangeUsername", 2, CHANGE_USERNAME("user_x_{{name}}", "MyPass123$"), {
      before: CHANGE_USERNAME("user_{{name}}", "MyPass123$"),
    }),
    {
      test: "TestAccUserChangeUsername",
      step: 3,
      kind: "expect-error",
      before: CHANGE_USERNAME("user_x_{{name}}", "MyPass123$"),
      hcl: CHANGE_USERNAME("user_{{name}}", "MyPass123456$"),
      expect: { phase: "apply", pattern: /cannot update username and password simultaneously/ },
    },
    {
      test: "TestAccUserCustomDomains",
      step: 1,
      kind: "expect-error",
      expect: { phase: "apply", pattern: /The tenant has multiple verified custom domains/ },
      notRunnable: `${OFFLINE.realTenant}: the Management API refuses the user because the tenant has several verified custom domains`,
    },
    {
      test: "TestAccUserCustomDomains",
      step: 2,
      kind: "config",
      expect: { phase: "none" },
      notRunnable: `${OFFLINE.realTenant}: custom_domain_header names a verified custom domain of the tenant`,
    },
  ],
};

const GIVEN = `resource "auth0_role" "owner" {
  name        = "Provider test owner {{name}}"
  description = "Owner"
}

resource "auth0_role" "admin" {
  name        = "Provider test admin {{name}}"
  description = "Administrator"
}

resource "auth0_user" "user" {
  connection_name = "Username-Password-Authentication"
  email           = "{{name}}@provider-tests.example"
  password        = "passpass$12$12"
  username        = "{{name}}"
}
`;
const roles = (list: string) => `${GIVEN}
resource "auth0_user_roles" "roles" {
  user_id = auth0_user.user.id
  roles   = [${list}]
}`;
const NO_DATA = { adapted: "the auth0_user data source of the source's checks is left out (not served)" };
const NO_USER_ROLE = "needs auth0_user_role (one role a resource), which the stand-in does not serve";

export const USER_ROLES: ProviderTestFile = {
  provider: "auth0",
  resource: "auth0_user_roles",
  source: auth0Test("internal/auth0/user/resource_roles_test.go"),
  cases: [
    config("TestAccUserRoles", 1, roles("auth0_role.owner.id"), NO_DATA),
    config("TestAccUserRoles", 2, roles("auth0_role.owner.id, auth0_role.admin.id"), NO_DATA),
    config("TestAccUserRoles", 3, roles(""), NO_DATA),
    config("TestAccUserRoles", 4, roles("auth0_role.owner.id"), NO_DATA),
    config("TestAccUserRoles", 5, GIVEN, NO_DATA),
    { test: "TestAccUserRoles", step: 7, kind: "config", expect: { phase: "none" }, notRunnable: NO_USER_ROLE },
    { test: "TestAccUserRoles", step: 8, kind: "config", expect: { phase: "none" }, notRunnable: `${OFFLINE.import}; ${NO_USER_ROLE}` },
    { test: "TestAccUserRoles", step: 9, kind: "config", expect: { phase: "none" }, notRunnable: NO_USER_ROLE },
  ],
};
