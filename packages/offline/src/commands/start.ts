// `npm start`: the whole system offline. Synthesizes (unless cdktf.out is current), then
// serves the Auth0 stand-in and the HTTP API emulator on 127.0.0.1.
import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import accessModel from "../../../../access-model";
import { isSynthFresh, synthesize } from "../synth/freshness";
import { resolveAccessModel, type AccessModel } from "../../../model/src";
import { readCommand } from "./cli";
import { startBanner } from "../start/banner";
import { localCloudDir, localOutdir, localStateDir } from "./local";
import { contextEnvironment } from "../project/environment";
import { PortInUseError } from "../emulator/http/util";
import { startLocalSystem, type LocalSystem } from "../emulator/local-system";
import { sessionFile, type Session } from "../emulator/session";

const ROOT = join(__dirname, "..");
const OUTDIR = process.env.CDKTF_OUTDIR || join(ROOT, "cdktf.out");
const SESSION_FILE = sessionFile();
/** Every role × route request, beside the session file. */
const EXAMPLES_FILE = join(dirname(SESSION_FILE), "emulator-requests.sh");

function port(variable: string, fallback: number): number {
  const raw = process.env[variable];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new Error(`${variable}=${raw} is not a port; use a number from 1 to 65535 (0: any free port)`);
  }
  return value;
}

const COMMAND = readCommand({
  name: "npm start",
  usage: "[-- --applied]",
  summary:
    "The whole system offline: the Auth0 stand-in, the HTTP API emulator and the test app, from the synthesized stacks (synthesized first when a source changed).",
  flags: {
    applied: {
      type: "boolean",
      default: false,
      description:
        "serve what `npm run local -- deploy` applied, as its local cloud holds it now (out-of-band changes included), instead of the synthesized JSON",
    },
  },
  variables: {
    DEPLOY_ENV: "the environment to serve (default: the model's defaultEnvironment)",
    AUTH0_PORT: "the stand-in's port (default 3002; 0: any free port)",
    API_PORT: "the API emulator's port (default 3001; 0: any free port)",
    SPA: "off: do not serve the test app on http://localhost:3000",
    TF_VAR_test_user_password: "the password of the model's test users (random otherwise)",
    CDKTF_OUTDIR: "where the stacks are synthesized (default cdktf.out)",
    EMULATOR_SESSION_FILE: "where npm run token finds the running system (default .local/emulator-session.json)",
  },
});

async function main(): Promise<void> {
  const model = resolveAccessModel(accessModel, { env: process.env, contextEnvironment: contextEnvironment(ROOT) }).model;
  const applied = COMMAND.flags.applied;
  // What `npm run local -- deploy` applied for this environment.
  const APPLIED = {
    stateDir: localStateDir(model.environment?.name),
    outdir: localOutdir(model.environment?.name),
    cloudDir: localCloudDir(model.environment?.name),
  };
  if (applied) {
    console.error(
      `serving what the local cloud holds now: ${relative(ROOT, APPLIED.cloudDir)}/, the objects of ${relative(ROOT, APPLIED.stateDir)}/ (from npm run local -- deploy), changes made through npm run cloud included`,
    );
  } else synthesizeUnlessFresh();
  if (!applied && existsSync(join(APPLIED.stateDir, "terraform.aws.tfstate"))) {
    console.error(`(a local deploy exists: \`npm start -- --applied\` serves what terraform applied instead of the synthesized JSON)`);
  }
  const system = await startLocalSystem({
    outdir: applied ? APPLIED.outdir : OUTDIR,
    appliedStateDir: applied ? APPLIED.stateDir : undefined,
    cloudDir: applied && existsSync(APPLIED.cloudDir) ? APPLIED.cloudDir : undefined,
    auth0Port: port("AUTH0_PORT", 3002),
    apiPort: port("API_PORT", 3001),
    accessLog: (line) => console.log(line),
    warn: (message) => console.error(`warning: ${message}`),
    passwordForDeclaredUsers: process.env.TF_VAR_test_user_password,
    // SPA=off leaves the test app out (its port is fixed by the SPA client's registered origin).
    serveSpa: process.env.SPA !== "off",
  });
  const session = writeSession(system);
  printBanner(model, system, session);
  stopOnSignal(system);
}

function synthesizeUnlessFresh(): void {
  if (isSynthFresh(ROOT, OUTDIR)) {
    console.error("cdktf.out is current: using it");
    return;
  }
  const started = Date.now();
  console.error("synthesizing both stacks…");
  synthesize(ROOT, OUTDIR);
  console.error(`synthesized in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** What `npm run token` needs to ask the running stand-in, readable by this user only. */
function writeSession(system: LocalSystem): Session {
  const { auth0, api } = system;
  const session: Session = {
    issuer: auth0.issuer,
    audience: auth0.audience,
    clientId: auth0.cliClient.clientId,
    scope: system.spaScope,
    apiUrl: api.url,
    users: auth0.users.map((u) => ({ email: u.email, password: u.password, roles: [...u.roles] })),
    clients: auth0.clients
      .filter((c) => c.clientSecret)
      .map((c) => ({ name: c.name, modelName: c.modelName ?? c.name, clientId: c.clientId, clientSecret: c.clientSecret! })),
  };
  mkdirSync(dirname(SESSION_FILE), { recursive: true });
  writeFileSync(SESSION_FILE, JSON.stringify(session, null, 2), { mode: 0o600 });
  chmodSync(SESSION_FILE, 0o600);
  return session;
}

/** A screenful on stderr; every example request in the examples file. */
function printBanner(model: AccessModel, system: LocalSystem, session: Session): void {
  const { auth0, api } = system;
  // Example requests come from the model; the system itself runs from the synthesized JSON.
  const examples = new Map(model.routes.map((r) => [r.routeKey, r.example]));
  const { text, examples: allRequests } = startBanner({
    issuer: auth0.issuer,
    apiUrl: api.url,
    ...(api.host ? { domain: { name: api.host, port: api.port } } : {}),
    spa: system.spa?.url ?? (process.env.SPA === "off" ? "(not served: SPA=off)" : "(not served: the SPA client has no localhost web origin)"),
    audience: auth0.audience,
    users: session.users,
    clients: [...auth0.clients, auth0.cliClient],
    m2m: auth0.clients.filter((c) => c.clientSecret).map((c) => ({ modelName: c.modelName ?? c.name, permissions: c.apiGrant ?? [] })),
    roles: system.tenant.roles,
    routes: system.routes.map((r) => ({ ...r, example: examples.get(r.routeKey) })),
    examplesFile: relative(ROOT, EXAMPLES_FILE),
    sessionFile: relative(ROOT, SESSION_FILE),
  });
  writeFileSync(EXAMPLES_FILE, allRequests, { mode: 0o755 });
  console.error(`${text}\nAccess log (one JSON line per request) follows. Ctrl-C stops.\n`);
}

/** Ctrl-C or SIGTERM: the session and examples files removed, every server closed. */
function stopOnSignal(system: LocalSystem): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`\n${signal}: stopping`);
    rmSync(SESSION_FILE, { force: true });
    rmSync(EXAMPLES_FILE, { force: true });
    await system.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((err) => {
  console.error(err instanceof PortInUseError ? `error: ${err.message}` : `error: ${(err as Error).message ?? err}`);
  process.exit(1);
});
