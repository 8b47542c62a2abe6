// The terraform provider schemas this project is pinned to, as data: the constructs generate
// their Auth0 bindings from the auth0 schema, and the stand-in providers serve both.

const { existsSync, readdirSync } = require("node:fs");
const { join } = require("node:path");

/** The provider versions the stacks pin and the stand-ins stand in for. */
const PINNED = Object.freeze({ auth0: "1.55.0", aws: "6.25.0" });

/** The schema file of `provider` at `version`; throws, naming the versions there are, when there is none. */
function schemaFile(provider, version) {
  const file = join(__dirname, `${provider}-${version}.providers-schema.json`);
  if (existsSync(file)) return file;
  const known = readdirSync(__dirname)
    .filter((f) => f.endsWith(".providers-schema.json"))
    .map((f) => f.replace(".providers-schema.json", "").replace(/-(?=\d)/, " "));
  throw new Error(`no schema for the ${provider} provider ${version}; this package has: ${known.join(", ")}`);
}

module.exports = { PINNED, schemaFile };
