// auth0_client_grant: internal/auth0/client/resource_grant.go (NewGrantResource, validateClientGrant),
// and POST /api/v2/client-grants' request schema.
import { apiLimit, rulesOf, serviceDefault } from "../build";
import { AUTH0_DOCS, AUTH0_PAYLOAD_WORDING, auth0File, auth0Payload } from "../sources";
import type { ResourceCatalogue } from "../types";

const file = auth0File("internal/auth0/client/resource_grant.go", "NewGrantResource");
const r = rulesOf(file);

export const clientGrant: ResourceCatalogue = {
  provider: "auth0/auth0",
  type: "auth0_client_grant",
  source: file,
  rules: [
    r.required("audience"),
    r.forceNew("client_id"),
    r.forceNew("audience"),
    r.forceNew("subject_type"),
    r.forceNew("default_for"),
    r.conflictsWith("client_id", ["default_for"]),
    r.atLeastOneOf("client_id", ["client_id", "default_for"]),
    r.notEmpty("scopes[]"),
    r.oneOf("organization_usage", ["allow", "deny", "require"], true),
    r.oneOf("subject_type", ["client", "user"], true),
    r.notEmpty("authorization_details_types[]"),
    r.oneOf("default_for", ["third_party_clients"], false),
    r.conflictsWith("default_for", ["client_id"]),
    r.atLeastOneOf("default_for", ["client_id", "default_for"]),
    serviceDefault("subject_type", "client", {
      doc: "https://auth0.com/docs/api/management/v2/client-grants/post-client-grants",
      note: "subject_type: client unless user is given",
    }),
    r.customizeDiff("scopes", "scopes-or-allow-all", "{err}", "validateClientGrant (CustomizeDiff)"),
    apiLimit("audience", {
      call: "POST /api/v2/client-grants",
      field: "audience",
      check: { type: "min-length", min: 1 },
      status: 400,
      code: "Bad Request",
      message: auth0Payload("String is too short ({len} chars), minimum 1", "audience", "The audience (API identifier) of this client grant"),
      doc: AUTH0_DOCS.createClientGrant,
      note: `the request schema's minLength 1: audience is Required in the provider, which an empty string satisfies; ${AUTH0_PAYLOAD_WORDING}`,
    }),
  ],
  calls: { "POST /api/v2/client-grants": { service: "Auth0", wrap: "%s" } },
};
