// Auth0's Suspicious IP Throttling, with the tenant defaults: failed logins from one IP
// address, whichever accounts they name, draw on a bucket of 100 that refills one attempt
// every 864 s (100 a day). An empty bucket answers every login attempt from that address
// with 429 until an attempt is granted again; other addresses are unaffected.
// Source: https://auth0.com/docs/secure/attack-protection/suspicious-ip-throttling and the
// Management API's suspicious-ip-throttling settings (stage "pre-login": max_attempts 100,
// rate 864000 ms by default).
import { LRUCache } from "lru-cache";

export const IP_THROTTLE_MAX_ATTEMPTS = 100;
export const IP_THROTTLE_RATE_SECONDS = 864;
/** The addresses remembered at most, least recently seen dropped first (a memory bound). */
const MAX_TRACKED_ADDRESSES = 10_000;

/** Auth0's answer to a throttled address (the Authentication API's error and Universal Login's "ip-blocked" text). */
export const IP_BLOCKED = {
  status: 429,
  error: "too_many_attempts",
  description: "We have detected suspicious login behavior and further attempts will be blocked. Please contact the administrator.",
} as const;

interface Bucket {
  attempts: number;
  /** Seconds since the epoch when `attempts` was last brought up to date. */
  at: number;
}

export class SuspiciousIpThrottling {
  private readonly buckets = new LRUCache<string, Bucket>({ max: MAX_TRACKED_ADDRESSES });

  constructor(private readonly now: () => number) {}

  /** Whether a login attempt from `ip` is refused before its credentials are looked at. */
  isThrottled(ip: string): boolean {
    return this.current(ip) < 1;
  }

  /** A failed login from `ip` spends one attempt. */
  failed(ip: string): void {
    this.buckets.set(ip, { attempts: Math.max(0, this.current(ip) - 1), at: this.now() });
  }

  get size(): number {
    return this.buckets.size;
  }

  private current(ip: string): number {
    const bucket = this.buckets.get(ip);
    if (!bucket) return IP_THROTTLE_MAX_ATTEMPTS;
    const granted = Math.floor((this.now() - bucket.at) / IP_THROTTLE_RATE_SECONDS);
    const attempts = Math.min(IP_THROTTLE_MAX_ATTEMPTS, bucket.attempts + granted);
    if (granted > 0) bucket.at += granted * IP_THROTTLE_RATE_SECONDS;
    bucket.attempts = attempts;
    return attempts;
  }
}
