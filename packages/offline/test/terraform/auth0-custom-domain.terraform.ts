// A tenant moving to an Auth0 custom domain, through the real terraform 1.11 and the local
// stand-ins: the custom-domain fixture's prod environment deployed first without one, then with
// it. The auth0 stack changes outputs only; the aws stack's authorizer reads the new issuer from
// the auth0 state and is updated in place; what was applied trusts the custom domain's tokens only.
import { join } from "node:path";
import { decodeJwt } from "jose";
import { startLocalSystem } from "../../src/emulator/local-system";
import { standInClientToken } from "../../src/emulator/auth0/token-client";
import { authConfigFromOutputs } from "../../src/test-app/auth-config";
import { customDomainModel, PROD_LOGIN_DOMAIN } from "../fixtures/custom-domain-model";
import { PROD_DOMAIN } from "../fixtures/environments-model";
import { synthProject } from "../helpers/synth";
import { changesOnly, resourcesOfState, TerraformProject } from "./terraform-helpers";

const synth = (customDomain?: string) => {
  const model = structuredClone(customDomainModel) as any;
  model.environments.prod.tenant = { domain: PROD_DOMAIN, ...(customDomain ? { customDomain } : {}) };
  return synthProject({ model, env: { DEPLOY_ENV: "prod" } });
};
const issuerOfAuthorizer = (project: TerraformProject) =>
  resourcesOfState(project.state("aws"), "aws_apigatewayv2_authorizer")[0].jwt_configuration[0].issuer;

let project: TerraformProject;
beforeAll(() => {
  project = new TerraformProject(synth());
  for (const stack of ["auth0", "aws"]) {
    project.init(stack);
    project.plan(stack);
    project.apply(stack);
  }
}, 240_000);
afterAll(() => project?.dispose());

describe("a deployed production environment given its tenant's custom domain", () => {
  it("trusted the tenant's own domain before", () => {
    expect(issuerOfAuthorizer(project)).toBe(`https://${PROD_DOMAIN}/`);
  });

  it("changes no Auth0 resource, only the auth0 stack's outputs: the issuer, the SPA's domain, custom_domain", () => {
    project.load(synth(PROD_LOGIN_DOMAIN));
    expect(changesOnly(project.plan("auth0"))).toEqual({});
    project.apply("auth0");
    const outputs = project.outputs("auth0");
    expect([outputs.issuer, outputs.custom_domain]).toEqual([`https://${PROD_LOGIN_DOMAIN}/`, PROD_LOGIN_DOMAIN]);
    expect(authConfigFromOutputs({ auth0: outputs, aws: project.outputs("aws") }).domain).toBe(PROD_LOGIN_DOMAIN);
  });

  it("updates the aws stack's authorizer in place to the issuer it reads from the auth0 state, and nothing else", () => {
    const changes = changesOnly(project.plan("aws"));
    expect(Object.entries(changes)).toEqual([[expect.stringMatching(/^aws_apigatewayv2_authorizer\./), ["update"]]]);
    project.apply("aws");
    expect(issuerOfAuthorizer(project)).toBe(`https://${PROD_LOGIN_DOMAIN}/`);
    expect(changesOnly(project.plan("aws"))).toEqual({});
  });

  it("serves what was applied trusting the custom domain's tokens, and refusing the tenant's own domain's", async () => {
    const warnings: string[] = [];
    const system = await startLocalSystem({
      outdir: join(project.dir, "cdktf.out"),
      appliedState: project.stackStates(),
      functionLog: () => undefined,
      warn: (message) => warnings.push(message),
    });
    try {
      const census = system.auth0.clients.find((c) => c.clientSecret)!;
      const viaCustomDomain = await standInClientToken(system.auth0, census);
      const viaOwnDomain = await standInClientToken({ issuer: system.auth0.ownIssuer, audience: system.auth0.audience }, census);
      expect([decodeJwt(viaCustomDomain).iss, decodeJwt(viaOwnDomain).iss]).toEqual([system.auth0.issuer, system.auth0.ownIssuer]);
      expect(system.auth0.issuer).toBe(`http://${PROD_LOGIN_DOMAIN}:${system.auth0.port}/`);
      const get = async (token: string) => (await fetch(`${system.api.url}/unicorns`, { headers: { authorization: `Bearer ${token}` } })).status;
      expect([await get(viaCustomDomain), await get(viaOwnDomain)]).toEqual([200, 401]);
      expect(warnings).toContain(
        `the authorizer trusts https://${PROD_LOGIN_DOMAIN}/; locally it trusts the stand-in ${system.auth0.issuer} instead`,
      );
    } finally {
      await system.close();
    }
  });
});
