import { describe, expect, it } from 'vitest';
import { delayAfter, THROTTLE, waitSeconds } from './throttle.rules.ts';

const none = { pair: 0, address: 0, secondsSinceLastPair: Infinity, secondsSinceLastAddress: Infinity };

describe('login throttling rules', () => {
  it('gives a pair five free failures, then delays that double up to 15 minutes', () => {
    expect([0, 4, 5, 6, 7, 8, 30].map((n) => delayAfter(n, THROTTLE.freeFailuresPerPair))).toEqual([0, 0, 1, 2, 4, 8, 900]);
  });

  it('lets an attempt through once the owed delay has passed', () => {
    expect(waitSeconds({ ...none, pair: 7, secondsSinceLastPair: 1 })).toBe(3);
    expect(waitSeconds({ ...none, pair: 7, secondsSinceLastPair: 4 })).toBe(0);
  });

  it('an address failing across accounts is slowed only beyond its higher threshold', () => {
    expect(waitSeconds({ ...none, address: 29, secondsSinceLastAddress: 0 })).toBe(0);
    expect(waitSeconds({ ...none, address: 31, secondsSinceLastAddress: 0 })).toBe(2);
  });

  it('an attempt in flight counts as a failure until it succeeds: parallel tries cannot skip the count', () => {
    // Five in flight at once from one address: the sixth must wait.
    expect(waitSeconds({ ...none, pair: 5, secondsSinceLastPair: 0 })).toBe(1);
  });

  it('never overflows on absurd counts', () => {
    expect(delayAfter(10_000, 5)).toBe(THROTTLE.maxDelaySeconds);
  });
});
