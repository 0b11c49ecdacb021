/**
 * The sweeper (扫描器): fires every due timer exactly once. Each batch is one transaction that claims due
 * timers with `for update skip locked`, runs each handler under a savepoint, and writes fired_at (or the
 * failure) before committing. A handler's writes and its timer's fired_at therefore commit together or not at
 * all: a crash or a lost connection mid-batch rolls the whole batch back and the timers stay due for the next
 * sweeper, and a committed timer is never claimed again. Several processes may sweep the same database.
 */
import type { Db, Queryable } from '@liandong/db';
import type { Clock } from '../shared/clock.ts';
import { DEFAULT_RETRY, errorText, retryDecision, type RetryPolicy } from './timer-retry.rules.ts';
import { claimDueTimers, markFailed, markFired, type TimerFailure } from './timers.repository.ts';
import type { TimerHandlers, TimerRow } from './timer.types.ts';

/**
 * 50 and not more by default: each handler that writes runs in a subtransaction with its own xid, and a
 * transaction with more than 64 of them overflows PostgreSQL's per-backend subxid cache, which makes every
 * other session's visibility checks consult pg_subtrans while it lasts.
 */
export const DEFAULT_BATCH_SIZE = 50;

export interface RunDueTimersOptions {
  now: Clock;
  batchSize?: number;
  retry?: RetryPolicy;
  /** Checked between batches, so that stopping a worker does not wait for a whole backlog. */
  signal?: AbortSignal;
  /** Told about each failed handler (the error is also stored on the timer). */
  onError?: (timer: TimerRow, err: unknown) => void;
}

export interface RunResult {
  fired: number;
  /** Handler failures, those retried later and those given up. */
  failed: number;
}

/** Runs batches until no due timer is left unclaimed; resolves with what this call fired. */
export async function runDueTimers(db: Db, handlers: TimerHandlers, opts: RunDueTimersOptions): Promise<RunResult> {
  const batchSize = opts.batchSize ?? DEFAULT_BATCH_SIZE;
  const total: RunResult = { fired: 0, failed: 0 };
  while (!opts.signal?.aborted) {
    const batch = await db.transaction((tx) => fireBatch(tx, handlers, opts, batchSize));
    total.fired += batch.fired;
    total.failed += batch.failed;
    // A short batch means nothing else is due, or the rest is held by other sweepers. Failed timers were
    // moved into the future, so they are not claimed again in this run.
    if (batch.claimed < batchSize) break;
  }
  return total;
}

async function fireBatch(tx: Queryable, handlers: TimerHandlers, opts: RunDueTimersOptions, batchSize: number): Promise<RunResult & { claimed: number }> {
  const now = opts.now();
  const timers = await claimDueTimers(tx, now, batchSize);
  const fired: number[] = [];
  const failures: TimerFailure[] = [];
  for (const [i, timer] of timers.entries()) {
    // One round trip: close the previous timer's savepoint (keeping its writes) and open this one's.
    await tx.exec(i === 0 ? 'savepoint timer_fire' : 'release savepoint timer_fire; savepoint timer_fire');
    try {
      const handler = Object.hasOwn(handlers, timer.kind) ? handlers[timer.kind] : undefined;
      if (!handler) throw new Error(`no handler for timer kind "${timer.kind}"`);
      await handler(tx, timer, { now });
      fired.push(timer.id);
    } catch (err) {
      // Undo the handler's writes only; the savepoint stays open, so the next release finds it.
      await tx.exec('rollback to savepoint timer_fire');
      const attempts = timer.attempts + 1;
      const decision = retryDecision(attempts, now, opts.retry ?? DEFAULT_RETRY);
      failures.push({ id: timer.id, attempts, error: errorText(err), retryAt: decision.giveUp ? null : decision.dueAt });
      opts.onError?.(timer, err);
    }
  }
  await markFired(tx, fired, now);
  await markFailed(tx, failures, now);
  return { claimed: timers.length, fired: fired.length, failed: failures.length };
}
