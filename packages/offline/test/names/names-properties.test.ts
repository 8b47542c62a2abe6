// Property-based: names drawn from what AWS and Auth0 allow for each kind, and hostile strings,
// are data in everything the toolkit writes from them. adopt's model file evaluates to the same
// model (import ids of roles named __proto__ included) and its stubs run nothing of them; the
// review comment and ACCESS.md, rendered, keep every section and show each name as its text
// (and ACCESS.md reads back as written); the banner's lines and the requests file, run by sh,
// hand each name and URL to `npm run token` and curl as one argument and run nothing else.
// Bounded runs; on failure fast-check prints the seed and the path to replay it (FC_SEED / FC_PATH).
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as modelPackage from "@apigw-auth0-rbac/model";
import fc from "fast-check";
import { modelFile, reportFile } from "../../src/adopt/files";
import { adoptionOf } from "../../src/adopt/model";
import { accessChanges, accessMarkdown, type AccessMatrix, parseAccessMarkdown } from "../../src/emulator/access-matrix";
import { accessDocument } from "../../src/access/document";
import { consequences } from "../../src/review/consequences";
import { REVIEW_MARKER, reviewMarkdown } from "../../src/review/markdown";
import { resourceLines, type ResourceChange } from "../../src/review/plan";
import { startBanner } from "../../src/start/banner";
import { evaluateTypeScript } from "../helpers/evaluate-typescript";
import { INJECTED, type Names, names, setupOf } from "../helpers/outside-names";
import { rendered, shows } from "../helpers/rendered-markdown";

const RUNS = Number(process.env.FC_RUNS ?? 60);
const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
const params = { numRuns: RUNS, seed: SEED, path: process.env.FC_PATH };

const injected = () => (globalThis as any)[INJECTED];
afterEach(() => delete (globalThis as any)[INJECTED]);

/**
 * The adopted model, as its model file evaluates and the project resolves it. A tenant name that
 * holds terraform's `${` or `%{` is written as data too, but the model refuses it (terraform would
 * evaluate it at deploy): then `model` is undefined, and the checks that need one skip the case.
 */
function adopted(n: Names) {
  const { tenant, api } = setupOf(n);
  const adoption = adoptionOf(tenant, api);
  const written = evaluateTypeScript(modelFile(adoption), { [modelPackage.MODEL_PACKAGE]: modelPackage }).default;
  const resolve = () => modelPackage.resolveAccessModel(written, { env: {}, availableHandlers: adoption.handlers.map((h) => h.name) }).model;
  if (!/[$%]\{/.test(JSON.stringify(written))) return { adoption, written, model: resolve() };
  expect(resolve).toThrow(/which terraform reads as (an interpolation|a template directive)/);
  return { adoption, written, model: undefined };
}

describe("adopt's writers", () => {
  it("write a model file that evaluates to the adopted model, every name and import id kept, and stubs that run none of them", async () => {
    await fc.assert(
      fc.asyncProperty(names, async (n) => {
        const { adoption, written, model } = adopted(n);
        expect(injected()).toBeUndefined();
        expect(JSON.stringify(written)).toBe(JSON.stringify(adoption.model));
        fc.pre(model !== undefined);
        expect(Object.entries(model.imports!.auth0!.roles)).toEqual(n.roles.map((r) => [r.name, r.id]));
        expect(model.roles.map((r) => r.name)).toEqual(n.roles.map((r) => r.name));
        for (const stub of adoption.handlers) {
          const answer = await evaluateTypeScript(stub.source).handler({ routeKey: "GET /x" });
          expect([answer.statusCode, injected()]).toEqual([501, undefined]);
          expect(n.routes.map((r) => `Not implemented yet: ported from ${r.fn}`)).toContain(JSON.parse(answer.body).message);
        }
        const view = rendered(reportFile(adoption, n.ref));
        expect(view.headings.slice(1)).toEqual(["What the first deploy changes, and why", "What it imports and keeps", "What it leaves alone"]);
        expect([view.html, view.links]).toEqual([[], 0]);
        const runtimes = [...setupOf(n).api.functions.values()].map((f) => f.Runtime);
        for (const value of [n.spa, ...n.roles.map((r) => r.name), ...runtimes]) expect([value, shows(view, value)]).toEqual([value, true]);
      }),
      params,
    );
  });
});

const change = (type: string, name: string, actions: string[], before: any, after: any): ResourceChange => ({
  address: `${type}.${name}`,
  mode: "managed",
  type,
  name,
  change: { actions, before, after },
});

/** Who can call what under the model: every role and client, allowed where it holds a route's scope. */
function matrixOf(model: modelPackage.AccessModel): AccessMatrix {
  const callers = [
    ...model.roles.map((r) => ({ caller: `role ${r.name}`, permissions: r.permissions })),
    ...model.clients.map((c) => ({ caller: `client ${c.name}`, permissions: c.permissions })),
  ];
  return {
    routes: model.routes.map((r) => r.routeKey),
    rows: callers.map(({ caller, permissions }) => ({
      caller,
      routes: Object.fromEntries(model.routes.map((r) => [r.routeKey, r.scopes.some((s) => permissions.includes(s)) ? "allowed" : "refused"])),
    })),
  };
}

describe("the review comment", () => {
  it("keeps every section and shows each name as its text, whatever the names of the change", () => {
    fc.assert(
      fc.property(names, (n) => {
        const { model } = adopted(n);
        fc.pre(model !== undefined);
        const after = matrixOf(model);
        const before: AccessMatrix = { routes: after.routes, rows: after.rows.map((r) => ({ ...r, routes: {} })) };
        const roles = model.roles.map((r, i) =>
          change("auth0_role", `r${i}`, ["no-op"], { id: `rol_${i}`, name: r.name }, { id: `rol_${i}`, name: r.name }),
        );
        const lost = model.roles.map((r, i) =>
          change(
            "auth0_role_permissions",
            `r${i}`,
            ["update"],
            { role_id: `rol_${i}`, permissions: [...r.permissions, ...n.permissions].map((name) => ({ name })) },
            { role_id: `rol_${i}`, permissions: [] },
          ),
        );
        const clients = n.clients.map((name, i) =>
          change(
            "auth0_client",
            `c${i}`,
            ["delete", "create"],
            { name, app_type: "non_interactive", client_id: `id${i}` },
            { name, app_type: "non_interactive" },
          ),
        );
        const routes = model.routes.map((r, i) =>
          change("aws_apigatewayv2_route", `route${i}`, ["delete"], { route_key: r.routeKey, authorization_scopes: r.scopes }, null),
        );
        const auth0 = { resource_changes: [...roles, ...lost, ...clients] };
        const aws = { resource_changes: routes };
        const paths = new Map(model.roles.map((r, i) => [`auth0_role_permissions.r${i}`, `auth0/role-${r.name}/permissions`]));
        const markdown = reviewMarkdown({
          base: { ref: n.ref, commit: "0123456789abcdef0123" },
          head: "fedcba9",
          uncommitted: n.files,
          consequences: consequences({ auth0, aws }),
          access: { changes: accessChanges(before, after), matrix: accessMarkdown(after) },
          plans: [
            {
              title: "Plan of the change (offline: local provider stand-ins)",
              how: "How.",
              notes: [{ text: "The base does not synthesize:", output: n.output }],
              stacks: [
                { stack: "auth0", lines: resourceLines(auth0, paths) },
                { stack: "aws", unavailable: { text: "terraform plan failed:", output: n.output } },
              ],
            },
          ],
        });
        const view = rendered(markdown);
        expect(view.headings.slice(1)).toEqual([
          "Look at these first",
          "Access",
          "Plan of the change (offline: local provider stand-ins)",
          "auth0",
          "aws",
        ]);
        expect(view.html).toEqual([REVIEW_MARKER, "<details><summary>Who can call what now (measured by the emulator)</summary>", "</details>"]);
        expect(view.links).toBe(0);
        const shown = [
          n.ref,
          n.output,
          ...n.files,
          ...n.clients,
          ...n.permissions,
          ...model.roles.map((r) => r.name),
          ...model.routes.map((r) => r.routeKey),
        ];
        for (const value of shown) expect([value, shows(view, value)]).toEqual([value, true]);
      }),
      params,
    );
  });
});

describe("ACCESS.md", () => {
  it("shows every caller and route as its text in its table, and reads back as written", () => {
    fc.assert(
      fc.property(names, (n) => {
        const { model } = adopted(n);
        fc.pre(model !== undefined);
        const matrix = matrixOf(model);
        const view = rendered(accessDocument(matrix));
        expect([view.headings, view.html, view.links]).toEqual([["Who can call what"], [], 0]);
        for (const value of [...matrix.rows.map((r) => r.caller), ...matrix.routes]) expect([value, shows(view, value)]).toEqual([value, true]);
        expect(parseAccessMarkdown(accessMarkdown(matrix))).toEqual(matrix);
        expect(accessChanges(parseAccessMarkdown(accessMarkdown(matrix)), matrix)).toEqual([]);
      }),
      params,
    );
  });
});

describe("the banner and the requests file, run by sh", () => {
  const dir = mkdtempSync(join(tmpdir(), "names-sh-"));
  const bin = join(dir, "bin");
  mkdirSync(bin);
  // npm run -s token …: a token that spells out every argument it was given; curl: each call's arguments, NUL-separated.
  writeFileSync(join(bin, "npm"), "#!/bin/sh\nprintf 'token'\nfor a; do printf '[%s]' \"$a\"; done\n");
  writeFileSync(join(bin, "curl"), '#!/bin/sh\nn=$(ls "$CALLS" | wc -l)\nprintf \'%s\\0\' "$@" > "$CALLS/$n"\n');
  for (const stub of ["npm", "curl"]) chmodSync(join(bin, stub), 0o755);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function runInSh(script: string) {
    const work = mkdtempSync(join(dir, "run-"));
    const calls = join(work, "calls");
    mkdirSync(calls);
    writeFileSync(join(work, "script.sh"), script);
    const result = spawnSync("sh", [join(work, "script.sh")], {
      cwd: work,
      env: { PATH: `${bin}:${process.env.PATH}`, CALLS: calls },
      encoding: "utf8",
    });
    const curls = readdirSync(calls)
      .sort((a, b) => Number(a) - Number(b))
      .map((f) => readFileSync(join(calls, f), "utf8").split("\0").slice(0, -1));
    return { status: result.status, stderr: result.stderr, curls, ran: existsSync(join(work, "pwned")) };
  }

  const token = (...args: string[]) => `token${["run", "-s", "token", "--", ...args].map((a) => `[${a}]`).join("")}`;

  it("hand every name and URL to npm run token and curl as one argument, with each caller's own token, and run nothing else", () => {
    fc.assert(
      fc.property(names, fc.array(fc.constantFrom("$(touch pwned)", "'", '"', "`touch pwned`", "&x=1", "#"), { maxLength: 3 }), (n, query) => {
        const { model } = adopted(n);
        fc.pre(model !== undefined);
        const example = (path: string) => `${path.replace(/\{[^}]+\}/g, "x")}?q=${query.join("")}`;
        const routes = model.routes.map((r) => ({
          routeKey: r.routeKey,
          method: r.method,
          path: r.path,
          scopes: r.scopes,
          example: example(r.path),
        }));
        const { text, examples } = startBanner({
          issuer: "http://127.0.0.1:3002/",
          apiUrl: "http://127.0.0.1:3001",
          spa: "(not served)",
          audience: "https://api.example.com",
          users: model.roles.map((r, i) => ({ email: `user-${i}@example.test`, password: "x".repeat(16), roles: [r.name] })),
          clients: [],
          m2m: model.clients.map((c) => ({ modelName: c.name, permissions: c.permissions })),
          roles: model.roles,
          routes,
          examplesFile: ".local/emulator-requests.sh",
          sessionFile: ".local/emulator-session.json",
        });
        const callers = [...model.roles.map((r) => ["--role", r.name]), ...model.clients.map((c) => ["--client", c.name])];
        const file = runInSh(examples);
        expect([file.status, file.stderr, file.ran]).toEqual([0, "", false]);
        expect(file.curls).toEqual(
          callers.flatMap((caller) =>
            routes.map((r) => ["-i", "-H", `Authorization: Bearer ${token(...caller)}`, `http://127.0.0.1:3001${r.example}`]),
          ),
        );
        const variables = [...examples.matchAll(/^(\S+)=\$\(npm /gm)].map(([, v]) => v);
        expect(new Set(variables).size).toBe(callers.length);
        expect(text).not.toMatch(/[^\P{Cc}\n]/u);
        // Pasted: what the terminal shows is what runs, for names without control characters (those it shows escaped).
        if (!/\p{Cc}/u.test(callers.flat().join(""))) {
          const pasted = runInSh(
            text
              .split("\n")
              .filter((line) => /^ {2}(\w+=|curl )/.test(line))
              .join("\n"),
          );
          expect([pasted.status, pasted.stderr, pasted.ran]).toEqual([0, "", false]);
          for (const call of pasted.curls)
            expect(file.curls).toContainEqual(call.includes("-H") ? call : [...call.slice(0, 1), "-H", expect.any(String), ...call.slice(1)]);
        }
      }),
      { ...params, numRuns: Math.ceil(RUNS / 2) },
    );
  });
});
