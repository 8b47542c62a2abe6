#!/usr/bin/env node
// Generates the auth0 provider bindings into src/auth0-provider/ from the pinned schema
// (@apigw-auth0-rbac/provider-schemas), the same files `cdktf get` writes, but with no
// terraform and no network: @cdktf/provider-auth0 does not exist on npm and provider plugins
// cannot be downloaded here. The package's build compiles them with the constructs.
//
//   node scripts/generate-auth0-bindings.js             always regenerate
//   node scripts/generate-auth0-bindings.js --if-stale  only when schema or generator changed

process.env.CHECKPOINT_DISABLE = "1"; // @cdktf/commons phones home on import otherwise
if (process.argv.includes("--help") || process.argv.includes("-h")) {
  process.stdout.write(
    "usage: node scripts/generate-auth0-bindings.js [--if-stale]\n\nGenerates the Auth0 provider bindings into src/auth0-provider/ from the pinned schema (offline; the package's build runs it).\n\nflags:\n  --if-stale  only when the schema or the generator changed\n  -h, --help  print this help\n",
  );
  process.exit(0);
}

const fs = require("node:fs");
const path = require("node:path");
const crypto = require("node:crypto");

const root = path.resolve(__dirname, "..");
const { schemaFile } = require("@apigw-auth0-rbac/provider-schemas");
// The version this package's bindings pin, declared in its package.json for the tools that set up a provider mirror.
const schemaPath = schemaFile("auth0", require("../package.json")["apigw-auth0-rbac"].providers["auth0/auth0"]);
const genRoot = path.join(root, "src");
const outDir = path.join(genRoot, "auth0-provider");
const stampPath = path.join(outDir, ".schema-sha256");

function fingerprint() {
  let generatorVersion = "missing";
  try {
    generatorVersion = require("@cdktf/provider-generator/package.json").version;
  } catch {
    // reported by main() when it needs the generator
  }
  return crypto.createHash("sha256").update(fs.readFileSync(schemaPath)).update(generatorVersion).update(fs.readFileSync(__filename)).digest("hex");
}

async function main() {
  const wanted = fingerprint();
  if (process.argv.includes("--if-stale") && fs.existsSync(stampPath) && fs.readFileSync(stampPath, "utf8") === wanted) {
    return;
  }
  // @cdktf/commons runs `terraform version` when loaded; a TF_CLI_CONFIG_FILE that points
  // nowhere only makes it print a warning that has nothing to do with generating code.
  if (process.env.TF_CLI_CONFIG_FILE && !fs.existsSync(process.env.TF_CLI_CONFIG_FILE)) {
    delete process.env.TF_CLI_CONFIG_FILE;
  }
  let generator;
  try {
    // The package entry point requires jsii-pacmak, which we do not need: import the generator itself.
    generator = require("@cdktf/provider-generator/lib/get/generator/provider-generator");
  } catch {
    console.error("generate-auth0-bindings: @cdktf/provider-generator is not installed. Run `npm ci` in the repository (dev dependencies included).");
    process.exit(1);
  }

  const { CodeMaker } = require("codemaker");
  const { ConstructsMakerProviderTarget, TerraformProviderConstraint, LANGUAGES } = require("@cdktf/commons");
  const schema = JSON.parse(fs.readFileSync(schemaPath, "utf8"));
  const version = Object.values(schema.provider_versions)[0];

  const started = Date.now();
  const code = new CodeMaker();
  const gen = new generator.TerraformProviderGenerator(code, schema);
  const constraint = new TerraformProviderConstraint({ name: "auth0", source: "auth0/auth0", version });
  gen.generate(
    new ConstructsMakerProviderTarget(
      constraint,
      LANGUAGES.find((l) => l === "typescript"),
    ),
  );
  // Write to a temporary folder and swap, so an interrupted run never leaves half a binding.
  const tmp = path.join(genRoot, `.auth0-${process.pid}`);
  fs.rmSync(tmp, { recursive: true, force: true });
  await gen.save(tmp);
  fs.writeFileSync(path.join(tmp, "providers", "auth0", ".schema-sha256"), wanted);
  fs.rmSync(outDir, { recursive: true, force: true });

  fs.renameSync(path.join(tmp, "providers", "auth0"), outDir);
  fs.rmSync(tmp, { recursive: true, force: true });
  console.error(`generate-auth0-bindings: auth0 ${version} -> ${path.relative(root, outDir)} in ${Date.now() - started} ms`);
}

main().catch((err) => {
  console.error("generate-auth0-bindings failed:", err);
  process.exit(1);
});
