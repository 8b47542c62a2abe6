import { join } from "node:path";
import type { Project } from "@apigw-auth0-rbac/model/project";

/** What a running `npm start` tells `npm run token`: local, git-ignored, mode 0600. */
export interface Session {
  /** The `npm start` that wrote it: one running system a session file, so `npm run token` asks the right one. */
  readonly pid: number;
  /** Where tokens are asked for: the stand-in's custom domain's issuer when the tenant has one. */
  readonly issuer: string;
  /** The tenant's custom domain, which `npm run token` reaches at 127.0.0.1 (no DNS knows it). */
  readonly customDomain?: string;
  readonly audience: string;
  readonly clientId: string;
  readonly scope: string;
  readonly apiUrl: string;
  readonly users: readonly { readonly email: string; readonly password: string; readonly roles: readonly string[] }[];
  /** Machine-to-machine clients: their Auth0 name, the model's name, and this start's secret. */
  readonly clients: readonly { readonly name: string; readonly modelName: string; readonly clientId: string; readonly clientSecret: string }[];
}

/** `<local folder>/emulator-session.json`, or EMULATOR_SESSION_FILE (tests run their own instance). */
export function sessionFile(project: Pick<Project, "localDir">, env: Readonly<Record<string, string | undefined>> = process.env): string {
  return env.EMULATOR_SESSION_FILE || join(project.localDir, "emulator-session.json");
}
