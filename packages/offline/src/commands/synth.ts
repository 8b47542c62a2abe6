// `npm run synth`: the app's synth without the cdktf CLI around it, so a rejected model is
// reported once, in the app's own words (the CLI logs the app's stderr and then repeats it),
// and no telemetry or terraform lookup happens. `npx cdktf synth` writes the same files.
import { join } from "node:path";
import { synthesize } from "../synth/freshness";
import { readCommand } from "./cli";

readCommand({
  name: "npm run synth",
  usage: "",
  summary: "Writes cdktf.out/stacks/{auth0,aws}/cdk.tf.json by running the app without the cdktf CLI; a rejected model is reported once.",
  flags: {},
  variables: {
    DEPLOY_ENV: "the environment to synthesize (default: the model's defaultEnvironment)",
    AUTH0_DOMAIN: "the tenant domain, over the model's",
    CDKTF_OUTDIR: "where to write (default cdktf.out)",
    "STATE_BACKEND, STATE_S3_*": "the state backend (see the README's State section)",
  },
});

const ROOT = join(__dirname, "..");
const outdir = process.env.CDKTF_OUTDIR || join(ROOT, "cdktf.out");
try {
  const started = Date.now();
  synthesize(ROOT, outdir);
  console.error(`synthesized both stacks into ${outdir} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (err) {
  console.error((err as Error).message.replace(/^synth failed \([^)]*\):\n/, ""));
  process.exit(1);
}
