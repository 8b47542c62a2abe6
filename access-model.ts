// The one source of truth for who may call what. Both stacks, the tests and the local
// emulator read this file: an Auth0 permission and the route scope that checks it cannot drift.
import { defineAccessModel } from "@apigw-auth0-rbac/model";

export default defineAccessModel({
  tenant: {
    // Your tenant's domain, host name only. AUTH0_DOMAIN overrides it.
    domain: "your-tenant.eu.auth0.com",
  },
  api: {
    name: "Unicorn API",
    // The API identifier in Auth0, and so the audience the JWT authorizer checks.
    identifier: "https://unicorns.example.com",
  },
  permissions: [
    { name: "read:unicorn", description: "Read one unicorn" },
    { name: "list:unicorns", description: "List all unicorns" },
  ],
  routes: [
    { method: "GET", path: "/unicorn", handler: "get-unicorn", scopes: ["read:unicorn"], example: "/unicorn?name=Gaia" },
    { method: "GET", path: "/unicorns", handler: "list-unicorns", scopes: ["list:unicorns"] },
    // Who the caller is, with the roles the add-roles Action below puts in the token.
    { method: "GET", path: "/me", handler: "get-me", scopes: ["read:unicorn"] },
  ],
  roles: [
    { name: "unicorn-trainer", description: "Reads and lists unicorns", permissions: ["read:unicorn", "list:unicorns"] },
    { name: "unicorn-rider", description: "Reads one unicorn at a time", permissions: ["read:unicorn"] },
  ],
  // Machine-to-machine applications: services that call the API with their own credentials.
  clients: [{ name: "unicorn-census", description: "Nightly job that counts the unicorns", permissions: ["list:unicorns"] }],
  spa: {
    name: "Unicorn SPA",
    callbackUrls: ["http://localhost:3000", "http://localhost:3000/callback"],
    logoutUrls: ["http://localhost:3000"],
    webOrigins: ["http://localhost:3000"],
  },
  // Auth0 Actions: code the tenant runs at login, one actions/<name>.ts each, bound to its trigger
  // in this order. add-roles puts the user's roles in the access token as a namespaced claim.
  actions: [{ name: "add-roles", trigger: "post-login", description: "The user's roles as the https://unicorns.example.com/roles claim" }],
  // Test users are created only when listed; their password comes from the sensitive
  // Terraform variable test_user_password (TF_VAR_test_user_password), never from code.
  users: [],
  // DEPLOY_ENV=prod (or cdktf context "env") picks one; names and state keys carry its name.
  defaultEnvironment: "dev",
  environments: {
    dev: {},
    prod: {
      // Refuses http://, localhost, "*" and test users.
      production: true,
      tenant: { domain: "your-prod-tenant.eu.auth0.com" },
      spa: {
        callbackUrls: ["https://unicorns.example.com", "https://unicorns.example.com/callback"],
        logoutUrls: ["https://unicorns.example.com"],
        webOrigins: ["https://unicorns.example.com"],
      },
      stage: { throttlingBurstLimit: 200, throttlingRateLimit: 100, logRetentionDays: 90 },
      // The API at https://api.unicorns.example.com: a DNS-validated certificate and alias records
      // in your Route 53 zone, the execute-api URL disabled (docs/DOMAIN.md). Put your own names here.
      domain: { name: "api.unicorns.example.com", hostedZone: "unicorns.example.com" },
    },
  },
});
