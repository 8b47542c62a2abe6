// `npm run bench:review`: the review of a one-route change on a fresh clone, against the
// review as it was before the offline plan of the change (`git show BEFORE:scripts/review.ts`,
// which planned against the empty .local/terraform state), interleaved A B A B … in the same
// run: the ratio is the median of the pairwise ratios. The clone is made once; before every
// run its .local/ and cdktf.out go, so each run starts as on a fresh clone after `npm ci`
// (app and stand-in bundles built, terraform initialized, everything synthesized anew).
import { execFileSync, spawnSync } from "node:child_process";
import { appendFileSync, cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import accessModel from "../../../access-model";
import { readCommand } from "../src/commands/cli";
import { modelFileSource } from "@apigw-auth0-rbac/model";

const ROOT = join(__dirname, "..");
/** The last commit of the review before this change: the baseline. */
const BEFORE = "da45175";

const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", args, {
    cwd,
    encoding: "utf8",
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: "bench",
      GIT_AUTHOR_EMAIL: "bench@example.test",
      GIT_COMMITTER_NAME: "bench",
      GIT_COMMITTER_EMAIL: "bench@example.test",
    },
  }).trim();

/** A clone of this repository whose last commit adds one route (the first route's handler, a new permission, every role holding it). */
function cloneWithOneRoute(): { dir: string; base: string } {
  const dir = join(mkdtempSync(join(tmpdir(), "bench-review-")), "clone");
  git(tmpdir(), "clone", "-q", ROOT, dir);
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
  cpSync(join(ROOT, ".gen"), join(dir, ".gen"), { recursive: true });
  const base = git(dir, "rev-parse", "HEAD");
  const model = structuredClone(accessModel) as any;
  model.permissions.push({ name: "bench:route", description: "The benchmark's new route" });
  model.routes.push({ method: "PUT", path: "/bench-route", handler: model.routes[0].handler, scopes: ["bench:route"] });
  for (const role of model.roles) role.permissions.push("bench:route");
  writeFileSync(join(dir, "access-model.ts"), modelFileSource(model));
  git(dir, "commit", "-q", "-am", "one route more");
  writeFileSync(join(dir, "scripts", "review-before.ts"), git(ROOT, "show", `${BEFORE}:scripts/review.ts`));
  appendFileSync(join(dir, ".git", "info", "exclude"), "scripts/review-before.ts\nreview.md\n");
  return { dir, base };
}

function timed(dir: string, script: string, args: string[]): number {
  rmSync(join(dir, ".local"), { recursive: true, force: true });
  rmSync(join(dir, "cdktf.out"), { recursive: true, force: true });
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, CI: "1", FORCE_COLOR: "0" },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`${script} failed:\n${result.stderr}`);
  return seconds;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function main(): void {
  const { flags: values } = readCommand({
    name: "npm run bench:review",
    usage: "[-- --pairs N]",
    summary: `The review of a one-route change on a fresh clone beside the review as it was at ${BEFORE}, interleaved; ratios are medians of the pairwise ratios.`,
    flags: { pairs: { type: "string", value: "N", default: "3", description: "interleaved pairs to run" } },
  });
  const pairs = Number(values.pairs);
  const { dir, base } = cloneWithOneRoute();
  try {
    const now = () => timed(dir, "scripts/review.ts", ["--base", base, "--out", "review.md"]);
    const before = () => timed(dir, "scripts/review-before.ts", ["--base", base]);
    now(); // warm-up: the file cache, on both sides
    before();
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < pairs; i++) {
      a.push(now());
      b.push(before());
    }
    const ratios = a.map((seconds, i) => seconds / b[i]);
    console.log(`review of a one-route change on a fresh clone, ${pairs} interleaved runs each\n`);
    console.log("| what | median | runs |");
    console.log("|---|---|---|");
    console.log(
      `| \`npm run review\` now (base applied to a scratch state, head planned against it) | ${median(a).toFixed(1)} s | ${a.map((s) => s.toFixed(1)).join(", ")} |`,
    );
    console.log(
      `| the review before (${BEFORE}: plans against the empty local state) | ${median(b).toFixed(1)} s | ${b.map((s) => s.toFixed(1)).join(", ")} |`,
    );
    console.log(
      `\nnow / before: **${median(ratios).toFixed(2)}×** (median of pairwise ratios; pairs: ${ratios.map((r) => r.toFixed(2)).join(", ")})`,
    );
  } finally {
    rmSync(join(dir, ".."), { recursive: true, force: true });
  }
}

try {
  main();
} catch (err) {
  console.error(`bench:review: ${(err as Error).message}`);
  process.exit(1);
}
