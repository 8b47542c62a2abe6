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
  return [...text.matchAll(/curl -i (?:-X (\w+) )?(?:-H "Authorization: Bearer \$(\w+)" )?"([^"]+)"\s+# (.+)$/gm)].map(
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
    for (const [, variable, role] of text.matchAll(/(\w+)=\$\(npm run -s token -- --role ([\w-]+)\)/g))
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
      'curl -i -H "Authorization: Bearer $TOKEN_ROLE_0" "http://127.0.0.1:3001/things/0/example-id"   # allowed: the handler answers',
    );
    expect(examples).toContain(
      'curl -i -H "Authorization: Bearer $TOKEN_ROLE_0" "http://127.0.0.1:3001/things/15/example-id"   # 403: no scope of the route',
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
    expect(text).toContain("npm run -s token -- --client unicorn-census)");
  });
});
