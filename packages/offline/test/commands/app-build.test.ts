// The app as cdktf runs it (cdktf.json "app": prebuilt JavaScript, rebuilt when a source
// changed), in a copy of the project holding a fixture model: it writes exactly what the
// TypeScript run directly writes, and every edit shows up in the very next synth.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { isSynthFresh } from "../../src/synth/freshness";
import { SYNTH_RECORD } from "@apigw-auth0-rbac/model/project";
import { environmentsModel } from "../fixtures/environments-model";
import { UNICORN_LAMBDA_SRC } from "../fixtures/unicorn-model";
import { projectCopy } from "../helpers/project-copy";

const copy = projectCopy({ model: environmentsModel, lambdaSrc: UNICORN_LAMBDA_SRC, prefix: "app-build-" });
const work = copy.dir;
const APP = JSON.parse(readFileSync(join(work, "cdktf.json"), "utf8")).app as string;
afterAll(() => copy.dispose());

function synth(command: string, outdir: string, env: Record<string, string> = {}) {
  const { DEPLOY_ENV: _unset, ...inherited } = process.env;
  const result = spawnSync(command, {
    shell: true,
    cwd: work,
    encoding: "utf8",
    env: { ...inherited, CDKTF_OUTDIR: join(work, outdir), CHECKPOINT_DISABLE: "1", ...env },
  });
  if (result.status !== 0) throw new Error(`${command} failed:\n${result.stderr}`);
  return { stack: (name: string) => JSON.parse(readFileSync(join(work, outdir, "stacks", name, "cdk.tf.json"), "utf8")) };
}

/** Every file under `dir`, path → bytes. */
function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(dir, path)] = readFileSync(path).toString("base64");
    }
  };
  walk(dir);
  return files;
}

const serverName = (auth0: any) => Object.values<any>(auth0.resource.auth0_resource_server)[0].name;

describe("the app command", () => {
  it("is the prebuilt app", () => {
    expect(APP).toBe("node node_modules/@apigw-auth0-rbac/constructs/runner/app.js main.ts");
  });

  it.each([["dev"], ["prod"]])("writes byte for byte what `node --import tsx main.ts` writes (%s)", (environment) => {
    synth(APP, `prebuilt-${environment}`, { DEPLOY_ENV: environment });
    synth("node --import tsx main.ts", `tsx-${environment}`, { DEPLOY_ENV: environment });
    const prebuilt = tree(join(work, `prebuilt-${environment}`));
    expect(Object.keys(prebuilt)).toEqual(
      expect.arrayContaining(["manifest.json", join("stacks", "auth0", "cdk.tf.json"), join("stacks", "aws", "cdk.tf.json")]),
    );
    // The synth's record lists what each run read (the prebuilt one its build script too): bookkeeping, not output.
    const { [SYNTH_RECORD]: _record, ...output } = prebuilt;
    const { [SYNTH_RECORD]: _tsxRecord, ...tsxOutput } = tree(join(work, `tsx-${environment}`));
    expect(output).toEqual(tsxOutput);
  });

  it("picks up every edit in the next synth, however soon it follows", () => {
    const edited = structuredClone(environmentsModel) as any;
    expect(serverName(synth(APP, "edits").stack("auth0"))).toBe("Unicorn API (dev)");

    // Same length, same second: only the content tells the two apart.
    edited.api.name = "Unicorn APX";
    copy.writeModel(edited);
    expect(serverName(synth(APP, "edits").stack("auth0"))).toBe("Unicorn APX (dev)");
    edited.api.name = "Unicorn APY";
    copy.writeModel(edited);
    expect(serverName(synth(APP, "edits").stack("auth0"))).toBe("Unicorn APY (dev)");

    // A file main.ts does not import directly.
    const auth0Stack = join(work, "stacks", "auth0-stack.ts");
    writeFileSync(auth0Stack, readFileSync(auth0Stack, "utf8").replace("Token audience (aud)", "Token audience [aud]"));
    expect(synth(APP, "edits").stack("auth0").output.audience.description).toMatch(/^Token audience \[aud\]/);

    // A new file, imported by an edited one.
    writeFileSync(join(work, "stacks", "extra-tag.ts"), 'export const EXTRA_TAG = { reviewed: "yes" };\n');
    const awsStack = join(work, "stacks", "aws-stack.ts");
    writeFileSync(
      awsStack,
      `import { EXTRA_TAG } from "./extra-tag";\n${readFileSync(awsStack, "utf8").replace('project: "apigw-auth0-rbac",', 'project: "apigw-auth0-rbac", ...EXTRA_TAG,')}`,
    );
    expect(synth(APP, "edits").stack("aws").provider.aws[0].default_tags[0].tags.reviewed).toBe("yes");
    writeFileSync(join(work, "stacks", "extra-tag.ts"), 'export const EXTRA_TAG = { reviewed: "twice" };\n');
    expect(synth(APP, "edits").stack("aws").provider.aws[0].default_tags[0].tags.reviewed).toBe("twice");

    // A handler: bundled at every synth, so its hash follows the code.
    const hash = (aws: any) =>
      Object.values<any>(aws.resource.aws_lambda_function)
        .map((f) => f.source_code_hash)
        .sort();
    const before = hash(synth(APP, "edits").stack("aws"));
    const handler = join(work, "lambda-src", "list-unicorns.ts");
    writeFileSync(handler, `${readFileSync(handler, "utf8")}\nexport const edited = true;\n`);
    expect(hash(synth(APP, "edits").stack("aws"))).not.toEqual(before);
  });

  it("lets npm start and npm run access see an edit: the synth counts as stale", () => {
    const outdir = join(work, "fresh");
    synth(APP, "fresh");
    expect(isSynthFresh({ root: work }, outdir, { ...process.env, DEPLOY_ENV: "" })).toBe(true);
    const handler = join(work, "lambda-src", "get-unicorn.ts");
    writeFileSync(handler, `${readFileSync(handler, "utf8")}\n// edited\n`);
    expect(isSynthFresh({ root: work }, outdir, { ...process.env, DEPLOY_ENV: "" })).toBe(false);
    synth(APP, "fresh");
    // A synth for dev is not one for prod.
    expect(isSynthFresh({ root: work }, outdir, { ...process.env, DEPLOY_ENV: "prod" })).toBe(false);
    expect(isSynthFresh({ root: work }, outdir, { ...process.env, DEPLOY_ENV: "" })).toBe(true);
    // By content: a file touched but not changed changes nothing; a module the app imports does.
    const stacks = join(work, "stacks", "index.ts");
    utimesSync(stacks, new Date(), new Date());
    expect(isSynthFresh({ root: work }, outdir, { ...process.env, DEPLOY_ENV: "" })).toBe(true);
    writeFileSync(stacks, `${readFileSync(stacks, "utf8")}\n`);
    expect(isSynthFresh({ root: work }, outdir, { ...process.env, DEPLOY_ENV: "" })).toBe(false);
  });

  it("counts a synth as stale once a state setting changes, by variable or in cdktf.json's context", () => {
    const s3 = { STATE_BACKEND: "s3", STATE_S3_BUCKET: "team-state", STATE_S3_REGION: "us-east-1", STATE_S3_ENDPOINT: "http://127.0.0.1:4566" };
    const env = (change: Record<string, string> = {}) => ({ ...process.env, DEPLOY_ENV: "", ...s3, ...change });
    const outdir = join(work, "state-settings");
    synth(APP, "state-settings", s3);
    expect(isSynthFresh({ root: work }, outdir, env())).toBe(true);
    expect(isSynthFresh({ root: work }, outdir, env({ STATE_S3_ENDPOINT: "http://127.0.0.1:4567" }))).toBe(false);
    expect(isSynthFresh({ root: work }, outdir, env({ STATE_S3_SKIP_METADATA_API_CHECK: "false" }))).toBe(false);
    const cdktfJson = join(work, "cdktf.json");
    const original = readFileSync(cdktfJson, "utf8");
    try {
      writeFileSync(cdktfJson, JSON.stringify({ ...JSON.parse(original), context: { stateS3UsePathStyle: false } }, null, 2));
      expect(isSynthFresh({ root: work }, outdir, env())).toBe(false);
    } finally {
      writeFileSync(cdktfJson, original);
    }
    expect(isSynthFresh({ root: work }, outdir, env())).toBe(true);
  });
});
