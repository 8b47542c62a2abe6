// `npm run bench:state`: a first deploy of both stacks (`npm run local -- deploy auth0 aws`) with
// their state in S3 on the local cloud (`npm run cloud`, started once), beside the same deploy
// with local state, interleaved A B A B … in the same run: the ratio is the median of the
// pairwise ratios, and says what keeping the state in S3 (the backend's requests, the lock
// object) costs a deploy. Every run deploys into a local folder of its own, as on a fresh clone,
// and each S3 run under a key prefix of its own.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { readCommand } from "../src/commands/cli";
import { UNICORN_LAMBDA_SRC, unicornModel } from "../test/fixtures/unicorn-model";
import { projectCopy } from "../test/helpers/project-copy";
import { median } from "./stats";

const BIN = join(__dirname, "..", "bin", "apigw-offline.js");

function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CI: "1", FORCE_COLOR: "0", AUTH0_DOMAIN: "unicorn-test.eu.auth0.com" };
  for (const name of Object.keys(env)) if (/^(AWS_|STATE_|TF_CLI_ARGS|DEPLOY_ENV$)/.test(name)) delete env[name];
  return env;
}

/** `npm run cloud` of the project, on any free port; its printed variables once it listens. */
function startCloud(dir: string): Promise<{ child: ChildProcess; variables: Record<string, string> }> {
  const child = spawn(process.execPath, [BIN, "cloud"], {
    cwd: dir,
    env: { ...baseEnv(), LOCAL_TERRAFORM_DIR: ".local/bench-cloud", CLOUD_AWS_PORT: "0", CLOUD_AUTH0_PORT: "0" },
  });
  let out = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm run cloud did not start:\n${out}`)), 60_000);
    child.stderr!.on("data", (c) => (out += c));
    child.stdout!.on("data", (c) => {
      out += c;
      if (!/NODE_EXTRA_CA_CERTS=.*\n/.test(out)) return;
      clearTimeout(timer);
      const lines = out.split("\n").filter((line) => /^[A-Z0-9_]+=/.test(line));
      resolve({ child, variables: Object.fromEntries(lines.map((line) => line.split(/=(.*)/s).slice(0, 2))) });
    });
    child.on("exit", () => reject(new Error(`npm run cloud exited:\n${out}`)));
  });
}

/** One first deploy of both stacks in a local folder of its own; its wall seconds. */
function deploy(dir: string, localDir: string, env: NodeJS.ProcessEnv): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [BIN, "local", "deploy", "auth0", "aws", "--auto-approve"], {
    cwd: dir,
    encoding: "utf8",
    env: { ...baseEnv(), LOCAL_TERRAFORM_DIR: localDir, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`deploy into ${localDir} failed:\n${result.stdout}\n${result.stderr}`);
  return seconds;
}

async function main(): Promise<void> {
  const { flags } = readCommand({
    name: "npm run bench:state",
    usage: "[-- --pairs N]",
    summary:
      "A first deploy of both stacks with S3 state on the local cloud beside the same deploy with local state, interleaved; the ratio is the median of the pairwise ratios.",
    flags: { pairs: { type: "string", value: "N", default: "3", description: "interleaved pairs to run" } },
  });
  const pairs = Number(flags.pairs);
  const project = projectCopy({ model: unicornModel, lambdaSrc: UNICORN_LAMBDA_SRC, prefix: "bench-state-" });
  const cloud = await startCloud(project.dir);
  try {
    const v = cloud.variables;
    const s3 = (run: string) => ({
      STATE_BACKEND: "s3",
      STATE_S3_ENDPOINT: v.AWS_ENDPOINT_URL,
      STATE_S3_BUCKET: "bench-state",
      STATE_S3_REGION: "us-east-1",
      STATE_S3_KEY_PREFIX: `${run}/`,
      AWS_ACCESS_KEY_ID: v.AWS_ACCESS_KEY_ID,
      AWS_SECRET_ACCESS_KEY: v.AWS_SECRET_ACCESS_KEY,
    });
    // Warm-up, on both sides: the app's build, the file cache.
    deploy(project.dir, ".local/bench-s3-warm", s3("warm"));
    deploy(project.dir, ".local/bench-local-warm", {});
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < pairs; i++) {
      a.push(deploy(project.dir, `.local/bench-s3-${i}`, s3(`run-${i}`)));
      b.push(deploy(project.dir, `.local/bench-local-${i}`, {}));
    }
    const ratios = a.map((seconds, i) => seconds / b[i]);
    const row = (what: string, runs: number[]) => `| ${what} | ${median(runs).toFixed(1)} s | ${runs.map((s) => s.toFixed(1)).join(", ")} |`;
    console.log(`a first deploy of both stacks (the unicorn fixture) with npm run local, ${pairs} interleaved runs each\n`);
    console.log("| state | median | runs |\n|---|---|---|");
    console.log(row("S3 on the local cloud (`STATE_BACKEND=s3`, lock file)", a));
    console.log(row("local files (the default)", b));
    console.log(`\nS3 / local: **${median(ratios).toFixed(2)}×** (median of pairwise ratios; pairs: ${ratios.map((r) => r.toFixed(2)).join(", ")})`);
  } finally {
    cloud.child.kill("SIGTERM");
    project.dispose();
  }
}

main().catch((err) => {
  console.error(`bench:state: ${(err as Error).message}`);
  process.exit(1);
});
