// What npm start prints: every request it shows answers as its comment says when pasted
// (path parameters filled in), and the banner stays within a screen at AWS's route quota
// while the full list goes to a file.
import { startBanner, type BannerInput } from "../../src/start/banner";
import type { LocalSystem } from "../../src/emulator/local-system";
import { startProbeSystem } from "../helpers/probe-system";
import { tokenForRole } from "../helpers/local-system";

const SCREEN_LINES = 50;

function inputFor(system: LocalSystem, routes = system.routes): BannerInput {
  return {
    issuer: system.auth0.issuer,
    apiUrl: system.api.url,
    spa: "(not served)",
    audience: system.auth0.audience,
    users: system.auth0.users,
    clients: system.auth0.clients,
    m2m: [],
    roles: system.tenant.roles,
    routes,
    examplesFile: ".local/emulator-requests.sh",
    sessionFile: ".local/emulator-session.json",
  };
}

/** The curl lines of a text: method, URL, the token variable if any, and the comment. */
function requests(text: string) {
  return [...text.matchAll(/curl -i (?:-X '(\w+)' )?(?:-H "Authorization: Bearer \$(\w+)" )?'([^']+)'\s+# (.+)$/gm)].map(
    ([, method, variable, url, comment]) => ({
      method: method ?? "GET",
      variable,
      url,
      comment,
    }),
  );
}

describe("the banner's requests, pasted", () => {
  let system: LocalSystem;
  beforeAll(async () => {
    jest.spyOn(console, "log").mockImplementation(() => undefined);
    jest.spyOn(console, "error").mockImplementation(() => undefined);
    system = await startProbeSystem({ serveSpa: false });
  });
  afterAll(async () => {
    await system?.close();
    jest.restoreAllMocks();
  });

  it("answer as their comments say, a route with a path parameter first", async () => {
    // The probe's /items/{id} first: its placeholder must reach the route, not a 404.
    const routes = [...system.routes.filter((r) => r.path.includes("{")), ...system.routes.filter((r) => !r.path.includes("{"))];
    const { text } = startBanner(inputFor(system, routes));
    expect(text).not.toContain("{id}");
    const shown = requests(text);
    expect(shown.length).toBeGreaterThanOrEqual(3);
    const tokens: Record<string, string> = {};
    for (const [, variable, role] of text.matchAll(/(\w+)=\$\(npm run -s token -- --role '([\w-]+)'\)/g))
      tokens[variable] = await tokenForRole(system, role);
    for (const { method, variable, url, comment } of shown) {
      const response = await fetch(url, { method, headers: variable ? { authorization: `Bearer ${tokens[variable]}` } : {} });
      const expected = comment.startsWith("401") ? [401] : comment.startsWith("403") ? [403] : [200, 201, 204];
      expect([url, comment, expected.includes(response.status)]).toEqual([url, comment, true]);
    }
  });
});

describe("at AWS's default quota of 300 routes", () => {
  const roles = Array.from({ length: 20 }, (_, i) => ({ name: `role-${i}`, permissions: Array.from({ length: 15 }, (_, j) => `p:${i * 15 + j}`) }));
  const routes = Array.from({ length: 300 }, (_, i) => ({
    routeKey: `GET /things/${i}/{id}`,
    method: "GET",
    path: `/things/${i}/{id}`,
    scopes: [`p:${i}`],
  }));
  const input: BannerInput = {
    issuer: "http://127.0.0.1:3002/",
    apiUrl: "http://127.0.0.1:3001",
    spa: "http://localhost:3000",
    audience: "https://things.example.test",
    users: roles.map((r) => ({ email: `${r.name}@example.test`, password: "x".repeat(16), roles: [r.name] })),
    clients: [{ name: "Things SPA", clientId: "abc", grantTypes: ["authorization_code", "refresh_token"] }],
    m2m: [{ modelName: "sync", permissions: ["p:0"] }],
    roles,
    routes,
    examplesFile: ".local/emulator-requests.sh",
    sessionFile: ".local/emulator-session.json",
  };
  const { text, examples } = startBanner(input);

  it("keeps the banner within a screen, saying where the rest is", () => {
    expect(text.split("\n").length).toBeLessThanOrEqual(SCREEN_LINES);
    expect(text).toContain("… and 12 more (their passwords: .local/emulator-session.json)");
    expect(text).toContain("Every role and client against every route: .local/emulator-requests.sh");
    expect(text).toContain("(300 routes)");
  });

  it("writes every role and client against every route to the file", () => {
    expect(requests(examples)).toHaveLength((roles.length + 1) * routes.length);
    expect(examples).toContain(
      `curl -i -H "Authorization: Bearer $TOKEN_ROLE_0" 'http://127.0.0.1:3001/things/0/example-id'   # allowed: the handler answers`,
    );
    expect(examples).toContain(
      `curl -i -H "Authorization: Bearer $TOKEN_ROLE_0" 'http://127.0.0.1:3001/things/15/example-id'   # 403: no scope of the route`,
    );
  });
});

describe("a machine-to-machine client of an environment", () => {
  const { text } = startBanner({
    issuer: "http://127.0.0.1:3002/",
    apiUrl: "http://127.0.0.1:3001",
    spa: "(not served: SPA=off)",
    audience: "https://unicorns.example.com",
    users: [],
    clients: [{ name: "unicorn-census-dev", modelName: "unicorn-census", clientId: "abc", grantTypes: ["client_credentials"] }],
    m2m: [{ modelName: "unicorn-census", permissions: ["list:unicorns"] }],
    roles: [],
    routes: [{ routeKey: "GET /unicorns", method: "GET", path: "/unicorns", scopes: ["list:unicorns"] }],
    examplesFile: ".local/emulator-requests.sh",
    sessionFile: ".local/emulator-session.json",
  });

  it("is listed by the name npm run token takes, with its name in Auth0 beside it", () => {
    expect(text).toMatch(/^ {2}unicorn-census \(Auth0: unicorn-census-dev\)\s+abc\s+grants: client_credentials$/m);
    expect(text).toContain("npm run -s token -- --client 'unicorn-census')");
  });
});

describe("names from the model in the requests, run by sh", () => {
  // Role names are free text in Auth0; the provider's own example is the second one.
  const roles = [
    { name: "$(touch pwned-role)", permissions: ["read"] },
    { name: "My Role - (Managed by Terraform)", permissions: ["read"] },
    { name: "it's a 'role'", permissions: [] },
    { name: "a-b", permissions: ["read"] },
    { name: "a_b", permissions: [] },
    { name: "line\nbreak `id`", permissions: ["read"] },
    { name: "clear\u001b[2J\u009b31m", permissions: ["read"] },
  ];
  const routes = [
    { routeKey: "GET /items/{id}", method: "GET", path: "/items/{id}", scopes: ["read"], example: '/items/1?q=$(touch pwned-example)&x="`id`' },
    { routeKey: "POST /items", method: "POST", path: "/items", scopes: ["write"] },
  ];
  const input: BannerInput = {
    issuer: "http://127.0.0.1:3002/",
    apiUrl: "http://127.0.0.1:3001",
    spa: "(not served)",
    audience: "https://things.example.test",
    users: roles.map((r, i) => ({ email: `user-${i}@example.test`, password: "x".repeat(16), roles: [r.name] })),
    clients: [],
    m2m: [{ modelName: "a-b", permissions: ["read"] }],
    roles,
    routes,
    examplesFile: ".local/emulator-requests.sh",
    sessionFile: ".local/emulator-session.json",
  };
  const { text, examples } = startBanner(input);

  /** Runs `script` with `npm` and `curl` replaced by stubs; each curl call's arguments, and whether anything else ran. */
  function runInSh(script: string) {
    const { mkdtempSync, writeFileSync, readdirSync, readFileSync, existsSync, chmodSync } = require("node:fs");
    const { join } = require("node:path");
    const dir = mkdtempSync(join(require("node:os").tmpdir(), "banner-sh-"));
    const bin = join(dir, "bin");
    const calls = join(dir, "calls");
    require("node:fs").mkdirSync(bin);
    require("node:fs").mkdirSync(calls);
    // npm run -s token -- --role NAME: a token that spells out every argument it was given.
    writeFileSync(join(bin, "npm"), "#!/bin/sh\nprintf 'token'\nfor a; do printf '[%s]' \"$a\"; done\n");
    writeFileSync(join(bin, "curl"), '#!/bin/sh\nn=$(ls "$CALLS" | wc -l)\nprintf \'%s\\0\' "$@" > "$CALLS/$n"\n');
    for (const stub of ["npm", "curl"]) chmodSync(join(bin, stub), 0o755);
    writeFileSync(join(dir, "script.sh"), script);
    const result = require("node:child_process").spawnSync("sh", [join(dir, "script.sh")], {
      cwd: dir,
      env: { PATH: `${bin}:${process.env.PATH}`, CALLS: calls },
      encoding: "utf8",
    });
    const curls = readdirSync(calls)
      .sort((a: string, b: string) => Number(a) - Number(b))
      .map((f: string) => readFileSync(join(calls, f), "utf8").split("\0").slice(0, -1));
    return { status: result.status, stderr: result.stderr, curls, ran: ["pwned-role", "pwned-example"].filter((f) => existsSync(join(dir, f))) };
  }

  const token = (...args: string[]) => `token${["run", "-s", "token", "--", ...args].map((a) => `[${a}]`).join("")}`;
  const request = (route: (typeof routes)[number], bearer?: string) => [
    "-i",
    ...(route.method === "GET" ? [] : ["-X", route.method]),
    ...(bearer ? ["-H", `Authorization: Bearer ${bearer}`] : []),
    `http://127.0.0.1:3001${route.example ?? route.path}`,
  ];

  it("the requests file sends every role's and client's request with its own token, each name and path one argument", () => {
    const { status, stderr, curls, ran } = runInSh(examples);
    expect([status, stderr, ran]).toEqual([0, "", []]);
    const callers = [...roles.map((r) => ["--role", r.name]), ["--client", "a-b"]];
    expect(curls).toEqual(callers.flatMap((caller) => routes.map((route) => request(route, token(...caller)))));
  });

  it("the banner's lines, pasted, do the same", () => {
    const pasted = text.split("\n").filter((line) => /^ {2}(\w+=|curl )/.test(line));
    const { status, stderr, curls, ran } = runInSh(pasted.join("\n"));
    expect([status, stderr, ran]).toEqual([0, "", []]);
    for (const call of curls.filter((c: string[]) => c.includes("-H")))
      expect(call[call.indexOf("-H") + 1]).toMatch(/^Authorization: Bearer token\[run\]/);
    expect(curls).toContainEqual(request(routes[0], token("--role", roles[0].name)));
    expect(curls).toContainEqual(request(routes[0]));
  });

  it("sends the terminal no control character of a name: the banner shows them escaped, the file keeps them", () => {
    expect(text.match(/[^\P{Cc}\n]/gu) ?? []).toEqual([]);
    expect(examples).toContain("--role 'clear\u001b[2J\u009b31m'");
  });

  it("gives every role and client a token variable of its own", () => {
    const variables = [...examples.matchAll(/^(\S+)=\$\(npm /gm)].map(([, v]) => v);
    expect(variables).toHaveLength(roles.length + 1);
    expect(new Set(variables).size).toBe(variables.length);
    for (const v of variables) expect(v).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
  });
});
