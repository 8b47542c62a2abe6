// The limits of AWS and Auth0 a model's values reach, refused (or warned about) before any
// synth, each naming the model field and the fix.
import { ProblemsError, resolveAccessModel, type AccessModelInput } from "../src";
import { environmentsModel } from "./fixtures/environments-model";
import { unicornModel } from "./fixtures/unicorn-model";

const ENV = { AUTH0_DOMAIN: "unicorn-test.eu.auth0.com" };
const modelWith = (change: (m: any) => void, base: AccessModelInput = unicornModel): AccessModelInput => {
  const m = structuredClone(base) as any;
  change(m);
  return m;
};
function problemsOf(model: AccessModelInput, env: Record<string, string> = ENV): string[] {
  try {
    resolveAccessModel(model, { env });
    return [];
  } catch (err) {
    if (err instanceof ProblemsError) return [...err.problems];
    throw err;
  }
}
const warningsOf = (model: AccessModelInput) => resolveAccessModel(model, { env: ENV }).warnings;
const route = (i: number, handler = "get-unicorn") => ({ method: "GET", path: `/r${i}`, handler, scopes: ["read:unicorn"] });

it("accepts the fixture models as they are", () => {
  expect(problemsOf(unicornModel)).toEqual([]);
  expect(problemsOf(environmentsModel, {})).toEqual([]);
});

it("refuses a client description longer than Auth0's 140, naming the field", () => {
  const fits = modelWith((m) => (m.clients = [{ name: "census", description: "d".repeat(140), permissions: ["read:unicorn"] }]));
  expect(problemsOf(fits)).toEqual([]);
  const long = modelWith((m) => (m.clients = [{ name: "census", description: "d".repeat(157), permissions: ["read:unicorn"] }]));
  expect(problemsOf(long)).toEqual([expect.stringMatching(/^clients\[0\]\.description: 157 characters, .*at most 140.*shorten it$/)]);
  // Go's len counts bytes: 71 two-byte characters are 142.
  const wide = modelWith((m) => (m.clients = [{ name: "census", description: "é".repeat(71), permissions: ["read:unicorn"] }]));
  expect(problemsOf(wide)).toEqual([expect.stringMatching(/^clients\[0\]\.description: 142 bytes/)]);
});

it('refuses "<" and ">" in the names Auth0 gives the API and the SPA', () => {
  expect(problemsOf(modelWith((m) => (m.api.name = "Unicorn <API>")))).toEqual([expect.stringMatching(/^api\.name: .*refuses "<" and ">"/)]);
  expect(problemsOf(modelWith((m) => (m.spa.name = "SPA>")))).toEqual([expect.stringMatching(/^spa\.name: /)]);
});

it("refuses a handler whose function and role name would pass 64 characters, saying how short it must be", () => {
  // "unicorn-api-" is 12 characters: a handler of 52 fits, 53 does not.
  expect(
    problemsOf(
      modelWith((m) => (m.routes[0].handler = "h".repeat(52))),
      ENV,
    ).filter((p) => p.includes("64")),
  ).toEqual([]);
  const problems = problemsOf(
    modelWith((m) => (m.routes[0].handler = "h".repeat(53))),
    ENV,
  );
  expect(problems.filter((p) => p.includes("64"))).toEqual([
    expect.stringMatching(
      /^routes\[0\]\.handler: .*"unicorn-api-h{53}", 65 characters; both allow at most 64\. Shorten the handler name to 52 characters or fewer/,
    ),
  ]);
});

it("warns above 300 routes per API that a quota increase is needed, and not at 300", () => {
  const routes = (n: number) => modelWith((m) => (m.routes = Array.from({ length: n }, (_, i) => route(i))));
  expect(warningsOf(routes(300)).filter((w) => w.includes("quota"))).toEqual([]);
  expect(warningsOf(routes(301)).filter((w) => w.includes("quota"))).toEqual([
    expect.stringMatching(/^routes: 301 routes, above API Gateway's default quota of 300 .*Service Quotas/),
  ]);
});

it("refuses more than 300 handlers, since each is an integration and AWS does not raise that quota", () => {
  const handlers = (n: number) => modelWith((m) => (m.routes = Array.from({ length: n }, (_, i) => route(i, `h${i}`))));
  expect(problemsOf(handlers(300))).toEqual([]);
  expect(problemsOf(handlers(301))).toEqual([
    expect.stringMatching(/^routes: 301 handlers make 301 integrations, but an HTTP API holds at most 300 and AWS does not raise that quota/),
  ]);
});

it("refuses stage throttling above the account's default limits, naming the environment's field", () => {
  expect(problemsOf(modelWith((m) => (m.stage = { throttlingRateLimit: 10000, throttlingBurstLimit: 5000, logRetentionDays: 30 })))).toEqual([]);
  expect(problemsOf(modelWith((m) => (m.stage = { throttlingRateLimit: 10001, throttlingBurstLimit: 5001, logRetentionDays: 30 })))).toEqual([
    expect.stringMatching(/^stage\.throttlingRateLimit: 10001 requests per second is above the account's default limit of 10000/),
    expect.stringMatching(/^stage\.throttlingBurstLimit: a burst of 5001 is above the account's default limit of 5000/),
  ]);
  const prod = modelWith((m) => (m.environments.prod.stage.throttlingBurstLimit = 6000), environmentsModel);
  expect(problemsOf(prod, { DEPLOY_ENV: "prod" })).toEqual([expect.stringMatching(/^environments\.prod\.stage\.throttlingBurstLimit: /)]);
  // A dev synth already says prod is broken, as the production checks do.
  expect(problemsOf(prod, { DEPLOY_ENV: "dev" })).toEqual([expect.stringMatching(/^environments\.prod\.stage\.throttlingBurstLimit: /)]);
});

describe("environments sharing a tenant", () => {
  it("refuses two environments on one tenant, naming the later one's field", () => {
    const shared = modelWith((m) => (m.environments.staging.tenant.domain = "unicorns-prod.EU.auth0.com"), environmentsModel);
    expect(problemsOf(shared, {})).toEqual([
      expect.stringMatching(
        /^environments\.prod\.tenant\.domain: environments "staging" and "prod" both deploy to tenant "unicorns-prod\.eu\.auth0\.com".*409 Conflict.*environments\.prod\.tenant\.domain$/,
      ),
    ]);
    const inherited = modelWith((m) => delete m.environments.staging.tenant, environmentsModel);
    expect(problemsOf(inherited, {})).toEqual([
      expect.stringMatching(/^tenant\.domain: environments "dev" and "staging" both deploy to tenant "your-tenant\.eu\.auth0\.com"/),
    ]);
  });

  it("refuses AUTH0_DOMAIN pointing at another environment's tenant, and allows it for the environment's own", () => {
    expect(problemsOf(environmentsModel, { DEPLOY_ENV: "dev", AUTH0_DOMAIN: "unicorns-prod.eu.auth0.com" })).toEqual([
      expect.stringMatching(/^AUTH0_DOMAIN: "unicorns-prod\.eu\.auth0\.com" is environment "prod"'s tenant .* choose DEPLOY_ENV=prod$/),
    ]);
    expect(problemsOf(environmentsModel, { DEPLOY_ENV: "prod", AUTH0_DOMAIN: "unicorns-prod.eu.auth0.com" })).toEqual([]);
  });

  it("leaves a model without environments as it is: its identifier and names do not change", () => {
    const { model } = resolveAccessModel(unicornModel, { env: ENV });
    expect(model.api.identifier).toBe((unicornModel as any).api.identifier);
  });
});
