// `npm run soak`: floods the stand-in and reports the heap after garbage collection before and
// after the flood, and what each store holds. Memory must stay flat once the stores reach
// their caps.
//   --flood authorize (default): /authorize requests, each opening a login transaction;
//   --flood rotations: one user rotates refresh tokens N times, then another user's refresh
//     token must still work (the report's otherUserRefresh is its status).
//   node --expose-gc --import tsx bench/soak.ts [--flood authorize|rotations] [--outdir DIR] [--requests N] [--json]
import { Agent, request } from "node:http";
import { createHash, randomBytes } from "node:crypto";
import { synthProject } from "../test/helpers/synth";
import { startLocalSystem } from "../src/emulator/local-system";
import { readCommand } from "../src/commands/cli";

const { flags: values } = readCommand({
  name: "npm run soak",
  usage: "[-- --flood authorize|rotations] [--requests N] [--outdir DIR] [--json]",
  summary: "Floods the Auth0 stand-in and reports the heap after garbage collection before and after, and what each store holds.",
  flags: {
    flood: {
      type: "string",
      value: "KIND",
      default: "authorize",
      description: "authorize: /authorize requests; rotations: one user's refresh-token rotations, then another user's refresh",
    },
    requests: { type: "string", value: "N", default: "30000", description: "how many requests the flood sends" },
    outdir: { type: "string", value: "DIR", description: "serve the stacks synthesized in DIR (default: the project's, synthesized when stale)" },
    json: { type: "boolean", default: false, description: "print the report as one JSON line" },
  },
});
const REQUESTS = Number(values.requests);
const CONCURRENCY = 16;

/** The heap before and after a flood, as both reports give it (MB after garbage collection). */
const heapFigures = (before: number, after: number) => ({
  heapBeforeMb: Number(before.toFixed(1)),
  heapAfterMb: Number(after.toFixed(1)),
  heapGrowthMb: Number((after - before).toFixed(2)),
});

function heapMb(): number {
  if (!global.gc) throw new Error("run with node --expose-gc");
  global.gc();
  global.gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

async function main(): Promise<void> {
  // The unicorn fixture (the seed's copy), synthesized in this process, unless --outdir names a synth.
  const outdir = values.outdir ?? synthProject().outdir;
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
    if (values.flood === "rotations") return await rotationFlood(system);
    // Warm up past every cap, so what follows measures steady state.
    await flood(5000);
    const before = heapMb();
    const started = performance.now();
    const statuses = await flood(REQUESTS);
    const seconds = (performance.now() - started) / 1000;
    const after = heapMb();
    const report = {
      flood: "authorize",
      requests: REQUESTS,
      seconds: Number(seconds.toFixed(2)),
      statuses,
      ...heapFigures(before, after),
      stores: system.auth0.sizes(),
    };
    if (values.json) console.log(JSON.stringify(report));
    else {
      console.log(
        `${REQUESTS} /authorize requests in ${report.seconds} s (${Math.round(REQUESTS / seconds)} req/s), statuses ${JSON.stringify(statuses)}`,
      );
      console.log(`heap after GC: ${report.heapBeforeMb} MB before, ${report.heapAfterMb} MB after (growth ${report.heapGrowthMb} MB)`);
      console.log(`stores: ${JSON.stringify(report.stores)}`);
    }
  } finally {
    agent.destroy();
    await system.close();
  }
}

type System = Awaited<ReturnType<typeof startLocalSystem>>;

const keepAlive = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

/** POSTs a form (with a cookie) and gives the status, the Location and the JSON body if any. */
function post(url: string, form: Record<string, string>, cookie = ""): Promise<{ status: number; location?: string; body: any }> {
  const body = new URLSearchParams(form).toString();
  return new Promise((resolve, reject) => {
    const headers = { "content-type": "application/x-www-form-urlencoded", "content-length": String(Buffer.byteLength(body)), cookie };
    const req = request(url, { method: "POST", agent: keepAlive, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode!, location: res.headers.location, body: text.startsWith("{") ? JSON.parse(text) : text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** Logs `email` in through the form, without an audience, and gives the first refresh token. */
async function refreshTokenFor(system: System, email: string, password: string): Promise<string> {
  const client = system.auth0.clients.find((c) => c.grantTypes.includes("refresh_token"))!;
  const verifier = randomBytes(32).toString("base64url");
  const q = new URLSearchParams({
    client_id: client.clientId,
    redirect_uri: client.callbacks[0],
    response_type: "code",
    scope: "offline_access",
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
  });
  const form = await fetch(`${system.auth0.issuer}authorize?${q}`);
  const txn = /name="txn" value="([^"]+)"/.exec(await form.text())![1];
  const cookie = (form.headers.get("set-cookie") ?? "").split(";")[0];
  const back = await post(`${system.auth0.issuer}u/login`, { txn, username: email, password }, cookie);
  const code = new URL(back.location!).searchParams.get("code")!;
  const tokens = await post(`${system.auth0.issuer}oauth/token`, {
    grant_type: "authorization_code",
    client_id: client.clientId,
    code,
    code_verifier: verifier,
    redirect_uri: client.callbacks[0],
  });
  if (!tokens.body.refresh_token) throw new Error(`no refresh token for ${email}: ${JSON.stringify(tokens.body)}`);
  return tokens.body.refresh_token;
}

/** One user rotates REQUESTS times (16 families side by side); then another user's token must still work. */
async function rotationFlood(system: System): Promise<void> {
  const [busy, other] = system.auth0.users;
  if (!other) throw new Error("the rotation flood needs two users in the auth0 stack (roles give one each)");
  const client = system.auth0.clients.find((c) => c.grantTypes.includes("refresh_token"))!;
  const refresh = (token: string) =>
    post(`${system.auth0.issuer}oauth/token`, { grant_type: "refresh_token", client_id: client.clientId, refresh_token: token });
  const otherToken = await refreshTokenFor(system, other.email, other.password);
  const families = await Promise.all(Array.from({ length: CONCURRENCY }, () => refreshTokenFor(system, busy.email, busy.password)));
  const before = heapMb();
  const started = performance.now();
  let done = 0;
  const statuses = new Map<number, number>();
  await Promise.all(
    families.map(async (first) => {
      let token = first;
      while (done++ < REQUESTS) {
        const answer = await refresh(token);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        if (answer.status !== 200) return;
        token = answer.body.refresh_token ?? token;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  keepAlive.destroy();
  const after = heapMb();
  const report = {
    flood: "rotations",
    requests: REQUESTS,
    seconds: Number(seconds.toFixed(2)),
    statuses: Object.fromEntries(statuses),
    otherUserRefresh: (await refresh(otherToken)).status,
    ...heapFigures(before, after),
    stores: system.auth0.sizes(),
  };
  if (values.json) console.log(JSON.stringify(report));
  else {
    console.log(`${REQUESTS} refresh-token rotations by ${busy.email} in ${report.seconds} s, statuses ${JSON.stringify(report.statuses)}`);
    console.log(`then ${other.email}'s refresh token: ${report.otherUserRefresh}`);
    console.log(`heap after GC: ${report.heapBeforeMb} MB before, ${report.heapAfterMb} MB after (growth ${report.heapGrowthMb} MB)`);
    console.log(`stores: ${JSON.stringify(report.stores)}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
