// The tenant's Auth0 custom domain: what the model takes, where an environment's comes from,
// and what follows it (the issuer and the domain apps log in through).
import { ProblemsError, resolveAccessModel, type AccessModelInput } from "../src";
import { customDomainModel, DEV_LOGIN_DOMAIN, PROD_LOGIN_DOMAIN } from "./fixtures/custom-domain-model";
import { PROD_DOMAIN } from "./fixtures/environments-model";
import { unicornModel } from "./fixtures/unicorn-model";

function problemsOf(model: unknown, env: Record<string, string> = {}): readonly string[] {
  try {
    resolveAccessModel(model, { env });
  } catch (err) {
    if (err instanceof ProblemsError) return err.problems;
    throw err;
  }
  return [];
}

const withCustomDomain = (customDomain: unknown): AccessModelInput =>
  ({ ...unicornModel, tenant: { ...unicornModel.tenant, customDomain } }) as AccessModelInput;

describe("tenant.customDomain", () => {
  it("makes the issuer https://<custom domain>/ and the domain apps log in through, leaving the tenant's domain to the provider", () => {
    const { model } = resolveAccessModel(withCustomDomain("login.unicorns.example.com"), { env: {} });
    expect(model.issuer).toBe("https://login.unicorns.example.com/");
    expect(model.tenant.issuerDomain).toBe("login.unicorns.example.com");
    expect(model.tenant.domain).toBe("your-tenant.eu.auth0.com");
    expect(model.tenant.customDomain).toBe("login.unicorns.example.com");
  });

  it("keeps AUTH0_DOMAIN's tenant for the provider and the custom domain for the issuer", () => {
    const { model } = resolveAccessModel(withCustomDomain("login.unicorns.example.com"), { env: { AUTH0_DOMAIN: "other.eu.auth0.com" } });
    expect([model.tenant.domain, model.issuer]).toEqual(["other.eu.auth0.com", "https://login.unicorns.example.com/"]);
  });

  it("leaves a model without one as it was: the issuer is the tenant's domain", () => {
    const { model } = resolveAccessModel(unicornModel, { env: {} });
    expect([model.issuer, model.tenant.issuerDomain, model.tenant.customDomain]).toEqual([
      "https://your-tenant.eu.auth0.com/",
      "your-tenant.eu.auth0.com",
      undefined,
    ]);
  });

  it("takes a bare lower-case host name, naming the field and what to write instead", () => {
    expect(problemsOf(withCustomDomain("https://Login.Unicorns.example.com/"))).toEqual([
      'tenant.customDomain: "https://Login.Unicorns.example.com/" is not a custom domain; give the host name only, lower case, without scheme, port, path or trailing dot: "login.unicorns.example.com"',
    ]);
    expect(problemsOf(withCustomDomain("login.unicorns.example.com/callback"))).toEqual([
      'tenant.customDomain: "login.unicorns.example.com/callback" is not a custom domain; give the host name only, lower case, without scheme, port, path or trailing dot: "login.unicorns.example.com"',
    ]);
    expect(problemsOf(withCustomDomain(""))[0]).toMatch(/^tenant\.customDomain: "" is not a custom domain;.*"login\.example\.com"$/);
    expect(problemsOf(withCustomDomain(42))).toHaveLength(1);
  });

  it("refuses the tenant's own domain as its custom domain", () => {
    expect(problemsOf(withCustomDomain("your-tenant.eu.auth0.com"))).toEqual([
      'tenant.customDomain: "your-tenant.eu.auth0.com" is the tenant\'s own domain (tenant.domain), not a custom domain; give the host name you set up under Branding → Custom Domains, or leave customDomain out',
    ]);
  });
});

describe("tenant.customDomain in environments", () => {
  const resolved = (env: string) => resolveAccessModel(customDomainModel, { env: { DEPLOY_ENV: env } }).model;

  it("belongs to its tenant: an environment on the top-level tenant takes the top-level one, one with a tenant of its own only its own", () => {
    expect([resolved("dev").tenant.domain, resolved("dev").issuer]).toEqual(["your-tenant.eu.auth0.com", `https://${DEV_LOGIN_DOMAIN}/`]);
    expect([resolved("prod").tenant.domain, resolved("prod").issuer]).toEqual([PROD_DOMAIN, `https://${PROD_LOGIN_DOMAIN}/`]);
    expect([resolved("staging").tenant.customDomain, resolved("staging").issuer]).toEqual([undefined, "https://unicorns-staging.eu.auth0.com/"]);
  });

  it("names an environment's own field, checking every environment in any synth", () => {
    const bad = structuredClone(customDomainModel) as any;
    bad.environments.prod.tenant.customDomain = "Login.Unicorns-Prod.example.com";
    expect(problemsOf(bad, { DEPLOY_ENV: "dev" })).toEqual([
      'environments.prod.tenant.customDomain: "Login.Unicorns-Prod.example.com" is not a custom domain; give the host name only, lower case, without scheme, port, path or trailing dot: "login.unicorns-prod.example.com"',
    ]);
    bad.environments.prod.tenant.customDomain = PROD_DOMAIN;
    expect(problemsOf(bad, { DEPLOY_ENV: "dev" })).toEqual([
      `environments.prod.tenant.customDomain: "${PROD_DOMAIN}" is the tenant's own domain (environments.prod.tenant.domain), not a custom domain; give the host name you set up under Branding → Custom Domains, or leave customDomain out`,
    ]);
  });

  it("refuses two environments naming one custom domain: it is one tenant's", () => {
    const shared = structuredClone(customDomainModel) as any;
    shared.environments.staging.tenant.customDomain = PROD_LOGIN_DOMAIN;
    expect(problemsOf(shared, { DEPLOY_ENV: "dev" })).toEqual([
      `environments.prod.tenant.customDomain: environments "staging" and "prod" both log in through "${PROD_LOGIN_DOMAIN}", but a custom domain belongs to one tenant and they deploy to two; give each environment its tenant's own custom domain`,
    ]);
  });
});
