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
  rules: [
    r.required("resource_server_identifier"),
    r.required("scopes.name"),
    r.forceNew("resource_server_identifier"),
    r.providerCheck(
      "scopes",
      "apply",
      "no-scopes-to-erase",
      "Resource Server with non empty scopes",
      "createResourceServerScopes (guardAgainstErasingUnwantedScopes): the API's scopes read first; scopes other than the configured ones refuse the create",
      "the detail's leading cmp.Diff of the two scope lists is not written; the lists compare as sets of name and description",
      "The resource server already has scopes attached to it. Import the resource instead in order to proceed with the changes. Run: 'terraform import auth0_resource_server_scopes.<given-name> {identifier}'.",
    ),
  ],
};
