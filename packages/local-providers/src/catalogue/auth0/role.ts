// auth0_role: internal/auth0/role/resource.go (NewResource, validateRole).
import { rulesOf } from "../build";
import { auth0File } from "../sources";
import type { ResourceCatalogue } from "../types";

const file = auth0File("internal/auth0/role/resource.go", "NewResource");
const r = rulesOf(file);

export const role: ResourceCatalogue = {
  provider: "auth0/auth0",
  type: "auth0_role",
  source: file,
  rules: [
    r.required("name"),
    r.forceNew("type"),
    r.forceNew("owner_id"),
    r.oneOf("type", ["tenant", "organization"], false),
    r.customizeDiff("owner_id", "owner-id-needs-organization-type", "{err}", "validateRole (CustomizeDiff)"),
  ],
};
