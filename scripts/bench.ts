// `npm run bench`: what the emulated JWT authorizer costs. Loads an authorized
// `GET /unicorns` with autocannon (a separate process, so it does not share our event loop),
// then the same route with the authorizer skipped, then the handler invoked directly.
// Two loads: one connection (latency of a lone request) and BENCH_CONNECTIONS (throughput).
// autocannon records latencies in whole milliseconds, too coarse for a sub-millisecond
// budget; but a closed loop with one connection has exactly one request in flight, so its
// latency is 1/throughput (Little's law), to the microsecond. The overhead is judged on that.
//   BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 10)
import { spawn } from "node:child_process";
import { join } from "node:path";
import { isSynthFresh, synthesize } from "../emulator/fresh-synth";
import { lambdaContext, loadHandlerFromArchive } from "../emulator/lambda-runtime";
import { startLocalSystem, type LocalSystem } from "../emulator/local-system";
import { passwordGrant } from "../emulator/password-grant";
import { buildEvent } from "../emulator/payload";

const ROOT = join(__dirname, "..");
const OUTDIR = process.env.CDKTF_OUTDIR || join(ROOT, "cdktf.out");
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ROUTE = "/unicorns";

interface Figures {
  readonly label: string;
  readonly rps: number;
  /** connections / throughput: the mean time a request takes, exact for a closed loop. */
  readonly latency: number;
  readonly p50: number;
  readonly p99: number;
  readonly non2xx: number;
}

/** autocannon in its own process; asynchronous, since the servers under load live in this one. */
async function load(label: string, url: string, headers: Record<string, string>, connections: number): Promise<Figures> {
  const args = ["-j", "-d", String(SECONDS), "-c", String(connections), ...Object.entries(headers).flatMap(([k, v]) => ["-H", `${k}=${v}`]), url];
  const child = spawn(join(ROOT, "node_modules", ".bin", "autocannon"), args);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c) => (stdout += c));
  child.stderr.on("data", (c) => (stderr += c));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  if (code !== 0) throw new Error(`autocannon failed: ${stderr}`);
  const report = JSON.parse(stdout);
  if (report.requests.total === 0) throw new Error(`autocannon got no answer from ${url}: ${stderr}`);
  return {
    label: `${label}, ${connections} conn.`,
    rps: report.requests.average,
    latency: (connections * 1000) / report.requests.average,
    p50: report.latency.p50,
    p99: report.latency.p99,
    non2xx: report.non2xx,
  };
}

async function token(system: LocalSystem): Promise<string> {
  const route = system.routes.find((r) => r.path === ROUTE);
  if (!route) throw new Error(`the API has no route ${ROUTE}`);
  const allowed = (role: string) => system.tenant.roles.some((r) => r.name === role && r.permissions.some((p) => route.scopes.includes(p)));
  const user = system.auth0.users.find((u) => u.roles.some(allowed));
  if (!user) throw new Error(`no user may call ${route.routeKey} in this model`);
  const { body } = await passwordGrant({
    issuer: system.auth0.issuer,
    clientId: system.auth0.cliClient.clientId,
    audience: system.auth0.audience,
    username: user.email,
    password: user.password,
    scope: system.tenant.api.scopes.join(" "),
  });
  return body.access_token as string;
}

async function direct(system: LocalSystem): Promise<Figures> {
  const route = system.routes.find((r) => r.path === ROUTE)!;
  const handler = loadHandlerFromArchive(route.archivePath, route.handler);
  const event = buildEvent({
    method: "GET",
    rawPath: ROUTE,
    rawQuery: "",
    headers: {},
    body: Buffer.alloc(0),
    routeKey: route.routeKey,
    requestId: "bench",
    sourceIp: "127.0.0.1",
    time: new Date(),
    apiId: "local",
    host: "127.0.0.1",
  });
  const samples: number[] = [];
  const deadline = performance.now() + Math.min(SECONDS, 3) * 1000;
  while (performance.now() < deadline) {
    const started = performance.now();
    await handler(event, lambdaContext(route.functionName, "bench", 5000));
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const total = samples.reduce((a, b) => a + b, 0);
  return {
    label: "handler invoked directly (no HTTP)",
    rps: samples.length / (total / 1000),
    latency: total / samples.length,
    p50: samples[Math.floor(samples.length * 0.5)],
    p99: samples[Math.floor(samples.length * 0.99)],
    non2xx: 0,
  };
}

async function main(): Promise<void> {
  if (!isSynthFresh(ROOT, OUTDIR)) synthesize(ROOT, OUTDIR);
  const silent = () => undefined;
  const log = console.log;
  console.log = silent; // the handlers' own log lines would swamp the figures

  const authorized = await startLocalSystem({ outdir: OUTDIR });
  const bypassed = await startLocalSystem({ outdir: OUTDIR, skipAuthorizer: true });
  try {
    const bearer = await token(authorized);
    const withAuth = { authorization: `Bearer ${bearer}` };
    const rows = [
      await load("JWT authorizer on", `${authorized.api.url}${ROUTE}`, withAuth, 1),
      await load("authorizer skipped", `${bypassed.api.url}${ROUTE}`, {}, 1),
      await load("JWT authorizer on", `${authorized.api.url}${ROUTE}`, withAuth, CONNECTIONS),
      await load("authorizer skipped", `${bypassed.api.url}${ROUTE}`, {}, CONNECTIONS),
      await direct(authorized),
    ];
    console.log = log;
    console.log(`GET ${ROUTE} on the emulator, ${SECONDS} s a run, autocannon ${require("autocannon/package.json").version}, node ${process.version}`);
    console.log("");
    console.log(`${"".padEnd(38)}${"req/s".padStart(9)}${"latency ms".padStart(12)}${"p50 ms".padStart(8)}${"p99 ms".padStart(8)}${"non-2xx".padStart(9)}`);
    for (const r of rows) {
      const fixed = (v: number) => (r.label.startsWith("handler") ? v.toFixed(4) : v.toFixed(0));
      console.log(
        `${r.label.padEnd(38)}${r.rps.toFixed(0).padStart(9)}${r.latency.toFixed(3).padStart(12)}${fixed(r.p50).padStart(8)}${fixed(r.p99).padStart(8)}${String(r.non2xx).padStart(9)}`,
      );
    }
    const overhead = rows[0].latency - rows[1].latency;
    const cpu = 1000 / rows[2].rps - 1000 / rows[3].rps;
    console.log("");
    console.log("latency = connections / throughput (exact for a closed loop); p50/p99 are autocannon's, in whole ms");
    console.log(`authorizer overhead, one request in flight: ${overhead.toFixed(3)} ms (target ≤ 1 ms at p50): ${overhead <= 1 ? "met" : "NOT met"}`);
    console.log(`authorizer cost per request at saturation (1/rps difference): ${cpu.toFixed(3)} ms`);
    if (rows.some((r) => r.non2xx > 0)) {
      console.log("some requests did not answer 2xx: the figures are not valid");
      process.exitCode = 1;
    }
  } finally {
    console.log = log;
    await authorized.close();
    await bypassed.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
