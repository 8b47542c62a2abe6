import { authConfigFromOutputs } from "../../src/test-app/auth-config";

describe("auth_config.json from the stacks' outputs", () => {
  const outputs = {
    auth0: {
      issuer: "https://acme.eu.auth0.com/",
      spa_auth_config: JSON.stringify({
        domain: "acme.eu.auth0.com",
        clientId: "AbC123",
        audience: "https://unicorns.example.com",
        scope: "openid profile email read:unicorn list:unicorns",
      }),
    },
    aws: { api_endpoint: "https://abc123.execute-api.eu-west-1.amazonaws.com/" },
  };

  it("takes domain, client, audience and scope from spa_auth_config and the API from api_endpoint", () => {
    expect(authConfigFromOutputs(outputs)).toEqual({
      domain: "acme.eu.auth0.com",
      clientId: "AbC123",
      audience: "https://unicorns.example.com",
      scope: "openid profile email read:unicorn list:unicorns",
      apiOrigin: "https://abc123.execute-api.eu-west-1.amazonaws.com",
    });
  });

  it("fails with the missing output named when a stack is not deployed", () => {
    expect(() => authConfigFromOutputs({ auth0: outputs.auth0 })).toThrow(
      "the aws stack has no api_endpoint output yet: deploy it with `npx cdktf deploy aws`",
    );
    expect(() => authConfigFromOutputs({ aws: outputs.aws })).toThrow("the auth0 stack has no spa_auth_config output yet");
  });

  it("fails when the config lacks the audience", () => {
    const { audience: _a, ...withoutAudience } = JSON.parse(outputs.auth0.spa_auth_config);
    expect(() => authConfigFromOutputs({ ...outputs, auth0: { spa_auth_config: JSON.stringify(withoutAudience) } })).toThrow(/audience/);
  });
});
