// The README stays short enough to read and every link of the documentation leads somewhere in
// the repository (a reader of a clone has nothing else): the root's README and docs/, and each
// package's README and docs/. What the deploy steps name (outputs, state keys, policies) is the code's.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { brokenLinks, headingIds } from "../src/doc-links";

const REPOSITORY = join(__dirname, "..", "..", "..");
const markdownIn = (dir: string) =>
  existsSync(join(REPOSITORY, dir))
    ? readdirSync(join(REPOSITORY, dir))
        .filter((f) => f.endsWith(".md"))
        .map((f) => `${dir}/${f}`)
    : [];
const PACKAGES = readdirSync(join(REPOSITORY, "packages")).filter((p) => existsSync(join(REPOSITORY, "packages", p, "package.json")));
/** Every document a reader of the repository is sent to. */
const DOCS = [
  ...markdownIn("docs"),
  ...PACKAGES.flatMap((p) => [`packages/${p}/README.md`, ...markdownIn(`packages/${p}/docs`)]).filter((f) => existsSync(join(REPOSITORY, f))),
];

it("keeps the README within 15 KB, the rest in docs/ and the packages", () => {
  expect(statSync(join(REPOSITORY, "README.md")).size).toBeLessThanOrEqual(15 * 1024);
});

it("gives every package a README", () => {
  expect(PACKAGES.filter((p) => !existsSync(join(REPOSITORY, "packages", p, "README.md")))).toEqual([]);
});

it("finds every link of the README, docs/ and the packages' documents inside the repository, to a file and heading that exist", () => {
  expect(brokenLinks(REPOSITORY, ["README.md", ...DOCS])).toEqual([]);
});

it("lists every document in the README", () => {
  const readme = readFileSync(join(REPOSITORY, "README.md"), "utf8");
  expect(DOCS.filter((doc) => !readme.includes(`](${doc})`))).toEqual([]);
});

it("never gives `cdktf diff` two stacks, in a document or a hint the toolkit prints: the CLI takes one and would diff the first alone", () => {
  const twoStacks = /\b(?:cdktf|cdktn|npm run local --) diff(?: -\S+)* (auth0|aws)(?: -\S+)* (auth0|aws)\b/;
  const sources = PACKAGES.flatMap((p) =>
    existsSync(join(REPOSITORY, "packages", p, "src"))
      ? readdirSync(join(REPOSITORY, "packages", p, "src"), { recursive: true, encoding: "utf8" })
          .filter((f) => f.endsWith(".ts"))
          .map((f) => `packages/${p}/src/${f}`)
      : [],
  );
  const texts = ["README.md", ...DOCS, "packages/offline/template/README.md", ...sources];
  expect(texts.filter((file) => twoStacks.test(readFileSync(join(REPOSITORY, file), "utf8")))).toEqual([]);
});

describe("docs/STACKS.md's deploy section says what the code does", () => {
  const stacksDoc = () => readFileSync(join(REPOSITORY, "docs", "STACKS.md"), "utf8");

  it("lists every output the stacks write, each under its stack, and no other", () => {
    const { AUTH0_OUTPUTS, AWS_OUTPUTS } = require("@apigw-auth0-rbac/model");
    const listed = [...stacksDoc().matchAll(/^\| `(auth0|aws)` \| `([a-z0-9_]+)` \|/gm)].map((m) => `${m[1]}.${m[2]}`).sort();
    const written = [
      ...Object.values<string>(AUTH0_OUTPUTS).map((o) => `auth0.${o}`),
      ...Object.values<string>(AWS_OUTPUTS).map((o) => `aws.${o}`),
    ].sort();
    expect(listed).toEqual(written);
  });

  it("gives policies that are JSON, each with a Version and its statements", () => {
    // Every JSON block parses; the policies among them (the ones that name a Statement or a Version) are whole.
    const blocks = [...stacksDoc().matchAll(/```json\n([\s\S]*?)```/g)]
      .map((m) => JSON.parse(m[1]))
      .filter((b) => "Statement" in b || "Version" in b);
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    for (const policy of blocks) expect([policy.Version, Array.isArray(policy.Statement)]).toEqual(["2012-10-17", true]);
  });

  it("gives the state keys the S3 backend is written with, for the variables it names", () => {
    const { readStateConfig, s3StateKey } = require("@apigw-auth0-rbac/model/project");
    const state = {
      ...readStateConfig({ STATE_BACKEND: "s3", STATE_S3_BUCKET: "my-team-tfstate", STATE_S3_REGION: "eu-west-1" }),
      environment: "prod",
    };
    for (const stack of ["auth0", "aws"]) expect(stacksDoc()).toContain(`\`${s3StateKey(state, stack)}\``);
    expect(stacksDoc()).toContain("export STATE_BACKEND=s3 STATE_S3_BUCKET=my-team-tfstate STATE_S3_REGION=eu-west-1");
  });
});

it("reports a missing file, a missing heading and a link leaving the repository, and passes the rest", () => {
  const fixture = join(__dirname, "fixtures", "doc-links");
  expect(brokenLinks(fixture, ["README.md", "docs/GUIDE.md"])).toEqual([
    "README.md: docs/NONE.md (no such file)",
    "README.md: docs/GUIDE.md#nowhere (no heading #nowhere)",
    "README.md: ../../../package.json (outside the repository)",
  ]);
});

it("gives headings GitHub's ids", () => {
  expect([...headingIds("# The model: `access-model.ts`\n## What offline proves, and what it does not\n## Tests\n## Tests\n")]).toEqual([
    "the-model-access-modelts",
    "what-offline-proves-and-what-it-does-not",
    "tests",
    "tests-1",
  ]);
});

it("has CI run every test command the README gives", () => {
  const readme = readFileSync(join(REPOSITORY, "README.md"), "utf8");
  const block = readme.slice(readme.indexOf("Run the tests")).split("```")[1];
  const commands = block
    .split("\n")
    .map((line) => line.replace(/#.*/, "").trim())
    .filter((line) => line.startsWith("npm "));
  const ci = readFileSync(join(REPOSITORY, ".ci", "run"), "utf8")
    .split("\n")
    .map((line) => line.trim());
  expect(commands.length).toBeGreaterThan(0);
  expect(commands.filter((command) => !ci.includes(command))).toEqual([]);
});
