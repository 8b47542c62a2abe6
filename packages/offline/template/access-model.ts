// The one source of truth for who may call what. Both stacks, the tests and the local
// emulator read this file: an Auth0 permission and the route scope that checks it cannot drift.
import { defineAccessModel } from "@apigw-auth0-rbac/model";

export default defineAccessModel({
  tenant: {
    // Your tenant's domain, host name only. AUTH0_DOMAIN overrides it.
    domain: "your-tenant.eu.auth0.com",
  },
  api: {
    name: "Hello API",
    // The API identifier in Auth0, and so the audience the JWT authorizer checks.
    identifier: "https://hello.example.com",
  },
  permissions: [{ name: "read:greeting", description: "Read the greeting" }],
  routes: [
    { method: "GET", path: "/hello", handler: "hello", scopes: ["read:greeting"], example: "/hello?name=Ada" },
    // Who the caller is, with the roles the add-roles Action below puts in the token.
    { method: "GET", path: "/me", handler: "me", scopes: ["read:greeting"] },
  ],
  roles: [{ name: "reader", description: "Reads the greeting", permissions: ["read:greeting"] }],
  // Machine-to-machine applications: services that call the API with their own credentials.
  clients: [],
  spa: {
    name: "Hello SPA",
    callbackUrls: ["http://localhost:3000", "http://localhost:3000/callback"],
    logoutUrls: ["http://localhost:3000"],
    webOrigins: ["http://localhost:3000"],
  },
  // Auth0 Actions: code the tenant runs at login, one actions/<name>.ts each, bound to its trigger
  // in this order. add-roles puts the user's roles in the access token as a namespaced claim.
  actions: [{ name: "add-roles", trigger: "post-login", description: "The user's roles as the https://hello.example.com/roles claim" }],
  // Test users are created only when listed; their password comes from the sensitive
  // Terraform variable test_user_password (TF_VAR_test_user_password), never from code.
  users: [],
});
