// What the tenant keeps of each user for Actions between logins: app_metadata and user_metadata
// as the model set them and as Actions changed them, and how often the user logged in. Kept for
// as long as the stand-in runs; a restart begins again from the stack's metadata.
import type { StandInUser } from "../directory";

export interface UserProfile {
  readonly appMetadata: Record<string, unknown>;
  readonly userMetadata: Record<string, unknown>;
  readonly loginsCount: number;
}

export interface MetadataChanges {
  /** [key, value] in call order; a null value removes the key. */
  readonly app: readonly (readonly [string, unknown])[];
  readonly user: readonly (readonly [string, unknown])[];
}

interface Kept {
  // Maps: keys are whatever the model or an Action wrote, "__proto__" included.
  readonly app: Map<string, unknown>;
  readonly user: Map<string, unknown>;
  loginsCount: number;
}

export class UserProfiles {
  private readonly kept = new Map<string, Kept>();

  constructor(users: readonly StandInUser[]) {
    for (const u of users) {
      this.kept.set(u.userId, {
        app: new Map(Object.entries(u.appMetadata ?? {})),
        user: new Map(Object.entries(u.userMetadata ?? {})),
        loginsCount: 0,
      });
    }
  }

  /** The profile as an Action sees it: fresh objects, with every key an own property. */
  of(userId: string): UserProfile {
    const kept = this.keptOf(userId);
    return { appMetadata: Object.fromEntries(kept.app), userMetadata: Object.fromEntries(kept.user), loginsCount: kept.loginsCount };
  }

  /** A successful authentication (a login, not a refresh), counted before the Actions run. */
  loggedIn(userId: string): void {
    this.keptOf(userId).loginsCount += 1;
  }

  /**
   * "Once all post-login Actions have been executed, Actions will update the user profile in a
   * single operation" (post-login trigger, Enrich the user profile); a null value removes the
   * property (post-login API object, api.user.setAppMetadata).
   */
  apply(userId: string, changes: MetadataChanges): void {
    const kept = this.keptOf(userId);
    for (const [target, list] of [
      [kept.app, changes.app],
      [kept.user, changes.user],
    ] as const) {
      for (const [key, value] of list) {
        if (value === null) target.delete(key);
        else target.set(key, value);
      }
    }
  }

  private keptOf(userId: string): Kept {
    let kept = this.kept.get(userId);
    if (!kept) {
      kept = { app: new Map(), user: new Map(), loginsCount: 0 };
      this.kept.set(userId, kept);
    }
    return kept;
  }
}
