// What a running `npm start` leaves for other commands: the session `npm run token` reads
// (readable by this user only), and every example request in a file beside it; and the
// banner it prints.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { AccessModel } from "@apigw-auth0-rbac/model";
import { type Project, projectPath, tryLock, writeFileAtomically } from "@apigw-auth0-rbac/model/project";
import type { LocalSystem } from "../emulator/local-system";
import { type Session, sessionFile } from "../emulator/session";
import { UserError } from "../errors";
import { startBanner } from "./banner";

/** Every role × route request, beside the session file. */
const examplesFile = (project: Project) => join(dirname(sessionFile(project)), "emulator-requests.sh");

/** This process's hold on the project's session: one running `npm start` a session file. */
let claim: { release(): void } | undefined;
const claimFile = (project: Project) => `${sessionFile(project)}.lock`;

/**
 * Claims the project's session for this process before anything listens (a lock beside the
 * session file: of two `npm start`s only one holds it, and one whose process is gone is taken
 * over). Refuses, naming the running one, when another `npm start` serves the project.
 */
export function claimSession(project: Project): void {
  const file = sessionFile(project);
  mkdirSync(dirname(file), { recursive: true });
  const taken = tryLock(claimFile(project));
  if (taken.held) {
    claim = taken;
    return;
  }
  const apiUrl = sessionOf(file)?.apiUrl;
  throw new UserError(
    `another npm start (process ${taken.holder?.pid ?? "?"}${apiUrl ? `, its API at ${apiUrl}` : ""}) serves this project: stop it first, or give this one a session of its own (EMULATOR_SESSION_FILE=${projectPath(project, join(dirname(file), "other-session.json"))}, which npm run token then needs too)`,
  );
}

function sessionOf(file: string): Partial<Session> | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

/** The session `npm run token` reads, written over this process's claim, mode 0600. */
export function writeSession(project: Project, system: LocalSystem): Session {
  const { auth0, api } = system;
  const session: Session = {
    pid: process.pid,
    issuer: auth0.issuer,
    ...(auth0.customDomain ? { customDomain: auth0.customDomain } : {}),
    audience: auth0.audience,
    clientId: auth0.cliClient.clientId,
    scope: system.spaScope,
    apiUrl: api.url,
    users: auth0.users.map((u) => ({ email: u.email, password: u.password, roles: [...u.roles] })),
    clients: auth0.clients
      .filter((c) => c.clientSecret)
      .map((c) => ({ name: c.name, modelName: c.modelName ?? c.name, clientId: c.clientId, clientSecret: c.clientSecret! })),
  };
  writeFileAtomically(sessionFile(project), JSON.stringify(session, null, 2), { mode: 0o600 });
  return session;
}

/** The session, the requests file and the claim, when this process holds them (another start's are left alone). */
export function removeSession(project: Project): void {
  if (!claim) return;
  rmSync(sessionFile(project), { force: true });
  rmSync(examplesFile(project), { force: true });
  claim.release();
  claim = undefined;
}

/** A screenful on stderr; every example request in the examples file. */
export function printBanner(project: Project, model: AccessModel, system: LocalSystem, session: Session): void {
  const { auth0, api } = system;
  // Example requests come from the model; the system itself runs from the synthesized JSON.
  const examples = new Map(model.routes.map((r) => [r.routeKey, r.example]));
  const { text, examples: allRequests } = startBanner({
    issuer: auth0.issuer,
    ...(auth0.customDomain ? { customDomain: { name: auth0.customDomain, port: auth0.port, ownIssuer: auth0.ownIssuer } } : {}),
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
