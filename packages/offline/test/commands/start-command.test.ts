// `npm start` and `npm run token` as a user runs them: separate processes, real ports.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { get as httpGet } from "node:http";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { writeSynthRecord } from "@apigw-auth0-rbac/model/project";
import { unicornModel, UNICORN_LAMBDA_SRC } from "../fixtures/unicorn-model";
import { projectCopy } from "../helpers/project-copy";
import { synthProject } from "../helpers/synth";

const BIN = join(__dirname, "..", "..", "bin", "apigw-offline.js");
const work = mkdtempSync(join(tmpdir(), "start-"));
// The seed's fixture model, plus a machine-to-machine client for `npm run token -- --client`,
// in a copy of the project: npm start there reads it, never the user's access-model.ts.
const census = { name: "unicorn-census", description: "Nightly job", permissions: ["list:unicorns"] };
const fixture = { ...unicornModel, clients: [census] };
const copy = projectCopy({ model: fixture, lambdaSrc: UNICORN_LAMBDA_SRC, prefix: "start-copy-" });
afterAll(() => copy.dispose());
// Synthesized here: npm start finds it current and serves it, without a synth under load.
cpSync(synthProject({ model: fixture }).outdir, join(work, "cdktf.out"), { recursive: true });
/** Process start-up under a loaded 2-core machine: generous, since a hook that times out proves nothing. */
const START_TIMEOUT_MS = 30_000;
/** Each `npm run token` is a process of its own (a second or more under load): the tests that run several get room. */
const TOKEN_TEST_TIMEOUT_MS = 30_000;
const env = {
  ...process.env,
  CDKTF_OUTDIR: join(work, "cdktf.out"),
  EMULATOR_SESSION_FILE: join(work, "session.json"),
  AUTH0_PORT: "0",
  API_PORT: "0",
  // The test app's port is fixed (http://localhost:3000); a developer's npm start may hold it.
  SPA: "off",
  CHECKPOINT_DISABLE: "1",
};
// What the app records after a synth, so npm start takes this one as current.
writeSynthRecord(join(work, "cdktf.out"), copy.dir, ["access-model.ts"], env);

/** Resolves with everything printed once `pattern` appears; rejects if the process ends first. */
function waitFor(child: ChildProcessWithoutNullStreams, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (pattern.test(seen)) {
        child.stderr.off("data", onData);
        resolve(seen);
      }
    };
    child.stderr.on("data", onData);
    child.once("exit", (code) => reject(new Error(`exited with ${code} before ${pattern}:\n${seen}`)));
  });
}

/**
 * A GET on a connection of its own: the token command blocks this process for seconds on a
 * loaded machine, long enough for the server to close an idle kept-alive connection just as
 * fetch would reuse it.
 */
function statusOf(url: string, token?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpGet(url, { agent: false, headers: token ? { authorization: `Bearer ${token}` } : {} }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode!));
    });
    req.on("error", reject);
  });
}

function token(...args: string[]) {
  return spawnSync(process.execPath, [BIN, "token", ...args], { cwd: copy.dir, env, encoding: "utf8" });
}

describe("npm start", () => {
  let child: ChildProcessWithoutNullStreams;
  let banner = "";
  let apiUrl = "";

  beforeAll(async () => {
    child = spawn(process.execPath, [BIN, "start"], { cwd: copy.dir, env });
    child.stdout.resume();
    banner = await waitFor(child, /Ctrl-C stops/);
    apiUrl = /HTTP API\s+(\S+)/.exec(banner)![1];
  }, START_TIMEOUT_MS);
  afterAll(() => {
    if (child.exitCode === null) child.kill("SIGKILL");
  });

  it("prints the URLs, the demo users and ready-to-paste curl commands", () => {
    expect(banner).toContain(`${join(work, "cdktf.out")} is current: using it`);
    expect(banner).toMatch(/Auth0 stand-in\s+http:\/\/127\.0\.0\.1:\d+\//);
    expect(banner).toMatch(/unicorn-rider@example\.test\s+\S{16}\s+roles: unicorn-rider/);
    expect(banner).toContain("TOKEN_UNICORN_RIDER=$(npm run -s token -- --role 'unicorn-rider')");
    expect(banner).toContain(`curl -i -H "Authorization: Bearer $TOKEN_UNICORN_RIDER" '${apiUrl}/unicorn`);
    expect(banner).toContain("TOKEN_UNICORN_CENSUS=$(npm run -s token -- --client 'unicorn-census')");
  });

  it(
    "gives a machine-to-machine client a token the API takes on exactly the routes its grant allows",
    async () => {
      const census = token("--client", "unicorn-census");
      expect(census.stderr).toBe("");
      expect(census.status).toBe(0);
      const get = (path: string) => statusOf(`${apiUrl}${path}`, census.stdout.trim());
      expect(await get("/unicorns")).toBe(200);
      expect(await get("/unicorn?name=Gaia")).toBe(403);
      const unknown = token("--client", "unicorn-groomer");
      expect(unknown.status).toBe(1);
      expect(unknown.stderr).toBe('npm run -s token: no machine-to-machine client "unicorn-groomer"; known clients: unicorn-census\n');
    },
    TOKEN_TEST_TIMEOUT_MS,
  );

  it(
    "gives a rider 200 on /unicorn and 403 on /unicorns, a trainer 200 on both, nobody 401",
    async () => {
      const rider = token("--role", "unicorn-rider");
      expect(rider.status).toBe(0);
      expect(rider.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
      const trainer = token("--user", "unicorn-trainer@example.test").stdout.trim();
      const get = (path: string, t?: string) => statusOf(`${apiUrl}${path}`, t);
      expect(await get("/unicorn?name=Gaia", rider.stdout.trim())).toBe(200);
      expect(await get("/unicorns", rider.stdout.trim())).toBe(403);
      expect(await get("/unicorn?name=Gaia", trainer)).toBe(200);
      expect(await get("/unicorns", trainer)).toBe(200);
      expect(await get("/unicorns")).toBe(401);
    },
    TOKEN_TEST_TIMEOUT_MS,
  );

  it(
    "keeps errors of the token command on stderr with a non-zero exit",
    () => {
      const unknown = token("--role", "unicorn-groom");
      expect(unknown.status).toBe(1);
      expect(unknown.stdout).toBe("");
      expect(unknown.stderr).toBe('npm run -s token: no user with role "unicorn-groom"; known roles: unicorn-rider, unicorn-trainer\n');
      const wrong = token("--user", "unicorn-rider@example.test", "--password", "wrong");
      expect(wrong.status).toBe(1);
      expect(wrong.stderr).toContain("403 invalid_grant: Wrong email or password.");
    },
    TOKEN_TEST_TIMEOUT_MS,
  );

  it(
    "says, when npm prints its banner into a captured token, to run it with -s; with -s stdout is the token alone",
    () => {
      const { npm_config_loglevel: _level, ...inherited } = env as NodeJS.ProcessEnv;
      const npm = (...args: string[]) => spawnSync("npm", args, { cwd: copy.dir, env: inherited, encoding: "utf8" });
      const banner = npm("run", "token", "--", "--role", "unicorn-rider");
      expect(banner.status).toBe(0);
      expect(banner.stdout).toMatch(/^\n?> /);
      expect(banner.stderr).toContain("npm printed its banner on stdout before the token; run it as `npm run -s token -- …`");
      const silent = npm("run", "-s", "token", "--", "--role", "unicorn-rider");
      expect([silent.status, silent.stderr]).toEqual([0, ""]);
      expect(silent.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    },
    TOKEN_TEST_TIMEOUT_MS,
  );

  it("refuses a second npm start over the running one's session, naming it, and leaves that session as it was", () => {
    const before = readFileSync(env.EMULATOR_SESSION_FILE, "utf8");
    const second = spawnSync(process.execPath, [BIN, "start"], { cwd: copy.dir, env, encoding: "utf8", timeout: 60_000 });
    expect(second.status).toBe(1);
    expect(second.stderr).toContain(`npm start: another npm start (process ${child.pid}, its API at ${apiUrl}) serves this project: stop it first`);
    expect(readFileSync(env.EMULATOR_SESSION_FILE, "utf8")).toBe(before);
    expect(token("--role", "unicorn-rider").status).toBe(0);
  });

  it("stops cleanly on Ctrl-C and removes its session file", async () => {
    expect(existsSync(env.EMULATOR_SESSION_FILE)).toBe(true);
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(existsSync(env.EMULATOR_SESSION_FILE)).toBe(false);
  });
});

describe("npm start over a session its process left behind", () => {
  it(
    "takes the session over when the process that held it is gone",
    async () => {
      const session = join(work, "stale-session.json");
      writeFileSync(session, JSON.stringify({ pid: 2 ** 22 + 7, apiUrl: "http://127.0.0.1:1" }));
      // The claim a killed npm start left: its lock, naming a process that is gone.
      writeFileSync(`${session}.lock`, `${2 ** 22 + 7} 0123456789abcdef`);
      const child = spawn(process.execPath, [BIN, "start"], { cwd: copy.dir, env: { ...env, EMULATOR_SESSION_FILE: session } });
      child.stdout.resume();
      try {
        await waitFor(child, /Ctrl-C stops/);
        expect(JSON.parse(readFileSync(session, "utf8")).pid).toBe(child.pid);
      } finally {
        child.kill("SIGKILL");
      }
    },
    START_TIMEOUT_MS,
  );
});

describe("npm start on a busy port", () => {
  let blocker: Server;
  let port = 0;
  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    port = (blocker.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

  it("fails with a message that names the variable to change", () => {
    const result = spawnSync(process.execPath, [BIN, "start"], {
      cwd: copy.dir,
      env: { ...env, API_PORT: String(port), EMULATOR_SESSION_FILE: join(work, "busy.json") },
      encoding: "utf8",
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`npm start: port ${port} on 127.0.0.1 (the HTTP API) is already in use; set API_PORT to a free port`);
    // Its claim on the session is given up: the next start is not refused because of it.
    expect([existsSync(join(work, "busy.json")), existsSync(join(work, "busy.json.lock"))]).toEqual([false, false]);
  });

  it("names every busy port at once, with SPA=off for the test app's", () => {
    const result = spawnSync(process.execPath, [BIN, "start"], {
      cwd: copy.dir,
      env: { ...env, API_PORT: String(port), AUTH0_PORT: String(port), SPA: "on", EMULATOR_SESSION_FILE: join(work, "busy.json") },
      encoding: "utf8",
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`npm start: 2 ports on 127.0.0.1 are already in use:`);
    expect(result.stderr).toContain(`  - ${port} (the Auth0 stand-in): set AUTH0_PORT to a free port`);
    expect(result.stderr).toContain(`  - ${port} (the HTTP API): set API_PORT to a free port`);
  });
});
