// `npm run synth`: the app's synth without the cdktf CLI around it, so a rejected model is
// reported once, in the app's own words (the CLI logs the app's stderr and then repeats it),
// and no telemetry or terraform lookup happens. `npx cdktf synth` writes the same files.
import { projectPath } from "@apigw-auth0-rbac/model/project";
import { SynthError, synthesize } from "../synth/freshness";
import { readCommand } from "./cli";
import type { Command } from "./command";

export const SYNTH: Command = {
  name: "npm run synth",
  summary: "writes both stacks' Terraform JSON by running the app without the cdktf CLI",
  async run(project, argv) {
    readCommand(
      {
        name: this.name,
        usage: "",
        summary: "Writes cdktf.out/stacks/{auth0,aws}/cdk.tf.json by running the app without the cdktf CLI; a rejected model is reported once.",
        flags: {},
        variables: {
          DEPLOY_ENV: "the environment to synthesize (default: the model's defaultEnvironment)",
          AUTH0_DOMAIN: "the tenant domain, over the model's",
          CDKTF_OUTDIR: "where to write (default: cdktf.json's output, else cdktf.out)",
          "STATE_BACKEND, STATE_S3_*": 'the state backend (docs/STACKS.md, "State")',
        },
      },
      argv,
    );
    const started = Date.now();
    try {
      synthesize(project, project.synthOutput);
    } catch (err) {
      if (!(err instanceof SynthError)) throw err;
      // The app's own words: the model's problems, or what else stopped it.
      process.stderr.write(`${err.output}\n`);
      process.exit(1);
    }
    console.error(`synthesized both stacks into ${projectPath(project, project.synthOutput)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  },
};
