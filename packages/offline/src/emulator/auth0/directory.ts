// Who the stand-in knows: the tenant's users (plus a demo user for every role none of them
// holds, so every role can be tried), its clients with the ids and secrets of this start,
// and the local client `npm run token` uses.
import { createHash, randomBytes } from "node:crypto";
import { DEFAULTS } from "@apigw-auth0-rbac/model";
import type { ClientDefinition, TenantDefinition } from "../deployment/description";

export interface StandInUser {
  readonly email: string;
  readonly password: string;
  readonly roles: readonly string[];
  readonly userId: string;
  /** The database connection it logs in with (the model's default for the demo users). */
  readonly connection: string;
  /** Its metadata as the tenant holds it at start; what Actions change is kept by the tenant's UserProfiles. */
  readonly appMetadata?: Readonly<Record<string, unknown>>;
  readonly userMetadata?: Readonly<Record<string, unknown>>;
  /** The tenant's check of a password it keeps only hashed (a user of the local cloud). */
  readonly verify?: (password: string) => boolean;
}

export interface StandInClient extends ClientDefinition {
  readonly clientId: string;
  /** Confidential clients (those allowed client_credentials) get one at every start. */
  readonly clientSecret?: string;
}

const sha = (value: string) => createHash("sha256").update(value).digest();

/** A client ID derived from the client's name, so a restart does not invalidate a copied one. */
function clientIdFor(name: string): string {
  return sha(`client:${name}`).toString("base64url").replace(/[-_]/g, "").slice(0, 32);
}

export function standInUsers(tenant: TenantDefinition, passwords: Readonly<Record<string, string>> = {}): StandInUser[] {
  const covered = new Set(tenant.users.flatMap((u) => u.roles));
  type User = TenantDefinition["users"][number];
  const connection = tenant.users[0]?.connection ?? DEFAULTS.userConnection;
  const demoUsers: User[] = tenant.roles
    .filter((r) => !covered.has(r.name))
    .map((r) => ({ email: `${r.name}@example.test`, roles: [r.name], connection }));
  return [...tenant.users, ...demoUsers].map((u) => ({
    email: u.email,
    roles: u.roles,
    connection: u.connection,
    ...(u.appMetadata ? { appMetadata: u.appMetadata } : {}),
    ...(u.userMetadata ? { userMetadata: u.userMetadata } : {}),
    password: passwords[u.email] ?? randomBytes(12).toString("base64url"),
    userId: u.userId ?? `auth0|${sha(u.email.toLowerCase()).toString("hex").slice(0, 24)}`,
    ...(u.verifyPassword && passwords[u.email] === undefined ? { verify: u.verifyPassword } : {}),
  }));
}

export function standInClients(tenant: TenantDefinition): StandInClient[] {
  return tenant.clients.map((c) => ({
    ...c,
    clientId: c.clientId ?? clientIdFor(c.name),
    ...(c.grantTypes.includes("client_credentials") ? { clientSecret: randomBytes(32).toString("base64url") } : {}),
  }));
}

/** The stand-in's own client for the password grant (the SPA client may not use it, as in Auth0). */
export const CLI_CLIENT: StandInClient = {
  name: "Local token CLI (stand-in only)",
  appType: "non_interactive",
  grantTypes: ["password"],
  callbacks: [],
  logoutUrls: [],
  webOrigins: [],
  rotatingRefreshTokens: false,
  refreshTokenLifetimeSeconds: 0,
  refreshTokenIdleLifetimeSeconds: 0,
  clientId: clientIdFor("local-token-cli"),
};
