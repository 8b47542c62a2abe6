// Your handlers, called as API Gateway calls them after the JWT authorizer let a request in.
import { jwtEvent } from "@apigw-auth0-rbac/offline/testing";
import { onExecutePostLogin, ROLES_CLAIM } from "../actions/add-roles";
import { handler as getMe } from "../lambda-src/get-me";
import { handler as getUnicorn } from "../lambda-src/get-unicorn";
import { withErrorHandling } from "../lambda-src/lib/http";
import { handler as listUnicorns } from "../lambda-src/list-unicorns";

const body = (r: { body: string }) => JSON.parse(r.body);
const rider = { routeKey: "GET /unicorn", scopes: ["read:unicorn"] };

beforeEach(() => {
  jest.spyOn(console, "log").mockImplementation(() => undefined);
  jest.spyOn(console, "error").mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

describe("get-unicorn", () => {
  it("answers 200 with the unicorn from the stable", async () => {
    const response = await getUnicorn(jwtEvent({ ...rider, query: { name: "Gaia" } }));
    expect(response.statusCode).toBe(200);
    expect(response.headers!["content-type"]).toBe("application/json; charset=utf-8");
    expect(body(response)).toEqual({ name: "Gaia", gift: "Speed" });
  });

  it("answers 404 for a name the stable does not hold", async () => {
    const response = await getUnicorn(jwtEvent({ ...rider, query: { name: "x".repeat(64) } }));
    expect(response.statusCode).toBe(404);
    expect(body(response).message).toContain("no unicorn");
  });

  it.each([
    ["missing", undefined],
    ["empty", { name: "" }],
    ["blank", { name: "   " }],
    ["over 64 characters", { name: "x".repeat(65) }],
    ["a control character", { name: "Ga\u0000ia" }],
    ["a newline", { name: "Gaia\nSet-Cookie: x" }],
  ])("answers 400 with a JSON message when the name is %s", async (_what, query) => {
    const response = await getUnicorn(jwtEvent({ ...rider, query }));
    expect(response.statusCode).toBe(400);
    expect(response.headers!["content-type"]).toMatch(/^application\/json/);
    expect(body(response).message).toMatch(/"name"/);
  });

  it("logs who asked", async () => {
    await getUnicorn(jwtEvent({ ...rider, query: { name: "Gaia" }, claims: { sub: "auth0|abc" } }));
    expect(JSON.parse((console.log as jest.Mock).mock.calls[0][0])).toMatchObject({ handler: "get-unicorn", sub: "auth0|abc", status: 200 });
  });
});

describe("list-unicorns", () => {
  it("answers 200 with the stable's three unicorns", async () => {
    const response = await listUnicorns(jwtEvent({ routeKey: "GET /unicorns", scopes: ["list:unicorns"] }));
    expect(response.statusCode).toBe(200);
    expect(body(response)).toEqual([
      { name: "Gaia", gift: "Speed" },
      { name: "Magestic", gift: "Magic" },
      { name: "Sparkles", gift: "Glitter" },
    ]);
  });
});

describe("the add-roles Action and get-me", () => {
  it("puts the user's roles in the access token under the namespaced claim", async () => {
    const claims: Record<string, unknown> = {};
    await onExecutePostLogin(
      { authorization: { roles: ["unicorn-trainer", "unicorn-rider"] } },
      { accessToken: { setCustomClaim: (name, value) => (claims[name] = value) } },
    );
    expect(claims).toEqual({ "https://unicorns.example.com/roles": ["unicorn-trainer", "unicorn-rider"] });
  });

  it("answers with the roles as the JWT authorizer passes the claim ('[a b]')", async () => {
    const response = await getMe(
      jwtEvent({ routeKey: "GET /me", scopes: ["read:unicorn"], claims: { sub: "auth0|abc", [ROLES_CLAIM]: "[unicorn-trainer unicorn-rider]" } }),
    );
    expect(response.statusCode).toBe(200);
    expect(body(response)).toEqual({ sub: "auth0|abc", roles: ["unicorn-trainer", "unicorn-rider"] });
  });

  it("answers no roles for a token without the claim", async () => {
    const response = await getMe(jwtEvent({ routeKey: "GET /me", scopes: ["read:unicorn"], claims: { sub: "auth0|abc" } }));
    expect(body(response)).toEqual({ sub: "auth0|abc", roles: [] });
  });
});

describe("an unexpected exception", () => {
  it("answers 500 with a generic body and logs the details only", async () => {
    const failing = withErrorHandling("boom", async () => {
      throw new Error("database password is hunter2");
    });
    const response = await failing(jwtEvent(rider));
    expect(response.statusCode).toBe(500);
    expect(body(response)).toEqual({ message: "Internal Server Error" });
    expect(response.body).not.toContain("hunter2");
    expect((console.error as jest.Mock).mock.calls[0][0]).toContain("hunter2");
  });
});
