import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { handler as getUnicorn } from "../packages/offline/test/fixtures/unicorn-lambda-src/get-unicorn";
import { handler as listUnicorns } from "../packages/offline/test/fixtures/unicorn-lambda-src/list-unicorns";
import { withErrorHandling } from "../packages/offline/test/fixtures/unicorn-lambda-src/lib/http";
import { jwtEvent } from "../packages/offline/test/helpers/events";

const body = (r: { body: string }) => JSON.parse(r.body);

beforeEach(() => {
  jest.spyOn(console, "log").mockImplementation(() => undefined);
  jest.spyOn(console, "error").mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

describe("get-unicorn", () => {
  it("answers 200 with the unicorn's gift", async () => {
    const response = await getUnicorn(jwtEvent({ query: { name: "Gaia" } }));
    expect(response.statusCode).toBe(200);
    expect(response.headers!["content-type"]).toBe("application/json; charset=utf-8");
    expect(body(response)).toEqual({ name: "Gaia", gift: "Flight" });
  });

  it.each([
    ["missing", undefined],
    ["empty", { name: "" }],
    ["blank", { name: "   " }],
    ["over 64 characters", { name: "x".repeat(65) }],
    ["a control character", { name: "Ga\u0000ia" }],
    ["a newline", { name: "Gaia\nSet-Cookie: x" }],
  ])("answers 400 with a JSON message when the name is %s", async (_what, query) => {
    const response = await getUnicorn(jwtEvent({ query }));
    expect(response.statusCode).toBe(400);
    expect(response.headers!["content-type"]).toMatch(/^application\/json/);
    expect(body(response).message).toMatch(/"name"/);
  });

  it("accepts a name of exactly 64 characters", async () => {
    expect((await getUnicorn(jwtEvent({ query: { name: "x".repeat(64) } }))).statusCode).toBe(200);
  });

  it("logs who asked", async () => {
    await getUnicorn(jwtEvent({ query: { name: "Gaia" }, claims: { sub: "auth0|abc" } }));
    expect(JSON.parse((console.log as jest.Mock).mock.calls[0][0])).toMatchObject({ handler: "get-unicorn", sub: "auth0|abc", status: 200 });
  });
});

describe("list-unicorns", () => {
  it("answers 200 with the seed's three unicorns", async () => {
    const response = await listUnicorns(jwtEvent({ routeKey: "GET /unicorns" }));
    expect(response.statusCode).toBe(200);
    expect(response.headers!["content-type"]).toMatch(/^application\/json/);
    expect(body(response)).toEqual([
      { name: "Gaia", gift: "Speed" },
      { name: "Magestic", gift: "Magic" },
      { name: "Sparkles", gift: "Glitter" },
    ]);
  });
});

describe("an unexpected exception", () => {
  it("answers 500 with a generic body and logs the details only", async () => {
    const failing = withErrorHandling("boom", async () => {
      throw new Error("database password is hunter2");
    });
    const response = await failing(jwtEvent());
    expect(response.statusCode).toBe(500);
    expect(body(response)).toEqual({ message: "Internal Server Error" });
    expect(response.body).not.toContain("hunter2");
    expect((console.error as jest.Mock).mock.calls[0][0]).toContain("hunter2");
  });
});

it("keeps the fixtures' handlers apart from the user's: none imports lambda-src/ or the model", () => {
  const fixtures = join(__dirname, "fixtures");
  const imports = readdirSync(fixtures, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts"))
    .flatMap((file) =>
      [...readFileSync(join(fixtures, file), "utf8").matchAll(/from "([^"]+)"/g)].map((m) => [file, resolve(dirname(join(fixtures, file)), m[1])]),
    )
    .filter(([, target]) => target.startsWith(join(__dirname, "..", "lambda-src")) || target === join(__dirname, "..", "access-model"));
  expect(imports).toEqual([]);
});
