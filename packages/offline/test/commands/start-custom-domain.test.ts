// `npm start` and `npm run token` for a tenant on an Auth0 custom domain, as a user runs them:
// the banner names the custom domain, the token command asks through it (and the API takes its
// tokens), and a token asked through the stand-in's own address is refused.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { get as httpGet } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeJwt } from "jose";
import { writeSynthRecord } from "@apigw-auth0-rbac/model/project";
import { unicornModel, UNICORN_LAMBDA_SRC } from "../fixtures/unicorn-model";
import { projectCopy } from "../helpers/project-copy";
import { synthProject } from "../helpers/synth";

const BIN = join(__dirname, "..", "..", "bin", "apigw-offline.js");
const LOGIN = "login.unicorns.example.com";
const work = mkdtempSync(join(tmpdir(), "start-custom-domain-"));
const census = { name: "unicorn-census", description: "Nightly job", permissions: ["list:unicorns"] };
const fixture = { ...unicornModel, tenant: { ...unicornModel.tenant, customDomain: LOGIN }, clients: [census] };
const copy = projectCopy({ model: fixture, lambdaSrc: UNICORN_LAMBDA_SRC, prefix: "start-custom-domain-copy-" });
afterAll(() => copy.dispose());
cpSync(synthProject({ model: fixture }).outdir, join(work, "cdktf.out"), { recursive: true });
/** Process start-up and each token process under a loaded 2-core machine. */
const TIMEOUT_MS = 30_000;
const env = {
  ...process.env,
  CDKTF_OUTDIR: join(work, "cdktf.out"),
  EMULATOR_SESSION_FILE: join(work, "session.json"),
  AUTH0_PORT: "0",
  API_PORT: "0",
  SPA: "off",
  CHECKPOINT_DISABLE: "1",
};
writeSynthRecord(join(work, "cdktf.out"), copy.dir, ["access-model.ts"], env);

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

function statusOf(url: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpGet(url, { agent: false, headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode!));
    });
    req.on("error", reject);
  });
}

function token(...args: string[]): string {
  const result = spawnSync(process.execPath, [BIN, "token", ...args], { cwd: copy.dir, env, encoding: "utf8" });
  expect([args, result.stderr, result.status]).toEqual([args, "", 0]);
  return result.stdout.trim();
}

describe("npm start for a tenant on a custom domain", () => {
  let child: ChildProcessWithoutNullStreams;
  let banner = "";
  let apiUrl = "";
  let port = "";

  beforeAll(async () => {
    child = spawn(process.execPath, [BIN, "start"], { cwd: copy.dir, env });
    child.stdout.resume();
    banner = await waitFor(child, /Ctrl-C stops/);
    apiUrl = /HTTP API\s+(\S+)/.exec(banner)![1];
    port = /Auth0 stand-in\s+http:\/\/[^:]+:(\d+)\//.exec(banner)![1];
  }, TIMEOUT_MS);
  afterAll(() => {
    if (child.exitCode === null) child.kill("SIGKILL");
  });

  it("names the custom domain as the issuer, and the stand-in's own address as the tenant's own domain", () => {
    expect(banner).toContain(`Auth0 stand-in   http://${LOGIN}:${port}/   (issuer, trailing slash included)`);
    expect(banner).toContain(`https://${LOGIN}/ when deployed: the tenant's custom domain; here by name at 127.0.0.1`);
    expect(banner).toContain(`curl --resolve '${LOGIN}:${port}:127.0.0.1'`);
    expect(banner).toContain(`(http://127.0.0.1:${port}/ stands for the tenant's own domain: the API refuses its tokens, 401)`);
  });

  it(
    "asks for tokens through the custom domain, which the API takes; through the tenant's own domain, refused",
    async () => {
      const rider = token("--role", "unicorn-rider");
      expect(decodeJwt(rider).iss).toBe(`http://${LOGIN}:${port}/`);
      expect(await statusOf(`${apiUrl}/unicorn?name=Gaia`, rider)).toBe(200);
      const client = token("--client", "unicorn-census");
      expect(decodeJwt(client).iss).toBe(`http://${LOGIN}:${port}/`);
      expect(await statusOf(`${apiUrl}/unicorns`, client)).toBe(200);
      const own = token("--role", "unicorn-rider", "--issuer", `http://127.0.0.1:${port}/`);
      expect(decodeJwt(own).iss).toBe(`http://127.0.0.1:${port}/`);
      expect(await statusOf(`${apiUrl}/unicorn?name=Gaia`, own)).toBe(401);
    },
    TIMEOUT_MS * 2,
  );
});
