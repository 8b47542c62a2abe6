// Tests that follow YOUR model (access-model.ts) and handlers (lambda-src/): they hold no
// value of their own, so an edit never breaks them; what changes is the snapshot and
// ACCESS.md, which `npm test -- -u` regenerates and a reviewer reads in the diff.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import accessModel from "../access-model";
import { measureAccess } from "../emulator/access-matrix";
import { startLocalSystem } from "../emulator/local-system";
import { resolveAccessModel } from "../model";
import { ACCESS_FILE, accessDocument } from "../scripts/access";
import { synthProject } from "./helpers/synth";

const LAMBDA_SRC = join(__dirname, "..", "lambda-src");
const updating = () => (expect.getState() as any).snapshotState?._updateSnapshot === "all";

const project = synthProject({ model: accessModel, env: {}, lambdaSrcDir: LAMBDA_SRC });
const { model, warnings } = resolveAccessModel(accessModel, { env: {} });

describe("your model", () => {
  it("synthesizes both stacks, with a function per handler and a route per model route", () => {
    const functions = Object.values<any>(project.aws.resource?.aws_lambda_function ?? {});
    expect(functions).toHaveLength(model.handlers.length);
    const routes = Object.values<any>(project.aws.resource?.aws_apigatewayv2_route ?? {}).map((r) => r.route_key).sort();
    expect(routes).toEqual(model.routes.map((r) => r.routeKey).sort());
  });

  it("matches its snapshot (after a deliberate change: npm test -- -u, then review the diff)", () => {
    expect(project.auth0).toMatchSnapshot("auth0 stack");
    expect(project.aws).toMatchSnapshot("aws stack");
  });

  it("requires every declared permission on some route, or warns about it", () => {
    const required = new Set(model.routes.flatMap((r) => r.scopes));
    for (const p of model.permissions.filter((p) => !required.has(p.name))) {
      expect(warnings).toContainEqual(expect.stringContaining(`permissions: ${JSON.stringify(p.name)} is declared but no route requires it`));
    }
  });

  it("lets some role call every route, or warns about it", () => {
    for (const route of model.routes) {
      const callable = model.roles.some((role) => role.permissions.some((p) => route.scopes.includes(p)));
      if (!callable) expect(warnings).toContainEqual(expect.stringContaining(`no role grants any scope of ${JSON.stringify(route.routeKey)}`));
    }
  });

  it("has a current ACCESS.md (npm run access -- --write, or npm test -- -u)", async () => {
    const log = console.log;
    console.log = () => undefined;
    const system = await startLocalSystem({ outdir: project.outdir, throttling: false });
    let document: string;
    try {
      document = accessDocument(await measureAccess(system));
    } finally {
      await system.close();
      console.log = log;
    }
    if (updating()) writeFileSync(ACCESS_FILE, document);
    let committed = "";
    try {
      committed = readFileSync(ACCESS_FILE, "utf8");
    } catch {
      // missing: reported below
    }
    if (committed !== document) {
      throw new Error(`ACCESS.md is stale (or missing): run \`npm run access -- --write\` (or \`npm test -- -u\`) and commit it.\nMeasured now:\n${document}`);
    }
  });
});
