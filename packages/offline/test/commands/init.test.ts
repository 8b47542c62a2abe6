// `apigw-offline init`: a new project from the template, all of it or nothing, never over a
// file of the user's; an existing package.json and .gitignore get what they lack.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { scaffoldProject } from "../../src/commands/init";

const dirs: string[] = [];
const folder = (name: string) => {
  const dir = join(mkdtempSync(join(tmpdir(), "init-")), name);
  mkdirSync(dir);
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(join(dir, ".."), { recursive: true, force: true });
});
const json = (file: string) => JSON.parse(readFileSync(file, "utf8"));

it("writes the project into an empty folder: model, app, stacks, handler, tests, workflow, named after the folder", () => {
  const dir = folder("orders-api");
  scaffoldProject(dir);
  for (const file of [
    "access-model.ts",
    "main.ts",
    "stacks/index.ts",
    "lambda-src/hello.ts",
    "__tests__/your-model.test.ts",
    ".gitignore",
    ".github/workflows/review.yml",
  ]) {
    expect([file, existsSync(join(dir, file))]).toEqual([file, true]);
  }
  expect(json(join(dir, "package.json")).name).toBe("orders-api");
  expect(json(join(dir, "cdktf.json")).projectId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(json(join(dir, "package.json")).dependencies["@apigw-auth0-rbac/constructs"]).toBe(
    json(join(__dirname, "..", "..", "package.json")).version,
  );
});

it("refuses a folder that holds a file of the project's, naming it, and writes nothing", () => {
  const dir = folder("taken");
  writeFileSync(join(dir, "access-model.ts"), "// mine\n");
  expect(() => scaffoldProject(dir)).toThrow(/access-model\.ts exists: init writes a new project and never overwrites; use an empty folder/);
  expect(existsSync(join(dir, "main.ts"))).toBe(false);
  expect(readFileSync(join(dir, "access-model.ts"), "utf8")).toBe("// mine\n");
});

it("adds to an existing package.json what it lacks, keeps what it has, and leaves a README alone", () => {
  const dir = folder("existing");
  const mine = {
    name: "existing",
    version: "1.0.0",
    scripts: { test: 'echo "Error: no test specified" && exit 1', deploy: "cdktf deploy" },
    dependencies: { "@apigw-auth0-rbac/constructs": "file:../constructs.tgz" },
    devDependencies: { "@swc/core": "1.16.22" },
  };
  writeFileSync(join(dir, "package.json"), JSON.stringify(mine));
  writeFileSync(join(dir, "README.md"), "# Mine\n");
  writeFileSync(join(dir, ".gitignore"), "coverage/\nnode_modules\n");
  scaffoldProject(dir);
  const pkg = json(join(dir, "package.json"));
  expect(pkg.dependencies["@apigw-auth0-rbac/constructs"]).toBe("file:../constructs.tgz");
  expect(pkg.dependencies.cdktf).toBeDefined();
  expect(pkg.scripts.deploy).toBe("cdktf deploy");
  expect(pkg.scripts.test).toBe("tsc -p tsconfig.json && jest");
  // A package in the dependencies is no allowScripts entry: that list gets its own.
  expect(pkg.allowScripts["@swc/core"]).toBe(false);
  expect(readFileSync(join(dir, "README.md"), "utf8")).toBe("# Mine\n");
  const ignored = readFileSync(join(dir, ".gitignore"), "utf8").split("\n");
  expect(ignored.slice(0, 2)).toEqual(["coverage/", "node_modules"]);
  expect(ignored.filter((l) => l === "node_modules")).toHaveLength(1);
  expect(ignored).toContain(".local/");
});
