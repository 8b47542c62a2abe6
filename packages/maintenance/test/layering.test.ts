// The packages' layering holds, and each rule fires on a violation made on purpose.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { importsOf, layeringFindings } from "../src/layering";

const PACKAGES = join(__dirname, "..", "..");

it("finds no import across the layers in the packages' sources", () => {
  expect(layeringFindings(PACKAGES)).toEqual([]);
});

describe("a violation made on purpose", () => {
  const dir = mkdtempSync(join(tmpdir(), "layering-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  };
  write("model/src/validate.ts", 'import { startLocalSystem } from "@apigw-auth0-rbac/offline/testing";\n');
  write("offline/src/emulator/local-system.ts", 'import { App } from "cdktf";\nimport { JwtHttpApi } from "@apigw-auth0-rbac/constructs";\n');
  write("local-providers/src/aws/provider.ts", 'const { Construct } = require("constructs");\n');
  write("offline/src/review/run.ts", 'import { LOCAL } from "../commands/local";\n');
  write("constructs/src/app/access-model-app.ts", 'import { measuredAccessDocument } from "@apigw-auth0-rbac/offline/testing";\n');
  write("offline/src/start/session.ts", 'import model from "../../../../access-model";\nconst root = join(__dirname, "..", "..", "..", "..");\n');

  it("is found, naming the file, the import and the rule", () => {
    expect(layeringFindings(dir)).toEqual(
      expect.arrayContaining([
        { file: "model/src/validate.ts", specifier: "@apigw-auth0-rbac/offline/testing", rule: "the model is the toolkit's base" },
        { file: "offline/src/emulator/local-system.ts", specifier: "cdktf", rule: "the toolkit outlives cdktf" },
        { file: "offline/src/emulator/local-system.ts", specifier: "@apigw-auth0-rbac/constructs", rule: "the toolkit outlives cdktf" },
        { file: "local-providers/src/aws/provider.ts", specifier: "constructs", rule: "the toolkit outlives cdktf" },
        { file: "offline/src/review/run.ts", specifier: "../commands/local", rule: "libraries import no command" },
        { file: "constructs/src/app/access-model-app.ts", specifier: "@apigw-auth0-rbac/offline/testing", rule: "the constructs know no toolkit" },
        { file: "offline/src/start/session.ts", specifier: "../../../../access-model", rule: "no source leaves its package" },
        { file: "offline/src/start/session.ts", specifier: 'join(__dirname, "../../../..")', rule: "no source leaves its package" },
      ]),
    );
    expect(layeringFindings(dir)).toHaveLength(8);
  });
});

it("reads imports, requires and dynamic imports", () => {
  expect(importsOf('import a from "a";\nimport "b";\nconst c = require("c");\nawait import("d");\nexport { e } from "e";\n')).toEqual([
    "a",
    "b",
    "c",
    "d",
    "e",
  ]);
});
