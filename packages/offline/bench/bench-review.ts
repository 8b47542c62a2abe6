// `npm run bench:review`: the review of a one-route change in a scaffolded project (the unicorn
// fixture, committed as a user's repository would be), beside the same review without terraform
// (`--no-plan`: the access changes only), interleaved A B A B … in the same run: the ratio is the
// median of the pairwise ratios, and says what the offline plan of both stacks costs. Before every
// run the project's .local/ and cdktf.out go, so each run starts as on a fresh clone.
import { execFileSync, spawnSync } from "node:child_process";
import { appendFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { modelFileSource } from "@apigw-auth0-rbac/model";
import { readCommand } from "../src/commands/cli";
import { UNICORN_LAMBDA_SRC, unicornModel } from "../test/fixtures/unicorn-model";
import { projectCopy } from "../test/helpers/project-copy";
import { writeFileSync } from "node:fs";
import { median } from "./stats";

const GIT_IDENTITY = {
  GIT_AUTHOR_NAME: "bench",
  GIT_AUTHOR_EMAIL: "bench@example.test",
  GIT_COMMITTER_NAME: "bench",
  GIT_COMMITTER_EMAIL: "bench@example.test",
};
const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, encoding: "utf8", env: { ...process.env, ...GIT_IDENTITY } }).trim();

/** The fixture project, committed, whose last commit adds one route (the first route's handler, a new permission, every role holding it). */
function projectWithOneRoute(): { dir: string; base: string; dispose(): void } {
  const project = projectCopy({ model: unicornModel, lambdaSrc: UNICORN_LAMBDA_SRC, prefix: "bench-review-" });
  const dir = project.dir;
  appendFileSync(join(dir, ".gitignore"), "node_modules\nreview.md\n");
  git(dir, "init", "-q", "-b", "main");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "the unicorn fixture");
  const base = git(dir, "rev-parse", "HEAD");
  const model = structuredClone(unicornModel) as any;
  model.permissions.push({ name: "bench:route", description: "The benchmark's new route" });
  model.routes.push({ method: "PUT", path: "/bench-route", handler: model.routes[0].handler, scopes: ["bench:route"] });
  for (const role of model.roles) role.permissions.push("bench:route");
  writeFileSync(join(dir, "access-model.ts"), modelFileSource(model));
  git(dir, "commit", "-q", "-am", "one route more");
  return { dir, base, dispose: project.dispose };
}

function timed(dir: string, args: string[]): number {
  rmSync(join(dir, ".local"), { recursive: true, force: true });
  rmSync(join(dir, "cdktf.out"), { recursive: true, force: true });
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [join(dir, "node_modules", ".bin", "apigw-offline"), "review", ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, CI: "1", FORCE_COLOR: "0" },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`review ${args.join(" ")} failed:\n${result.stderr}`);
  return seconds;
}

function main(): void {
  const { flags } = readCommand({
    name: "npm run bench:review",
    usage: "[-- --pairs N]",
    summary:
      "The review of a one-route change beside the same review without terraform (--no-plan), interleaved; ratios are medians of the pairwise ratios.",
    flags: { pairs: { type: "string", value: "N", default: "3", description: "interleaved pairs to run" } },
  });
  const pairs = Number(flags.pairs);
  const project = projectWithOneRoute();
  try {
    const full = () => timed(project.dir, ["--base", project.base, "--out", "review.md"]);
    const accessOnly = () => timed(project.dir, ["--base", project.base, "--out", "review.md", "--no-plan"]);
    full(); // warm-up: the file cache, on both sides
    accessOnly();
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < pairs; i++) {
      a.push(full());
      b.push(accessOnly());
    }
    const ratios = a.map((seconds, i) => seconds / b[i]);
    const row = (what: string, runs: number[]) => `| ${what} | ${median(runs).toFixed(1)} s | ${runs.map((s) => s.toFixed(1)).join(", ")} |`;
    console.log(`review of a one-route change on a fresh project, ${pairs} interleaved runs each\n`);
    console.log("| what | median | runs |\n|---|---|---|");
    console.log(row("`npm run review` (base applied to a scratch state, head planned against it)", a));
    console.log(row("`npm run review -- --no-plan` (access changes only)", b));
    console.log(
      `\nwith the plan / without: **${median(ratios).toFixed(2)}×** (median of pairwise ratios; pairs: ${ratios.map((r) => r.toFixed(2)).join(", ")})`,
    );
  } finally {
    project.dispose();
  }
}

try {
  main();
} catch (err) {
  console.error(`bench:review: ${(err as Error).message}`);
  process.exit(1);
}
