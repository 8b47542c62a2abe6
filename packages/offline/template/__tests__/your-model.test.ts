// Tests that follow YOUR model (access-model.ts) and handlers (lambda-src/): they hold no
// value of their own, so an edit never breaks them; what changes is the snapshot and
// ACCESS.md, which `npm test -- -u` regenerates and a reviewer reads in the diff.
// Every environment the model declares goes through them.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { synthStacks } from "@apigw-auth0-rbac/constructs/testing";
import { ProblemsError } from "@apigw-auth0-rbac/model";
import { readProject } from "@apigw-auth0-rbac/model/project";
import { accessFile, measuredAccessDocument } from "@apigw-auth0-rbac/offline/testing";
import accessModel from "../access-model";
import { buildStacks } from "../stacks";

/** Jest's snapshot mode: "all" with -u, "new" by default (a missing snapshot is written), "none" with --ci (or CI=true). */
const snapshotMode = () => (expect.getState() as any).snapshotState?._updateSnapshot as "all" | "new" | "none";

const declared = Object.keys(accessModel.environments ?? {});
/** [label, DEPLOY_ENV]: the default environment first, as ACCESS.md is written from it. */
const environments: [string, string | undefined][] = declared.length
  ? [...declared].sort((a, b) => Number(b === accessModel.defaultEnvironment) - Number(a === accessModel.defaultEnvironment)).map((e) => [e, e])
  : [["(no environments)", undefined]];

/** The model's synth for `env`, or the problems that stop it (said by one failing test, not a crash of the file). */
function synthOrProblems(env: Record<string, string>) {
  try {
    return synthStacks({ model: accessModel, build: buildStacks, env });
  } catch (err) {
    if (err instanceof ProblemsError) return { problems: err.message };
    throw err;
  }
}

describe.each(environments)("your model, environment %s", (label, deployEnv) => {
  const env: Record<string, string> = deployEnv ? { DEPLOY_ENV: deployEnv } : {};
  const synthesized = synthOrProblems(env);
  if ("problems" in synthesized) {
    it("is a valid model (fix what follows in access-model.ts; npm run synth says the same)", () => {
      throw new Error(synthesized.problems);
    });
    return;
  }
  const { auth0, aws, outdir, configuration } = synthesized;
  const { model, warnings } = configuration;
  const isDefault = deployEnv === undefined || deployEnv === accessModel.defaultEnvironment;
  /** Every caller against every route goes through the emulator: time grows with both, and a loaded machine needs room. */
  const measureTimeout = 30_000 + 10 * model.routes.length * (model.roles.length + model.clients.length);

  it("synthesizes both stacks, with a function per handler, a route per model route and a client per model client", () => {
    expect(Object.values(aws.resource?.aws_lambda_function ?? {})).toHaveLength(model.handlers.length);
    const routes = Object.values<any>(aws.resource?.aws_apigatewayv2_route ?? {})
      .map((r) => r.route_key)
      .sort();
    expect(routes).toEqual(model.routes.map((r) => r.routeKey).sort());
    expect(Object.keys(auth0.resource?.auth0_client_grant ?? {})).toHaveLength(model.clients.length);
  });

  it("matches its snapshot (after a deliberate change: npm test -- -u, then review the diff)", () => {
    expect(auth0).toMatchSnapshot(`auth0 stack ${label}`);
    expect(aws).toMatchSnapshot(`aws stack ${label}`);
  });

  it("requires every declared permission on some route, or warns about it", () => {
    const required = new Set(model.routes.flatMap((r) => r.scopes));
    for (const p of model.permissions.filter((p) => !required.has(p.name))) {
      expect(warnings).toContainEqual(expect.stringContaining(`permissions: ${JSON.stringify(p.name)} is declared but no route requires it`));
    }
  });

  it("lets some role or client call every route, or warns about it", () => {
    for (const route of model.routes) {
      const holders = [...model.roles, ...model.clients];
      const callable = holders.some((holder) => holder.permissions.some((p) => route.scopes.includes(p)));
      if (!callable)
        expect(warnings).toContainEqual(expect.stringContaining(`no role or client grants any scope of ${JSON.stringify(route.routeKey)}`));
    }
  });

  // Environments cannot change roles, clients or routes: every one must measure what ACCESS.md says.
  it(
    `measures what ACCESS.md says${isDefault ? " (npm run access -- --write, or npm test -- -u)" : ""}`,
    async () => {
      const document = await measuredAccessDocument(outdir);
      const file = accessFile(readProject());
      // Like a snapshot: rewritten with -u, written when missing, never written with --ci.
      const mode = snapshotMode();
      if (isDefault && (mode === "all" || (mode === "new" && !existsSync(file)))) writeFileSync(file, document);
      const committed = existsSync(file) ? readFileSync(file, "utf8") : "";
      if (committed !== document) {
        throw new Error(
          `ACCESS.md is stale (or missing) for environment ${label}: run \`npm run access -- --write\` (or \`npm test -- -u\`) and commit it.\nMeasured now:\n${document}`,
        );
      }
    },
    measureTimeout,
  );
});
