// The limits of AWS and Auth0 that a model's values reach, checked before anything is
// synthesized: each problem names the model field and the fix. Pure functions returning
// lists, so validate.ts can report every problem at once.
import type { ParsedAccessModel } from "./schema";
import { awsNamePrefix, functionNameOf } from "./names";
import { declaredDomains } from "./domain";

/** Where each limit comes from (the provider's check, or the service's documentation). */
export const LIMIT_SOURCES = {
  clientDescription: "auth0/terraform-provider-auth0 v1.55.0 internal/auth0/client/resource.go: description StringLenBetween(0, 140)",
  resourceServerName: 'auth0/terraform-provider-auth0 v1.55.0 internal/auth0/resourceserver/resource.go: name "Cannot include `<` or `>` characters"',
  clientName: "https://community.auth0.com/questions/8393/constraints-on-client-name (the Management API's answer: name must match ^[^<>]+$)",
  functionName: "https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html (FunctionName: a name of up to 64 characters)",
  roleName: "hashicorp/terraform-provider-aws internal/service/iam/role.go: name validResourceName(64)",
  routesPerApi: "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html (routes per API: 300, can be increased)",
  integrationsPerApi:
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html (integrations per API: 300, cannot be increased)",
  accountThrottling:
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html (default route throttling cannot exceed the account-level limits: 10,000 requests per second, burst 5,000)",
  tenantPerEnvironment: "https://auth0.com/docs/get-started/auth0-overview/create-tenants/set-up-multiple-environments",
  certificateDomainName:
    "https://docs.aws.amazon.com/acm/latest/APIReference/API_RequestCertificate.html (DomainName: the first domain name you enter cannot exceed 64 octets, including periods)",
} as const;

export const MODEL_LIMITS = {
  clientDescriptionBytes: 140,
  functionNameLength: 64,
  routesPerApi: 300,
  integrationsPerApi: 300,
  accountRateLimit: 10_000,
  accountBurstLimit: 5_000,
  certificateFirstNameOctets: 64,
} as const;

export interface LimitsInput {
  /** The model with the chosen environment's overrides applied. */
  readonly model: ParsedAccessModel;
  /** The model as declared, before any environment's overrides. */
  readonly declared: ParsedAccessModel;
  readonly environment?: { readonly name: string };
  /** The field a merged value came from ("stage.throttlingRateLimit" or "environments.prod.stage.throttlingRateLimit"). */
  readonly fieldOf: (path: `stage.${string}`) => string;
  /** AUTH0_DOMAIN, when it overrides the chosen environment's tenant. */
  readonly domainOverride?: string;
}

/** Every limit problem of a model; empty when it fits. */
export function limitProblems(input: LimitsInput): string[] {
  return [
    ...auth0NameProblems(input.model),
    ...functionNameProblems(input),
    ...integrationProblems(input.model),
    ...throttlingProblems(input),
    ...sharedTenantProblems(input),
    ...certificateNameProblems(input.declared),
  ];
}

/** One integration per handler, and AWS does not raise the integrations quota. */
function integrationProblems(model: ParsedAccessModel): string[] {
  const handlers = new Set(model.routes.map((r) => r.handler)).size;
  if (handlers <= MODEL_LIMITS.integrationsPerApi) return [];
  return [
    `routes: ${handlers} handlers make ${handlers} integrations, but an HTTP API holds at most ${MODEL_LIMITS.integrationsPerApi} and AWS does not raise that quota; serve several routes from one handler`,
  ];
}

/** Limits AWS raises on request: above them a deploy stops, unless the account's quota was increased. */
export function limitWarnings(input: LimitsInput): string[] {
  const { routes } = input.model;
  const warnings: string[] = [];
  if (routes.length > MODEL_LIMITS.routesPerApi) {
    warnings.push(
      `routes: ${routes.length} routes, above API Gateway's default quota of ${MODEL_LIMITS.routesPerApi} routes per HTTP API; request an increase of "Routes per API" in Service Quotas before deploying, or the deploy stops at route ${MODEL_LIMITS.routesPerApi + 1}`,
    );
  }
  return warnings;
}

function auth0NameProblems(model: ParsedAccessModel): string[] {
  const problems: string[] = [];
  model.clients.forEach((client, i) => {
    const bytes = Buffer.byteLength(client.description, "utf8");
    if (bytes > MODEL_LIMITS.clientDescriptionBytes) {
      problems.push(
        `clients[${i}].description: ${bytes} ${bytes === client.description.length ? "characters" : "bytes"}, but an Auth0 client's description holds at most ${MODEL_LIMITS.clientDescriptionBytes} (the auth0 provider refuses it at plan); shorten it`,
      );
    }
  });
  const angled = (field: string, what: string, value: string) =>
    /[<>]/.test(value) ? [`${field}: ${JSON.stringify(value)} names the ${what}, and Auth0 refuses "<" and ">" in names; remove them`] : [];
  problems.push(...angled("api.name", "Auth0 API", model.api.name), ...angled("spa.name", "Auth0 SPA client", model.spa.name));
  return problems;
}

/** A handler's function name, which its IAM role shares, is the API's prefix and the handler. */
function functionNameProblems({ model, environment }: LimitsInput): string[] {
  const prefix = awsNamePrefix(model.api.name, environment);
  const problems: string[] = [];
  const seen = new Set<string>();
  model.routes.forEach((route, i) => {
    if (seen.has(route.handler)) return;
    seen.add(route.handler);
    const name = functionNameOf(prefix, route.handler);
    if (name.length <= MODEL_LIMITS.functionNameLength) return;
    const room = MODEL_LIMITS.functionNameLength - prefix.length - 1;
    problems.push(
      `routes[${i}].handler: handler ${JSON.stringify(route.handler)} names its Lambda function and IAM role ${JSON.stringify(name)}, ${name.length} characters; both allow at most ${MODEL_LIMITS.functionNameLength}. Shorten the handler name to ${Math.max(room, 0)} characters or fewer (the prefix ${JSON.stringify(prefix)} comes from api.name${environment ? " and the environment" : ""})`,
    );
  });
  return problems;
}

/**
 * Every environment's stage throttling, whichever environment this synth is for: a dev synth
 * already says that prod's limits are above the account's.
 */
function throttlingProblems({ declared }: LimitsInput): string[] {
  const environments = Object.entries(declared.environments ?? {});
  // Each stage the model declares: the top level's (what an environment without its own inherits), then each environment's own.
  const stages: { prefix: string; rate?: number; burst?: number }[] = [
    { prefix: "", rate: declared.stage.throttlingRateLimit, burst: declared.stage.throttlingBurstLimit },
    ...environments.map(([name, env]) => ({
      prefix: `environments.${name}.`,
      rate: env.stage?.throttlingRateLimit,
      burst: env.stage?.throttlingBurstLimit,
    })),
  ];
  const problems: string[] = [];
  for (const { prefix, rate, burst } of stages) {
    if (rate !== undefined && rate > MODEL_LIMITS.accountRateLimit) {
      problems.push(
        `${prefix}stage.throttlingRateLimit: ${rate} requests per second is above the account's default limit of ${MODEL_LIMITS.accountRateLimit}, which a stage's throttling cannot exceed; lower it (or have AWS raise the account's limit first)`,
      );
    }
    if (burst !== undefined && burst > MODEL_LIMITS.accountBurstLimit) {
      problems.push(
        `${prefix}stage.throttlingBurstLimit: a burst of ${burst} is above the account's default limit of ${MODEL_LIMITS.accountBurstLimit}, which a stage's throttling cannot exceed; lower it (or have AWS raise the account's limit first)`,
      );
    }
  }
  return problems;
}

/**
 * Environments on one tenant would share one API identifier, one role per name and one user
 * per e-mail: the second deploy fails with 409, or worse, both share the API and its tokens.
 * Refused rather than renamed: an identifier is every token's audience, and changing it
 * replaces the API.
 */
function sharedTenantProblems({ declared, environment, domainOverride }: LimitsInput): string[] {
  const environments = declared.environments ?? {};
  const tenantOf = (name: string) => (environments[name].tenant?.domain ?? declared.tenant.domain ?? "").toLowerCase();
  const fieldOf = (name: string) => (environments[name].tenant?.domain ? `environments.${name}.tenant.domain` : "tenant.domain");
  const names = Object.keys(environments);
  const problems: string[] = [];
  names.forEach((name, i) => {
    const earlier = names.slice(0, i).find((other) => tenantOf(other) !== "" && tenantOf(other) === tenantOf(name));
    if (!earlier) return;
    problems.push(
      `${fieldOf(name)}: environments ${JSON.stringify(earlier)} and ${JSON.stringify(name)} both deploy to tenant ${JSON.stringify(tenantOf(name))}, where they would share the API identifier ${JSON.stringify(declared.api.identifier)} and every role name (Auth0 refuses the second with 409 Conflict); give ${JSON.stringify(name)} a tenant of its own in environments.${name}.tenant.domain`,
    );
  });
  const override = domainOverride?.toLowerCase();
  const owner = override && environment ? names.find((other) => other !== environment.name && tenantOf(other) === override) : undefined;
  if (owner) {
    problems.push(
      `AUTH0_DOMAIN: ${JSON.stringify(domainOverride)} is environment ${JSON.stringify(owner)}'s tenant (${fieldOf(owner)}), but this synth is for ${JSON.stringify(environment!.name)}; unset AUTH0_DOMAIN or choose DEPLOY_ENV=${owner}`,
    );
  }
  return problems;
}

/** The certificate the stack requests names the host first: ACM takes at most 64 octets there (it becomes the common name). */
function certificateNameProblems(declared: ParsedAccessModel): string[] {
  return declaredDomains(declared)
    .filter(({ domain }) => !domain.certificateArn && domain.name.length > MODEL_LIMITS.certificateFirstNameOctets)
    .map(
      ({ field, domain }) =>
        `${field}.name: ${JSON.stringify(domain.name)} has ${domain.name.length} characters, but the first name of an ACM certificate request holds at most ${MODEL_LIMITS.certificateFirstNameOctets}; shorten the host name, or give certificateArn of an issued certificate that covers it (e.g. a wildcard *.${domain.hostedZone})`,
    );
}
