// `npm run bench:deploy`: a first `npm run local -- deploy auth0 aws --auto-approve` of a
// generated model (bench-scale.ts's: one permission a route, 20 roles, 30 handlers) beside
// terraform's own floor for the same count of resources: terraform initialising and applying as
// many of its built-in `terraform_data` resources, with no provider process at all (with
// terraform's local backend, as the issue set it; and with the backend a local run uses, its state
// through npm run local's state server, which persists as remote backends do). Interleaved
// A B A B … in one run: the ratio is the median of the pairwise ratios. With --compare, a deploy
// by another checkout of this repository (built, e.g. the commit before a change) joins each
// round, so a change is measured before and after in the same run.
//
// Where the deploy's time went comes from two traces written only when asked: terraform's
// commands (the cdktf CLI runs a wrapper, TERRAFORM_BINARY_NAME, that notes each one's start and
// end) and the stand-ins' own (LOCAL_PROVIDER_TRACE: each provider process's start-up, its RPCs
// and its store's work; local-providers/src/trace.ts).
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { LOCAL_STATE_SERVER } from "@apigw-auth0-rbac/model/project";
import { readCommand } from "../src/commands/cli";
import { startStateServer } from "../src/local-terraform/state-server";
import { copyWith } from "./bench-scale";
import { median } from "./stats";

/** What one provider process wrote into the trace (local-providers/src/trace.ts's TraceLine). */
interface ProviderTrace {
  readonly process: string;
  readonly started: number;
  readonly ready?: number;
  readonly ended: number;
  readonly cpu: number;
  readonly spent: Record<string, { readonly ms: number; readonly calls: number }>;
}

/** One deploy: its wall seconds, seconds by phase, and the resource instances it left in state. */
interface Deploy extends Timing {
  readonly phases: Map<string, number>;
  readonly instances: { managed: number; data: number; sizes: number[][] };
}

function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CI: "1", FORCE_COLOR: "0", CHECKPOINT_DISABLE: "1" };
  for (const name of Object.keys(env)) if (/^(AWS_|STATE_|TF_CLI_ARGS|DEPLOY_ENV$|LOCAL_PROVIDER_TRACE$)/.test(name)) delete env[name];
  return env;
}

/** Wall seconds, and the CPU seconds (user and system) of the command and every process it waited for. */
interface Timing {
  readonly seconds: number;
  readonly cpu: number;
}
const plus = (a: Timing, b: Timing): Timing => ({ seconds: a.seconds + b.seconds, cpu: a.cpu + b.cpu });

/**
 * Runs `command` under a shell whose \`times\` (its children's CPU) goes to a file: CPU time is
 * what a machine shared with other work changes least.
 */
function run(label: string, command: string[], cwd: string, env: NodeJS.ProcessEnv): Timing {
  const times = join(mkdtempSync(join(tmpdir(), "bench-deploy-times-")), "times");
  const started = process.hrtime.bigint();
  const result = spawnSync("sh", ["-c", '"$@"; code=$?; times > "$BENCH_TIMES"; exit $code', "sh", ...command], {
    cwd,
    env: { ...env, BENCH_TIMES: times },
    encoding: "utf8",
    maxBuffer: 512 * 1024 * 1024,
    timeout: 1_800_000,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const [user, system] = existsSync(times) ? readFileSync(times, "utf8").trim().split("\n").pop()!.split(" ") : [];
  rmSync(join(times, ".."), { recursive: true, force: true });
  if (result.status !== 0) {
    const output = stripVTControlCharacters(`${result.stdout}\n${result.stderr}`);
    const errors = output.split("\n").flatMap((line, i, lines) => (/\bError\b/.test(line) ? [lines.slice(i, i + 8).join("\n")] : []));
    throw new Error(`${label} failed (exit ${result.status}) in ${cwd}:\n${errors.slice(0, 5).join("\n…\n") || output.slice(-3000)}`);
  }
  return { seconds, cpu: minutesSeconds(user) + minutesSeconds(system) };
}

/** terraform on the PATH, and a wrapper the cdktf CLI runs instead that notes each command's start and end in `trace`. */
function terraformWrapper(dir: string): { wrapper: string; trace: string } {
  const real = spawnSync("sh", ["-c", "command -v terraform"], { encoding: "utf8" }).stdout.trim();
  if (!real) throw new Error("terraform is not on the PATH");
  const wrapper = join(dir, "terraform");
  const trace = join(dir, "terraform.trace");
  writeFileSync(
    wrapper,
    // times' second line: the CPU the shell's children used (terraform, and the providers it started and waited for).
    `#!/bin/sh\nstarted=$(date +%s%N)\n'${real}' "$@"\ncode=$?\ntimes > "${trace}.$$"\necho "$started $(date +%s%N) $1 $PWD $(tail -n 1 "${trace}.$$")" >> '${trace}'\nrm -f "${trace}.$$"\nexit $code\n`,
  );
  chmodSync(wrapper, 0o755);
  return { wrapper, trace };
}

/** The resource instances a deploy's state holds, managed and data, over its stacks; and each stack's instances' sizes in its state (JSON bytes). */
function stateInstances(stateDir: string): { managed: number; data: number; sizes: number[][] } {
  const count = { managed: 0, data: 0, sizes: [] as number[][] };
  for (const file of readdirSync(stateDir).filter((f) => f.endsWith(".tfstate"))) {
    const sizes: number[] = [];
    for (const resource of JSON.parse(readFileSync(join(stateDir, file), "utf8")).resources ?? []) {
      count[resource.mode === "data" ? "data" : "managed"] += resource.instances.length;
      for (const instance of resource.instances) sizes.push(JSON.stringify(instance).length);
    }
    count.sizes.push(sizes);
  }
  return count;
}

/** One first deploy of both stacks by the checkout whose apigw-offline `project` runs, into a local folder of its own. */
function deploy(project: string, local: string, tools: { wrapper: string; trace: string }): Deploy {
  const providerTrace = join(tools.trace, "..", "providers.trace");
  for (const file of [tools.trace, providerTrace]) rmSync(file, { force: true });
  const started = Date.now();
  const { seconds, cpu } = run(
    "deploy",
    [process.execPath, join(project, "node_modules", ".bin", "apigw-offline"), "local", "deploy", "auth0", "aws", "--auto-approve"],
    project,
    {
      ...baseEnv(),
      LOCAL_TERRAFORM_DIR: local,
      TERRAFORM_BINARY_NAME: tools.wrapper,
      LOCAL_PROVIDER_TRACE: providerTrace,
    },
  );
  const phases = new Map<string, number>();
  const add = (phase: string, s: number) => phases.set(phase, (phases.get(phase) ?? 0) + s);
  const commands = existsSync(tools.trace)
    ? readFileSync(tools.trace, "utf8")
        .trim()
        .split("\n")
        .map((line) => {
          const [start, end, command, cwd, user, system] = line.split(" ");
          return { start: Number(start) / 1e6, end: Number(end) / 1e6, command, cwd, cpu: minutesSeconds(user) + minutesSeconds(system) };
        })
    : [];
  const stackCommands = commands.filter((c) => ["init", "plan", "apply", "output"].includes(c.command));
  if (stackCommands.length > 0) add("cdktf CLI start and synth (before the first terraform init)", (stackCommands[0].start - started) / 1000);
  for (const c of stackCommands) add(`${basename(c.cwd)}: terraform ${c.command}`, (c.end - c.start) / 1000);
  // Each command's own children only: the wrapper is a new shell each time.
  add(
    "CPU of terraform's commands and the providers they started",
    stackCommands.reduce((sum, c) => sum + c.cpu, 0),
  );
  if (stackCommands.length > 0)
    add("cdktf CLI after the last terraform command", (started + seconds * 1000 - stackCommands[stackCommands.length - 1].end) / 1000);
  const providers: ProviderTrace[] = existsSync(providerTrace)
    ? readFileSync(providerTrace, "utf8")
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line))
    : [];
  for (const p of providers) {
    add(`provider processes started (count)`, 1);
    if (p.ready !== undefined) add("provider start-up (process start to handshake, summed)", (p.ready - p.started) / 1000);
    add("CPU of the provider processes", p.cpu / 1000);
    for (const [what, { ms }] of Object.entries(p.spent)) add(what.startsWith("store") ? `${what} (within RPCs)` : what, ms / 1000);
  }
  return { seconds, cpu, phases, instances: stateInstances(join(project, ".local", basename(local), "state")) };
}

/** One of times' figures ("1m2.500000s") in seconds. */
const minutesSeconds = (text = "") => {
  const [, m = "0", sec = "0"] = /^(\d+)m([\d.]+)s$/.exec(text) ?? [];
  return Number(m) * 60 + Number(sec);
};

/**
 * terraform initialising and applying terraform_data resources in a fresh folder, one a string
 * in `inputs`: the floor. terraform writes its whole local state after each resource it applies,
 * so its own time grows with the state's size as well as with the count.
 */
function floor(inputs: readonly string[], backend: "local" | "http" = "local"): Timing {
  const dir = mkdtempSync(join(tmpdir(), "bench-deploy-floor-"));
  const server = backend === "http" ? startStateServer(join(dir, "server"), join(dir, "state")).ready() : undefined;
  try {
    const resource = Object.fromEntries(inputs.map((input, i) => [`r${i}`, { input }]));
    const address = server && `${server.variables[LOCAL_STATE_SERVER]}/terraform.floor.tfstate`;
    const terraform = address ? { backend: { http: { address, lock_address: address, unlock_address: address } } } : undefined;
    writeFileSync(join(dir, "main.tf.json"), JSON.stringify({ ...(terraform ? { terraform } : {}), resource: { terraform_data: resource } }));
    const env = { ...baseEnv(), TF_IN_AUTOMATION: "1", ...server?.variables };
    return plus(
      run("terraform init", ["terraform", "init", "-input=false", "-no-color"], dir, env),
      run("terraform apply", ["terraform", "apply", "-auto-approve", "-input=false", "-no-color"], dir, env),
    );
  } finally {
    server?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The issue's floor: `count` terraform_data, each small, in one configuration. */
const smallFloor = (count: number, backend: "local" | "http" = "local") =>
  floor(
    Array.from({ length: count }, (_, i) => `resource ${i}`),
    backend,
  );

/**
 * The floor for the deploy's state as well: per stack, in turn, as many terraform_data as it has
 * instances, each as large in the state as its instance (terraform_data keeps its input twice:
 * as input and as output).
 */
const sizedFloor = (sizes: readonly number[][]) =>
  sizes.reduce<Timing>((sum, stack) => plus(sum, floor(stack.map((bytes, i) => `${i} ${"x".repeat(Math.max(0, Math.round(bytes / 2) - 60))}`))), {
    seconds: 0,
    cpu: 0,
  });

/** The same project, using another checkout's packages (its node_modules). */
function projectOf(checkout: string, routes: number): string {
  const dir = copyWith(routes);
  rmSync(join(dir, "node_modules"));
  symlinkSync(join(checkout, "node_modules"), join(dir, "node_modules"));
  return dir;
}

const s = (v: number) => `${v.toFixed(1)} s`;

function main(): void {
  const { flags } = readCommand({
    name: "npm run bench:deploy",
    usage: "[-- --routes 100,300] [--pairs N] [--compare DIR] [--no-warmup] [--no-sized-floor]",
    summary:
      "A first local deploy of a generated model beside terraform's floor (as many terraform_data resources, no provider), interleaved; where the deploy's time went.",
    flags: {
      routes: { type: "string", value: "LIST", default: "300", description: "route counts to measure, comma-separated (e.g. 2,100,300)" },
      pairs: { type: "string", value: "N", default: "3", description: "interleaved rounds at each size" },
      compare: { type: "string", value: "DIR", default: "", description: "another built checkout of this repository, whose deploy joins each round" },
      "no-warmup": { type: "boolean", default: false, description: "leave out the untimed first round at each size" },
      "no-sized-floor": { type: "boolean", default: false, description: "leave out the floor of the deploy's state size" },
    },
  });
  const pairs = Number(flags.pairs);
  const compare = flags.compare ? resolve(flags.compare) : undefined;
  const tools = terraformWrapper(mkdtempSync(join(tmpdir(), "bench-deploy-tools-")));
  const growth: string[] = [];
  for (const routes of flags.routes.split(",").map(Number)) {
    const project = copyWith(routes);
    const other = compare ? projectOf(compare, routes) : undefined;
    try {
      const round = (i: number | string) => {
        const local = `.local/bench-${i}`;
        const mine = deploy(project, local, tools);
        rmSync(join(project, local), { recursive: true, force: true });
        const count = mine.instances.managed + mine.instances.data;
        const theirs = other ? deploy(other, local, tools) : undefined;
        if (other) rmSync(join(other, local), { recursive: true, force: true });
        return {
          mine,
          theirs,
          floor: smallFloor(count),
          // A local run keeps its state through terraform's http backend (npm run local's state server).
          httpFloor: smallFloor(count, "http"),
          sized: i === "warm" || flags["no-sized-floor"] ? undefined : sizedFloor(mine.instances.sizes),
          count,
        };
      };
      if (!flags["no-warmup"]) round("warm");
      const rounds = Array.from({ length: pairs }, (_, i) => round(i));
      const { managed, data } = rounds[0].mine.instances;
      const row = (what: string, runs: readonly Timing[]) => {
        const [wall, cpu] = [runs.map((t) => t.seconds), runs.map((t) => t.cpu)];
        return `| ${what} | ${s(median(wall))} | ${wall.map((v) => v.toFixed(1)).join(", ")} | ${s(median(cpu))} |`;
      };
      const ratioLine = (what: string, of: (r: (typeof rounds)[number]) => [Timing, Timing]) => {
        const pairsOf = rounds.map(of);
        const [wall, cpu] = [pairsOf.map(([a, b]) => a.seconds / b.seconds), pairsOf.map(([a, b]) => a.cpu / b.cpu)];
        return `| ${what} | **${median(wall).toFixed(2)}×** (${wall.map((v) => v.toFixed(2)).join(", ")}) | ${median(cpu).toFixed(2)}× (${cpu.map((v) => v.toFixed(2)).join(", ")}) |`;
      };
      console.log(`\n### ${routes} routes: ${managed + data} resource instances (${managed} managed, ${data} data), ${pairs} interleaved rounds\n`);
      console.log("| run | wall, median | wall, rounds | CPU, median |\n|---|---|---|---|");
      console.log(
        row(
          "`npm run local -- deploy auth0 aws --auto-approve`",
          rounds.map((r) => r.mine),
        ),
      );
      if (other)
        console.log(
          row(
            `the same deploy by ${compare}`,
            rounds.map((r) => r.theirs!),
          ),
        );
      console.log(
        row(
          `terraform's floor: init and apply of ${managed + data} \`terraform_data\``,
          rounds.map((r) => r.floor),
        ),
      );
      console.log(
        row(
          "terraform's floor with the deploy's backend: the same, its state through npm run local's state server (http backend)",
          rounds.map((r) => r.httpFloor),
        ),
      );
      if (rounds[0].sized !== undefined) {
        console.log(
          row(
            "terraform's floor for the deploy's state: per stack, as many `terraform_data`, each as large in the state as its instance",
            rounds.map((r) => r.sized!),
          ),
        );
      }
      console.log("\n| ratio (median of the rounds' ratios) | wall (rounds) | CPU (rounds) |\n|---|---|---|");
      console.log(ratioLine("deploy / floor", (r) => [r.mine, r.floor]));
      console.log(ratioLine("deploy / floor with the deploy's backend", (r) => [r.mine, r.httpFloor]));
      if (rounds[0].sized !== undefined) console.log(ratioLine("deploy / floor of the same state size", (r) => [r.mine, r.sized!]));
      if (other) {
        console.log(ratioLine(`${compare}'s deploy / floor`, (r) => [r.theirs!, r.floor]));
        console.log(ratioLine("deploy / that deploy", (r) => [r.mine, r.theirs!]));
      }
      const phases = (pick: (r: (typeof rounds)[number]) => Deploy | undefined) => {
        const names = [...new Set(rounds.flatMap((r) => [...(pick(r)?.phases.keys() ?? [])]))];
        return new Map(names.map((name) => [name, median(rounds.map((r) => pick(r)?.phases.get(name) ?? 0))]));
      };
      const mine = phases((r) => r.mine);
      const theirs = other ? phases((r) => r.theirs) : undefined;
      console.log(`\nWhere the deploy's time went (medians; RPC and store times are the providers' own, within terraform's commands):\n`);
      console.log(`| phase | this checkout |${other ? " compared |" : ""}\n|---|---|${other ? "---|" : ""}`);
      const names = [...new Set([...mine.keys(), ...(theirs?.keys() ?? [])])];
      // terraform's commands in their order, then the providers' work, the largest first.
      const inProviders = (name: string) => /^(rpc|store) /.test(name);
      names.sort((a, b) => Number(inProviders(a)) - Number(inProviders(b)) || (inProviders(a) ? (mine.get(b) ?? 0) - (mine.get(a) ?? 0) : 0));
      for (const name of names) {
        const cell = (m?: Map<string, number>) =>
          m?.has(name) ? (name.endsWith("(count)") ? String(m.get(name)) : `${m.get(name)!.toFixed(2)} s`) : "–";
        console.log(`| ${name} | ${cell(mine)} |${other ? ` ${cell(theirs)} |` : ""}`);
      }
      const deployMedian = median(rounds.map((r) => r.mine.seconds));
      const cpuMedian = median(rounds.map((r) => r.mine.cpu));
      growth.push(
        `| ${routes} | ${managed + data} | ${s(deployMedian)} | ${((deployMedian / (managed + data)) * 1000).toFixed(1)} ms | ${s(cpuMedian)} | ${((cpuMedian / (managed + data)) * 1000).toFixed(1)} ms | ${s(median(rounds.map((r) => r.floor.seconds)))} |`,
      );
      console.error(`bench:deploy: ${routes} routes done`);
      for (const dir of [project, other]) if (dir) rmSync(dir, { recursive: true, force: true });
    } catch (error) {
      // The copies stay for a look at what failed; the path is in the message.
      console.error(`bench:deploy: ${routes} routes: ${(error as Error).message}`);
      process.exitCode = 1;
    }
  }
  if (growth.length > 1) {
    console.log("\nGrowth (medians): the deploy's time per resource instance at each size\n");
    console.log(
      "| routes | resource instances | deploy, wall | per instance | deploy, CPU | per instance | floor, wall |\n|---|---|---|---|---|---|---|",
    );
    for (const line of growth) console.log(line);
  }
  rmSync(join(tools.wrapper, ".."), { recursive: true, force: true });
}

main();
