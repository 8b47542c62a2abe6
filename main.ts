// The cdktf app (cdktf.json "app", through scripts/app.js): checks the configuration, builds
// both stacks, turns the model's warnings into annotations, and records what the synth read.
import { relative } from "node:path";
import { Annotations, App, DISABLE_STACK_TRACE_IN_METADATA } from "cdktf";
import accessModel from "./access-model";
import { buildStacks, discardSynthOutput, workingDirectoryProblems } from "./stacks/app";
import { CONFIGURATION_PROBLEMS, ProblemsError } from "./model/problems";
import { type Configuration, loadConfiguration } from "./stacks/configuration";
import { appInputs, writeSynthRecord } from "./stacks/synth-record";

const app = new App();
// The model's warnings reach manifest.json without a stack trace: one would name this machine's
// paths, and differ between the bundled app and tsx.
app.node.setContext(DISABLE_STACK_TRACE_IN_METADATA, true);
let config: Configuration;
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
// What this synth read, so npm start and npm run access know when it is out of date.
writeSynthRecord(app.outdir, __dirname, [...appInputs(__dirname), ...stacks.aws.handlerInputs.map((file) => relative(__dirname, file))]);
