// The junction of the two halves: Actions written as TypeScript, bundled and deployed by the
// auth0 stack's real synth, run by the stand-in from that synth, and their claims reaching a
// handler through the JWT authorizer. (actions.test.ts drives the runtime in depth on stacks the
// helper writes; this one takes nothing but what the stack synthesizes.)
import { join } from "node:path";
import { decodeJwt } from "jose";
import { defineAccessModel } from "@apigw-auth0-rbac/model";
import { type LocalSystem, startLocalSystem } from "../../src/emulator/local-system";
import { PROBE_LAMBDA_SRC, probeModel } from "../fixtures/probe-model";
import { call, requestToken } from "../helpers/local-system";
import { synthProject } from "../helpers/synth";

jest.setTimeout(120_000);

const REPOSITORY_ROOT = join(__dirname, "..", "..", "..", "..");
const NS = "https://probe.example.test";
const RIDER = "rider@example.test";

// The Actions' files are the fixture project's actions/ (test/fixtures/actions/).
const model = defineAccessModel({
  ...probeModel,
  users: [{ email: RIDER, roles: ["reader"], appMetadata: { plan: "gold" } }],
  actions: [
    { name: "namespaced-roles", trigger: "post-login", secrets: ["CLAIM_NAMESPACE"] },
    { name: "add-plan", trigger: "post-login", dependencies: [{ name: "lodash", version: "4.17.21" }], secrets: ["PLAN_KEY"] },
  ],
});

let system: LocalSystem;
const warnings: string[] = [];

beforeAll(async () => {
  const project = synthProject({ model, env: {}, lambdaSrcDir: PROBE_LAMBDA_SRC });
  process.env.TF_VAR_action_secret_CLAIM_NAMESPACE = NS;
  process.env.TF_VAR_action_secret_PLAN_KEY = "k";
  try {
    system = await startLocalSystem({
      outdir: project.outdir,
      projectRoot: REPOSITORY_ROOT,
      functionLog: () => undefined,
      actionLog: () => undefined,
      warn: (message) => warnings.push(message),
    });
  } finally {
    delete process.env.TF_VAR_action_secret_CLAIM_NAMESPACE;
    delete process.env.TF_VAR_action_secret_PLAN_KEY;
  }
});
afterAll(async () => {
  await system?.close();
});

async function riderToken() {
  const rider = system.auth0.users.find((u) => u.email === RIDER)!;
  const { status, body } = await requestToken(system, {
    grant_type: "password",
    username: rider.email,
    password: rider.password,
    audience: system.auth0.audience,
    scope: "openid probe:read",
    client_id: system.auth0.cliClient.clientId,
  });
  expect(status).toBe(200);
  return body.access_token as string;
}

it("runs the synthesized Actions with the secrets and the users' metadata the stack deploys", async () => {
  const claims = decodeJwt(await riderToken());
  expect(claims[`${NS}/roles`]).toEqual(["reader"]);
  // add-plan's bundle requires lodash (declared), reads app_metadata and a secret; its template
  // text ${…} and %{…} came through terraform's escaping unevaluated.
  expect(claims["https://unicorns.example.com/plan"]).toBe("gold %{ if x } $${} %%{y} `keyed`");
  // Nothing unset or refused: only, perhaps, that the project's lodash is not the declared version.
  expect(warnings.filter((w) => !w.startsWith("Action add-plan declares lodash@4.17.21;"))).toEqual([]);
});

it("hands the claims to the handler through the JWT authorizer", async () => {
  const answer = await call(system, "GET", "/echo", { authorization: `Bearer ${await riderToken()}` });
  expect(answer.status).toBe(200);
  const { claims } = JSON.parse(answer.body);
  expect(claims[`${NS}/roles`]).toBe("[reader]");
  expect(claims["https://unicorns.example.com/plan"]).toContain("gold");
});
