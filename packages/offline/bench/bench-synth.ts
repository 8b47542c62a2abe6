// `npm run bench:synth`: a project's app synth (cdktf.json "app", both stacks, both Lambdas
// bundled; the unicorn fixture in a scaffolded project)
// against the AWS CDK peer's app synth (../shared/bench/aws-cdk, installed elsewhere and
// named by BENCH_SYNTH_PEER_DIR), interleaved A B A B …: the ratio is the median of the
// pairwise ratios. Each run gets a fresh output folder and no Lambda bundles left from the
// last one, so both sides bundle. Also measured in the same run: the app as it was started
// before the prebuilt bundle (`node --import tsx main.ts`), and a synth right after an edit
// (the bundle rebuilt first).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readCommand } from "../src/commands/cli";
import { UNICORN_LAMBDA_SRC, unicornModel } from "../test/fixtures/unicorn-model";
import { projectCopy } from "../test/helpers/project-copy";
import { median } from "./stats";

const project = projectCopy({ model: unicornModel, lambdaSrc: UNICORN_LAMBDA_SRC, prefix: "bench-synth-project-" });
const ROOT = project.dir;
const APP = JSON.parse(readFileSync(join(ROOT, "cdktf.json"), "utf8")).app as string;
const TIME = ["/usr/bin/time", "/bin/time"].find(existsSync);

interface Run {
  readonly seconds: number;
  /** Peak resident memory of the process, in MB (when /usr/bin/time is there). */
  readonly peakMb?: number;
}

function run(command: string, cwd: string, env: NodeJS.ProcessEnv, before: () => void): Run {
  before();
  const wrapped = TIME ? `${TIME} -f "peak-kb %M" ${command}` : command;
  const started = process.hrtime.bigint();
  const result = spawnSync(wrapped, { shell: true, cwd, env: { ...process.env, ...env }, encoding: "utf8" });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`${command} failed in ${cwd}:\n${result.stderr}`);
  const peak = /peak-kb (\d+)/.exec(result.stderr ?? "")?.[1];
  return { seconds, peakMb: peak ? Number(peak) / 1024 : undefined };
}

const fmt = (seconds: number) => `${seconds.toFixed(3)} s`;
const mb = (runs: Run[]) => (runs[0].peakMb === undefined ? "–" : `${Math.max(...runs.map((r) => r.peakMb!)).toFixed(0)} MB`);

function main(): void {
  const { flags: values } = readCommand({
    name: "npm run bench:synth",
    usage: "[-- --pairs N]",
    summary: "The app's synth beside the AWS CDK peer's, interleaved; ratios are medians of the pairwise ratios.",
    flags: { pairs: { type: "string", value: "N", default: "7", description: "interleaved pairs to run" } },
    variables: { BENCH_SYNTH_PEER_DIR: "an installed copy of ../shared/bench/aws-cdk (required)" },
  });
  const pairs = Number(values.pairs);
  const peerDir = process.env.BENCH_SYNTH_PEER_DIR;
  if (!peerDir || !existsSync(join(peerDir, "node_modules"))) {
    throw new Error(
      "set BENCH_SYNTH_PEER_DIR to an installed copy of the AWS CDK peer:\n" +
        "  cp -r ../shared/bench/aws-cdk /tmp/aws-cdk && (cd /tmp/aws-cdk && npm ci)\n" +
        "  BENCH_SYNTH_PEER_DIR=/tmp/aws-cdk npm run bench:synth",
    );
  }
  const out = mkdtempSync(join(tmpdir(), "bench-synth-"));
  const env = { CDKTF_OUTDIR: join(out, "cdktf.out"), CHECKPOINT_DISABLE: "1" };
  const fresh = () => {
    rmSync(env.CDKTF_OUTDIR, { recursive: true, force: true });
    rmSync(join(ROOT, "dist", "lambda"), { recursive: true, force: true });
  };
  const peerEnv = { CDK_DISABLE_VERSION_CHECK: "true", CDK_OUTDIR: "cdk-out" };
  const peerFresh = () => rmSync(join(peerDir, "cdk-out"), { recursive: true, force: true });

  // Warm-up: builds the app bundle if a source changed, fills the file cache on both sides.
  run(APP, ROOT, env, fresh);
  run("node --import tsx main.ts", peerDir, peerEnv, peerFresh);

  const app: Run[] = [];
  const peer: Run[] = [];
  const tsx: Run[] = [];
  const edited: Run[] = [];
  for (let i = 0; i < pairs; i++) {
    app.push(run(APP, ROOT, env, fresh));
    peer.push(run("node --import tsx main.ts", peerDir, peerEnv, peerFresh));
    tsx.push(run("node --import tsx main.ts", ROOT, env, fresh));
    if (i < 3) {
      // As after an edit: no current bundle, so the app builds one first.
      mkdirSync(join(ROOT, ".local"), { recursive: true });
      const buildDir = mkdtempSync(join(ROOT, ".local", "bench-app-"));
      try {
        edited.push(run(APP, ROOT, { ...env, APP_BUILD_DIR: buildDir }, fresh));
      } finally {
        rmSync(buildDir, { recursive: true, force: true });
      }
    }
  }
  rmSync(out, { recursive: true, force: true });
  rmSync(join(peerDir, "cdk-out"), { recursive: true, force: true });
  project.dispose();

  const ratios = app.map((a, i) => peer[i].seconds / a.seconds);
  const before = app.map((a, i) => tsx[i].seconds / a.seconds);
  console.log(`app synth, ${pairs} interleaved runs each (fresh output folder, both Lambdas bundled every run)\n`);
  console.log("| what | median | peak memory |");
  console.log("|---|---|---|");
  console.log(`| this project: \`${APP}\` (bundle current) | ${fmt(median(app.map((r) => r.seconds)))} | ${mb(app)} |`);
  console.log(`| this project right after an edit (bundle rebuilt first) | ${fmt(median(edited.map((r) => r.seconds)))} | ${mb(edited)} |`);
  console.log(`| this project as before: \`node --import tsx main.ts\` | ${fmt(median(tsx.map((r) => r.seconds)))} | ${mb(tsx)} |`);
  console.log(`| AWS CDK peer: \`node --import tsx main.ts\` (aws stack only) | ${fmt(median(peer.map((r) => r.seconds)))} | ${mb(peer)} |`);
  console.log(
    `\nfaster than the peer: **${median(ratios).toFixed(1)}×** (median of pairwise ratios; pairs: ${ratios.map((r) => r.toFixed(1)).join(", ")})`,
  );
  console.log(`faster than before:   ${median(before).toFixed(1)}× (pairs: ${before.map((r) => r.toFixed(1)).join(", ")})`);
}

try {
  main();
} catch (err) {
  console.error(`bench:synth: ${(err as Error).message}`);
  process.exit(1);
}
