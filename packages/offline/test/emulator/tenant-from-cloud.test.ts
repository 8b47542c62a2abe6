// A tenant read from the local cloud as it is: users Auth0 allows without an email (an SMS or
// passwordless connection needs only a phone number) are left out of the stand-in's logins,
// said as a warning, and the rest of the tenant is served.
import { ManagementApi, memoryStore } from "@apigw-auth0-rbac/local-providers/cloud";
import { tenantFromCloud } from "../../src/emulator/deployment/from-cloud";
import { standInUsers } from "../../src/emulator/auth0/directory";

it("leaves a user without an email out, with a warning naming it, and keeps the others", () => {
  const store = memoryStore();
  const tenant = new ManagementApi("", store);
  tenant.createResourceServer({ identifier: "https://sms.example.test", name: "SMS API", scopes: [{ value: "read:x" }] });
  tenant.createUser({ connection: "Username-Password-Authentication", email: "ada@example.test", password: "a long password 1" });
  tenant.createUser({ connection: "sms", phone_number: "+15555550100", user_id: "sms-user" });
  const warnings: string[] = [];
  const definition = tenantFromCloud(store, "https://sms.example.test", (w) => warnings.push(w));
  expect(definition.users.map((u) => u.email)).toEqual(["ada@example.test"]);
  expect(warnings).toEqual([
    'the tenant\'s user "auth0|sms-user" has no email (an SMS or passwordless user): the stand-in logs users in by email and password, so it is left out',
  ]);
  expect(() => standInUsers(definition)).not.toThrow();
});
