import { unicornModel as defaultModel } from "./fixtures/unicorn-model";
import { MAX_SCOPES_PER_ROUTE, normaliseIssuer, ProblemsError, resolveAccessModel } from "../src";
import { ENV, problemsOf, variant } from "./fixtures/model-problems";

describe("the default access model", () => {
  const { model, warnings } = resolveAccessModel(defaultModel, { env: ENV });

  it("reproduces the seed's permissions, roles and routes", () => {
    expect(model.permissions.map((p) => p.name)).toEqual(["read:unicorn", "list:unicorns"]);
    expect(model.roles.map((r) => [r.name, r.permissions])).toEqual([
      ["unicorn-trainer", ["read:unicorn", "list:unicorns"]],
      ["unicorn-rider", ["read:unicorn"]],
    ]);
    expect(model.routes.map((r) => [r.routeKey, r.handler, r.scopes])).toEqual([
      ["GET /unicorn", "get-unicorn", ["read:unicorn"]],
      ["GET /unicorns", "list-unicorns", ["list:unicorns"]],
    ]);
  });

  it("reproduces the seed's SPA URLs", () => {
    expect(model.spa.callbackUrls).toEqual(["http://localhost:3000", "http://localhost:3000/callback"]);
    expect(model.spa.logoutUrls).toEqual(["http://localhost:3000"]);
    expect(model.spa.webOrigins).toEqual(["http://localhost:3000"]);
  });

  it("derives the issuer from AUTH0_DOMAIN with exactly one trailing slash", () => {
    expect(model.issuer).toBe("https://unicorn-test.eu.auth0.com/");
    expect(model.tenant.domainSource).toBe("AUTH0_DOMAIN");
  });

  it("falls back to the model's domain without AUTH0_DOMAIN", () => {
    const resolved = resolveAccessModel(defaultModel, { env: {} }).model;
    expect(resolved.tenant.domain).toBe("your-tenant.eu.auth0.com");
    expect(resolved.tenant.domainSource).toBe("tenant.domain");
  });

  it("makes the SPA request the OIDC scopes and every permission", () => {
    expect(model.spaScope).toBe("openid profile email read:unicorn list:unicorns");
  });

  it("has no warnings", () => {
    expect(warnings).toEqual([]);
  });
});

describe("validation", () => {
  it("fails on a route scope that is not a declared permission, naming the field and the known ones", () => {
    const problems = problemsOf(variant((m) => (m.routes[1].scopes = ["list:unicorn"])));
    expect(problems).toEqual([
      'routes[1].scopes[0]: route "GET /unicorns" needs unknown permission "list:unicorn"; declare it under permissions (known: read:unicorn, list:unicorns)',
    ]);
  });

  it("fails on a role permission that is not declared", () => {
    const problems = problemsOf(variant((m) => m.roles[1].permissions.push("ride:unicorn")));
    expect(problems).toContain(
      'roles[1].permissions[1]: role "unicorn-rider" needs unknown permission "ride:unicorn"; declare it under permissions (known: read:unicorn, list:unicorns)',
    );
  });

  it("warns about a declared permission that no route uses", () => {
    const { warnings } = resolveAccessModel(
      variant((m) => m.permissions.push({ name: "feed:unicorn", description: "Feed one" })),
      { env: ENV },
    );
    expect(warnings).toEqual([
      'permissions: "feed:unicorn" is declared but no route requires it; a role holding it gains nothing. Use it on a route or remove it',
    ]);
  });

  it("fails on duplicate permissions", () => {
    const problems = problemsOf(variant((m) => m.permissions.push({ name: "read:unicorn", description: "again" })));
    expect(problems).toEqual(['permissions: "read:unicorn" is declared more than once; keep one entry']);
  });

  it("fails on duplicate role names", () => {
    const problems = problemsOf(variant((m) => m.roles.push({ name: "unicorn-rider", permissions: ["read:unicorn"] })));
    expect(problems).toEqual(['roles: role "unicorn-rider" is declared more than once; keep one entry or rename one']);
  });

  it("fails on duplicate routes", () => {
    const problems = problemsOf(variant((m) => m.routes.push({ ...m.routes[0] })));
    expect(problems).toEqual(['routes: "GET /unicorn" is declared more than once; a method and path may have one route only']);
  });

  it("fails on duplicate test users", () => {
    const problems = problemsOf(
      variant(
        (m) =>
          (m.users = [
            { email: "a@example.test", roles: ["unicorn-rider"] },
            { email: "A@example.test", roles: ["unicorn-rider"] },
          ]),
      ),
    );
    expect(problems).toEqual(['users: "a@example.test" is declared more than once; Auth0 e-mails are unique per connection']);
  });

  it("fails on roles or test users that would be one construct in the auth0 stack, naming both and the id", () => {
    const problems = problemsOf(
      variant((m) => {
        m.roles.push(
          { name: "a/b", permissions: ["read:unicorn"] },
          { name: "a--b", permissions: ["read:unicorn"] },
          { name: "a\nb", permissions: ["read:unicorn"] },
        );
        m.users = [
          { email: "a.b@example.test", roles: ["unicorn-rider"] },
          { email: "a-b@example.test", roles: ["unicorn-rider"] },
        ];
      }),
    );
    const separators = 'a construct id writes "/" and a line break as "--"';
    expect(problems).toEqual([
      `roles: "a/b" and "a--b" would be one construct ("role-a--b": ${separators}); rename one`,
      `roles: "a/b" and "a\\nb" would be one construct ("role-a--b": ${separators}); rename one`,
      'users: "a.b@example.test" and "a-b@example.test" would be one construct ("user-a-b-example-test": the stack names a test user by the letters and digits of its e-mail); use another address for one',
    ]);
  });

  it("keeps roles whose names differ only in case apart: their construct ids differ too", () => {
    const model = variant((m) => m.roles.push({ name: "Unicorn-Rider", permissions: ["read:unicorn"] }));
    expect(resolveAccessModel(model, { env: ENV }).model.roles.map((r) => r.name)).toContain("Unicorn-Rider");
  });

  it("fails on a path that does not start with a slash, showing the fix", () => {
    const problems = problemsOf(variant((m) => (m.routes[0].path = "unicorn")));
    expect(problems).toEqual(['routes[0].path: "unicorn" must start with "/", e.g. "/unicorn"']);
  });

  it("fails on an unknown HTTP method, listing the supported ones", () => {
    const problems = problemsOf(variant((m) => (m.routes[0].method = "FETCH")));
    expect(problems).toEqual([
      'routes[0].method: "FETCH" is not a supported HTTP method; use one of GET, POST, PUT, PATCH, DELETE, HEAD (upper case)',
    ]);
  });

  it("fails on an OPTIONS route, which would break CORS preflight", () => {
    expect(problemsOf(variant((m) => (m.routes[0].method = "OPTIONS")))[0]).toMatch(/^routes\[0\]\.method: "OPTIONS" is not a supported/);
  });

  it("fails on a non-http(s) URL", () => {
    const problems = problemsOf(variant((m) => (m.spa.callbackUrls = ["ftp://localhost:3000/callback"])));
    expect(problems).toEqual(['spa.callbackUrls[0]: "ftp://localhost:3000/callback" is not an http(s) URL; write it as https://host/path']);
  });

  it("fails on a web origin with a path", () => {
    const problems = problemsOf(variant((m) => (m.spa.webOrigins = ["http://localhost:3000/app"])));
    expect(problems).toEqual([
      'spa.webOrigins[0]: "http://localhost:3000/app" is not an origin; give scheme, host and port only, e.g. http://localhost:3000',
    ]);
  });

  it("fails on an empty identifier", () => {
    const problems = problemsOf(variant((m) => (m.api.identifier = " ")));
    expect(problems).toEqual(["api.identifier: the API identifier (the audience) must not be empty"]);
  });

  it.each([
    ["https://x.eu.auth0.com/", "x.eu.auth0.com"],
    ["x.eu.auth0.com/", "x.eu.auth0.com"],
    ["x.eu.auth0.com/api/v2", "x.eu.auth0.com"],
    ["http://x.eu.auth0.com", "x.eu.auth0.com"],
  ])("fails on AUTH0_DOMAIN=%s and shows the right form", (domain, host) => {
    expect(problemsOf(defaultModel, { env: { AUTH0_DOMAIN: domain } })).toEqual([
      `AUTH0_DOMAIN: ${JSON.stringify(domain)} is not a bare tenant domain; give the host name only, without scheme, path or trailing slash: AUTH0_DOMAIN=${host}`,
    ]);
  });

  it("fails on a domain with a scheme in the model, naming tenant.domain", () => {
    const problems = problemsOf(
      variant((m) => (m.tenant.domain = "https://x.eu.auth0.com")),
      {},
    );
    expect(problems).toEqual([
      'tenant.domain: "https://x.eu.auth0.com" is not a bare tenant domain; give the host name only, without scheme, path or trailing slash: domain: "x.eu.auth0.com"',
    ]);
  });

  it(`fails on more than ${MAX_SCOPES_PER_ROUTE} scopes on a route`, () => {
    const names = Array.from({ length: 11 }, (_, i) => `p:${i}`);
    const problems = problemsOf(
      variant((m) => {
        m.permissions.push(...names.map((name) => ({ name, description: name })));
        m.routes[0].scopes = names;
      }),
    );
    expect(problems).toEqual(["routes[0].scopes: has 11 scopes, but API Gateway allows at most 10 per route; split the route or merge permissions"]);
  });

  it("fails on a permission name with whitespace, which would split in the scope claim", () => {
    const problems = problemsOf(variant((m) => (m.permissions[0].name = "read unicorn")));
    expect(problems[0]).toBe('permissions[0].name: "read unicorn" contains whitespace or non-ASCII characters; use a form like "read:orders"');
  });

  it("fails on a test user with an unknown role", () => {
    const problems = problemsOf(variant((m) => (m.users = [{ email: "rider@example.test", roles: ["unicorn-groom"] }])));
    expect(problems).toEqual([
      'users[0].roles[0]: user "rider@example.test" has unknown role "unicorn-groom"; declare it under roles (known: unicorn-trainer, unicorn-rider)',
    ]);
  });

  it("fails on a route without scopes: every route is protected", () => {
    expect(problemsOf(variant((m) => (m.routes[0].scopes = [])))[0]).toMatch(/^routes\[0\]\.scopes: a route needs at least one scope/);
  });

  it("fails on a route example that calls another path", () => {
    expect(problemsOf(variant((m) => (m.routes[0].example = "/unicorns?name=Gaia")))).toEqual([
      'routes[0].example: "/unicorns?name=Gaia" does not call /unicorn; write the path, then any query, e.g. "/unicorn?name=value"',
    ]);
  });

  it("fails on a path with a trailing slash or a greedy catch-all", () => {
    expect(problemsOf(variant((m) => (m.routes[0].path = "/unicorn/")))).toContain('routes[0].path: "/unicorn/" ends with "/"; write "/unicorn"');
    expect(problemsOf(variant((m) => (m.routes[0].path = "/{proxy+}")))[0]).toMatch(
      /greedy catch-all; with a JWT authorizer it also catches CORS preflight/,
    );
  });

  it("fails on an unknown field, so a typo is not silently ignored", () => {
    expect(problemsOf(variant((m) => (m.routes[0].scope = ["read:unicorn"])))).toContain('routes[0]: unknown field "scope"; did you mean "scopes"?');
  });

  it("fails on a route whose handler has no file", () => {
    try {
      resolveAccessModel(
        variant((m) => (m.routes[0].handler = "get-unicron")),
        { env: ENV, availableHandlers: ["get-unicorn", "list-unicorns"] },
      );
      throw new Error("accepted");
    } catch (err) {
      expect((err as ProblemsError).problems).toEqual([
        'routes[0].handler: no file lambda-src/get-unicron.ts for route "GET /unicorn"; create it or use one of: get-unicorn, list-unicorns',
      ]);
    }
  });

  it("reports every problem at once", () => {
    const problems = problemsOf(
      variant((m) => {
        m.routes[0].scopes = ["nope"];
        m.roles[0].permissions = ["also-nope"];
      }),
      { env: { AUTH0_DOMAIN: "https://x.eu.auth0.com/" } },
    );
    expect(problems).toHaveLength(3);
    expect(problems.map((p) => p.split(":")[0])).toEqual(["AUTH0_DOMAIN", "routes[0].scopes[0]", "roles[0].permissions[0]"]);
  });
});

describe("an external tenant's issuer", () => {
  it.each([
    ["https://x.eu.auth0.com", "https://x.eu.auth0.com/"],
    ["https://x.eu.auth0.com/", "https://x.eu.auth0.com/"],
    ["https://x.eu.auth0.com///", "https://x.eu.auth0.com/"],
    ["https://login.example.com/tenant", "https://login.example.com/tenant/"],
  ])("normalises %s to %s", (input, expected) => {
    expect(normaliseIssuer(input)).toBe(expected);
  });

  it("fails on an http issuer", () => {
    const problems = problemsOf(variant((m) => (m.externalTenant = { issuer: "http://x.eu.auth0.com/", audience: "https://api" })));
    expect(problems).toEqual(['externalTenant.issuer: "http://x.eu.auth0.com/" must use https (API Gateway fetches its keys over TLS)']);
  });

  it("switches the authorizer to the explicit values", () => {
    const { model } = resolveAccessModel(
      variant((m) => (m.externalTenant = { issuer: "https://other.us.auth0.com", audience: "https://api.other" })),
      { env: ENV },
    );
    expect(model.authorizer).toEqual({ kind: "explicit", issuer: "https://other.us.auth0.com/", audience: "https://api.other" });
  });
});

describe("every problem at once", () => {
  const handlers = ["get-unicorn", "list-unicorns"];
  const problemsWithHandlers = (model: unknown) => {
    try {
      resolveAccessModel(model, { env: ENV, availableHandlers: handlers });
    } catch (err) {
      if (err instanceof ProblemsError) return [...err.problems];
      throw err;
    }
    throw new Error("expected the model to be rejected");
  };

  it("reports a bad method, a scope typo and a missing handler in one run", () => {
    const problems = problemsWithHandlers(
      variant((m) => {
        m.routes[0].method = "get";
        m.routes[1].scopes = ["list:unicorn"];
        m.routes[1].handler = "list-unicorn";
      }),
    );
    expect(problems).toEqual([
      'routes[0].method: "get" is not a supported HTTP method; use one of GET, POST, PUT, PATCH, DELETE, HEAD (upper case)',
      'routes[1].scopes[0]: route "GET /unicorns" needs unknown permission "list:unicorn"; declare it under permissions (known: read:unicorn, list:unicorns)',
      'routes[1].handler: no file lambda-src/list-unicorn.ts for route "GET /unicorns"; create it or use one of: get-unicorn, list-unicorns',
    ]);
  });

  it("checks the scopes and handler of a route the schema refused, but not what it refused", () => {
    const problems = problemsWithHandlers(
      variant((m) => {
        m.routes[0].method = "FETCH";
        m.routes[0].scopes = ["read:unicorns"];
      }),
    );
    expect(problems).toEqual([
      'routes[0].method: "FETCH" is not a supported HTTP method; use one of GET, POST, PUT, PATCH, DELETE, HEAD (upper case)',
      'routes[0].scopes[0]: route routes[0] needs unknown permission "read:unicorns"; declare it under permissions (known: read:unicorn, list:unicorns)',
    ]);
  });

  it("suggests the nearest known field for a misspelt one, at any depth", () => {
    const problems = problemsWithHandlers(
      variant((m) => {
        m.rolez = m.roles;
        delete m.roles;
        m.spa.callbackUrl = m.spa.callbackUrls;
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        "roles: is missing; it is required (a list)",
        'model: unknown field "rolez"; did you mean "roles"?',
        'spa: unknown field "callbackUrl"; did you mean "callbackUrls"?',
      ]),
    );
  });

  it("never passes zod's own wording on", () => {
    const problems = problemsWithHandlers(
      variant((m) => {
        m.permissions = "read:unicorn";
        m.stage = { throttlingBurstLimit: -1, throttlingRateLimit: "fast" };
        m.api.tokenLifetimeSeconds = 10;
      }),
    );
    expect(problems).toEqual([
      "api.tokenLifetimeSeconds: must be at least 60",
      'permissions: must be a list, not string "read:unicorn"',
      "stage.throttlingBurstLimit: must be more than 0",
      'stage.throttlingRateLimit: must be a number, not string "fast"',
    ]);
    for (const p of problems) expect(p).not.toMatch(/Invalid input|expected \w+, received|Too (small|big)/);
  });
});
