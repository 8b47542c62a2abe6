import { join } from "node:path";

/** What a running `npm start` tells `npm run token`: local, git-ignored, mode 0600. */
export interface Session {
  readonly issuer: string;
  readonly audience: string;
  readonly clientId: string;
  readonly scope: string;
  readonly apiUrl: string;
  readonly users: readonly { readonly email: string; readonly password: string; readonly roles: readonly string[] }[];
  /** Machine-to-machine clients: their Auth0 name, the model's name, and this start's secret. */
  readonly clients: readonly { readonly name: string; readonly modelName: string; readonly clientId: string; readonly clientSecret: string }[];
}

/** `.local/emulator-session.json`, or EMULATOR_SESSION_FILE (tests run their own instance). */
export function sessionFile(): string {
  return process.env.EMULATOR_SESSION_FILE || join(__dirname, "..", ".local", "emulator-session.json");
}
