import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY, errorText, retryDecision } from './timer-retry.rules.ts';

const now = new Date('2026-03-02T02:00:00Z');
const delay = (attempts: number) => {
  const d = retryDecision(attempts, now);
  return d.giveUp ? 'give up' : (d.dueAt.getTime() - now.getTime()) / 1000;
};

describe('timer retry policy', () => {
  it('doubles the delay from 30 s and gives up at the 8th failure', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(delay)).toEqual([30, 60, 120, 240, 480, 960, 1920, 'give up']);
    expect(DEFAULT_RETRY.maxAttempts).toBe(8);
  });

  it('caps the delay', () => {
    const d = retryDecision(20, now, { baseMs: 1000, maxMs: 5000, maxAttempts: 100 });
    expect(d).toEqual({ giveUp: false, dueAt: new Date(now.getTime() + 5000) });
  });

  it('always moves a retry into the future, so one run never claims it twice', () => {
    const d = retryDecision(1, now, { baseMs: 0, maxMs: 0, maxAttempts: 3 });
    expect(!d.giveUp && d.dueAt.getTime() > now.getTime()).toBe(true);
  });

  it('keeps error texts short', () => {
    expect(errorText(new TypeError('bad'))).toBe('TypeError: bad');
    expect(errorText('x'.repeat(5000)).length).toBe(2001);
  });
});
