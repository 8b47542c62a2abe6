// Who can call what, measured: every role (through a user holding it) and every
// machine-to-machine client against every route of the running system, with a real token
// from the stand-in and a real request to the emulated API. Nothing here reads the model;
// the answer is whatever the synthesized stacks do.
import { Agent, request } from "node:http";
import {
  markdownCode,
  markdownList,
  markdownTableRow,
  readMarkdownCode,
  readMarkdownList,
  readMarkdownTableRow,
  terminalText,
} from "@apigw-auth0-rbac/model/text";
import type { LocalSystem } from "./local-system";
import { standInClientToken, standInToken } from "./auth0/token-client";

export interface AccessRow {
  /** "role unicorn-rider" or "client unicorn-census" */
  readonly caller: string;
  /** routeKey → allowed (2xx) or refused (403), as measured. */
  readonly routes: Readonly<Record<string, "allowed" | "refused">>;
}

export interface AccessMatrix {
  readonly routes: readonly string[];
  readonly rows: readonly AccessRow[];
}

/** A request path for a route: each path parameter becomes "example". */
function samplePath(path: string): string {
  return path.replace(/\{[^}]+\}/g, "example");
}

/** How many requests are in flight at once while measuring: enough to keep the emulator busy. */
const IN_FLIGHT = 8;

export async function measureAccess(system: LocalSystem): Promise<AccessMatrix> {
  const routes = [...system.routes].sort((a, b) => a.routeKey.localeCompare(b.routeKey));
  const callers = await Promise.all(callersOf(system).map(async ({ caller, token }) => ({ caller, token: await token() })));
  const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  const outcomes = new Map(callers.map(({ caller }) => [caller, {} as Record<string, "allowed" | "refused">]));
  const work = callers.flatMap(({ caller, token }) => routes.map((route) => ({ caller, token, route })));
  try {
    let next = 0;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < work.length) {
          const { caller, token, route } = work[next++];
          const status = await call(system.api, route, token, agent);
          if (status === 401) throw new Error(`${route.routeKey} answered 401 to ${caller}'s valid token: the authorizer and the tenant disagree`);
          // Past the authorizer: the handler answered, whatever it thought of the sample request.
          outcomes.get(caller)![route.routeKey] = status === 403 ? "refused" : "allowed";
        }
      }),
    );
  } finally {
    agent.destroy();
  }
  return { routes: routes.map((r) => r.routeKey), rows: callers.map(({ caller }) => ({ caller, routes: outcomes.get(caller)! })) };
}

/** Every role (through a user holding it) and every machine-to-machine client, with how to get its token. */
function callersOf(system: LocalSystem): { caller: string; token: () => Promise<string> }[] {
  const roles = [...system.tenant.roles].map((r) => r.name).sort();
  const callers = roles.map((role) => ({
    caller: `role ${role}`,
    token: () => {
      // A user holding exactly this role when there is one (the demo users do).
      const user =
        system.auth0.users.find((u) => u.roles.length === 1 && u.roles[0] === role) ?? system.auth0.users.find((u) => u.roles.includes(role));
      if (!user) throw new Error(`no user of the stand-in holds role ${role}`);
      // What an app configured from spa_auth_config requests.
      return standInToken(system.auth0, user, system.spaScope);
    },
  }));
  // Named as in the model, without the environment the Auth0 name carries: every environment's matrix reads alike.
  const clients = system.auth0.clients.filter((c) => c.clientSecret).map((c) => ({ ...c, shortName: c.modelName ?? c.name }));
  for (const client of clients.sort((a, b) => a.shortName.localeCompare(b.shortName))) {
    // Everything its client grant holds: what a service asking without a scope gets.
    callers.push({ caller: `client ${client.shortName}`, token: () => standInClientToken(system.auth0, client) });
  }
  return callers;
}

/** A route called as a client calls it: on the API's custom domain when it answers there only (the Host sent). */
function call(api: { url: string; host?: string }, route: { method: string; path: string }, token: string, agent: Agent): Promise<number> {
  const apiUrl = api.url;
  const body = ["GET", "HEAD"].includes(route.method) ? undefined : "{}";
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      ...(api.host ? { host: api.host } : {}),
      ...(body ? { "content-type": "application/json", "content-length": "2" } : {}),
    };
    const req = request(`${apiUrl}${samplePath(route.path)}`, { method: route.method, agent, headers }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode!));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** The line that names the callers: its list ends where the last CALLERS_END starts, so a name holding these words reads back whole. */
const CALLERS = "Callers: ";
const CALLERS_END = ". Each route lists those allowed";

/**
 * The access matrix as Markdown, one row per route listing who may call it, so that a
 * change of access is a change of that route's line, and the table stays readable at
 * hundreds of routes. Everyone not listed is refused (403). Callers and routes are written
 * through markdown.ts: they show as their text, and parseAccessMarkdown reads them back.
 */
export function accessMarkdown(matrix: AccessMatrix): string {
  const callers = matrix.rows.map((r) => r.caller);
  const lines = [
    `${CALLERS}${markdownList(callers)}${CALLERS_END}; the others are refused (403).`,
    "",
    "| route | allowed |",
    "|---|---|",
    ...matrix.routes.map((route) => markdownTableRow([markdownCode(route), markdownList(allowedOn(matrix, route)) || "nobody"])),
  ];
  return lines.join("\n");
}

const allowedOn = (matrix: AccessMatrix, route: string) => matrix.rows.filter((r) => r.routes[route] === "allowed").map((r) => r.caller);

/** The same, for a terminal (terminal.ts: no control character of a name is sent): one line per route, then who may call it. */
export function accessText(matrix: AccessMatrix): string {
  const width = Math.max(...matrix.routes.map((r) => r.length), 5);
  return terminalText(
    [
      `${"route".padEnd(width)}  allowed (everyone else: 403)`,
      ...matrix.routes.map((route) => `${route.padEnd(width)}  ${allowedOn(matrix, route).join(", ") || "nobody"}`),
    ].join("\n"),
  );
}

/** Reads the table accessMarkdown wrote (from ACCESS.md at some git ref), in this layout or the earlier one (a column per route). */
export function parseAccessMarkdown(text: string): AccessMatrix {
  const lines = text.split("\n").filter((l) => l.startsWith("| "));
  if (lines.length < 1) throw new Error("no access table found");
  if (!lines[0].startsWith("| route |")) return parseColumnLayout(lines);
  // Found by Markdown's own line breaks (\n): a name may hold U+2028, which a regex's `^`, `$` and `.` take for one.
  const callersLine = text.split("\n").find((l) => l.startsWith(CALLERS) && l.includes(CALLERS_END));
  if (!callersLine) throw new Error("the access table names no callers");
  const callers = readMarkdownList(callersLine.slice(CALLERS.length, callersLine.lastIndexOf(CALLERS_END)));
  const allowed = lines.slice(1).map((line) => {
    const [route, who] = readMarkdownTableRow(line);
    return [readMarkdownCode(route), who === "nobody" ? [] : readMarkdownList(who)] as const;
  });
  return {
    routes: allowed.map(([route]) => route),
    rows: callers.map((caller) => ({
      caller,
      routes: Object.fromEntries(allowed.map(([route, who]) => [route, who.includes(caller) ? "allowed" : "refused"])),
    })),
  };
}

function parseColumnLayout(lines: readonly string[]): AccessMatrix {
  const routes = lines[0]
    .split("|")
    .slice(2, -1)
    .map((c) => c.trim().replace(/^`|`$/g, ""));
  const rows = lines.slice(1).map((line) => {
    const cells = line
      .split("|")
      .slice(1, -1)
      .map((c) => c.trim());
    return {
      caller: cells[0],
      routes: Object.fromEntries(routes.map((r, i) => [r, cells[i + 1].startsWith("✅") ? "allowed" : "refused"])),
    } as AccessRow;
  });
  return { routes, rows };
}

/** Who gains and who loses which route from `before` to `after`, in plain words. */
export function accessChanges(before: AccessMatrix, after: AccessMatrix): string[] {
  const changes: string[] = [];
  const callers = [...new Set([...before.rows, ...after.rows].map((r) => r.caller))].sort();
  const routes = [...new Set([...before.routes, ...after.routes])].sort();
  for (const caller of callers) {
    const was = before.rows.find((r) => r.caller === caller)?.routes ?? {};
    const now = after.rows.find((r) => r.caller === caller)?.routes ?? {};
    for (const route of routes) {
      const a = was[route] === "allowed";
      const b = now[route] === "allowed";
      if (!a && b) changes.push(`${caller} can now call ${route}${before.routes.includes(route) ? "" : " (a new route)"}`);
      if (a && !b) changes.push(`${caller} can no longer call ${route}${after.routes.includes(route) ? "" : " (the route is gone)"}`);
    }
  }
  return changes;
}
