// One login attempt, as Auth0 judges it on the password grant and on the login form alike:
// Suspicious IP Throttling first (per address, across accounts), then brute-force protection
// (per user and address), then the password. Synchronous, so the counts a decision reads are
// the counts the previous attempt left.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { IP_BLOCKED, type SuspiciousIpThrottling } from "./ip-throttling";
import { TOO_MANY_ATTEMPTS, type LoginAttempts } from "./login-attempts";

export interface GuardedUser {
  readonly email: string;
  readonly password: string;
  readonly userId: string;
  /** The tenant's own check, where it keeps a hash and not the password (a local cloud's users). */
  readonly verify?: (password: string) => boolean;
}

export type LoginOutcome<U> =
  | { readonly ok: true; readonly user: U }
  | { readonly ok: false; readonly status: number; readonly error: string; readonly description: string };

/** One answer for an unknown user and a wrong password, as Auth0 gives. */
const WRONG_CREDENTIALS = { status: 403, error: "invalid_grant", description: "Wrong email or password." } as const;

const sha = (value: string) => createHash("sha256").update(value).digest();

export function samePassword(given: string, expected: string): boolean {
  return timingSafeEqual(sha(given), sha(expected));
}

export class LoginGuard<U extends GuardedUser> {
  constructor(
    private readonly users: readonly U[],
    private readonly attempts: LoginAttempts,
    private readonly throttling: SuspiciousIpThrottling,
  ) {}

  attempt(username: string, password: string, ip: string): LoginOutcome<U> {
    if (this.throttling.isThrottled(ip)) return { ok: false, ...IP_BLOCKED };
    const user = this.users.find((u) => u.email.toLowerCase() === username.toLowerCase());
    if (user && this.attempts.isBlocked(user.userId, ip)) return { ok: false, ...TOO_MANY_ATTEMPTS };
    // Compare even for an unknown user, so timing does not tell which e-mails exist.
    const matches = user?.verify ? user.verify(password) : samePassword(password, user?.password ?? randomBytes(12).toString("base64url"));
    if (!user || !matches) {
      if (user) this.attempts.failed(user.userId, ip);
      this.throttling.failed(ip);
      return { ok: false, ...WRONG_CREDENTIALS };
    }
    this.attempts.succeeded(user.userId, ip);
    return { ok: true, user };
  }
}
