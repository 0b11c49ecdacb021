/**
 * When to try a failed message again: exponential backoff, capped, with jitter so that messages that failed
 * together (a gateway outage) do not all come back in the same second. Pure.
 */
export interface RetryPolicy {
  /** Attempts in all, the first included; after the last failure the message is 'failed'. */
  maxAttempts: number;
  /** Delay after the first failure; doubles after each further one. */
  baseMs: number;
  /** No wait is longer than this. */
  capMs: number;
  /** Share of the delay drawn at random: the wait lies in [delay × (1 − jitter), delay]. */
  jitter: number;
  /**
   * How long a worker holds a claimed message before another worker may take it over: it covers a send
   * (adapters time out well within it) and recovers the messages of a worker that died mid-send.
   */
  leaseMs: number;
  /** A send that has not finished by then counts as failed. */
  sendTimeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  baseMs: 30_000,
  capMs: 60 * 60_000,
  jitter: 0.2,
  leaseMs: 2 * 60_000,
  sendTimeoutMs: 20_000,
};

/** The wait after the `attempt`-th failed attempt (1-based). `random` returns [0, 1). */
export function retryDelayMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const delay = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  return Math.round(delay * (1 - policy.jitter * random()));
}

/** What becomes of a message whose `attempt`-th attempt failed: retried at a time, or given up. */
export function afterFailure(
  attempt: number,
  now: Date,
  policy: RetryPolicy,
  random?: () => number,
): { status: 'pending'; nextAttemptAt: Date } | { status: 'failed' } {
  if (attempt >= policy.maxAttempts) return { status: 'failed' };
  return { status: 'pending', nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempt, policy, random)) };
}
