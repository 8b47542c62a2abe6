// Authorization codes: single-use, 60 s, and what each produced (so a replay can revoke it).
// Kept per user, so one user's logins cannot push another's code out before it is used.
import { randomBytes } from "node:crypto";

/** Auth0 authorization codes are short-lived and single-use. */
export const CODE_LIFETIME_SECONDS = 60;
/** The stand-in's bound on a user's codes not yet expired (a memory bound, not an Auth0 rule). */
const MAX_CODES_PER_USER = 20;

export interface IssuedCode<R> {
  readonly request: R;
  readonly userId: string;
  readonly expiresAt: number;
  /** Set by the first exchange, in the same synchronous step that checks it. */
  used: boolean;
  /** Refresh-token families this code produced: revoked when it is replayed. */
  readonly families: Set<string>;
}

export class AuthorizationCodes<R> {
  private readonly codes = new Map<string, IssuedCode<R>>();
  private readonly byUser = new Map<string, string[]>();

  constructor(private readonly now: () => number) {}

  issue(request: R, userId: string): string {
    const code = randomBytes(32).toString("base64url");
    this.codes.set(code, { request, userId, expiresAt: this.now() + CODE_LIFETIME_SECONDS, used: false, families: new Set() });
    const mine = (this.byUser.get(userId) ?? []).filter((c) => this.codes.has(c));
    mine.push(code);
    while (mine.length > MAX_CODES_PER_USER) this.codes.delete(mine.shift()!);
    this.byUser.set(userId, mine);
    return code;
  }

  /** The code as issued, used or not; undefined when unknown or expired. */
  find(code: string): IssuedCode<R> | undefined {
    const issued = this.codes.get(code);
    return issued && issued.expiresAt >= this.now() ? issued : undefined;
  }

  sweep(): void {
    const now = this.now();
    for (const [code, issued] of this.codes) if (issued.expiresAt < now) this.codes.delete(code);
    for (const [user, mine] of this.byUser) {
      const left = mine.filter((c) => this.codes.has(c));
      if (left.length > 0) this.byUser.set(user, left);
      else this.byUser.delete(user);
    }
  }

  get size(): number {
    return this.codes.size;
  }
}
