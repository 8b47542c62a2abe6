// What `npm start` prints: at most a screenful whatever the model's size (the URLs, the
// users and clients, a few requests that answer as commented when pasted), and every
// role × route request in a file beside it. Plain data in, text out. Every value in a command
// line (a role or client name, a URL, a method) is one single-quoted shell word (shellWord), every
// caller has a token variable of its own, and the banner is terminal text (terminal.ts).
import { shellWord, terminalText } from "@apigw-auth0-rbac/model/text";

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
  /**
   * With a tenant on an Auth0 custom domain (the issuer is then the custom domain's): its name,
   * the stand-in's port, and the stand-in's own issuer, which stands for the tenant's own domain.
   */
  readonly customDomain?: { readonly name: string; readonly port: number; readonly ownIssuer: string };
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
function requestPath(route: BannerRoute): string {
  return route.example ?? route.path.replace(/\{([^}]+?)\+?\}/g, (_, name: string) => `example-${name}`);
}

/** A client by the model's name (what `--client` takes), with its Auth0 name when the environment qualifies it. */
const clientLabel = (c: BannerInput["clients"][number]) => (c.modelName && c.modelName !== c.name ? `${c.modelName} (Auth0: ${c.name})` : c.name);

/** A caller of the examples: how `npm run token` is asked for its token (`--role NAME`, `--client NAME`). */
interface Caller {
  readonly flag: "--role" | "--client";
  readonly name: string;
  readonly permissions: readonly string[];
}

/**
 * Each caller's token variable: TOKEN_ and its name in upper case, anything but letters and
 * digits made `_`; where two names make the same one (a-b and a_b, a role and a client of one
 * name), the later gets _2, _3… so no request is sent with another caller's token.
 */
function tokenVariables(callers: readonly Caller[]): Map<Caller, string> {
  const variables = new Map<Caller, string>();
  const taken = new Set<string>();
  for (const caller of callers) {
    const base = `TOKEN_${caller.name.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}`;
    let variable = base;
    for (let i = 2; taken.has(variable); i++) variable = `${base}_${i}`;
    taken.add(variable);
    variables.set(caller, variable);
  }
  return variables;
}

const tokenLine = (caller: Caller, variable: string) => `${variable}=$(npm run -s token -- ${caller.flag} ${shellWord(caller.name)})`;

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
  return { base: `http://${name}:${port}`, resolve: `--resolve ${shellWord(`${name}:${port}:127.0.0.1`)} ` };
}

function curl(target: Target, route: BannerRoute, variable: string | undefined, outcome: keyof typeof OUTCOME): string {
  const method = route.method === "GET" ? "" : `-X ${shellWord(route.method)} `;
  const auth = variable ? `-H "Authorization: Bearer $${variable}" ` : "";
  return `curl -i ${target.resolve}${method}${auth}${shellWord(`${target.base}${requestPath(route)}`)}   # ${OUTCOME[outcome]}`;
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
  const roles = roleNames.map((name): Caller => ({ flag: "--role", name, permissions: permissionsOf(name) }));
  const clients = input.m2m.map((c): Caller => ({ flag: "--client", name: c.modelName, permissions: c.permissions }));
  const variables = tokenVariables([...roles, ...clients]);
  const target = targetOf(input);
  const lines = [
    "",
    `Auth0 stand-in   ${input.issuer}   (issuer, trailing slash included)`,
    ...(input.customDomain
      ? [
          `                 https://${input.customDomain.name}/ when deployed: the tenant's custom domain; here by name at 127.0.0.1 (npm run token does; curl --resolve ${shellWord(`${input.customDomain.name}:${input.customDomain.port}:127.0.0.1`)}, a hosts-file line for a browser)`,
          `                 (${input.customDomain.ownIssuer} stands for the tenant's own domain: the API refuses its tokens, 401)`,
        ]
      : []),
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
  const shown = [
    ...roles.slice(0, EXAMPLE_ROLES).map((caller) => ({ caller, routes: 2 })),
    ...clients.slice(0, 1).map((caller) => ({ caller, routes: 1 })),
  ];
  for (const { caller, routes } of shown) {
    const variable = variables.get(caller)!;
    lines.push(`  ${tokenLine(caller, variable)}`);
    for (const route of telling(caller.permissions, input.routes).slice(0, routes))
      lines.push(`  ${curl(target, route, variable, outcome(caller.permissions, route))}`);
  }
  if (input.routes[0]) lines.push(`  ${curl(target, input.routes[0], undefined, "anonymous")}`);
  lines.push(`Every role and client against every route: ${input.examplesFile} (and npm run access measures them all).`, "");
  // The banner goes to a terminal: a name's control characters are shown there, and kept in the file.
  return { text: terminalText(lines.join("\n")), examples: fullList(input, variables) };
}

/** Every role and client against every route, each request with the answer it gets. */
function fullList(input: BannerInput, variables: ReadonlyMap<Caller, string>): string {
  const lines = ["#!/bin/sh", "# Written by npm start: every role and client against every route, with what the authorizer does.", ""];
  for (const [caller, variable] of variables) {
    lines.push(tokenLine(caller, variable));
    for (const route of input.routes) lines.push(curl(targetOf(input), route, variable, outcome(caller.permissions, route)));
    lines.push("");
  }
  return `${lines.join("\n")}\n`;
}
