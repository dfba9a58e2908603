/**
 * Failed sign-ins per username and per client address in a sliding window. After `maxPerUser`
 * failures the username is locked for the rest of the window (whatever the address), after
 * `maxPerAddress` the address is. Kept in memory: a restart forgives, which is acceptable for a
 * single-process server and keeps the sign-in path free of writes.
 */
export interface LoginLimits {
  windowMs: number;
  maxPerUser: number;
  maxPerAddress: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { windowMs: 15 * 60_000, maxPerUser: 5, maxPerAddress: 20 };

export class LoginRateLimiter {
  private failures = new Map<string, number[]>();
  constructor(private limits: LoginLimits = DEFAULT_LOGIN_LIMITS) {}

  private recent(key: string, now: number) {
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < this.limits.windowMs);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  /** Milliseconds until a new attempt is allowed, or 0. */
  retryAfterMs(username: string, address: string, now = Date.now()): number {
    const waits = [
      [`u:${username.toLowerCase()}`, this.limits.maxPerUser],
      [`a:${address}`, this.limits.maxPerAddress],
    ].map(([key, max]) => {
      const list = this.recent(key as string, now);
      return list.length >= (max as number) ? list[list.length - (max as number)] + this.limits.windowMs - now : 0;
    });
    return Math.max(0, ...waits);
  }

  recordFailure(username: string, address: string, now = Date.now()) {
    for (const key of [`u:${username.toLowerCase()}`, `a:${address}`]) this.failures.set(key, [...this.recent(key, now), now]);
  }

  recordSuccess(username: string) {
    this.failures.delete(`u:${username.toLowerCase()}`);
  }
}
