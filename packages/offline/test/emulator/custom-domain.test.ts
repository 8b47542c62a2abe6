// The API on the team's own domain, on fixtures: what the model refuses and warns about, and
// what the aws stack synthesizes with a domain (a new certificate, or an issued one) and without.
import { measureAccess } from "../../src/emulator/access-matrix";
import { startLocalSystem, type LocalSystem } from "../../src/emulator/local-system";
import { ProblemsError, resolveAccessModel, type AccessModelInput } from "@apigw-auth0-rbac/model";
import { localHostedZones } from "../../src/local-terraform/setup";
import { startBanner } from "../../src/start/banner";
import { domainModel, PROD_API_DOMAIN, STAGING_API_DOMAIN, STAGING_CERTIFICATE } from "../fixtures/domain-model";
import { environmentsModel, withProd } from "../fixtures/environments-model";
import { UNICORN_LAMBDA_SRC, unicornModel } from "../fixtures/unicorn-model";
import { tokenForRole } from "../helpers/local-system";
import { policyViolations } from "../helpers/policies";
import { rawRequest } from "../helpers/raw-http";
import { onlyResource, resourceEntries, resourcesOf, synthProject, TEST_DOMAIN } from "../helpers/synth";

const ENV = { AUTH0_DOMAIN: TEST_DOMAIN };

function problemsOf(model: unknown, env: Record<string, string> = ENV): readonly string[] {
  try {
    resolveAccessModel(model, { env });
  } catch (err) {
    if (err instanceof ProblemsError) return err.problems;
    throw err;
  }
  return [];
}

const withDomain = (domain: unknown): AccessModelInput => ({ ...unicornModel, domain }) as AccessModelInput;

describe("the model's domain", () => {
  it("takes a bare lower-case host name and zone, saying what to write instead of a URL, a path or capitals", () => {
    expect(problemsOf(withDomain({ name: "https://API.Unicorns.example.com/v1", hostedZone: "Unicorns.example.com." }))).toEqual([
      'domain.name: "https://API.Unicorns.example.com/v1" is not a host name; give the host name only, lower case, without scheme, port, path or trailing dot: "api.unicorns.example.com"',
      'domain.hostedZone: "Unicorns.example.com." is not a hosted zone name; give the host name only, lower case, without scheme, port, path or trailing dot: "unicorns.example.com"',
    ]);
    expect(problemsOf(withDomain({ name: "*.unicorns.example.com", hostedZone: "unicorns.example.com" }))[0]).toMatch(
      /^domain\.name: "\*\.unicorns\.example\.com" is not a host name;/,
    );
    expect(problemsOf(withDomain({ name: "api.unicorns.example.com" }))).toEqual(["domain.hostedZone: is missing; it is required (a string)"]);
    expect(problemsOf(withDomain(PROD_API_DOMAIN))).toEqual([]);
  });

  it("refuses a name outside its hosted zone, suggesting the zone that would hold it", () => {
    expect(problemsOf(withDomain({ name: "api.horses.example.com", hostedZone: "unicorns.example.com" }))).toEqual([
      'domain.name: "api.horses.example.com" is not inside the hosted zone "unicorns.example.com", so its records cannot be written there; use a name ending in ".unicorns.example.com", or the zone that holds it (e.g. hostedZone: "horses.example.com")',
    ]);
    // The zone's apex is inside it; a name that merely ends in the same letters is not.
    expect(problemsOf(withDomain({ name: "unicorns.example.com", hostedZone: "unicorns.example.com" }))).toEqual([]);
    expect(problemsOf(withDomain({ name: "api.myunicorns.example.com", hostedZone: "unicorns.example.com" }))).toHaveLength(1);
  });

  it("refuses a certificate ARN that is not one, or lies in another region than AWS_REGION", () => {
    expect(problemsOf(withDomain({ ...STAGING_API_DOMAIN, certificateArn: "arn:aws:iam::123456789012:role/x" }))).toEqual([
      'domain.certificateArn: "arn:aws:iam::123456789012:role/x" is not an ACM certificate ARN; give it as arn:aws:acm:<region>:<account>:certificate/<id>, or leave certificateArn out to have the stack request one',
    ]);
    expect(problemsOf(withDomain(STAGING_API_DOMAIN), { ...ENV, AWS_REGION: "eu-west-1" })).toEqual([
      "domain.certificateArn: the certificate is in us-east-1, but the API deploys to eu-west-1 (AWS_REGION); a REGIONAL custom domain takes a certificate of its own region. Request or import one in eu-west-1, or leave certificateArn out to have the stack request it",
    ]);
    expect(problemsOf(withDomain(STAGING_API_DOMAIN), { ...ENV, AWS_REGION: "us-east-1" })).toEqual([]);
  });

  it("refuses a name longer than ACM's 64 octets when the stack requests the certificate, not when one is given", () => {
    const long = `${"a".repeat(44)}.unicorns.example.com`;
    expect(long).toHaveLength(65);
    expect(problemsOf(withDomain({ name: long, hostedZone: "unicorns.example.com" }))).toEqual([
      `domain.name: "${long}" has 65 characters, but the first name of an ACM certificate request holds at most 64; shorten the host name, or give certificateArn of an issued certificate that covers it (e.g. a wildcard *.unicorns.example.com)`,
    ]);
    expect(problemsOf(withDomain({ name: long.slice(1), hostedZone: "unicorns.example.com" }))).toEqual([]);
    expect(problemsOf(withDomain({ name: long, hostedZone: "unicorns.example.com", certificateArn: STAGING_CERTIFICATE }))).toEqual([]);
  });

  it("lets an environment replace the top-level domain, and refuses two environments on one host name", () => {
    const shared = { ...environmentsModel, domain: PROD_API_DOMAIN } as AccessModelInput;
    expect(problemsOf(shared, { DEPLOY_ENV: "dev" })).toEqual([
      'domain.name: environments "dev" and "staging" would both serve "api.unicorns.example.com" (both inherit the top-level domain); a custom domain name exists once per AWS account and region, and its records point to one API. Give each environment a host name of its own in environments.<name>.domain',
      'domain.name: environments "dev" and "prod" would both serve "api.unicorns.example.com" (both inherit the top-level domain); a custom domain name exists once per AWS account and region, and its records point to one API. Give each environment a host name of its own in environments.<name>.domain',
    ]);
    const twice = withProd((prod) => (prod.domain = STAGING_API_DOMAIN));
    const model = {
      ...(twice as any),
      environments: { ...(twice as any).environments, staging: { ...(twice as any).environments.staging, domain: STAGING_API_DOMAIN } },
    };
    expect(problemsOf(model, { DEPLOY_ENV: "dev" })).toEqual([
      expect.stringMatching(
        /^environments\.prod\.domain\.name: environments "staging" and "prod" would both serve "api\.staging\.unicorns\.example\.com";/,
      ),
    ]);
    const resolved = resolveAccessModel(domainModel, { env: { DEPLOY_ENV: "staging" } }).model;
    expect(resolved.domain).toEqual(STAGING_API_DOMAIN);
    expect(resolveAccessModel(domainModel, { env: { DEPLOY_ENV: "dev" } }).model.domain).toBeUndefined();
  });

  it("names an environment's own field in its problems, checking every environment in any synth", () => {
    const bad = withProd((prod) => (prod.domain = { name: "api.horses.example.com", hostedZone: "unicorns.example.com" }));
    expect(problemsOf(bad, { DEPLOY_ENV: "dev" })).toEqual([
      expect.stringMatching(/^environments\.prod\.domain\.name: "api\.horses\.example\.com" is not inside the hosted zone/),
    ]);
  });

  it("warns, and does not refuse, a production environment without a domain: existing production models keep synthesizing", () => {
    const warnings = (model: unknown, env: string) =>
      resolveAccessModel(model, { env: { DEPLOY_ENV: env } }).warnings.filter((w) => w.includes("has no domain"));
    expect(warnings(environmentsModel, "prod")).toEqual([
      'environments.prod.domain: production environment "prod" has no domain, so clients call its execute-api URL, an AWS host name that changes whenever the API is replaced; set environments.prod.domain to serve it at https://<your host name> (see docs/DOMAIN.md)',
    ]);
    expect(warnings(environmentsModel, "dev")).toEqual([]);
    expect(warnings(domainModel, "prod")).toEqual([]);
  });
});

describe("the aws stack with a domain", () => {
  const prod = synthProject({ model: domainModel, env: { DEPLOY_ENV: "prod" }, lambdaSrcDir: UNICORN_LAMBDA_SRC });
  const aws = prod.aws;
  const [apiId] = Object.keys(aws.resource!.aws_apigatewayv2_api);
  const [certificateId] = Object.keys(aws.resource!.aws_acm_certificate);
  const [zoneId] = Object.keys(aws.data!.aws_route53_zone);
  const [domainId] = Object.keys(aws.resource!.aws_apigatewayv2_domain_name);
  const records = resourceEntries(aws, "aws_route53_record");

  it("finds the public hosted zone by name", () => {
    expect(aws.data!.aws_route53_zone[zoneId]).toMatchObject({ name: "unicorns.example.com", private_zone: false });
  });

  it("requests a DNS-validated certificate for the name, replaced before the old one goes", () => {
    expect(onlyResource(aws, "aws_acm_certificate")).toMatchObject({
      domain_name: "api.unicorns.example.com",
      validation_method: "DNS",
      lifecycle: { create_before_destroy: true },
    });
  });

  it("writes one validation record per domain_validation_options entry, keyed by its domain name, into the zone", () => {
    const validation = records.filter(([, r]) => r.for_each);
    expect(validation).toHaveLength(1);
    expect(validation[0][1]).toEqual({
      "//": expect.anything(),
      for_each: `\${{ for key, val in tolist(aws_acm_certificate.${certificateId}.domain_validation_options): val.domain_name => val }}`,
      name: "${each.value.resource_record_name}",
      type: "${each.value.resource_record_type}",
      records: ["${each.value.resource_record_value}"],
      ttl: 60,
      allow_overwrite: true,
      zone_id: `\${data.aws_route53_zone.${zoneId}.zone_id}`,
    });
    expect(onlyResource(aws, "aws_acm_certificate_validation")).toMatchObject({
      certificate_arn: `\${aws_acm_certificate.${certificateId}.arn}`,
      validation_record_fqdns: `\${[ for key, val in aws_route53_record.${validation[0][0]}: val.fqdn]}`,
    });
  });

  it("serves the name as a REGIONAL domain with TLS 1.2 on the validated certificate, mapped to the $default stage", () => {
    const [validationId] = Object.keys(aws.resource!.aws_acm_certificate_validation);
    expect(aws.resource!.aws_apigatewayv2_domain_name[domainId]).toMatchObject({
      domain_name: "api.unicorns.example.com",
      domain_name_configuration: {
        certificate_arn: `\${aws_acm_certificate_validation.${validationId}.certificate_arn}`,
        endpoint_type: "REGIONAL",
        security_policy: "TLS_1_2",
        ip_address_type: "dualstack",
      },
    });
    const [stageId] = Object.keys(aws.resource!.aws_apigatewayv2_stage);
    expect(onlyResource(aws, "aws_apigatewayv2_api_mapping")).toMatchObject({
      api_id: `\${aws_apigatewayv2_api.${apiId}.id}`,
      domain_name: `\${aws_apigatewayv2_domain_name.${domainId}.id}`,
      stage: `\${aws_apigatewayv2_stage.${stageId}.id}`,
    });
    expect(onlyResource(aws, "aws_apigatewayv2_stage").name).toBe("$default");
    expect(onlyResource(aws, "aws_apigatewayv2_api_mapping").api_mapping_key).toBeUndefined();
  });

  it("points A and AAAA alias records at the domain's API Gateway target", () => {
    const aliases = records.filter(([, r]) => r.alias).map(([, r]) => r);
    const configuration = `aws_apigatewayv2_domain_name.${domainId}.domain_name_configuration[0]`;
    expect(aliases.map((r) => r.type)).toEqual(["A", "AAAA"]);
    for (const alias of aliases) {
      expect(alias).toMatchObject({
        name: `\${aws_apigatewayv2_domain_name.${domainId}.domain_name}`,
        zone_id: `\${data.aws_route53_zone.${zoneId}.zone_id}`,
        alias: { name: `\${${configuration}.target_domain_name}`, zone_id: `\${${configuration}.hosted_zone_id}`, evaluate_target_health: false },
      });
      expect(alias.ttl).toBeUndefined();
    }
  });

  it("disables the execute-api endpoint, so the domain is the API's only host name", () => {
    expect(onlyResource(aws, "aws_apigatewayv2_api").disable_execute_api_endpoint).toBe(true);
  });

  it("outputs https://<domain> as the endpoint, the route URLs on it, and the alias target", () => {
    expect(aws.output!.api_endpoint.value).toBe("https://api.unicorns.example.com");
    expect(aws.output!.route_urls.value).toEqual({
      "GET /unicorn": "https://api.unicorns.example.com/unicorn",
      "GET /unicorns": "https://api.unicorns.example.com/unicorns",
    });
    expect(aws.output!.domain_target.value).toBe(`\${aws_apigatewayv2_domain_name.${domainId}.domain_name_configuration[0].target_domain_name}`);
  });

  it("passes every policy, and the policies catch an execute-api endpoint left open or a domain below TLS 1.2", () => {
    expect(policyViolations(aws)).toEqual([]);
    const opened = structuredClone(aws);
    delete opened.resource!.aws_apigatewayv2_api[apiId].disable_execute_api_endpoint;
    opened.resource!.aws_apigatewayv2_domain_name[domainId].domain_name_configuration.security_policy = "TLS_1_0";
    expect(policyViolations(opened)).toEqual([
      `an API on a custom domain disables its execute-api endpoint: ${apiId}`,
      `every custom domain requires TLS 1.2: ${domainId}`,
    ]);
  });
});

describe("the aws stack with an issued certificate", () => {
  const staging = synthProject({ model: domainModel, env: { DEPLOY_ENV: "staging" }, lambdaSrcDir: UNICORN_LAMBDA_SRC }).aws;

  it("requests and validates no certificate, and serves the domain on the one given", () => {
    expect(resourcesOf(staging, "aws_acm_certificate")).toEqual([]);
    expect(resourcesOf(staging, "aws_acm_certificate_validation")).toEqual([]);
    expect(onlyResource(staging, "aws_apigatewayv2_domain_name").domain_name_configuration.certificate_arn).toBe(STAGING_CERTIFICATE);
    expect(resourcesOf(staging, "aws_route53_record").map((r) => r.type)).toEqual(["A", "AAAA"]);
    expect(staging.output!.api_endpoint.value).toBe("https://api.staging.unicorns.example.com");
    expect(policyViolations(staging)).toEqual([]);
  });
});

describe("the aws stack without a domain", () => {
  const dev = synthProject({ model: domainModel, env: { DEPLOY_ENV: "dev" }, lambdaSrcDir: UNICORN_LAMBDA_SRC }).aws;

  it("keeps the execute-api endpoint and its URL, and creates nothing of a domain", () => {
    for (const type of [
      "aws_acm_certificate",
      "aws_acm_certificate_validation",
      "aws_route53_record",
      "aws_apigatewayv2_domain_name",
      "aws_apigatewayv2_api_mapping",
    ]) {
      expect([type, resourcesOf(dev, type)]).toEqual([type, []]);
    }
    expect(dev.data?.aws_route53_zone).toBeUndefined();
    expect(onlyResource(dev, "aws_apigatewayv2_api").disable_execute_api_endpoint).toBeUndefined();
    const [apiId] = Object.keys(dev.resource!.aws_apigatewayv2_api);
    expect(dev.output!.api_endpoint.value).toBe(`\${aws_apigatewayv2_api.${apiId}.api_endpoint}`);
    expect(dev.output!.domain_target).toBeUndefined();
  });
});

describe("npm start with a domain: the API answers on its host name only", () => {
  const staging = synthProject({ model: domainModel, env: { DEPLOY_ENV: "staging" }, lambdaSrcDir: UNICORN_LAMBDA_SRC });
  const DOMAIN = STAGING_API_DOMAIN.name;
  let system: LocalSystem;
  const log: string[] = [];
  let rider = "";
  beforeAll(async () => {
    system = await startLocalSystem({ outdir: staging.outdir, accessLog: (line) => log.push(line), functionLog: () => undefined });
    rider = await tokenForRole(system, "unicorn-rider");
  });
  afterAll(() => system?.close());

  const get = (host: string, path: string, token?: string) =>
    rawRequest(
      system.api.port,
      `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n${token ? `Authorization: Bearer ${token}\r\n` : ""}Origin: http://localhost:3000\r\n\r\n`,
    );

  it("reads the custom domain and the disabled endpoint from the synthesized stack", () => {
    expect(system.api.host).toBe(DOMAIN);
  });

  it("routes a request for the domain as API Gateway does, the authorizer included", async () => {
    expect((await get(DOMAIN, "/unicorn?name=Gaia", rider)).status).toBe(200);
    expect((await get(`API.Staging.Unicorns.Example.com.:${system.api.port}`, "/unicorn?name=Gaia", rider)).status).toBe(200);
    expect((await get(DOMAIN, "/unicorn?name=Gaia")).status).toBe(401);
    expect((await get(DOMAIN, "/unicorns", rider)).status).toBe(403);
  });

  it("answers 403 Forbidden, as the disabled execute-api endpoint does, for any other host, the emulator's own address included, with a valid token", async () => {
    for (const host of [
      `127.0.0.1:${system.api.port}`,
      `localhost:${system.api.port}`,
      "abcdef1234.execute-api.us-east-1.amazonaws.com",
      "api.other.example.com",
    ]) {
      const before = log.length;
      const answer = await get(host, "/unicorn?name=Gaia", rider);
      expect([host, answer.status, answer.body]).toEqual([host, 403, '{"message":"Forbidden"}']);
      // It never reached the API: none of its CORS headers, no line in its stage's access log.
      expect(answer.head).not.toMatch(/access-control-allow-origin/i);
      expect(log.length).toBe(before);
    }
  });

  it("measures the same access on the domain as the API without one does", async () => {
    const dev = await startLocalSystem({
      outdir: synthProject({ model: domainModel, env: { DEPLOY_ENV: "dev" }, lambdaSrcDir: UNICORN_LAMBDA_SRC }).outdir,
      functionLog: () => undefined,
    });
    try {
      expect(dev.api.host).toBeUndefined();
      expect(await measureAccess(system)).toEqual(await measureAccess(dev));
    } finally {
      await dev.close();
    }
  });

  it("prints requests that name the domain with curl --resolve, and each answers as its comment says", async () => {
    const { text, examples } = startBanner({
      issuer: system.auth0.issuer,
      apiUrl: system.api.url,
      domain: { name: DOMAIN, port: system.api.port },
      spa: "(not served)",
      audience: system.auth0.audience,
      users: system.auth0.users,
      clients: system.auth0.clients,
      m2m: [],
      roles: system.tenant.roles,
      routes: system.routes,
      examplesFile: ".local/emulator-requests.sh",
      sessionFile: ".local/emulator-session.json",
    });
    expect(text).toContain(`HTTP API         http://${DOMAIN}:${system.api.port}`);
    expect(text).toContain(`(${system.api.url} answers 403, as the disabled execute-api endpoint does)`);
    const tokens: Record<string, string> = {};
    for (const [, variable, role] of examples.matchAll(/(\w+)=\$\(npm run -s token -- --role '([\w-]+)'\)/g))
      tokens[variable] = await tokenForRole(system, role);
    const shown = [
      ...`${text}\n${examples}`.matchAll(
        /curl -i --resolve '([^:]+):(\d+):127\.0\.0\.1' (?:-H "Authorization: Bearer \$(\w+)" )?'http:\/\/([^/']+)([^']*)'\s+# (\d{3}|allowed)/g,
      ),
    ];
    expect(shown.length).toBeGreaterThanOrEqual(3);
    for (const [line, host, port, variable, urlHost, path, comment] of shown) {
      expect([line, urlHost, Number(port)]).toEqual([line, `${host}:${port}`, system.api.port]);
      const answer = await get(urlHost, path, variable ? tokens[variable] : undefined);
      // "allowed": past the authorizer, the handler answers (it may refuse a request without its query).
      const outcome = comment === "allowed" ? ([401, 403].includes(answer.status) ? String(answer.status) : "allowed") : String(answer.status);
      expect([line, outcome]).toEqual([line, comment]);
    }
  });
});

describe("npm run local with a domain", () => {
  it("gives the local account the hosted zones the model's domains name, unless LOCAL_AWS_HOSTED_ZONES says otherwise", () => {
    expect(localHostedZones({}, domainModel)).toBe("unicorns.example.com");
    expect(
      localHostedZones(
        {},
        {
          ...unicornModel,
          domain: { name: "api.b.example", hostedZone: "b.example" },
          environments: { x: { domain: { name: "c.example", hostedZone: "c.example" } } },
        },
      ),
    ).toBe("b.example,c.example");
    expect(localHostedZones({}, unicornModel)).toBe("");
    expect(localHostedZones({ LOCAL_AWS_HOSTED_ZONES: "other.example" }, domainModel)).toBe("other.example");
  });
});
