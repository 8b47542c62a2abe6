// `npm run bench`: the emulator's speed on the three paths a client meets — 200 (a token
// with the route's scope), 403 (a valid token without it), 401 (no token) — at one
// connection, every signature verified the first time a token is seen. With BENCH_PEER_DIR
// set to an installed copy of ../shared/bench/serverless-offline, the peer serves the same
// routes in its in-process mode and each path is measured in interleaved pairs (A B B A …),
// reported as the median of the pairwise ratios.
//   BENCH_SECONDS (default 5), BENCH_ROUNDS (default 3), BENCH_ROUTE (default /unicorns),
//   BENCH_CONNECTIONS (default 1), BENCH_PEER_DIR (optional)
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, openSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { synthProject } from "../test/helpers/synth";
import { startLocalSystem, type LocalSystem } from "../src/emulator/local-system";
import { standInToken } from "../src/emulator/auth0/token-client";
import { readCommand } from "../src/commands/cli";
import { median } from "./stats";

readCommand({
  name: "npm run bench",
  usage: "",
  summary:
    "The emulator's 200, 403 and 401 paths at one connection, beside serverless-offline when BENCH_PEER_DIR is set (interleaved pairs, ratios).",
  flags: {},
  variables: {
    BENCH_SECONDS: "seconds per measurement (default 5)",
    BENCH_ROUNDS: "interleaved rounds (default 3)",
    BENCH_ROUTE: "the route to call (default /unicorns)",
    BENCH_CONNECTIONS: "connections (default 1)",
    BENCH_PEER_DIR: "an installed copy of ../shared/bench/serverless-offline (optional)",
    BENCH_VERBOSE: "1: print every run",
  },
});

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 1);
const ROUTE = process.env.BENCH_ROUTE ?? "/unicorns";
const PEER_DIR = process.env.BENCH_PEER_DIR;
const PEER_PORT = 5401;

interface Run {
  readonly rps: number;
  readonly statuses: Record<string, number>;
}

/** autocannon in its own process, so it does not share the emulator's event loop. */
async function load(url: string, headers: Record<string, string>): Promise<Run> {
  const args = ["-j", "-d", String(SECONDS), "-c", String(CONNECTIONS), ...Object.entries(headers).flatMap(([k, v]) => ["-H", `${k}=${v}`]), url];
  const child = spawn(process.execPath, [require.resolve("autocannon/autocannon.js"), ...args]);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c) => (stdout += c));
  child.stderr.on("data", (c) => (stderr += c));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  if (code !== 0) throw new Error(`autocannon failed: ${stderr}`);
  const report = JSON.parse(stdout);
  if (report.requests.total === 0) throw new Error(`autocannon got no answer from ${url}: ${stderr}`);
  const statuses: Record<string, number> = {};
  for (const key of ["1xx", "2xx", "3xx", "4xx", "5xx"]) if (report[key]) statuses[key] = report[key];
  return { rps: report.requests.average, statuses };
}

/** A token for a user whose roles grant one of the route's scopes (or, with `allowed` false, none). */
async function tokenFor(system: LocalSystem, allowed: boolean): Promise<string> {
  const route = system.routes.find((r) => r.path === ROUTE);
  if (!route) throw new Error(`the API has no route ${ROUTE}; set BENCH_ROUTE to one of ${system.routes.map((r) => r.path).join(", ")}`);
  const grants = (role: string) => system.tenant.roles.some((r) => r.name === role && r.permissions.some((p) => route.scopes.includes(p)));
  const user = system.auth0.users.find((u) => u.roles.some(grants) === allowed);
  if (!user) throw new Error(`no user of this model is ${allowed ? "allowed" : "refused"} ${route.routeKey}`);
  return standInToken(system.auth0, user, system.tenant.api.scopes.join(" "));
}

async function startPeer(issuer: string, audience: string): Promise<ChildProcess> {
  if (!existsSync(join(PEER_DIR!, "node_modules", ".bin", "serverless"))) {
    throw new Error(
      `BENCH_PEER_DIR=${PEER_DIR} has no node_modules/.bin/serverless: copy ../shared/bench/serverless-offline somewhere writable and run npm ci there`,
    );
  }
  // Its request log goes to a file: read through a pipe, it would cost this process (which
  // runs the emulator) an event-loop turn per line.
  const logFile = join(mkdtempSync(join(tmpdir(), "bench-peer-")), "peer.log");
  const fd = openSync(logFile, "w");
  const child = spawn(join(PEER_DIR!, "node_modules", ".bin", "serverless"), ["offline", "start", "--ignoreJWTSignature", "--useInProcess"], {
    cwd: PEER_DIR,
    env: {
      ...process.env,
      SLS_TELEMETRY_DISABLED: "1",
      SLS_NOTIFICATIONS_MODE: "off",
      SLS_DEPRECATION_DISABLE: "*",
      SLS_ISSUER_URL: issuer,
      SLS_AUDIENCE: audience,
      SLS_HTTP_PORT: String(PEER_PORT),
      SLS_LAMBDA_PORT: String(PEER_PORT + 2),
    },
    stdio: ["ignore", fd, fd],
  });
  let exited: number | null | undefined;
  child.on("exit", (code) => (exited = code));
  const deadline = Date.now() + 60_000;
  while (!readFileSync(logFile, "utf8").includes("Server ready")) {
    if (exited !== undefined || Date.now() > deadline) {
      throw new Error(`the peer ${exited !== undefined ? `exited with ${exited}` : "did not start within 60 s"}:\n${readFileSync(logFile, "utf8")}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return child;
}

async function main(): Promise<void> {
  // The unicorn fixture (the seed's copy), synthesized in this process.
  const OUTDIR = synthProject().outdir;
  // Throttling off: the stage's limit would answer 429 long before the emulator's own limit;
  // the handlers' own log lines would swamp the figures.
  const system = await startLocalSystem({ outdir: OUTDIR, throttling: false, functionLog: () => undefined });
  let peer: ChildProcess | undefined;
  try {
    const paths = [
      { label: "200 (scope held)", expect: "2xx", headers: { authorization: `Bearer ${await tokenFor(system, true)}` } },
      { label: "403 (scope missing)", expect: "4xx", headers: { authorization: `Bearer ${await tokenFor(system, false)}` } },
      { label: "401 (no token)", expect: "4xx", headers: {} as Record<string, string> },
    ];
    if (PEER_DIR) peer = await startPeer(system.auth0.issuer, system.auth0.audience);
    const targets = [
      { name: "emulator", url: `${system.api.url}${ROUTE}` },
      ...(peer ? [{ name: "serverless-offline", url: `http://127.0.0.1:${PEER_PORT}${ROUTE}` }] : []),
    ];

    const rows: string[] = [];
    let valid = true;
    for (const path of paths) {
      const rps: Record<string, number[]> = Object.fromEntries(targets.map((t) => [t.name, []]));
      const ratios: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        // Alternate who goes first, so drift (thermal, caches) does not favour one side.
        const order = round % 2 === 0 ? targets : [...targets].reverse();
        const runs: Record<string, Run> = {};
        for (const target of order) {
          runs[target.name] = await load(target.url, path.headers);
          const statuses = Object.keys(runs[target.name].statuses);
          if (statuses.length !== 1 || statuses[0] !== path.expect) {
            valid = false;
            process.stderr.write(`${target.name}, ${path.label}: answered ${JSON.stringify(runs[target.name].statuses)}\n`);
          }
          rps[target.name].push(runs[target.name].rps);
          if (process.env.BENCH_VERBOSE)
            process.stderr.write(
              `${path.label} ${target.name}: ${Math.round(runs[target.name].rps)} req/s ${JSON.stringify(runs[target.name].statuses)}\n`,
            );
        }
        if (peer) ratios.push(runs.emulator.rps / runs["serverless-offline"].rps);
      }
      rows.push(
        `${path.label.padEnd(22)}${targets.map((t) => String(Math.round(median(rps[t.name]))).padStart(20)).join("")}${peer ? `${median(ratios).toFixed(2).padStart(10)}×  (pairs: ${ratios.map((r) => r.toFixed(2)).join(", ")})` : ""}`,
      );
    }
    console.log(
      `GET ${ROUTE}, ${CONNECTIONS} connection(s), ${ROUNDS} × ${SECONDS} s per side and path, autocannon ${require("autocannon/package.json").version}, node ${process.version}`,
    );
    console.log(`median req/s; ratio = emulator / peer, the median of interleaved pairs`);
    console.log("");
    console.log(`${"path".padEnd(22)}${targets.map((t) => t.name.padStart(20)).join("")}${peer ? "ratio".padStart(11) : ""}`);
    for (const row of rows) console.log(row);
    if (!peer) console.log("\n(set BENCH_PEER_DIR to an installed copy of ../shared/bench/serverless-offline to measure the peer beside it)");
    if (!valid) {
      console.log("\nsome answers had an unexpected status: the figures are not valid");
      process.exitCode = 1;
    }
  } finally {
    peer?.kill();
    await system.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
