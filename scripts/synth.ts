// `npm run synth`: the app's synth without the cdktf CLI around it, so a rejected model is
// reported once, in the app's own words (the CLI logs the app's stderr and then repeats it),
// and no telemetry or terraform lookup happens. `npx cdktf synth` writes the same files.
import { join } from "node:path";
import { synthesize } from "../emulator/fresh-synth";

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
