// Your handlers, called as API Gateway calls them after the JWT authorizer let a request in.
import { jwtEvent } from "@apigw-auth0-rbac/offline/testing";
import { onExecutePostLogin, ROLES_CLAIM } from "../actions/add-roles";
import { handler as hello } from "../lambda-src/hello";
import { handler as me } from "../lambda-src/me";

it("greets the caller by the name asked for", async () => {
  const response = await hello(jwtEvent({ routeKey: "GET /hello", query: { name: "Ada" }, scopes: ["read:greeting"], claims: { sub: "auth0|ada" } }));
  expect(response.statusCode).toBe(200);
  expect(JSON.parse(response.body as string)).toEqual({ greeting: "Hello, Ada!", caller: "auth0|ada" });
});

it("greets the world when no name is given", async () => {
  const response = await hello(jwtEvent({ routeKey: "GET /hello", scopes: ["read:greeting"] }));
  expect(JSON.parse(response.body as string).greeting).toBe("Hello, world!");
});

it("puts the user's roles in the access token under the namespaced claim (the add-roles Action)", async () => {
  const claims: Record<string, unknown> = {};
  await onExecutePostLogin({ authorization: { roles: ["reader"] } }, { accessToken: { setCustomClaim: (name, value) => (claims[name] = value) } });
  expect(claims).toEqual({ "https://hello.example.com/roles": ["reader"] });
});

it("answers GET /me with the roles as the JWT authorizer passes the claim ('[a b]')", async () => {
  const response = await me(jwtEvent({ routeKey: "GET /me", scopes: ["read:greeting"], claims: { sub: "auth0|ada", [ROLES_CLAIM]: "[reader]" } }));
  expect(JSON.parse(response.body as string)).toEqual({ caller: "auth0|ada", roles: ["reader"] });
});
