import "cdktf/lib/testing/adapters/jest";
import { unicornModel as defaultModel } from "../fixtures/unicorn-model";
import { onlyResource, referenced, resourcesOf, synthProject, TEST_DOMAIN } from "../helpers/synth";

const CREDENTIALS = {
  AUTH0_CLIENT_ID: "m2m-client-id-7f3a",
  AUTH0_CLIENT_SECRET: "m2m-client-secret-91bc",
  AUTH0_API_TOKEN: "eyJ-management-api-token-55de",
};

describe("the auth0 stack", () => {
  // Synthesized with credentials in the environment, as on a deploying machine.
  Object.assign(process.env, CREDENTIALS);
  const { auth0, auth0Text, awsText } = synthProject({ env: { AUTH0_DOMAIN: TEST_DOMAIN, ...CREDENTIALS } });
  for (const name of Object.keys(CREDENTIALS)) delete process.env[name];

  it("matches the reviewed snapshot", () => {
    expect(auth0).toMatchSnapshot();
  });

  it("pins the auth0 provider and points it at the tenant from AUTH0_DOMAIN", () => {
    expect(auth0.terraform.required_providers.auth0).toEqual({ source: "auth0/auth0", version: "1.55.0" });
    expect(auth0.provider!.auth0).toEqual([{ domain: TEST_DOMAIN }]);
  });

  it("defines an RS256 API with RBAC on and permissions in the token", () => {
    const api = onlyResource(auth0, "auth0_resource_server");
    expect(api).toMatchObject({
      identifier: "https://unicorns.example.com",
      name: "Unicorn API",
      signing_alg: "RS256",
      enforce_policies: true,
      token_dialect: "access_token_authz",
      skip_consent_for_verifiable_first_party_clients: true,
      allow_offline_access: true,
      token_lifetime: 3600,
      token_lifetime_for_web: 3600,
    });
  });

  it("declares exactly the model's permissions, with the authoritative resource only", () => {
    const scopes = onlyResource(auth0, "auth0_resource_server_scopes");
    expect(scopes.scopes).toEqual(defaultModel.permissions.map((p) => ({ name: p.name, description: p.description })));
    expect(auth0.resource!.auth0_resource_server_scope).toBeUndefined();
  });

  it("grants each role exactly its permissions on this API", () => {
    const roles = resourcesOf(auth0, "auth0_role").map((r) => r.name);
    expect(roles.sort()).toEqual(["unicorn-rider", "unicorn-trainer"]);
    const pairs = resourcesOf(auth0, "auth0_role_permissions").flatMap((rp) =>
      rp.permissions.map((p: any) => {
        expect(referenced(auth0, p.resource_server_identifier).type).toBe("auth0_resource_server");
        return `${referenced(auth0, rp.role_id).resource.name} -> ${p.name}`;
      }),
    );
    expect(pairs.sort()).toEqual(["unicorn-rider -> read:unicorn", "unicorn-trainer -> list:unicorns", "unicorn-trainer -> read:unicorn"]);
    const [scopesId] = Object.keys(auth0.resource!.auth0_resource_server_scopes);
    for (const rp of resourcesOf(auth0, "auth0_role_permissions")) {
      expect(rp.depends_on).toEqual([`auth0_resource_server_scopes.${scopesId}`]);
    }
  });

  it("registers the SPA as a public OIDC client with the seed's URLs", () => {
    const spa = onlyResource(auth0, "auth0_client");
    expect(spa).toMatchObject({
      app_type: "spa",
      oidc_conformant: true,
      grant_types: ["authorization_code", "refresh_token"],
      callbacks: ["http://localhost:3000", "http://localhost:3000/callback"],
      allowed_logout_urls: ["http://localhost:3000"],
      web_origins: ["http://localhost:3000"],
      refresh_token: { rotation_type: "rotating", expiration_type: "expiring" },
    });
  });

  it("outputs the issuer with exactly one trailing slash and the audience", () => {
    expect(auth0.output!.issuer.value).toBe(`https://${TEST_DOMAIN}/`);
    expect(referenced(auth0, auth0.output!.audience.value).resource.identifier).toBe("https://unicorns.example.com");
  });

  it("outputs an auth_config.json that sends the audience and requests every permission", () => {
    const value: string = auth0.output!.spa_auth_config.value;
    const [apiId] = Object.keys(auth0.resource!.auth0_resource_server);
    const [clientId] = Object.keys(auth0.resource!.auth0_client);
    expect(value).toBe(
      "${jsonencode({" +
        `"domain" = "${TEST_DOMAIN}", ` +
        `"clientId" = auth0_client.${clientId}.client_id, ` +
        `"audience" = auth0_resource_server.${apiId}.identifier, ` +
        '"scope" = "openid profile email read:unicorn list:unicorns"})}',
    );
  });

  it("creates no test user and no password variable when the model lists none", () => {
    expect(auth0.resource!.auth0_user).toBeUndefined();
    expect(auth0.variable).toBeUndefined();
  });

  it("writes no credential and no machine path", () => {
    for (const secret of Object.values(CREDENTIALS)) {
      expect(auth0Text).not.toContain(secret);
      expect(awsText).not.toContain(secret);
    }
    expect(auth0Text).not.toMatch(/"(client_secret|api_token|client_assertion_private_key)"/);
    expect(auth0Text).not.toContain(process.cwd());
    expect(auth0.terraform.backend).toEqual({ local: { path: "../../../terraform.auth0.tfstate" } });
  });
});

describe("the auth0 stack with test users", () => {
  const model = structuredClone(defaultModel);
  model.users = [
    { email: "trainer@example.test", roles: ["unicorn-trainer"] },
    { email: "rider@example.test", roles: ["unicorn-rider"] },
  ];
  const { auth0, auth0Text } = synthProject({ model });

  it("creates each user in the database connection with its roles", () => {
    const users = resourcesOf(auth0, "auth0_user");
    expect(users.map((u) => `${u.email} in ${u.connection_name}`).sort()).toEqual([
      "rider@example.test in Username-Password-Authentication",
      "trainer@example.test in Username-Password-Authentication",
    ]);
    const assignments = resourcesOf(auth0, "auth0_user_roles").map(
      (ur) => `${referenced(auth0, ur.user_id).resource.email}: ${ur.roles.map((r: string) => referenced(auth0, r).resource.name).join(",")}`,
    );
    expect(assignments.sort()).toEqual(["rider@example.test: unicorn-rider", "trainer@example.test: unicorn-trainer"]);
  });

  it("takes the password from a sensitive variable, never from code", () => {
    expect(auth0.variable!.test_user_password).toMatchObject({ type: "string", sensitive: true, nullable: false });
    expect(auth0.variable!.test_user_password.default).toBeUndefined();
    for (const user of resourcesOf(auth0, "auth0_user")) expect(user.password).toBe("${var.test_user_password}");
    expect(auth0Text.match(/"password":\s*"([^"]*)"/g)).toEqual([
      '"password": "${var.test_user_password}"',
      '"password": "${var.test_user_password}"',
    ]);
  });
});
