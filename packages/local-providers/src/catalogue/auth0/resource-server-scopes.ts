// auth0_resource_server_scopes: internal/auth0/resourceserver/resource_scopes.go (NewScopesResource,
// createResourceServerScopes and its guard against erasing scopes the API already has).
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
    {
      ...r.providerCheck(
        "scopes",
        "apply",
        "no-scopes-to-erase",
        "Resource Server with non empty scopes",
        "createResourceServerScopes (guardAgainstErasingUnwantedScopes): an API that already has scopes other than the configured ones (cmp.Equal, in order) is not overwritten",
        "the case of the provider's TestAccResourceServerScopes (first step); the detail's diff is go-cmp's cmp.Diff, whose text go-cmp keeps unstable on purpose, so the stand-in's rendering of the diff is its own; the sentence after it is the provider's",
      ),
      detail:
        "{diff}\nThe resource server already has scopes attached to it. Import the resource instead in order to proceed with the changes. Run: 'terraform import auth0_resource_server_scopes.<given-name> {identifier}'.",
    },
  ],
};
