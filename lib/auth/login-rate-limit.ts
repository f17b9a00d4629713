// Slows password guessing: failed logins are counted per account (email) and per address over a
// sliding window; past the limit every attempt (right password or not) is refused with the time
// to wait. Kept in the process's memory: several web processes each count their own (docs/security.md).
export interface RateLimitOptions {
  windowMs: number;
  maxPerAccount: number;
  maxPerAddress: number;
}

export const DEFAULT_LOGIN_LIMITS: RateLimitOptions = {
  windowMs: 15 * 60_000,
  maxPerAccount: 5,
  maxPerAddress: 20,
};
const MAX_TRACKED = 50_000;

export class LoginRateLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly options: RateLimitOptions = DEFAULT_LOGIN_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds to wait before this account or address may try again; 0 when it may try now. */
  retryAfterSeconds(account: string, address: string): number {
    const wait = Math.max(
      this.waitMs(`account:${account}`, this.options.maxPerAccount),
      this.waitMs(`address:${address}`, this.options.maxPerAddress),
    );
    return Math.ceil(wait / 1000);
  }

  recordFailure(account: string, address: string): void {
    if (this.failures.size > MAX_TRACKED) this.failures.clear();
    for (const key of [`account:${account}`, `address:${address}`]) {
      const list = this.recent(key);
      list.push(this.now());
      this.failures.set(key, list);
    }
  }

  /** A successful login forgets the account's failures (not the address's). */
  recordSuccess(account: string): void {
    this.failures.delete(`account:${account}`);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.options.windowMs;
    return (this.failures.get(key) ?? []).filter((at) => at > since);
  }

  private waitMs(key: string, max: number): number {
    const list = this.recent(key);
    if (list.length < max) return 0;
    // Allowed again once enough of the failures have left the window.
    return (list[list.length - max] as number) + this.options.windowMs - this.now();
  }
}
