// The Management API's request schemas (catalogue/auth0/*.ts, api/management.ts): a body the
// schema refuses is Auth0's 400 in its words, at POST and at PATCH alike, and nothing is kept.
import { ManagementApi } from "../src/auth0/api/management";
import { ServiceError } from "../src/service-rules";

const refusal = (f: () => unknown) => {
  try {
    f();
    return undefined;
  } catch (err) {
    if (err instanceof ServiceError) return `${err.status} ${err.code}: ${err.message}`;
    throw err;
  }
};
const NAME = "Friendly name for this resource server. Can not contain `<` or `>` characters.";

it("refuses a resource server's name over 200 characters, an identifier over 600, a token lifetime out of range", () => {
  const tenant = new ManagementApi("t.eu.auth0.com");
  expect(refusal(() => tenant.createResourceServer({ identifier: "https://a", name: "n".repeat(201) }))).toBe(
    `400 Bad Request: Payload validation error: 'String is too long (201 chars), maximum 200' on property name (${NAME}).`,
  );
  expect(refusal(() => tenant.createResourceServer({ identifier: "i".repeat(601) }))).toMatch(
    /^400 Bad Request: .*'String is too long \(601 chars\), maximum 600' on property identifier/,
  );
  expect(refusal(() => tenant.createResourceServer({ identifier: "https://a", token_lifetime: -1 }))).toMatch(
    /'Value -1 is less than minimum 0' on property token_lifetime/,
  );
  expect(refusal(() => tenant.createResourceServer({ identifier: "https://a", token_lifetime: 2592001 }))).toMatch(
    /'Value 2592001 is greater than maximum 2592000'/,
  );
  expect(refusal(() => tenant.createResourceServer({ identifier: "https://a", name: "<b>" }))).toBe(
    `400 Bad Request: Payload validation error: 'String does not match pattern ^[^<>]+$: <b>' on property name (${NAME}).`,
  );
  expect(tenant.listResourceServers()).toEqual([]);
  expect(refusal(() => tenant.createResourceServer({ identifier: "https://a", name: "n".repeat(200), token_lifetime: 2592000 }))).toBeUndefined();
});

it("refuses Proof-of-Possession without both its mechanism and whether it is required, at PATCH as at POST", () => {
  const tenant = new ManagementApi("t.eu.auth0.com");
  expect(refusal(() => tenant.createResourceServer({ identifier: "https://a", proof_of_possession: { required: true } }))).toBe(
    "400 Bad Request: Payload validation error: 'Missing required property: mechanism' on property proof_of_possession (Proof-of-Possession configuration for access tokens).",
  );
  const { id } = tenant.createResourceServer({ identifier: "https://a", proof_of_possession: { mechanism: "dpop", required: false } });
  expect(refusal(() => tenant.updateResourceServer(id, { proof_of_possession: { mechanism: "mtls" } }))).toMatch(
    /Missing required property: required/,
  );
  expect(tenant.getResourceServer(id).proof_of_possession).toEqual({ mechanism: "dpop", required: false });
});

it("refuses a client's name with < or > and refresh token lifetimes out of range, and a grant without an audience", () => {
  const tenant = new ManagementApi("t.eu.auth0.com");
  expect(refusal(() => tenant.createClient({ name: "a <b>" }))).toMatch(/'String does not match pattern \^\[\^<>\]\+\$: a <b>' on property name/);
  const { client_id } = tenant.createClient({ name: "app" });
  expect(
    refusal(() => tenant.updateClient(client_id, { refresh_token: { rotation_type: "rotating", expiration_type: "expiring", token_lifetime: 0 } })),
  ).toBe(
    "400 Bad Request: Payload validation error: 'Value 0 is less than minimum 1' on property refresh_token.token_lifetime (Period (in seconds) for which refresh tokens will remain valid).",
  );
  expect(refusal(() => tenant.createClientGrant({ client_id, audience: "", scope: [] }))).toBe(
    "400 Bad Request: Payload validation error: 'String is too short (0 chars), minimum 1' on property audience (The audience (API identifier) of this client grant).",
  );
  expect(tenant.listClientGrants()).toEqual([]);
});
