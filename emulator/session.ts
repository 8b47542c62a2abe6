import { join } from "node:path";

/** What a running `npm start` tells `npm run token`: local, git-ignored, mode 0600. */
export interface Session {
  readonly issuer: string;
  readonly audience: string;
  readonly clientId: string;
  readonly scope: string;
  readonly apiUrl: string;
  readonly users: readonly { readonly email: string; readonly password: string; readonly roles: readonly string[] }[];
}

/** `.local/emulator-session.json`, or EMULATOR_SESSION_FILE (tests run their own instance). */
export function sessionFile(): string {
  return process.env.EMULATOR_SESSION_FILE || join(__dirname, "..", ".local", "emulator-session.json");
}
