import { describe, expect, it } from 'vitest';
import { afterFailure, DEFAULT_RETRY_POLICY, retryDelayMs } from './backoff.rules.ts';

const policy = { ...DEFAULT_RETRY_POLICY, baseMs: 1_000, capMs: 10_000, jitter: 0.2, maxAttempts: 5 };

describe('retry backoff', () => {
  it('doubles the wait after each failure up to the cap', () => {
    const noJitter = () => 0;
    expect([1, 2, 3, 4, 5, 6, 60].map((n) => retryDelayMs(n, policy, noJitter))).toEqual([1_000, 2_000, 4_000, 8_000, 10_000, 10_000, 10_000]);
  });

  it('draws jitter below the delay, never above the cap', () => {
    expect(retryDelayMs(1, policy, () => 0.5)).toBe(900);
    expect(retryDelayMs(9, policy, () => 0.999)).toBeGreaterThanOrEqual(8_000);
    for (let i = 0; i < 100; i++) expect(retryDelayMs(20, policy)).toBeLessThanOrEqual(10_000);
  });

  it('schedules a retry until the last attempt, then gives up', () => {
    const now = new Date('2026-11-21T08:00:00Z');
    expect(afterFailure(1, now, policy, () => 0)).toEqual({ status: 'pending', nextAttemptAt: new Date('2026-11-21T08:00:01Z') });
    expect(afterFailure(5, now, policy)).toEqual({ status: 'failed' });
  });
});
