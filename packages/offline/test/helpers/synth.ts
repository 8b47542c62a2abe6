import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Testing } from "cdktf";
import { buildStacks } from "@apigw-auth0-rbac/constructs/app/output-folder";
import { loadConfiguration, type Configuration } from "@apigw-auth0-rbac/constructs/app/configuration";
import { UNICORN_LAMBDA_SRC, unicornModel } from "../fixtures/unicorn-model";

/** Synthesized Terraform JSON of one stack. */
export type StackJson = {
  resource?: Record<string, Record<string, any>>;
  data?: Record<string, Record<string, any>>;
  output?: Record<string, { value: any; sensitive?: boolean; description?: string }>;
  variable?: Record<string, any>;
  provider?: Record<string, any[]>;
  terraform?: any;
};

export interface SynthesizedProject {
  readonly config: Configuration;
  /** Where the app would write; asset archives are copied here when a stack is synthesized. */
  readonly outdir: string;
  readonly auth0: StackJson;
  readonly aws: StackJson;
  /** The raw strings, for checks that must see every byte (secrets, machine paths). */
  readonly auth0Text: string;
  readonly awsText: string;
}

export const TEST_DOMAIN = "unicorn-test.eu.auth0.com";
const BUNDLE_DIR = join(__dirname, "..", "..", "dist", "lambda");

export function synthProject(options: { model?: unknown; env?: Record<string, string>; lambdaSrcDir?: string } = {}): SynthesizedProject {
  const config = loadConfiguration({
    // The seed's copy by default, never the user's model: see fixtures/unicorn-model.ts.
    model: options.model ?? unicornModel,
    env: options.env ?? { AUTH0_DOMAIN: TEST_DOMAIN },
    lambdaSrcDir: options.lambdaSrcDir ?? UNICORN_LAMBDA_SRC,
  });
  const app = Testing.app();
  buildStacks(app, config, { bundleDir: BUNDLE_DIR });
  // A full synth, as the CLI runs it: validations, asset archives and the manifest included.
  app.synth();
  const read = (stack: string) => readFileSync(join(app.outdir, "stacks", stack, "cdk.tf.json"), "utf8");
  const auth0Text = read("auth0");
  const awsText = read("aws");
  return { config, outdir: app.outdir, auth0: JSON.parse(auth0Text), aws: JSON.parse(awsText), auth0Text, awsText };
}

/** The resources of one type, as a list (their logical IDs dropped). */
export function resourcesOf(stack: StackJson, type: string): any[] {
  return Object.values(stack.resource?.[type] ?? {});
}

/** The resources of one type, keyed by logical ID (for messages that name the culprit). */
export function resourceEntries(stack: StackJson, type: string): [string, any][] {
  return Object.entries(stack.resource?.[type] ?? {});
}

/** One resource of a type; fails when there is not exactly one. */
export function onlyResource(stack: StackJson, type: string): any {
  const all = resourcesOf(stack, type);
  if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}`);
  return all[0];
}

/**
 * The stack for a snapshot: bundle hashes and asset paths change with every edit of a
 * handler, which the handler tests cover; the snapshot is for reviewing the infrastructure.
 */
export function forSnapshot(stack: StackJson): StackJson {
  const copy = JSON.parse(JSON.stringify(stack));
  for (const fn of Object.values<any>(copy.resource?.aws_lambda_function ?? {})) {
    fn.filename = "<asset archive>";
    fn.source_code_hash = "<bundle sha256>";
  }
  return copy;
}

/** The resource a `${type.logicalId.attr}` reference points to; fails if it points nowhere. */
export function referenced(stack: StackJson, ref: string): { type: string; id: string; resource: any } {
  const match = /^\$\{([a-z0-9_]+)\.([^.]+)\.[a-z_]+\}$/.exec(ref);
  if (!match) throw new Error(`${JSON.stringify(ref)} is not a plain resource reference`);
  const [, type, id] = match;
  const resource = stack.resource?.[type]?.[id];
  if (!resource) throw new Error(`${ref} points to no resource in the stack`);
  return { type, id, resource };
}
