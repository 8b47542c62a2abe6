// What a running `npm start` leaves for other commands: the session `npm run token` reads
// (readable by this user only), and every example request in a file beside it; and the
// banner it prints.
import { chmodSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { AccessModel } from "@apigw-auth0-rbac/model";
import { type Project, projectPath } from "@apigw-auth0-rbac/model/project";
import type { LocalSystem } from "../emulator/local-system";
import { type Session, sessionFile } from "../emulator/session";
import { startBanner } from "./banner";

/** Every role × route request, beside the session file. */
const examplesFile = (project: Project) => join(dirname(sessionFile(project)), "emulator-requests.sh");

/** The session `npm run token` reads, written mode 0600. */
export function writeSession(project: Project, system: LocalSystem): Session {
  const { auth0, api } = system;
  const session: Session = {
    issuer: auth0.issuer,
    audience: auth0.audience,
    clientId: auth0.cliClient.clientId,
    scope: system.spaScope,
    apiUrl: api.url,
    users: auth0.users.map((u) => ({ email: u.email, password: u.password, roles: [...u.roles] })),
    clients: auth0.clients
      .filter((c) => c.clientSecret)
      .map((c) => ({ name: c.name, modelName: c.modelName ?? c.name, clientId: c.clientId, clientSecret: c.clientSecret! })),
  };
  const file = sessionFile(project);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(session, null, 2), { mode: 0o600 });
  chmodSync(file, 0o600);
  return session;
}

export function removeSession(project: Project): void {
  rmSync(sessionFile(project), { force: true });
  rmSync(examplesFile(project), { force: true });
}

/** A screenful on stderr; every example request in the examples file. */
export function printBanner(project: Project, model: AccessModel, system: LocalSystem, session: Session): void {
  const { auth0, api } = system;
  // Example requests come from the model; the system itself runs from the synthesized JSON.
  const examples = new Map(model.routes.map((r) => [r.routeKey, r.example]));
  const { text, examples: allRequests } = startBanner({
    issuer: auth0.issuer,
    apiUrl: api.url,
    ...(api.host ? { domain: { name: api.host, port: api.port } } : {}),
    spa: system.spa?.url ?? (process.env.SPA === "off" ? "(not served: SPA=off)" : "(not served: the SPA client has no localhost web origin)"),
    audience: auth0.audience,
    users: session.users,
    clients: [...auth0.clients, auth0.cliClient],
    m2m: auth0.clients.filter((c) => c.clientSecret).map((c) => ({ modelName: c.modelName ?? c.name, permissions: c.apiGrant ?? [] })),
    roles: system.tenant.roles,
    routes: system.routes.map((r) => ({ ...r, example: examples.get(r.routeKey) })),
    examplesFile: projectPath(project, examplesFile(project)),
    sessionFile: projectPath(project, sessionFile(project)),
  });
  writeFileSync(examplesFile(project), allRequests, { mode: 0o755 });
  console.error(`${text}\nAccess log (one JSON line per request) follows. Ctrl-C stops.\n`);
}
