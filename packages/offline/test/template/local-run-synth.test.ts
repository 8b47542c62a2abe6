// The synth `npm run local` has the cdktf CLI run (LOCAL_RUN_SYNTH set): the same stacks as any
// other synth, but for the construct path in each resource and data block's "//" comment, which
// the CLI would match against every line terraform prints. Any other synth keeps the paths.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { AccessModelApp } from "@apigw-auth0-rbac/constructs";
import { LOCAL_RUN_SYNTH, type Project } from "@apigw-auth0-rbac/model/project";
import { buildStacks } from "../../template/stacks";
import { UNICORN_LAMBDA_SRC, unicornModel } from "../fixtures/unicorn-model";
import { BUNDLE_DIR, TEST_DOMAIN } from "../helpers/synth";

function synth(env: Record<string, string>): Record<"auth0" | "aws", any> {
  const outdir = mkdtempSync(join(tmpdir(), "local-run-synth-"));
  const root = dirname(UNICORN_LAMBDA_SRC);
  const project: Project = {
    root,
    modelFile: join(root, "unicorn-model.ts"),
    handlerDir: UNICORN_LAMBDA_SRC,
    actionDir: join(root, "actions"),
    synthOutput: outdir,
    bundleDir: BUNDLE_DIR,
    localDir: join(outdir, ".local"),
    app: "",
    context: {},
  };
  const app = new AccessModelApp({ model: unicornModel, project, env: { AUTH0_DOMAIN: TEST_DOMAIN, ...env }, outdir });
  buildStacks(app, app.configuration);
  app.synth();
  const read = (stack: string) => JSON.parse(readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8"));
  return { auth0: read("auth0"), aws: read("aws") };
}

/** Every resource and data block of a stack's JSON, with its address. */
const blocks = (stack: any): [string, any][] =>
  ["resource", "data"].flatMap((kind) =>
    Object.entries<Record<string, any>>(stack[kind] ?? {}).flatMap(([type, named]) =>
      Object.entries(named).map(([name, block]) => [`${type}.${name}`, block] as [string, any]),
    ),
  );

/** The stack without any block's construct path. */
function withoutPaths(stack: any): any {
  const copy = JSON.parse(JSON.stringify(stack));
  for (const [, block] of blocks(copy)) delete block["//"]?.metadata?.path;
  return copy;
}

describe("a local run's synth", () => {
  const local = synth({ [LOCAL_RUN_SYNTH]: "1" });
  const usual = synth({});

  it("writes no construct path in any resource or data block, and keeps the stack's own metadata and outputs", () => {
    for (const stack of ["auth0", "aws"] as const) {
      const withPath = blocks(local[stack]).filter(([, block]) => block["//"]?.metadata?.path !== undefined);
      expect(withPath.map(([address]) => address)).toEqual([]);
      expect(local[stack]["//"]).toEqual(usual[stack]["//"]);
    }
  });

  it("is otherwise the synth every other command makes, which keeps every block's path", () => {
    for (const stack of ["auth0", "aws"] as const) {
      // Every block cdktf gives a "//" comment (a remote state's has none).
      const withPath = blocks(usual[stack]).filter(([, block]) => typeof block["//"]?.metadata?.path === "string");
      expect(withPath.length).toBeGreaterThan(5);
      expect(blocks(usual[stack]).filter(([, block]) => block["//"] !== undefined)).toEqual(withPath);
      expect(local[stack]).toEqual(withoutPaths(usual[stack]));
    }
  });
});
