// Refresh tokens as Auth0 keeps them: a family per login, rotated or not as the client asks,
// at most 200 active per user and application (the oldest revoked when a new one comes).
//
// A token names its family and its place in the rotation (`<family>.<generation>.<mac>`),
// so a rotated token needs no slot of its own: reusing it is recognised for as long as its
// family lives, and revokes the family. Every change a rule depends on (rotation, revocation)
// happens in one synchronous call, so two requests at the same moment cannot both win.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * "Auth0 limits the amount of active refresh tokens to 200 tokens per user per application
 * ... the system revokes and deletes the oldest token for that user and application."
 * (https://auth0.com/docs/secure/tokens/refresh-tokens, Limitations)
 */
export const MAX_ACTIVE_REFRESH_TOKENS = 200;

export interface RefreshTokenFamily {
  readonly id: string;
  readonly userId: string;
  readonly clientId: string;
  readonly audience?: string;
  readonly scope: readonly string[];
  /** The family's absolute end (refresh_token.token_lifetime), seconds since the epoch. */
  readonly expiresAt: number;
  /** The current token's idle end (refresh_token.idle_token_lifetime). */
  idleExpiresAt: number;
  /** Which token of the rotation is current; only it may be exchanged. */
  generation: number;
}

export interface NewFamily {
  readonly userId: string;
  readonly clientId: string;
  readonly audience?: string;
  readonly scope: readonly string[];
  readonly lifetimeSeconds: number;
  readonly idleLifetimeSeconds: number;
}

/** What presenting a token at the token endpoint comes to. */
export type Exchange =
  | { readonly kind: "valid"; readonly family: RefreshTokenFamily; readonly token: string }
  | { readonly kind: "invalid" }
  /** A rotated token used again: the family is gone, the new token of whoever rotated it too. */
  | { readonly kind: "reused" };

export class RefreshTokens {
  private readonly families = new Map<string, RefreshTokenFamily>();
  /** Family ids per user and client, oldest first. */
  private readonly byGrant = new Map<string, string[]>();
  private readonly secret = randomBytes(32);

  constructor(
    private readonly now: () => number,
    private readonly maxPerGrant = MAX_ACTIVE_REFRESH_TOKENS,
  ) {}

  /** A new family and its first token; the user's oldest family for this client goes past the limit. */
  issue(request: NewFamily): { family: RefreshTokenFamily; token: string } {
    const now = this.now();
    const family: RefreshTokenFamily = {
      id: randomBytes(24).toString("base64url"),
      userId: request.userId,
      clientId: request.clientId,
      audience: request.audience,
      scope: request.scope,
      expiresAt: now + request.lifetimeSeconds,
      idleExpiresAt: now + request.idleLifetimeSeconds,
      generation: 0,
    };
    this.families.set(family.id, family);
    const grant = grantKey(family);
    const ids = this.byGrant.get(grant) ?? [];
    ids.push(family.id);
    while (ids.length > this.maxPerGrant) this.families.delete(ids.shift()!);
    this.byGrant.set(grant, ids);
    return { family, token: this.tokenOf(family) };
  }

  /**
   * Presents `token` for `clientId`. With `rotate`, the family moves on to a new token at once,
   * before anything is signed, and the presented one is spent.
   */
  exchange(token: string, clientId: string, rotate: boolean, idleLifetimeSeconds: number): Exchange {
    const parsed = this.parse(token);
    const family = parsed && this.families.get(parsed.familyId);
    if (!parsed || !family || family.clientId !== clientId) return { kind: "invalid" };
    if (this.expired(family)) {
      this.revokeFamily(family.id);
      return { kind: "invalid" };
    }
    if (parsed.generation !== family.generation) {
      // Auth0's reuse detection (leeway 0): the whole family is revoked.
      this.revokeFamily(family.id);
      return { kind: "reused" };
    }
    family.idleExpiresAt = this.now() + idleLifetimeSeconds;
    if (rotate) family.generation += 1;
    return { kind: "valid", family, token: this.tokenOf(family) };
  }

  /**
   * POST /oauth/revoke: the family of a token this client holds ends. Unknown, expired or
   * another client's tokens change nothing (RFC 7009 §2.2: the answer is the same).
   */
  revoke(token: string, clientId: string): void {
    const parsed = this.parse(token);
    const family = parsed && this.families.get(parsed.familyId);
    if (family && family.clientId === clientId) this.revokeFamily(family.id);
  }

  revokeFamily(id: string): void {
    const family = this.families.get(id);
    if (!family) return;
    this.families.delete(id);
    const grant = grantKey(family);
    const ids = this.byGrant.get(grant)?.filter((f) => f !== id) ?? [];
    if (ids.length > 0) this.byGrant.set(grant, ids);
    else this.byGrant.delete(grant);
  }

  /** Drops expired families (their tokens can no longer be exchanged or reused). */
  sweep(): void {
    for (const family of [...this.families.values()]) if (this.expired(family)) this.revokeFamily(family.id);
  }

  get size(): number {
    return this.families.size;
  }

  private expired(family: RefreshTokenFamily): boolean {
    const now = this.now();
    return family.expiresAt <= now || family.idleExpiresAt <= now;
  }

  private tokenOf(family: RefreshTokenFamily): string {
    const body = `${family.id}.${family.generation}`;
    return `${body}.${this.mac(body)}`;
  }

  private parse(token: string): { familyId: string; generation: number } | undefined {
    const match = /^([A-Za-z0-9_-]{32})\.(\d{1,9})\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!match) return undefined;
    const expected = Buffer.from(this.mac(`${match[1]}.${match[2]}`));
    if (!timingSafeEqual(expected, Buffer.from(match[3]))) return undefined;
    return { familyId: match[1], generation: Number(match[2]) };
  }

  private mac(body: string): string {
    return createHmac("sha256", this.secret).update(body).digest("base64url");
  }
}

const grantKey = (family: { userId: string; clientId: string }) => `${family.userId}\n${family.clientId}`;
