// What `npm start` prints: at most a screenful whatever the model's size (the URLs, the
// users and clients, a few requests that answer as commented when pasted), and every
// role × route request in a file beside it. Plain data in, text out.

export interface BannerRoute {
  readonly routeKey: string;
  readonly method: string;
  readonly path: string;
  readonly scopes: readonly string[];
  /** The model's example request path (with query), if it gives one. */
  readonly example?: string;
}

export interface BannerInput {
  readonly issuer: string;
  readonly apiUrl: string;
  /**
   * With a custom domain whose API disables its execute-api endpoint: the host name it answers on
   * and the emulator's port. Requests then name the host (curl --resolve) and 127.0.0.1 answers 403.
   */
  readonly domain?: { readonly name: string; readonly port: number };
  /** The test app's URL, or why it is not served. */
  readonly spa: string;
  readonly audience: string;
  readonly users: readonly { readonly email: string; readonly password: string; readonly roles: readonly string[] }[];
  /** The tenant's clients: their Auth0 name, and for the model's own the name `npm run token -- --client` takes. */
  readonly clients: readonly {
    readonly name: string;
    readonly modelName?: string;
    readonly clientId: string;
    readonly grantTypes: readonly string[];
  }[];
  /** Machine-to-machine clients by the model's name, and the permissions their grant holds. */
  readonly m2m: readonly { readonly modelName: string; readonly permissions: readonly string[] }[];
  readonly roles: readonly { readonly name: string; readonly permissions: readonly string[] }[];
  readonly routes: readonly BannerRoute[];
  /** Where the full list of requests is written (shown relative to the project). */
  readonly examplesFile: string;
  /** Where the passwords of every user are (the session file). */
  readonly sessionFile: string;
}

const MAX_USERS = 8;
const MAX_CLIENTS = 5;
const EXAMPLE_ROLES = 2;

/** The path a route's example request uses: the model's example, or the path with its parameters filled in. */
export function requestPath(route: BannerRoute): string {
  return route.example ?? route.path.replace(/\{([^}]+?)\+?\}/g, (_, name: string) => `example-${name}`);
}

/** A client by the model's name (what `--client` takes), with its Auth0 name when the environment qualifies it. */
const clientLabel = (c: BannerInput["clients"][number]) => (c.modelName && c.modelName !== c.name ? `${c.modelName} (Auth0: ${c.name})` : c.name);

const variableFor = (name: string) => `TOKEN_${name.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}`;

/** What the authorizer answers: the handler's own answer when the token holds a scope of the route. */
const OUTCOME = { allowed: "allowed: the handler answers", refused: "403: no scope of the route", anonymous: "401: no token" } as const;

/** Where requests go: the emulator's address, or the domain's name resolved to it as curl --resolve does. */
interface Target {
  readonly base: string;
  readonly resolve: string;
}

function targetOf(input: BannerInput): Target {
  if (!input.domain) return { base: input.apiUrl, resolve: "" };
  const { name, port } = input.domain;
  return { base: `http://${name}:${port}`, resolve: `--resolve ${name}:${port}:127.0.0.1 ` };
}

function curl(target: Target, route: BannerRoute, variable: string | undefined, outcome: keyof typeof OUTCOME): string {
  const method = route.method === "GET" ? "" : `-X ${route.method} `;
  const auth = variable ? `-H "Authorization: Bearer $${variable}" ` : "";
  return `curl -i ${target.resolve}${method}${auth}"${target.base}${requestPath(route)}"   # ${OUTCOME[outcome]}`;
}

const allows = (permissions: readonly string[], route: BannerRoute) => route.scopes.some((s) => permissions.includes(s));
const outcome = (permissions: readonly string[], route: BannerRoute) => (allows(permissions, route) ? "allowed" : "refused");

/** A route `permissions` can call, and one it cannot (when there is one): what shows a role's access. */
function telling(permissions: readonly string[], routes: readonly BannerRoute[]): BannerRoute[] {
  const allowed = routes.find((r) => allows(permissions, r));
  const refused = routes.find((r) => !allows(permissions, r));
  return [allowed, refused].filter((r): r is BannerRoute => r !== undefined);
}

function more(shown: number, total: number, where: string): string[] {
  return total > shown ? [`  … and ${total - shown} more (${where})`] : [];
}

export function startBanner(input: BannerInput): { text: string; examples: string } {
  const roleNames = [...new Set(input.users.flatMap((u) => u.roles))];
  const permissionsOf = (role: string) => input.roles.find((r) => r.name === role)?.permissions ?? [];
  const target = targetOf(input);
  const lines = [
    "",
    `Auth0 stand-in   ${input.issuer}   (issuer, trailing slash included)`,
    `HTTP API         ${target.base}   (${input.routes.length} route${input.routes.length === 1 ? "" : "s"})`,
    ...(input.domain
      ? [
          `                 https://${input.domain.name} when deployed; here call it by name: curl ${target.resolve.trim()}`,
          `                 (${input.apiUrl} answers 403, as the disabled execute-api endpoint does)`,
        ]
      : []),
    `Test app         ${input.spa}`,
    `audience         ${input.audience}`,
    "",
    "Users (passwords are new at every start):",
    ...input.users.slice(0, MAX_USERS).map((u) => `  ${u.email.padEnd(34)} ${u.password}   roles: ${u.roles.join(", ")}`),
    ...more(MAX_USERS, input.users.length, `their passwords: ${input.sessionFile}`),
    "",
    "Clients:",
    ...input.clients.slice(0, MAX_CLIENTS).map((c) => `  ${clientLabel(c).padEnd(34)} ${c.clientId}   grants: ${c.grantTypes.join(", ")}`),
    ...more(MAX_CLIENTS, input.clients.length, input.sessionFile),
    "",
    "Try it (each answers as commented):",
  ];
  for (const role of roleNames.slice(0, EXAMPLE_ROLES)) {
    lines.push(`  ${variableFor(role)}=$(npm run -s token -- --role ${role})`);
    for (const route of telling(permissionsOf(role), input.routes))
      lines.push(`  ${curl(target, route, variableFor(role), outcome(permissionsOf(role), route))}`);
  }
  const client = input.m2m[0];
  if (client) {
    lines.push(`  ${variableFor(client.modelName)}=$(npm run -s token -- --client ${client.modelName})`);
    for (const route of telling(client.permissions, input.routes).slice(0, 1))
      lines.push(`  ${curl(target, route, variableFor(client.modelName), outcome(client.permissions, route))}`);
  }
  if (input.routes[0]) lines.push(`  ${curl(target, input.routes[0], undefined, "anonymous")}`);
  lines.push(`Every role and client against every route: ${input.examplesFile} (and npm run access measures them all).`, "");
  return { text: lines.join("\n"), examples: fullList(input, roleNames, permissionsOf) };
}

/** Every role and client against every route, each request with the answer it gets. */
function fullList(input: BannerInput, roleNames: readonly string[], permissionsOf: (role: string) => readonly string[]): string {
  const callers = [
    ...roleNames.map((role) => ({ variable: variableFor(role), fetch: `--role ${role}`, permissions: permissionsOf(role) })),
    ...input.m2m.map((c) => ({ variable: variableFor(c.modelName), fetch: `--client ${c.modelName}`, permissions: c.permissions })),
  ];
  const lines = ["#!/bin/sh", "# Written by npm start: every role and client against every route, with what the authorizer does.", ""];
  for (const caller of callers) {
    lines.push(`${caller.variable}=$(npm run -s token -- ${caller.fetch})`);
    for (const route of input.routes) lines.push(curl(targetOf(input), route, caller.variable, outcome(caller.permissions, route)));
    lines.push("");
  }
  return `${lines.join("\n")}\n`;
}
