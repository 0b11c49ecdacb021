/**
 * Login throttling (登录限制), as pure rules over the recent failures. An attacker must not be able to
 * lock a user out, so failures count per account *and* address: the pair (username, address) gets a few
 * free tries, then must wait a delay that doubles with each further failure (capped); an address failing
 * across many accounts gets the same treatment at a higher threshold. The owner signing in from another
 * address is not slowed by an attacker's failures; a success clears the pair's count.
 */
export const THROTTLE = {
  /** Failures older than this are forgotten. */
  windowMinutes: 15,
  /** Failures of one username from one address before delays begin. */
  freeFailuresPerPair: 5,
  /** Failures from one address, over all usernames, before delays begin. */
  freeFailuresPerAddress: 30,
  /** The first delay; each further failure doubles it. */
  baseDelaySeconds: 1,
  maxDelaySeconds: 15 * 60,
};

export type ThrottlePolicy = typeof THROTTLE;

export interface RecentFailures {
  /** Failures of this username from this address (since its last success, within the window). */
  pair: number;
  /** Failures from this address for any username, within the window. */
  address: number;
  /** Seconds since the latest of those failures (Infinity when none). */
  secondsSinceLastPair: number;
  secondsSinceLastAddress: number;
}

/** The delay owed after `failures` failures with `free` free ones: 0, then base, 2·base, 4·base … ≤ max. */
export function delayAfter(failures: number, free: number, policy: ThrottlePolicy = THROTTLE): number {
  if (failures < free) return 0;
  return Math.min(policy.baseDelaySeconds * 2 ** Math.min(failures - free, 30), policy.maxDelaySeconds);
}

/** Seconds the caller must still wait before this attempt may be checked (0: go ahead). */
export function waitSeconds(f: RecentFailures, policy: ThrottlePolicy = THROTTLE): number {
  const pair = delayAfter(f.pair, policy.freeFailuresPerPair, policy) - f.secondsSinceLastPair;
  const address = delayAfter(f.address, policy.freeFailuresPerAddress, policy) - f.secondsSinceLastAddress;
  return Math.max(0, pair, address);
}
