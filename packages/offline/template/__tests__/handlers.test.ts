// Your handlers, called as API Gateway calls them after the JWT authorizer let a request in.
import { jwtEvent } from "@apigw-auth0-rbac/offline/testing";
import { handler as hello } from "../lambda-src/hello";

it("greets the caller by the name asked for", async () => {
  const response = await hello(jwtEvent({ routeKey: "GET /hello", query: { name: "Ada" }, scopes: ["read:greeting"], claims: { sub: "auth0|ada" } }));
  expect(response.statusCode).toBe(200);
  expect(JSON.parse(response.body as string)).toEqual({ greeting: "Hello, Ada!", caller: "auth0|ada" });
});

it("greets the world when no name is given", async () => {
  const response = await hello(jwtEvent({ routeKey: "GET /hello", scopes: ["read:greeting"] }));
  expect(JSON.parse(response.body as string).greeting).toBe("Hello, world!");
});
