// `npm run bench:test-loop`: a project's own `npm test` (its model's synth and snapshot, the
// access it measures, its handlers), run RUNS times on a quiet machine and RUNS times while
// another test suite loads it (the toolkit's emulator tests, in a process beside it), in turns,
// in the same run: the medians, the loaded/quiet ratio, and whether every run was green.
// By default on the unicorn fixture in a scaffolded project; --project DIR measures another.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { readCommand } from "../src/commands/cli";
import { UNICORN_LAMBDA_SRC, unicornModel } from "../test/fixtures/unicorn-model";
import { projectCopy } from "../test/helpers/project-copy";
import { median } from "./stats";

const PACKAGE = join(__dirname, "..");

interface Run {
  readonly seconds: number;
  readonly green: boolean;
}

function npmTest(dir: string): Run {
  const started = process.hrtime.bigint();
  const { CI: _ci, ...env } = process.env;
  const result = spawnSync("npm", ["test", "--silent"], { cwd: dir, env: { ...env, CI: "true" }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) process.stderr.write(`bench:test-loop: a run was red:\n${result.stdout}\n${result.stderr}\n`);
  return { seconds, green: result.status === 0 };
}

/** The toolkit's emulator tests, over and over, until stopped: the load beside the measured runs. */
function load(): { stop(): void } {
  let child: ChildProcess | undefined;
  let stopped = false;
  const again = () => {
    if (stopped) return;
    // A process group of its own: stopping it stops jest's workers too.
    child = spawn(process.execPath, [require.resolve("jest/bin/jest"), "test/emulator", "--silent"], {
      cwd: PACKAGE,
      stdio: "ignore",
      detached: true,
    });
    child.on("exit", again);
  };
  again();
  return {
    stop() {
      stopped = true;
      if (child?.pid) process.kill(-child.pid, "SIGKILL");
    },
  };
}

function main(): void {
  const { flags } = readCommand({
    name: "npm run bench:test-loop",
    usage: "[-- --runs N] [--project DIR]",
    summary: "A project's own npm test, quiet and beside another test suite, in turns; medians, the ratio, and whether every run was green.",
    flags: {
      runs: { type: "string", value: "N", default: "5", description: "runs of each kind" },
      project: { type: "string", value: "DIR", description: "the project to measure (default: the unicorn fixture, scaffolded)" },
    },
  });
  const fixture = flags.project ? undefined : projectCopy({ model: unicornModel, lambdaSrc: UNICORN_LAMBDA_SRC, prefix: "bench-test-loop-" });
  // npm runs the script in this package's folder: a relative --project is relative to where npm was run.
  const dir = flags.project ? resolve(process.env.INIT_CWD ?? process.cwd(), flags.project) : fixture!.dir;
  try {
    // Warm-up: the first run writes ACCESS.md and the snapshot, and fills the file cache.
    spawnSync("npm", ["test", "--silent", "--", "--ci=false"], { cwd: dir, stdio: "ignore" });
    const quiet: Run[] = [];
    const loaded: Run[] = [];
    for (let i = 0; i < Number(flags.runs); i++) {
      quiet.push(npmTest(dir));
      const beside = load();
      try {
        loaded.push(npmTest(dir));
      } finally {
        beside.stop();
      }
    }
    const seconds = (runs: Run[]) => runs.map((r) => r.seconds);
    const row = (what: string, runs: Run[]) =>
      `| ${what} | ${median(seconds(runs)).toFixed(1)} s | ${seconds(runs)
        .map((s) => s.toFixed(1))
        .join(", ")} | ${runs.filter((r) => r.green).length} of ${runs.length} |`;
    console.log(`npm test of ${flags.project ?? "the unicorn fixture project"}, ${flags.runs} runs each, in turns\n`);
    console.log("| machine | median | runs | green |\n|---|---|---|---|");
    console.log(row("quiet", quiet));
    console.log(row("beside the toolkit's emulator tests", loaded));
    console.log(`\nloaded / quiet: ${(median(seconds(loaded)) / median(seconds(quiet))).toFixed(2)}×`);
    if ([...quiet, ...loaded].some((r) => !r.green)) process.exitCode = 1;
  } finally {
    fixture?.dispose();
  }
}

main();
