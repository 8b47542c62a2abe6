// `npm run soak`: floods the stand-in's /authorize (each request opens a login transaction)
// and reports the heap after garbage collection before and after the flood, and what each
// store holds. Memory must stay flat once the stores reach their caps.
//   node --expose-gc --import tsx scripts/soak.ts [--outdir DIR] [--requests N] [--json]
import { Agent, request } from "node:http";
import { createHash, randomBytes } from "node:crypto";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { isSynthFresh, synthesize } from "../emulator/fresh-synth";
import { startLocalSystem } from "../emulator/local-system";

const ROOT = join(__dirname, "..");
const { values } = parseArgs({
  options: { outdir: { type: "string" }, requests: { type: "string", default: "30000" }, json: { type: "boolean", default: false } },
});
const REQUESTS = Number(values.requests);
const CONCURRENCY = 16;

function heapMb(): number {
  if (!global.gc) throw new Error("run with node --expose-gc");
  global.gc();
  global.gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

async function main(): Promise<void> {
  const outdir = values.outdir ?? (process.env.CDKTF_OUTDIR || join(ROOT, "cdktf.out"));
  if (!values.outdir && !isSynthFresh(ROOT, outdir)) synthesize(ROOT, outdir);
  const system = await startLocalSystem({ outdir, serveSpa: false });
  const client = system.auth0.clients.find((c) => c.callbacks.length > 0);
  if (!client) throw new Error("the auth0 stack has no client with a callback URL to authorize");
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

  const authorize = () =>
    new Promise<number>((resolve, reject) => {
      const challenge = createHash("sha256").update(randomBytes(32)).digest("base64url");
      const q = new URLSearchParams({
        client_id: client.clientId,
        redirect_uri: client.callbacks[0],
        response_type: "code",
        state: randomBytes(8).toString("hex"),
        scope: "openid",
        code_challenge: challenge,
        code_challenge_method: "S256",
      });
      const req = request(`${system.auth0.issuer}authorize?${q}`, { agent }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode!));
      });
      req.on("error", reject);
      req.end();
    });
  const flood = async (count: number) => {
    let next = 0;
    const statuses = new Map<number, number>();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next++ < count) {
          const status = await authorize();
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        }
      }),
    );
    return Object.fromEntries(statuses);
  };

  try {
    // Warm up past every cap, so what follows measures steady state.
    await flood(5000);
    const before = heapMb();
    const started = performance.now();
    const statuses = await flood(REQUESTS);
    const seconds = (performance.now() - started) / 1000;
    const after = heapMb();
    const report = {
      requests: REQUESTS,
      seconds: Number(seconds.toFixed(2)),
      statuses,
      heapBeforeMb: Number(before.toFixed(1)),
      heapAfterMb: Number(after.toFixed(1)),
      heapGrowthMb: Number((after - before).toFixed(2)),
      stores: system.auth0.sizes(),
    };
    if (values.json) console.log(JSON.stringify(report));
    else {
      console.log(`${REQUESTS} /authorize requests in ${report.seconds} s (${Math.round(REQUESTS / seconds)} req/s), statuses ${JSON.stringify(statuses)}`);
      console.log(`heap after GC: ${report.heapBeforeMb} MB before, ${report.heapAfterMb} MB after (growth ${report.heapGrowthMb} MB)`);
      console.log(`stores: ${JSON.stringify(report.stores)}`);
    }
  } finally {
    agent.destroy();
    await system.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
