/**
 * What happens to a timer whose handler failed: retried later with exponential backoff (capped), or given up
 * after `maxAttempts` failures so that a timer that can never succeed stops costing a run every few minutes.
 */
export interface RetryPolicy {
  /** Delay after the first failure; doubles after each further one. */
  baseMs: number;
  maxMs: number;
  maxAttempts: number;
}

/** 30 s, 1, 2, 4, 8, 16, 32 min, then given up at the 8th failure (about an hour after the first). */
export const DEFAULT_RETRY: RetryPolicy = { baseMs: 30_000, maxMs: 3_600_000, maxAttempts: 8 };

export type RetryDecision = { giveUp: true } | { giveUp: false; dueAt: Date };

/** `attempts` counts failures including the one just seen. */
export function retryDecision(attempts: number, now: Date, policy: RetryPolicy = DEFAULT_RETRY): RetryDecision {
  if (attempts >= policy.maxAttempts) return { giveUp: true };
  const delay = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  return { giveUp: false, dueAt: new Date(now.getTime() + Math.max(1, delay)) };
}

const MAX_ERROR_LENGTH = 2000;

export function errorText(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH)}…` : text;
}
