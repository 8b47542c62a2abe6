// auth0_user_roles: internal/auth0/user/resource_roles.go.
import { rulesOf } from "../build";
import { auth0File } from "../sources";
import type { ResourceCatalogue } from "../types";

const file = auth0File("internal/auth0/user/resource_roles.go", "NewRolesResource");
const r = rulesOf(file);

export const userRoles: ResourceCatalogue = {
  provider: "auth0/auth0",
  type: "auth0_user_roles",
  source: file,
  rules: [r.required("user_id"), r.required("roles"), r.forceNew("user_id")],
};
