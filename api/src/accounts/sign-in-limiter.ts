import { refuse } from '../common/api-errors';
import type { Environment } from '../config/environment';

/** How many times more failures an address may make than one account (an office behind one NAT). */
export const ADDRESS_FACTOR = 4;

/**
 * Counts failed attempts (wrong password at sign-in, wrong current password when changing it),
 * never successes, per account and per address: a forged X-Forwarded-For does not reset the
 * account's count, and one user's typos do not lock out their colleagues for long. In memory,
 * per instance: behind a load balancer, each instance allows its own share.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxPerAccount: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  static forEnvironment(environment: Environment): FailureLimiter {
    return new FailureLimiter(environment.JALON_LOGIN_MAX_ATTEMPTS, environment.JALON_LOGIN_WINDOW_SECONDS * 1000);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const kept = (this.failures.get(key) ?? []).filter((at) => at > since);
    if (kept.length > 0) this.failures.set(key, kept);
    else this.failures.delete(key);
    return kept;
  }

  /** Throws 429 `too_many_requests` when the account or the address has failed too often lately. */
  assertAllowed(account: string, address: string): void {
    const checks: Array<[string, number]> = [
      [`account:${account}`, this.maxPerAccount],
      [`address:${address}`, this.maxPerAccount * ADDRESS_FACTOR],
    ];
    for (const [key, limit] of checks) {
      const recent = this.recent(key);
      if (recent.length >= limit) {
        const retryAfterSeconds = Math.max(1, Math.ceil((recent[0]! + this.windowMs - this.now()) / 1000));
        throw refuse(429, 'too_many_requests', 'Too many failed attempts: wait before trying again', { retryAfterSeconds });
      }
    }
  }

  recordFailure(account: string, address: string): void {
    for (const key of [`account:${account}`, `address:${address}`]) {
      this.failures.set(key, [...this.recent(key), this.now()]);
    }
    if (this.failures.size > 100_000) this.failures.clear();
  }
}
