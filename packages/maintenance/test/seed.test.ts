// The repository's own project is what `apigw-offline init` writes, with the seed's model and
// handlers: its app, stacks, test setup and review workflow are the template's, and its
// package.json pins what the template pins. A change to one is a change to the other.
import { readFileSync } from "node:fs";
import { join } from "node:path";

const REPOSITORY = join(__dirname, "..", "..", "..");
const TEMPLATE = join(REPOSITORY, "packages", "offline", "template");

it.each([
  ["main.ts", "main.ts"],
  ["stacks/index.ts", "stacks/index.ts"],
  ["stacks/auth0-stack.ts", "stacks/auth0-stack.ts"],
  ["stacks/aws-stack.ts", "stacks/aws-stack.ts"],
  ["__tests__/your-model.test.ts", "__tests__/your-model.test.ts"],
  ["__tests__/setup.ts", "__tests__/setup.ts"],
  ["jest.config.js", "jest.config.js"],
  ["tsconfig.json", "tsconfig.json"],
  [".github/workflows/review.yml", "github/workflows/review.yml"],
])("has the template's %s", (file, templateFile) => {
  expect(readFileSync(join(REPOSITORY, file), "utf8")).toBe(readFileSync(join(TEMPLATE, templateFile), "utf8"));
});

it("runs the app the template's cdktf.json runs", () => {
  const app = (file: string) => JSON.parse(readFileSync(file, "utf8")).app;
  expect(app(join(REPOSITORY, "cdktf.json"))).toBe(app(join(TEMPLATE, "cdktf.json")));
});

it("pins every dependency, engine and script the template's package.json pins, at the same version", () => {
  const root = JSON.parse(readFileSync(join(REPOSITORY, "package.json"), "utf8"));
  const template = JSON.parse(readFileSync(join(TEMPLATE, "package.template.json"), "utf8"));
  for (const field of ["dependencies", "devDependencies", "scripts", "engines"]) {
    for (const [name, value] of Object.entries(template[field])) expect([field, name, root[field]?.[name]]).toEqual([field, name, value]);
  }
});

describe("the example values the seed and the template ship", () => {
  // Every quoted host or URL of the file on an example domain (RFC 2606) or a "your-…" placeholder.
  const exampleValues = (file: string) =>
    [...readFileSync(file, "utf8").matchAll(/"([^"\s]*(?:example\.(?:com|net|org)|your-)[^"\s]*)"/g)].map((m) => m[1]);
  /** The values a synth's example-value warnings quote. */
  const flagged = (model: unknown, env: Record<string, string>) => {
    const { resolveAccessModel } = require("@apigw-auth0-rbac/model");
    const warnings: string[] = resolveAccessModel(model, { env }).warnings;
    return warnings.filter((w) => w.includes("is an example value")).map((w) => JSON.parse(/: ("(?:[^"\\]|\\.)*")/.exec(w)![1]));
  };

  it("are each named by a production synth of the seed (but the default environment's tenant, which prod replaces)", () => {
    const seed = require(join(REPOSITORY, "access-model")).default;
    const values = exampleValues(join(REPOSITORY, "access-model.ts")).filter((v) => v !== seed.tenant.domain);
    expect(values.length).toBeGreaterThan(0);
    const named = flagged(seed, { DEPLOY_ENV: "prod" });
    expect(values.filter((v) => !named.includes(v))).toEqual([]);
  });

  it("are each named by a production synth of the template once it has a production environment", () => {
    const template = require(join(TEMPLATE, "access-model")).default;
    const own = { callbackUrls: ["https://app.acme.io/callback"], logoutUrls: ["https://app.acme.io"], webOrigins: ["https://app.acme.io"] };
    const withProd = { ...template, defaultEnvironment: "prod", environments: { prod: { production: true, spa: own } } };
    const values = exampleValues(join(TEMPLATE, "access-model.ts"));
    expect(values.length).toBeGreaterThan(0);
    expect(values.filter((v) => !flagged(withProd, { DEPLOY_ENV: "prod" }).includes(v))).toEqual([]);
  });
});
