/**
 * Login throttling: too many failures for one username, or from one address, in a window locks
 * further attempts until the window has passed. Pure rule over the recent attempt counts.
 */
export const THROTTLE = {
  windowMinutes: 15,
  maxFailuresPerUser: 5,
  maxFailuresPerIp: 30,
};

export interface RecentFailures {
  byUser: number;
  byIp: number;
}

export function isThrottled(f: RecentFailures, policy = THROTTLE): boolean {
  return f.byUser >= policy.maxFailuresPerUser || f.byIp >= policy.maxFailuresPerIp;
}
