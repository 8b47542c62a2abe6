// A production synth names every example value the model still holds (the seed's placeholder
// tenant, its example.com identifier, SPA URLs and API domain), one warning each with its field;
// any other synth stays quiet. On the fixtures, never the user's model.
import { isExampleHost, resolveAccessModel, type AccessModelInput } from "../src";
import { domainModel } from "./fixtures/domain-model";
import { environmentsModel } from "./fixtures/environments-model";
import { unicornModel } from "./fixtures/unicorn-model";

const EXAMPLE = "is an example value, not one of yours";
/** The fields the example-value warnings of a synth name, in order. */
const exampleFields = (model: AccessModelInput, env: Record<string, string>) =>
  resolveAccessModel(model, { env })
    .warnings.filter((w) => w.includes(EXAMPLE))
    .map((w) => w.slice(0, w.indexOf(": ")));

/** The domain fixture with the seed's prod tenant placeholder. */
const seedLikeProd = (() => {
  const model = structuredClone(domainModel) as any;
  model.environments.prod.tenant = { domain: "your-prod-tenant.eu.auth0.com" };
  return model as AccessModelInput;
})();

/** The environments fixture with every value a team's own. */
const ownValues = (() => {
  const model = structuredClone(environmentsModel) as any;
  model.api.identifier = "https://api.acme-unicorns.io";
  model.environments.prod.spa = {
    callbackUrls: ["https://app.acme-unicorns.io/callback"],
    logoutUrls: ["https://app.acme-unicorns.io"],
    webOrigins: ["https://app.acme-unicorns.io"],
  };
  model.environments.prod.domain = { name: "api.acme-unicorns.io", hostedZone: "acme-unicorns.io" };
  return model as AccessModelInput;
})();

describe("a production synth", () => {
  it("warns once for each example value, naming the field it was written in and what to set", () => {
    expect(exampleFields(seedLikeProd, { DEPLOY_ENV: "prod" })).toEqual([
      "environments.prod.tenant.domain",
      "api.identifier",
      "environments.prod.spa.callbackUrls[0]",
      "environments.prod.spa.logoutUrls[0]",
      "environments.prod.spa.webOrigins[0]",
      "environments.prod.domain.name",
      "environments.prod.domain.hostedZone",
    ]);
    const warnings = resolveAccessModel(seedLikeProd, { env: { DEPLOY_ENV: "prod" } }).warnings;
    expect(warnings).toContain(
      'environments.prod.tenant.domain: "your-prod-tenant.eu.auth0.com" is an example value, not one of yours; before deploying to production, set your production tenant\'s domain (or AUTH0_DOMAIN)',
    );
    expect(warnings).toContain(
      'environments.prod.domain.hostedZone: "unicorns.example.com" is an example value, not one of yours; before deploying to production, set the public Route 53 hosted zone of your account that holds that name',
    );
  });

  it("names AUTH0_DOMAIN when that is where the tenant came from, and says nothing of a tenant of one's own", () => {
    expect(exampleFields(seedLikeProd, { DEPLOY_ENV: "prod", AUTH0_DOMAIN: "your-tenant-name.us.auth0.com" })[0]).toBe("AUTH0_DOMAIN");
    expect(exampleFields(seedLikeProd, { DEPLOY_ENV: "prod", AUTH0_DOMAIN: "acme.eu.auth0.com" })).not.toContain("AUTH0_DOMAIN");
    expect(exampleFields(seedLikeProd, { DEPLOY_ENV: "prod", AUTH0_DOMAIN: "acme.eu.auth0.com" })).not.toContain("environments.prod.tenant.domain");
  });

  it("names an inherited value by the top-level field it came from", () => {
    const model = structuredClone(ownValues) as any;
    model.spa = { ...model.spa, ...model.environments.prod.spa, webOrigins: ["https://unicorns.example.org"] };
    delete model.environments.prod.spa;
    expect(exampleFields(model, { DEPLOY_ENV: "prod" })).toEqual(["spa.webOrigins[0]"]);
  });

  it("names an example custom domain by the tenant it is written in", () => {
    const model = structuredClone(ownValues) as any;
    model.environments.prod.tenant = { domain: "acme-prod.eu.auth0.com", customDomain: "login.example.com" };
    expect(exampleFields(model, { DEPLOY_ENV: "prod" })).toEqual(["environments.prod.tenant.customDomain"]);
    model.environments.prod.tenant.customDomain = "login.acme-unicorns.io";
    expect(exampleFields(model, { DEPLOY_ENV: "prod" })).toEqual([]);
  });

  it("says nothing when every value is the team's own", () => {
    expect(exampleFields(ownValues, { DEPLOY_ENV: "prod" })).toEqual([]);
  });
});

describe("any other synth stays quiet: the same example values serve npm start and the tests", () => {
  it.each(["dev", "staging"])("environment %s (not production)", (env) => {
    expect(exampleFields(seedLikeProd, { DEPLOY_ENV: env })).toEqual([]);
  });

  it("a model without environments, which says nothing of production", () => {
    expect(exampleFields(unicornModel, {})).toEqual([]);
  });
});

describe("example host names", () => {
  it.each([
    "example.com",
    "unicorns.example.com",
    "api.unicorns.example.org",
    "EXAMPLE.NET.",
    "x.test",
    "y.example",
    "z.invalid",
    "your-tenant.eu.auth0.com",
  ])("%s is one", (host) => expect(isExampleHost(host)).toBe(true));
  it.each(["acme.eu.auth0.com", "examples.com", "myexample.com", "example.com.au", "contest.io", "tenant-your.eu.auth0.com"])("%s is not", (host) =>
    expect(isExampleHost(host)).toBe(false),
  );
});
