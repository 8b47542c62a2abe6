// The stacks for a tenant on an Auth0 custom domain: the auth0 stack's issuer, SPA configuration
// and custom_domain output follow it, the provider stays on the tenant's own domain, and the aws
// stack's authorizer takes its issuer from that output through remote state.
import "cdktf/lib/testing/adapters/jest";
import { AUTH0_OUTPUTS } from "@apigw-auth0-rbac/model";
import { customDomainModel, DEV_LOGIN_DOMAIN, PROD_LOGIN_DOMAIN } from "../fixtures/custom-domain-model";
import { PROD_DOMAIN } from "../fixtures/environments-model";
import { onlyResource, synthProject } from "../helpers/synth";

describe("the stacks of a tenant on a custom domain", () => {
  const dev = synthProject({ model: customDomainModel, env: { DEPLOY_ENV: "dev" } });
  const prod = synthProject({ model: customDomainModel, env: { DEPLOY_ENV: "prod" } });
  const staging = synthProject({ model: customDomainModel, env: { DEPLOY_ENV: "staging" } });

  it("output the custom domain's issuer, with its trailing slash, and the custom domain itself", () => {
    expect(dev.auth0.output!.issuer.value).toBe(`https://${DEV_LOGIN_DOMAIN}/`);
    expect(dev.auth0.output!.custom_domain.value).toBe(DEV_LOGIN_DOMAIN);
    expect(prod.auth0.output!.issuer.value).toBe(`https://${PROD_LOGIN_DOMAIN}/`);
    expect(prod.auth0.output!.custom_domain.value).toBe(PROD_LOGIN_DOMAIN);
  });

  it("keep the provider on the tenant's own domain: the Management API is the tenant's", () => {
    expect(dev.auth0.provider!.auth0).toEqual([{ domain: "your-tenant.eu.auth0.com" }]);
    expect(prod.auth0.provider!.auth0).toEqual([{ domain: PROD_DOMAIN }]);
  });

  it("configure the SPA to log in through the custom domain", () => {
    expect(dev.auth0.output!.spa_auth_config.value).toContain(`"domain" = "${DEV_LOGIN_DOMAIN}", `);
    expect(prod.auth0.output!.spa_auth_config.value).toContain(`"domain" = "${PROD_LOGIN_DOMAIN}", `);
  });

  it("give the aws stack's authorizer the auth0 stack's issuer output, which names the custom domain", () => {
    for (const { aws, auth0 } of [dev, prod]) {
      expect(onlyResource(aws, "aws_apigatewayv2_authorizer").jwt_configuration.issuer).toBe(
        `\${data.terraform_remote_state.auth0-state.outputs.${AUTH0_OUTPUTS.issuer}}`,
      );
      expect(auth0.output![AUTH0_OUTPUTS.issuer].value).toMatch(/^https:\/\/login\./);
    }
  });

  it("leave an environment on a tenant of its own without one as it was: no custom_domain output, the tenant's issuer", () => {
    expect(staging.auth0.output!.custom_domain).toBeUndefined();
    expect(staging.auth0.output!.issuer.value).toBe("https://unicorns-staging.eu.auth0.com/");
    expect(staging.auth0.output!.spa_auth_config.value).toContain('"domain" = "unicorns-staging.eu.auth0.com", ');
  });
});
