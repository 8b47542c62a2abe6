// npm run local's state server, spoken to as terraform's http backend speaks to it
// (internal/backend/remote-state/http/client.go at v1.11.4): GET, POST with ?ID=, LOCK and
// UNLOCK with a LockInfo, HTTP basic authentication. Its files, its locks across servers (as
// across processes), its port kept for the next run, and every request answered.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LOCAL_STATE_SERVER } from "@apigw-auth0-rbac/model/project";
import { servedState, startStateServer } from "../../src/local-terraform/state-server";

let layoutDir: string;
let stateRoot: string;
let open: { close(): void }[];

beforeEach(() => {
  layoutDir = mkdtempSync(join(tmpdir(), "state-server-"));
  stateRoot = join(layoutDir, "state");
  open = [];
});
afterEach(() => {
  for (const server of open) server.close();
  rmSync(layoutDir, { recursive: true, force: true });
});

function start() {
  const server = startStateServer(layoutDir, stateRoot).ready();
  open.push(server);
  return server;
}

/** A request as terraform's http backend makes it, with the run's credentials unless told otherwise. */
async function call(server: ReturnType<typeof start>, method: string, path: string, body?: unknown, auth?: string) {
  const { variables } = server;
  const authorization = auth ?? `Basic ${Buffer.from(`${variables.TF_HTTP_USERNAME}:${variables.TF_HTTP_PASSWORD}`).toString("base64")}`;
  const res = await fetch(`${variables[LOCAL_STATE_SERVER]}${path}`, {
    method,
    headers: { authorization },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: res.status, text: await res.text() };
}

const lockInfo = (id: string) => ({
  ID: id,
  Operation: "OperationTypeApply",
  Who: `who-${id}`,
  Version: "1.11.4",
  Created: "2026-12-07T00:00:00Z",
  Path: "",
});
const STATE = { version: 4, serial: 1, lineage: "l", outputs: {}, resources: [] };

it("keeps a stack's state in the state folder's file, this user's only, and answers 404 before there is one", async () => {
  const server = start();
  expect((await call(server, "GET", "/terraform.aws.tfstate")).status).toBe(404);
  expect((await call(server, "POST", "/dev/terraform.aws.tfstate", STATE)).status).toBe(200);
  const file = join(stateRoot, "dev", "terraform.aws.tfstate");
  expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(STATE);
  expect(statSync(file).mode & 0o777).toBe(0o600);
  expect(await call(server, "GET", "/dev/terraform.aws.tfstate")).toEqual({ status: 200, text: JSON.stringify(STATE) });
});

/** A request whose path is sent as written (fetch would resolve its dot segments first). */
function rawPost(server: ReturnType<typeof start>, path: string): Promise<number> {
  const { variables } = server;
  return new Promise((resolve, reject) => {
    const req = request(`${variables[LOCAL_STATE_SERVER]}/`, {
      method: "POST",
      path,
      auth: `${variables.TF_HTTP_USERNAME}:${variables.TF_HTTP_PASSWORD}`,
      timeout: 10_000,
    });
    req.on("response", (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    req.on("error", reject);
    req.end(JSON.stringify(STATE));
  });
}

it("keeps nothing outside the state files, and answers every request", async () => {
  const server = start();
  for (const path of ["/../state-server.json", "/a/b/terraform.aws.tfstate", "/terraform.aws.tfstate.lock", "/", "/%2e%2e%2fterraform.a.tfstate"]) {
    expect([path, await rawPost(server, path)]).toEqual([path, 404]);
  }
  // Dot segments are resolved as a URL's are, never above the state folder.
  expect(await rawPost(server, "/x/../../terraform.aws.tfstate")).toBe(200);
  expect(JSON.parse(readFileSync(join(stateRoot, "terraform.aws.tfstate"), "utf8"))).toEqual(STATE);
  rmSync(join(stateRoot, "terraform.aws.tfstate"));
  expect((await call(server, "POST", "/terraform.aws.tfstate", "{not json")).status).toBe(400);
  expect((await call(server, "LOCK", "/terraform.aws.tfstate", "[]")).status).toBe(400);
  expect((await call(server, "DELETE", "/terraform.aws.tfstate")).status).toBe(405);
  expect(existsSync(join(stateRoot, "terraform.aws.tfstate"))).toBe(false);
});

it("answers only the run's terraform: no credentials, or others, get a 401 and change nothing", async () => {
  const server = start();
  for (const auth of ["", `Basic ${Buffer.from("terraform:guess").toString("base64")}`]) {
    expect((await call(server, "POST", "/terraform.aws.tfstate", STATE, auth)).status).toBe(401);
  }
  expect(existsSync(join(stateRoot, "terraform.aws.tfstate"))).toBe(false);
});

it("holds a lock against every other holder, this server's or another's, until its holder unlocks it", async () => {
  const [first, second] = [start(), start()];
  expect(first.variables[LOCAL_STATE_SERVER]).not.toBe(second.variables[LOCAL_STATE_SERVER]);
  const path = "/terraform.aws.tfstate";
  expect((await call(first, "LOCK", path, lockInfo("a"))).status).toBe(200);
  // What terraform prints as the holder: the LockInfo it sent.
  for (const server of [first, second]) {
    const again = await call(server, "LOCK", path, lockInfo("b"));
    expect([again.status, JSON.parse(again.text).Who]).toEqual([423, "who-a"]);
  }
  expect((await call(second, "POST", `${path}?ID=b`, STATE)).status).toBe(423);
  expect((await call(first, "POST", path, STATE)).status).toBe(423);
  expect((await call(first, "POST", `${path}?ID=a`, STATE)).status).toBe(200);
  expect((await call(first, "UNLOCK", path, lockInfo("b"))).status).toBe(409);
  expect((await call(first, "UNLOCK", path, lockInfo("a"))).status).toBe(200);
  expect((await call(second, "LOCK", path, lockInfo("b"))).status).toBe(200);
});

it("releases its locks when it closes, and takes over one whose process is gone", async () => {
  const first = start();
  const path = "/terraform.auth0.tfstate";
  expect((await call(first, "LOCK", path, lockInfo("a"))).status).toBe(200);
  first.close();
  open = [];
  const second = start();
  expect((await call(second, "LOCK", path, lockInfo("b"))).status).toBe(200);
  expect((await call(second, "UNLOCK", path, lockInfo("b"))).status).toBe(200);

  const gone = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout;
  writeFileSync(join(stateRoot, "terraform.auth0.tfstate.lock"), `${gone} 0123456789abcdef`);
  expect((await call(second, "LOCK", path, lockInfo("c"))).status).toBe(200);
});

it("listens on the layout's port again, on another when it is taken, and readers find it where the run left it", async () => {
  const first = start();
  const address = first.variables[LOCAL_STATE_SERVER];
  first.close();
  open = [];
  expect(start().variables[LOCAL_STATE_SERVER]).toBe(address);
  open.pop()!.close();

  // Another program on the port: the next run moves, and says where in the layout's settings.
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(Number(new URL(address).port), "127.0.0.1", resolve));
  try {
    const moved = start();
    expect(moved.variables[LOCAL_STATE_SERVER]).not.toBe(address);
    expect(servedState(layoutDir, stateRoot)?.variables[LOCAL_STATE_SERVER]).toBe(moved.variables[LOCAL_STATE_SERVER]);
  } finally {
    blocker.close();
  }
});

it("gives a reader nothing to serve where no run started a server", () => {
  expect(servedState(layoutDir, stateRoot)).toBeUndefined();
});
