// Wires the stacks; nothing else. Run through `cdktf synth` (see cdktf.json).
import { Annotations, App } from "cdktf";
import accessModel from "./access-model";
import { recordSynthVariables } from "./emulator/fresh-synth";
import { buildStacks, discardSynthOutput, workingDirectoryProblems } from "./stacks/app";
import { CONFIGURATION_PROBLEMS, ProblemsError } from "./model/problems";
import { loadConfiguration } from "./stacks/configuration";

const app = new App();
let config;
try {
  config = loadConfiguration({ model: accessModel, env: process.env, context: (key) => app.node.tryGetContext(key) });
} catch (err) {
  if (!(err instanceof ProblemsError)) throw err;
  discardSynthOutput(app.outdir);
  console.error(err.message);
  process.exit(1);
}
const busy = workingDirectoryProblems(app.outdir, config);
if (busy.length > 0) {
  // Nothing is written: the other environment's synth stays as it is.
  console.error(new ProblemsError(busy, CONFIGURATION_PROBLEMS).message);
  process.exit(1);
}
const stacks = buildStacks(app, config);
// Through cdktf's annotations, so the CLI shows them as warnings (not as the app's errors).
for (const warning of config.warnings) Annotations.of(warning.startsWith("routes") ? stacks.aws : stacks.auth0).addWarning(warning);
app.synth();
recordSynthVariables(app.outdir);
