// The shape of a local cloud document, checked when it is loaded: each service's part is an
// object, its records are objects, and the fields its code relies on (a list it appends to, a
// string it compares or hashes) have the type it wrote. A hand-edited document that differs is
// refused with the first difference, rather than answering TypeErrors or losing writes. Only
// what the code itself sets or checks at its inputs is required: a field a client may send in
// any type is left to the client.

/** The problem with `value` at `at`, or undefined when it has the shape. */
type Check = (value: unknown, at: string) => string | undefined;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const kindOf = (v: unknown) => (v === undefined ? "missing" : v === null ? "null" : Array.isArray(v) ? "an array" : `a ${typeof v}`);
const first = (problems: Iterable<string | undefined>) => {
  for (const p of problems) if (p) return p;
  return undefined;
};

const str: Check = (v, at) => (typeof v === "string" ? undefined : `${at} is ${kindOf(v)}, not a string`);
const num: Check = (v, at) => (typeof v === "number" && Number.isFinite(v) ? undefined : `${at} is ${kindOf(v)}, not a number`);
const bool: Check = (v, at) => (typeof v === "boolean" ? undefined : `${at} is ${kindOf(v)}, not a boolean`);
const optional =
  (check: Check): Check =>
  (v, at) =>
    v === undefined ? undefined : check(v, at);
const arrayOf =
  (check: Check): Check =>
  (v, at) =>
    Array.isArray(v) ? first(v.map((e, i) => check(e, `${at}[${i}]`))) : `${at} is ${kindOf(v)}, not an array`;
/** An object; `fields` are checked, any other field is left as it is. */
const object =
  (fields: Readonly<Record<string, Check>> = {}): Check =>
  (v, at) =>
    isObject(v) ? first(Object.entries(fields).map(([k, check]) => check(v[k], `${at}.${k}`))) : `${at} is ${kindOf(v)}, not an object`;
/** Objects by key (an id or a name): each entry checked alike. */
const recordOf =
  (check: Check): Check =>
  (v, at) =>
    isObject(v) ? first(Object.entries(v).map(([k, e]) => check(e, `${at}[${JSON.stringify(k)}]`))) : `${at} is ${kindOf(v)}, not an object`;

/** Each service's part by its name before "/" (the region, for a regional service): what its code relies on. */
const SERVICES = new Map<string, Check>([
  [
    "apigatewayv2",
    object({
      apis: recordOf(
        object({
          api: object(),
          implicit: optional(bool),
          authorizers: recordOf(object()),
          integrations: recordOf(object()),
          routes: recordOf(object()),
          stages: recordOf(object()),
        }),
      ),
    }),
  ],
  ["apigatewayv2-domains", object({ domains: recordOf(object({ mappings: object() })) })],
  ["lambda", object({ functions: recordOf(object({ Configuration: optional(object()), CodeBlob: optional(str), statements: arrayOf(object()) })) })],
  ["iam", object({ roles: recordOf(object({ Role: object(), policies: recordOf(str), implicit: optional(bool) })) })],
  ["logs", object({ groups: recordOf(object({ logGroupName: str })) })],
  [
    "acm",
    object({
      certificates: recordOf(
        object({ Status: str, DomainValidationOptions: arrayOf(object({ ResourceRecord: optional(object({ Name: str, Value: str })) })) }),
      ),
    }),
  ],
  [
    "s3",
    object({
      buckets: recordOf(
        object({
          region: str,
          objects: recordOf(object({ blob: str, size: num, etag: str, lastModified: str, contentType: str, checksums: recordOf(str) })),
        }),
      ),
    }),
  ],
  ["route53", object({ records: recordOf(recordOf(object({ ResourceRecords: optional(arrayOf(object({ Value: str }))) }))) })],
  [
    "auth0",
    object({
      resourceServers: recordOf(object({ id: str })),
      roles: recordOf(object({ id: str, permissions: arrayOf(object({ permission_name: str, resource_server_identifier: str })) })),
      clients: recordOf(object()),
      clientGrants: recordOf(object()),
      users: recordOf(object({ user_id: str, roles: arrayOf(str), password_hash: optional(str) })),
      signingKey: optional(object()),
      actions: optional(recordOf(object({ id: str, secret_values: object() }))),
      bindings: optional(recordOf(arrayOf(object({ action_id: str })))),
    }),
  ],
]);

/** The first way `services` differs from what this checkout writes; undefined when it does not. */
export function shapeProblem(services: unknown): string | undefined {
  if (!isObject(services)) return `services is ${kindOf(services)}, not an object`;
  return first(
    Object.entries(services).map(([name, part]) => (SERVICES.get(name.split("/")[0]) ?? object())(part, `services[${JSON.stringify(name)}]`)),
  );
}
