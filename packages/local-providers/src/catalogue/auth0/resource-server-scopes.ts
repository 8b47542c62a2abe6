// auth0_resource_server_scopes: internal/auth0/resourceserver/resource_scopes.go.
import { rulesOf } from "../build";
import { auth0File } from "../sources";
import type { ResourceCatalogue } from "../types";

const file = auth0File("internal/auth0/resourceserver/resource_scopes.go", "NewScopesResource");
const r = rulesOf(file);

export const resourceServerScopes: ResourceCatalogue = {
  provider: "auth0/auth0",
  type: "auth0_resource_server_scopes",
  source: file,
  rules: [r.required("resource_server_identifier"), r.required("scopes.name"), r.forceNew("resource_server_identifier")],
};
