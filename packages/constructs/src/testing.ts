// For a project's tests: its stacks synthesized in the test's process, as the app would
// synthesize them (validations, asset archives and the manifest included), from any model.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type App, Testing } from "cdktf";
import { readProject, type Project } from "@apigw-auth0-rbac/model/project";
import { type Configuration, loadConfiguration } from "./app/configuration";

/** Synthesized Terraform JSON of one stack. */
export type StackJson = {
  resource?: Record<string, Record<string, any>>;
  data?: Record<string, Record<string, any>>;
  output?: Record<string, { value: any; sensitive?: boolean; description?: string }>;
  variable?: Record<string, any>;
  provider?: Record<string, any[]>;
  terraform?: any;
};

export interface SynthesizedStacks {
  readonly configuration: Configuration;
  /** The synth's output folder (a temporary one): what `npm start`'s emulator reads. */
  readonly outdir: string;
  readonly auth0: StackJson;
  readonly aws: StackJson;
  /** The raw JSON, for checks that must see every byte (secrets, machine paths). */
  readonly auth0Text: string;
  readonly awsText: string;
}

export interface SynthStacksOptions {
  /** The model file's default export (or any other model). */
  readonly model: unknown;
  /** What the project's main.ts does with the configuration: builds both stacks on `app`. */
  readonly build: (app: App, configuration: Configuration) => unknown;
  /** The variables the app would read (DEPLOY_ENV, AUTH0_DOMAIN, STATE_*). @default {} */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** @default the project whose cdktf.json is in the working directory */
  readonly project?: Pick<Project, "root" | "handlerDir" | "bundleDir"> & Partial<Pick<Project, "actionDir">>;
}

/**
 * Both stacks of `model`, synthesized with cdktf's Testing app (its version stubbed, so a
 * snapshot does not change with cdktf's). Throws a ProblemsError when the model is refused.
 */
export function synthStacks(options: SynthStacksOptions): SynthesizedStacks {
  const project = options.project ?? readProject();
  const configuration = loadConfiguration({ model: options.model, project, env: options.env ?? {} });
  const app = Testing.app();
  options.build(app, configuration);
  app.synth();
  const read = (stack: string) => readFileSync(join(app.outdir, "stacks", stack, "cdk.tf.json"), "utf8");
  const [auth0Text, awsText] = [read("auth0"), read("aws")];
  return { configuration, outdir: app.outdir, auth0: JSON.parse(auth0Text), aws: JSON.parse(awsText), auth0Text, awsText };
}

/**
 * A stack for a snapshot: bundle hashes and asset paths change with every edit of a handler,
 * which the handlers' own tests cover; the snapshot is for reviewing the infrastructure.
 */
export function forSnapshot(stack: StackJson): StackJson {
  const copy = JSON.parse(JSON.stringify(stack));
  for (const fn of Object.values<any>(copy.resource?.aws_lambda_function ?? {})) {
    fn.filename = "<asset archive>";
    fn.source_code_hash = "<bundle sha256>";
  }
  return copy;
}
