// Who can call what, measured: every role (through a user holding it) and every
// machine-to-machine client against every route of the running system, with a real token
// from the stand-in and a real request to the emulated API. Nothing here reads the model;
// the answer is whatever the synthesized stacks do.
import type { LocalSystem } from "./local-system";
import { standInClientToken, standInToken } from "./password-grant";

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

export async function measureAccess(system: LocalSystem): Promise<AccessMatrix> {
  const routes = [...system.routes].sort((a, b) => a.routeKey.localeCompare(b.routeKey));
  const roles = [...system.tenant.roles].map((r) => r.name).sort();
  const callers: { caller: string; token: () => Promise<string> }[] = roles.map((role) => ({
    caller: `role ${role}`,
    token: () => {
      // A user holding exactly this role when there is one (the demo users do).
      const user = system.auth0.users.find((u) => u.roles.length === 1 && u.roles[0] === role) ?? system.auth0.users.find((u) => u.roles.includes(role));
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
  const rows: AccessRow[] = [];
  for (const { caller, token: tokenFor } of callers) {
    const token = await tokenFor();
    const outcome: Record<string, "allowed" | "refused"> = {};
    for (const route of routes) {
      const response = await fetch(`${system.api.url}${samplePath(route.path)}`, {
        method: route.method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: ["GET", "HEAD"].includes(route.method) ? undefined : "{}",
      });
      await response.arrayBuffer();
      if (response.status === 403) outcome[route.routeKey] = "refused";
      else if (response.status === 401) throw new Error(`${route.routeKey} answered 401 to ${caller}'s valid token: the authorizer and the tenant disagree`);
      // Past the authorizer: the handler answered, whatever it thought of the sample request.
      else outcome[route.routeKey] = "allowed";
    }
    rows.push({ caller, routes: outcome });
  }
  return { routes: routes.map((r) => r.routeKey), rows };
}

const MARK = { allowed: "✅ allowed", refused: "— refused" } as const;

export function accessMarkdown(matrix: AccessMatrix): string {
  const header = `| caller | ${matrix.routes.map((r) => `\`${r}\``).join(" | ")} |`;
  const rule = `|---|${matrix.routes.map(() => "---").join("|")}|`;
  const rows = matrix.rows.map((row) => `| ${row.caller} | ${matrix.routes.map((r) => MARK[row.routes[r]]).join(" | ")} |`);
  return [header, rule, ...rows].join("\n");
}

export function accessText(matrix: AccessMatrix): string {
  const width = Math.max(...matrix.rows.map((r) => r.caller.length), 6);
  const lines = [`${"caller".padEnd(width)}  ${matrix.routes.join("  ")}`];
  for (const row of matrix.rows) {
    lines.push(`${row.caller.padEnd(width)}  ${matrix.routes.map((r) => (row.routes[r] === "allowed" ? "allowed" : "refused").padEnd(r.length)).join("  ")}`.trimEnd());
  }
  return lines.join("\n");
}

/** Reads the table accessMarkdown wrote (from ACCESS.md at some git ref). */
export function parseAccessMarkdown(text: string): AccessMatrix {
  const lines = text.split("\n").filter((l) => l.startsWith("| "));
  if (lines.length < 1) throw new Error("no access table found");
  const routes = lines[0].split("|").slice(2, -1).map((c) => c.trim().replace(/^`|`$/g, ""));
  const rows = lines.slice(1).map((line) => {
    const cells = line.split("|").slice(1, -1).map((c) => c.trim());
    return { caller: cells[0], routes: Object.fromEntries(routes.map((r, i) => [r, cells[i + 1].startsWith("✅") ? "allowed" : "refused"])) } as AccessRow;
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
