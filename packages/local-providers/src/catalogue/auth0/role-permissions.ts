// auth0_role_permissions: internal/auth0/role/resource_permissions.go.
import { rulesOf } from "../build";
import { auth0File } from "../sources";
import type { ResourceCatalogue } from "../types";

const file = auth0File("internal/auth0/role/resource_permissions.go", "NewPermissionsResource");
const r = rulesOf(file);

export const rolePermissions: ResourceCatalogue = {
  provider: "auth0/auth0",
  type: "auth0_role_permissions",
  source: file,
  rules: [r.required("role_id"), r.required("permissions.name"), r.required("permissions.resource_server_identifier"), r.forceNew("role_id")],
};
