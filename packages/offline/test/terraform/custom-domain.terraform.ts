// The domain fixture's production environment through the real terraform 1.11 and the local
// stand-ins: a deploy that validates its certificate through records written per
// domain_validation_options (the for_each plans offline), a second plan with no changes, a
// host-name change planned and applied as a replacement of the certificate and the custom
// domain, and what was applied served on the new name.
import { join } from "node:path";
import { startLocalSystem } from "../../src/emulator/local-system";
import { standInClientToken } from "../../src/emulator/auth0/token-client";
import { domainModel, PROD_API_DOMAIN } from "../fixtures/domain-model";
import { UNICORN_LAMBDA_SRC } from "../fixtures/unicorn-model";
import { authConfigFromOutputs } from "../../src/test-app/auth-config";
import { rawRequest } from "../helpers/raw-http";
import { synthProject } from "../helpers/synth";
import { changesOnly, resourcesOfState, TerraformProject } from "./terraform-helpers";

const RENAMED = "gateway.unicorns.example.com";
const synth = (name: string = PROD_API_DOMAIN.name) => {
  const model = structuredClone(domainModel) as any;
  model.environments.prod.domain = { ...PROD_API_DOMAIN, name };
  return synthProject({ model, env: { DEPLOY_ENV: "prod" }, lambdaSrcDir: UNICORN_LAMBDA_SRC });
};
/** The certificate and its validation, the domain and its mapping, and every record that names the host. */
const DOMAIN_RESOURCES = /aws_acm_certificate|aws_route53_record|aws_apigatewayv2_domain_name|aws_apigatewayv2_api_mapping/;

let project: TerraformProject;
beforeAll(() => {
  // The account's public hosted zone exists before the deploy, as it must for real.
  project = new TerraformProject(synth(), { LOCAL_AWS_HOSTED_ZONES: PROD_API_DOMAIN.hostedZone });
  for (const stack of ["auth0", "aws"]) project.init(stack);
  project.plan("auth0");
  project.apply("auth0");
});
afterAll(() => project?.dispose());

describe("a production environment on api.unicorns.example.com", () => {
  it("plans the validation records from the certificate's domain_validation_options, keyed by domain name, and applies", () => {
    const plan = project.plan("aws");
    expect(Object.keys(plan).filter((a) => a.includes("validation-record"))).toEqual([expect.stringMatching(/\["api\.unicorns\.example\.com"\]$/)]);
    expect(Object.values(plan).every((a) => a.join() === "create")).toBe(true);
    project.apply("aws");
  });

  it("issues the certificate once its CNAME is in the zone, and serves the domain on it", () => {
    const state = project.state("aws");
    const [certificate] = resourcesOfState(state, "aws_acm_certificate");
    const [option] = certificate.domain_validation_options;
    expect(option).toEqual({
      domain_name: "api.unicorns.example.com",
      resource_record_name: expect.stringMatching(/^_[0-9a-f]{32}\.api\.unicorns\.example\.com\.$/),
      resource_record_type: "CNAME",
      resource_record_value: expect.stringMatching(/\.acm-validations\.aws\.$/),
    });
    const records = resourcesOfState(state, "aws_route53_record");
    const validation = records.find((r) => r.type === "CNAME")!;
    expect(validation).toMatchObject({ records: [option.resource_record_value], fqdn: option.resource_record_name.replace(/\.$/, "") });
    expect(resourcesOfState(state, "aws_acm_certificate_validation")).toEqual([
      expect.objectContaining({ certificate_arn: certificate.arn, validation_record_fqdns: [validation.fqdn] }),
    ]);

    const [domain] = resourcesOfState(state, "aws_apigatewayv2_domain_name");
    const [configuration] = domain.domain_name_configuration;
    expect(configuration).toMatchObject({
      certificate_arn: certificate.arn,
      endpoint_type: "REGIONAL",
      security_policy: "TLS_1_2",
      ip_address_type: "dualstack",
    });
    expect(configuration.target_domain_name).toMatch(/^d-[a-z0-9]{10}\.execute-api\.us-east-1\.amazonaws\.com$/);
    const aliases = records.filter((r) => r.alias.length > 0);
    expect(aliases.map((r) => [r.type, r.fqdn, r.alias[0].name, r.alias[0].zone_id])).toEqual([
      ["A", "api.unicorns.example.com", configuration.target_domain_name, configuration.hosted_zone_id],
      ["AAAA", "api.unicorns.example.com", configuration.target_domain_name, configuration.hosted_zone_id],
    ]);
    const [api] = resourcesOfState(state, "aws_apigatewayv2_api");
    expect(api.disable_execute_api_endpoint).toBe(true);
    expect(resourcesOfState(state, "aws_apigatewayv2_api_mapping")).toEqual([
      expect.objectContaining({ api_id: api.id, domain_name: "api.unicorns.example.com", stage: "$default" }),
    ]);
    expect(project.outputs("aws")).toMatchObject({
      api_endpoint: "https://api.unicorns.example.com",
      domain_target: configuration.target_domain_name,
    });
  });

  it("gives npm run spa-config the domain as the API's origin", () => {
    expect(authConfigFromOutputs({ auth0: project.outputs("auth0"), aws: project.outputs("aws") }).apiOrigin).toBe(
      "https://api.unicorns.example.com",
    );
  });

  // The auth0 stack is the orders fixture's to check a second time; the domain is all in this one.
  it("plans no changes a second time", () => {
    expect(changesOnly(project.plan("aws"))).toEqual({});
  });

  it("plans a host-name change as a replacement of the certificate (the new one first) and the custom domain, and nothing else", () => {
    project.load(synth(RENAMED));
    const changes = changesOnly(project.plan("aws"));
    const certificate = Object.keys(changes).find((a) => a.startsWith("aws_acm_certificate."))!;
    const domain = Object.keys(changes).find((a) => a.startsWith("aws_apigatewayv2_domain_name."))!;
    expect(changes[certificate]).toEqual(["create", "delete"]);
    expect(changes[domain]).toEqual(["delete", "create"]);
    // The records of the old name go and the new name's come; the API, its routes and functions stay.
    expect(Object.keys(changes).filter((a) => !DOMAIN_RESOURCES.test(a))).toEqual([]);
    expect(Object.entries(changes).filter(([a]) => a.includes("validation-record"))).toEqual([
      [expect.stringMatching(/\["api\.unicorns\.example\.com"\]$/), ["delete"]],
      [expect.stringMatching(/\["gateway\.unicorns\.example\.com"\]$/), ["create"]],
    ]);
    project.apply("aws");
    expect(changesOnly(project.plan("aws"))).toEqual({});
    expect(project.outputs("aws").api_endpoint).toBe(`https://${RENAMED}`);
  });

  it("serves what was applied on the new name only", async () => {
    // The prod environment's state, pulled from where the stacks' backend keeps it.
    const system = await startLocalSystem({
      outdir: join(project.dir, "cdktf.out"),
      appliedState: project.stackStates(),
      functionLog: () => undefined,
    });
    try {
      expect(system.api.host).toBe(RENAMED);
      const census = system.auth0.clients.find((c) => c.clientSecret)!;
      const token = await standInClientToken(system.auth0, census);
      const get = (host: string) =>
        rawRequest(system.api.port, `GET /unicorns HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\nAuthorization: Bearer ${token}\r\n\r\n`);
      expect((await get(RENAMED)).status).toBe(200);
      expect((await get(PROD_API_DOMAIN.name)).status).toBe(403);
      expect((await get(`127.0.0.1:${system.api.port}`)).status).toBe(403);
    } finally {
      await system.close();
    }
  });
});
