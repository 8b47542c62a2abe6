// Names as AWS and Auth0 allow them for each kind, mixed with what a red team sends (line breaks,
// HTML comments, backticks, $(…), quotes, __proto__, terminal sequences, code that marks a global
// when it runs), and the console-built setup npm run adopt would find holding them.
import fc from "fast-check";
import type { FoundApi, FoundTenant } from "../../src/adopt/read";

/** A global that code smuggled into generated TypeScript sets if it ever runs. */
export const INJECTED = "__namesInjected";

const HOSTILE = [
  "\n",
  "\r\n",
  "\r",
  "<!--",
  "-->",
  "`",
  "```",
  "$(touch pwned)",
  "`touch pwned`",
  "'",
  '"',
  "__proto__",
  "constructor",
  "\u001b[2J",
  "\u001b",
  "\u009b31m",
  "|",
  "**",
  "_",
  "[x](https://evil.example)",
  "<b>",
  "&amp;",
  "#",
  "\\",
  ",",
  ", ",
  "- ",
  "${x}",
  `"+(globalThis.${INJECTED}=1)+"`,
  `\nglobalThis.${INJECTED}=1;//`,
  "*/",
  "\u2028",
  "\u2029",
];

/** Free text (Auth0 role and application names, runtimes, refs, file names): no NUL, which no shell or file name holds. */
const freeText = fc
  .array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: "grapheme", minLength: 1, maxLength: 6 })), { minLength: 1, maxLength: 5 })
  .map((parts) => parts.join(""));

/** A role name as the model keeps it: free text, trimmed (the model trims it), not empty; __proto__ often. */
const roleName = fc.oneof(
  fc.constantFrom("__proto__", "constructor", "toString", "My Role - (Managed by Terraform)"),
  freeText.map((s) => s.trim()).filter((s) => s !== ""),
);

/**
 * A Lambda function name: letters, digits, - and _. Up to 40 of them: adopt names the handler
 * after the function, and the model's function name (the API's prefix and the handler) holds 64.
 */
const functionName = fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/);

/** A permission: printable ASCII without spaces (the model's rule: scopes travel space-separated). */
const permissionName = fc.oneof(
  fc.constantFrom("read:`<!--`", "__proto__", "$(id)", "a|b", "'\"", "[x](y)", "**x**"),
  fc.string({ unit: fc.constantFrom(...Array.from({ length: 94 }, (_, i) => String.fromCharCode(0x21 + i))), minLength: 1, maxLength: 12 }),
);

/** A route path as API Gateway takes it: segments of its characters, or {parameters}. */
const segment = fc.oneof(
  fc.string({ unit: fc.constantFrom(..."abcXYZ019-._~!$&'()*+,;=:@"), minLength: 1, maxLength: 8 }),
  fc.stringMatching(/^[a-z]{1,6}$/).map((p) => `{${p}}`),
);
const routePath = fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => `/${s.join("/")}`);

export interface Names {
  readonly roles: readonly { readonly name: string; readonly id: string }[];
  readonly permissions: readonly string[];
  readonly spa: string;
  readonly clients: readonly string[];
  readonly routes: readonly { readonly path: string; readonly fn: string; readonly runtime: string; readonly handler: string }[];
  readonly ref: string;
  readonly files: readonly string[];
  readonly output: string;
}

export const names: fc.Arbitrary<Names> = fc.record({
  roles: fc.uniqueArray(fc.record({ name: roleName, id: freeText.map((s) => `rol_${s.trim()}`) }), {
    minLength: 1,
    maxLength: 3,
    selector: (r) => r.name,
  }),
  permissions: fc.uniqueArray(permissionName, { minLength: 1, maxLength: 3 }),
  // Auth0 refuses < and > in an application's name.
  spa: freeText.map((s) => s.replace(/[<>]/g, "").trim()).filter((s) => s !== ""),
  // adopt describes an application as "Adopted from Auth0: <name>", and Auth0 holds 140 bytes of description.
  clients: fc.array(
    freeText.filter((s) => Buffer.byteLength(s) <= 100),
    { maxLength: 2 },
  ),
  routes: fc.uniqueArray(fc.record({ path: routePath, fn: functionName, runtime: freeText, handler: freeText }), {
    minLength: 1,
    maxLength: 3,
    // API Gateway refuses routes that differ only in their parameters' names.
    selector: (r) => r.path.replace(/\{[^}]*\}/g, "{}"),
  }),
  ref: freeText,
  files: fc.array(freeText, { maxLength: 2 }),
  output: freeText,
});

const IDENTIFIER = "https://api.example.com";
const arnOf = (fn: string) => `arn:aws:lambda:us-east-1:123456789012:function:${fn}`;

/** What adopt reads from a console-built setup holding `n`: every role and client granted a permission, a route per path. */
export function setupOf(n: Names): { tenant: FoundTenant; api: FoundApi } {
  const permission = (i: number) => n.permissions[i % n.permissions.length];
  const tenant: FoundTenant = {
    resourceServer: { id: "rs1", identifier: IDENTIFIER, name: "API", scopes: n.permissions.map((value) => ({ value, description: value })) },
    roles: n.roles.map((r, i) => ({ role: { id: r.id, name: r.name }, permissions: [permission(i)] })),
    clients: [
      { client_id: "spa1", name: n.spa, app_type: "spa", callbacks: ["http://localhost:3000/callback"], web_origins: ["http://localhost:3000"] },
      ...n.clients.map((name, i) => ({ client_id: `m2m${i}`, name, app_type: "non_interactive" })),
    ],
    grants: n.clients.map((_, i) => ({ id: `cgr_${i}`, client_id: `m2m${i}`, audience: IDENTIFIER, scope: [permission(i)] })),
    users: [],
  };
  const api: FoundApi = {
    api: { ApiId: "api1", Name: "API" },
    authorizers: [
      {
        AuthorizerId: "au1",
        Name: "auth0-jwt",
        AuthorizerType: "JWT",
        IdentitySource: ["$request.header.Authorization"],
        JwtConfiguration: { Issuer: "https://t.eu.auth0.com/", Audience: [IDENTIFIER] },
      },
    ],
    routes: n.routes.map((r, i) => ({
      RouteId: `r${i}`,
      RouteKey: `GET ${r.path}`,
      AuthorizationType: "JWT",
      AuthorizerId: "au1",
      AuthorizationScopes: [permission(i)],
      Target: `integrations/i${i}`,
    })),
    integrations: n.routes.map((r, i) => ({ IntegrationId: `i${i}`, IntegrationType: "AWS_PROXY", IntegrationUri: arnOf(r.fn) })),
    stages: [{ StageName: "$default" }],
    functions: new Map(n.routes.map((r) => [arnOf(r.fn), { FunctionName: r.fn, Runtime: r.runtime, Handler: r.handler }])),
  };
  return { tenant, api };
}
