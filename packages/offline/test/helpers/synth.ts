// The template's stacks (what `apigw-offline init` writes, and the seed's stacks) synthesized
// in the test's process from a fixture model and its handlers: how the toolkit's tests get a
// deployment to run, never from the user's project.
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Configuration } from "@apigw-auth0-rbac/constructs";
import { type StackJson, synthStacks } from "@apigw-auth0-rbac/constructs/testing";
import { buildStacks } from "../../template/stacks";
import { UNICORN_LAMBDA_SRC, unicornModel } from "../fixtures/unicorn-model";

export type { StackJson };
export { forSnapshot } from "@apigw-auth0-rbac/constructs/testing";

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
/**
 * A folder of this test process's own: bundles are content-addressed, but their source maps name
 * the handlers' absolute paths, which differ between two checkouts bundling the same code.
 */
export const BUNDLE_DIR = mkdtempSync(join(tmpdir(), "apigw-offline-test-bundles-"));

export function synthProject(options: { model?: unknown; env?: Record<string, string>; lambdaSrcDir?: string } = {}): SynthesizedProject {
  const handlerDir = options.lambdaSrcDir ?? UNICORN_LAMBDA_SRC;
  mkdirSync(BUNDLE_DIR, { recursive: true });
  const synthesized = synthStacks({
    // The seed's copy by default, never the user's model: see fixtures/unicorn-model.ts.
    model: options.model ?? unicornModel,
    build: buildStacks,
    env: options.env ?? { AUTH0_DOMAIN: TEST_DOMAIN },
    // The fixture's folder as the project: its handlers are named as the user names theirs, lambda-src/<handler>.ts.
    project: { root: dirname(handlerDir), handlerDir, bundleDir: BUNDLE_DIR },
  });
  return { ...synthesized, config: synthesized.configuration };
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

/** The resource a `${type.logicalId.attr}` reference points to; fails if it points nowhere. */
export function referenced(stack: StackJson, ref: string): { type: string; id: string; resource: any } {
  const match = /^\$\{([a-z0-9_]+)\.([^.]+)\.[a-z_]+\}$/.exec(ref);
  if (!match) throw new Error(`${JSON.stringify(ref)} is not a plain resource reference`);
  const [, type, id] = match;
  const resource = stack.resource?.[type]?.[id];
  if (!resource) throw new Error(`${ref} points to no resource in the stack`);
  return { type, id, resource };
}
