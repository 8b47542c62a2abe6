// `npm run bench:actions`: what one Action adds to a login. Two stand-ins of the same synth run
// side by side in this process, one whose auth0 stack binds a post-login and a credentials-exchange
// Action (each sets one custom claim), one binding none; the password grant and client credentials
// are timed against both in interleaved pairs (A B B A …), so both meet the same machine load.
// Reported: each side's median, the added milliseconds and the ratio.
//   BENCH_LOGINS (default 300 pairs per grant), BENCH_WARMUP (default 30)
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { readCommand } from "../src/commands/cli";
import { clientCredentialsGrant, passwordGrant } from "../src/emulator/auth0/token-client";
import { type LocalSystem, startLocalSystem } from "../src/emulator/local-system";
import { PROBE_LAMBDA_SRC, probeModel } from "../test/fixtures/probe-model";
import { withActions } from "../test/helpers/actions-synth";
import { synthProject } from "../test/helpers/synth";
import { median } from "./stats";

readCommand({
  name: "npm run bench:actions",
  usage: "",
  summary: "The latency one Action adds to a login (password grant, client credentials): with and without, interleaved in one run.",
  flags: {},
  variables: { BENCH_LOGINS: "timed pairs per grant (default 300)", BENCH_WARMUP: "untimed logins per side first (default 30)" },
});

const LOGINS = Number(process.env.BENCH_LOGINS ?? 300);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 30);
const USER = "reader@example.com";
const model = {
  ...probeModel,
  clients: [{ name: "bench-job", description: "A batch job", permissions: ["probe:read"] }],
  users: [{ email: USER, roles: ["reader"] }],
};
const ACTIONS = [
  {
    name: "add-roles",
    trigger: "post-login" as const,
    code: `exports.onExecutePostLogin = async (event, api) => {
      api.accessToken.setCustomClaim("https://probe.example.test/roles", event.authorization.roles);
    };`,
  },
  {
    name: "tag-client",
    trigger: "credentials-exchange" as const,
    code: `exports.onExecuteCredentialsExchange = async (event, api) => {
      api.accessToken.setCustomClaim("https://probe.example.test/client", event.client.name);
    };`,
  },
];

type Login = (system: LocalSystem) => Promise<void>;

const password: Login = async (system) => {
  const user = system.auth0.users.find((u) => u.email === USER)!;
  const { status, body } = await passwordGrant({
    issuer: system.auth0.issuer,
    clientId: system.auth0.cliClient.clientId,
    audience: system.auth0.audience,
    username: user.email,
    password: user.password,
    scope: "openid probe:read",
  });
  if (status !== 200) throw new Error(`password grant: ${status} ${JSON.stringify(body)}`);
};

const clientCredentials: Login = async (system) => {
  const client = system.auth0.clients.find((c) => c.modelName === "bench-job")!;
  const { status, body } = await clientCredentialsGrant({
    issuer: system.auth0.issuer,
    clientId: client.clientId,
    clientSecret: client.clientSecret!,
    audience: system.auth0.audience,
  });
  if (status !== 200) throw new Error(`client credentials: ${status} ${JSON.stringify(body)}`);
};

async function timed(login: Login, system: LocalSystem): Promise<number> {
  const start = performance.now();
  await login(system);
  return performance.now() - start;
}

/** Interleaved pairs, the order flipped every pair (A B, B A, …). */
async function compare(login: Login, none: LocalSystem, one: LocalSystem): Promise<{ none: number[]; one: number[] }> {
  for (let i = 0; i < WARMUP; i++) await Promise.all([login(none), login(one)]);
  const times = { none: [] as number[], one: [] as number[] };
  for (let i = 0; i < LOGINS; i++) {
    if (i % 2 === 0) {
      times.none.push(await timed(login, none));
      times.one.push(await timed(login, one));
    } else {
      times.one.push(await timed(login, one));
      times.none.push(await timed(login, none));
    }
  }
  return times;
}

async function main(): Promise<void> {
  const project = synthProject({ model, env: {}, lambdaSrcDir: PROBE_LAMBDA_SRC });
  const options = { functionLog: () => undefined, actionLog: () => undefined, projectRoot: join(__dirname, "..", "..", "..") };
  const none = await startLocalSystem({ ...options, outdir: project.outdir });
  const one = await startLocalSystem({ ...options, outdir: withActions(project, ACTIONS).outdir });
  try {
    console.log(`${LOGINS} interleaved pairs per grant, after ${WARMUP} untimed logins per side; node ${process.version}`);
    console.log("grant                 no Action (median)  one Action (median)  added    ratio");
    for (const [name, login] of [
      ["password", password],
      ["client_credentials", clientCredentials],
    ] as const) {
      const times = await compare(login, none, one);
      const [a, b] = [median(times.none), median(times.one)];
      console.log(
        `${name.padEnd(22)}${`${a.toFixed(2)} ms`.padEnd(20)}${`${b.toFixed(2)} ms`.padEnd(21)}${`${(b - a).toFixed(2)} ms`.padEnd(9)}${(b / a).toFixed(2)}`,
      );
    }
  } finally {
    await one.close();
    await none.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
