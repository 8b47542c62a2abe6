// Auth0's default brute-force protection: 10 consecutive failed logins for one user from one
// IP address block that address from logging in as that user (other users and other
// addresses are unaffected). A success resets the count; a block lifts after 30 days (or,
// in Auth0, when an administrator or the user's unblock e-mail lifts it).
import { LRUCache } from "lru-cache";

export const MAX_FAILED_ATTEMPTS = 10;
const BLOCK_LIFETIME_SECONDS = 30 * 86400;
/** The (user, address) pairs remembered at most, least recently seen dropped first. */
const MAX_TRACKED_PAIRS = 10_000;

/** Auth0's answer to a blocked login: 429 from the token endpoint, the same text on the form. */
export const TOO_MANY_ATTEMPTS = {
  status: 429,
  error: "too_many_attempts",
  description:
    "Your account has been blocked after multiple consecutive login attempts. We've sent you an email with instructions on how to unblock it.",
} as const;

interface Attempts {
  failures: number;
  /** Seconds since the epoch of the last failure: the block and the count end 30 days after it. */
  last: number;
}

export class LoginAttempts {
  readonly message = TOO_MANY_ATTEMPTS.description;
  private readonly pairs = new LRUCache<string, Attempts>({ max: MAX_TRACKED_PAIRS, ttl: BLOCK_LIFETIME_SECONDS * 1000, ttlAutopurge: false });

  constructor(private readonly now: () => number) {}

  isBlocked(userId: string, ip: string): boolean {
    const entry = this.current(userId, ip);
    return entry !== undefined && entry.failures >= MAX_FAILED_ATTEMPTS;
  }

  failed(userId: string, ip: string): void {
    const entry = this.current(userId, ip) ?? { failures: 0, last: 0 };
    this.pairs.set(key(userId, ip), { failures: entry.failures + 1, last: this.now() });
  }

  succeeded(userId: string, ip: string): void {
    this.pairs.delete(key(userId, ip));
  }

  get size(): number {
    return this.pairs.size;
  }

  private current(userId: string, ip: string): Attempts | undefined {
    const entry = this.pairs.get(key(userId, ip));
    if (entry && this.now() - entry.last >= BLOCK_LIFETIME_SECONDS) {
      this.pairs.delete(key(userId, ip));
      return undefined;
    }
    return entry;
  }
}

const key = (userId: string, ip: string) => `${userId}\n${ip}`;
