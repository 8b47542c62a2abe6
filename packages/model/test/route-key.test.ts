// Route keys as values: every name derived from one is unique to it, so no two routes of a
// model can collide as constructs or as Lambda permission statements.
import fc from "fast-check";
import { type ProblemsError, resolveAccessModel, RouteKey } from "../src";
import { probeModel } from "./fixtures/probe-model";

describe("RouteKey", () => {
  it("parses and prints API Gateway's form", () => {
    const key = RouteKey.parse("GET /reports/{month}");
    expect([key.method, key.path, key.toString(), key.arnPath]).toEqual(["GET", "/reports/{month}", "GET /reports/{month}", "/reports/*"]);
    expect(() => RouteKey.parse("GET reports")).toThrow('route key "GET reports" must look like "GET /path"');
    expect(() => RouteKey.parse("FETCH /x")).toThrow('route method "FETCH" must be one of');
  });

  it("keeps the seed's names readable and as they were", () => {
    expect(RouteKey.parse("GET /unicorn").constructId).toBe("GET_unicorn");
    expect(RouteKey.parse("GET /unicorn").statementId).toBe("apigw-GET-unicorn");
  });

  it.each([
    ["GET /a-b", "GET /a/b"],
    ["GET /a_b", "GET /a/b"],
    ["GET /a-b", "GET /a_b"],
    ["GET /a.b", "GET /a/b"],
  ])("gives %s and %s different construct and statement ids", (a, b) => {
    const [x, y] = [RouteKey.parse(a), RouteKey.parse(b)];
    expect(x.constructId).not.toBe(y.constructId);
    expect(x.statementId).not.toBe(y.statementId);
  });

  it("never gives two different route keys the same construct id, or two shapes the same statement id", () => {
    const segment = fc.string({ unit: fc.constantFrom(..."ab-_.{}+~%1"), minLength: 1, maxLength: 6 });
    const key = fc
      .tuple(fc.constantFrom("GET", "POST"), fc.array(segment, { minLength: 1, maxLength: 4 }))
      .map(([m, s]) => RouteKey.of(m, `/${s.join("/")}`));
    fc.assert(
      fc.property(key, key, (x, y) => {
        if (x.toString() !== y.toString()) expect(x.constructId).not.toBe(y.constructId);
        if (`${x.method} ${x.arnPath}` !== `${y.method} ${y.arnPath}`) expect(x.statementId).not.toBe(y.statementId);
        expect(x.statementId).toMatch(/^[A-Za-z0-9_-]{1,100}$/);
      }),
      { numRuns: 2000 },
    );
  });

  it("keeps statement ids within Lambda's 100 characters", () => {
    const id = RouteKey.of("GET", `/${"segment/".repeat(20)}end`).statementId;
    expect(id.length).toBeLessThanOrEqual(100);
    expect(id).not.toBe(RouteKey.of("GET", `/${"segment/".repeat(20)}other`).statementId);
  });
});

describe("a model whose routes would have collided", () => {
  it("is refused when two routes differ only in parameter names, naming both", () => {
    const model = {
      ...probeModel,
      routes: [
        { method: "GET", path: "/items/{id}", handler: "echo", scopes: ["probe:read"] },
        { method: "GET", path: "/items/{itemId}", handler: "echo", scopes: ["probe:read"] },
      ],
    };
    let problems: readonly string[] = [];
    try {
      resolveAccessModel(model, { env: {} });
    } catch (err) {
      problems = (err as ProblemsError).problems;
    }
    expect(problems).toContain(
      'routes[1]: "GET /items/{itemId}" and "GET /items/{id}" differ only in parameter names, which API Gateway refuses as conflicting routes; use one route with one parameter name',
    );
  });
});
