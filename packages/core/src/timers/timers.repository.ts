/**
 * The SQL of durable timers: scheduling and cancelling (called in the caller's transaction, so a state change
 * and its timers commit together), the sweeper's claim and its bookkeeping, and the monitoring figures.
 */
import type { Queryable } from '@liandong/db';
import type { CancelTimersInput, ScheduleOutcome, ScheduleTimerInput, TimerRow, TimerStats } from './timer.types.ts';

/**
 * Schedules a timer. With a dedupe key that already exists:
 * - unfired: it takes the new due_at and payload, and its failure count is reset (a deadline moved by an
 *   approved extension is the same logical timer, rescheduled — not a second one);
 * - fired (or given up): nothing changes, 'already_fired' — a logical timer fires once. Something that must
 *   happen again (a reminder per rework round) needs a key of its own, e.g. with the round in it. The same
 *   holds for a handler re-arming the key it is firing: its fired_at is written after it returns.
 * kind and order_id of an existing key are never changed: the key names the timer.
 */
export async function scheduleTimer(q: Queryable, input: ScheduleTimerInput): Promise<{ id: number; outcome: ScheduleOutcome }> {
  const r = await q.query<{ id: number; created: boolean }>(
    `insert into timers (kind, order_id, dedupe_key, payload, due_at) values ($1, $2, $3, $4::jsonb, $5)
     on conflict (dedupe_key) do update set due_at = excluded.due_at, payload = excluded.payload, attempts = 0, last_error = null
       where timers.fired_at is null
     returning id, (xmax = 0) as created`,
    [input.kind, input.orderId ?? null, input.dedupeKey ?? null, JSON.stringify(input.payload ?? {}), input.dueAt],
    { name: 'timers_schedule' },
  );
  const row = r.rows[0];
  if (row) return { id: row.id, outcome: row.created ? 'created' : 'rescheduled' };
  // The conflict's WHERE excluded a fired timer; the row still exists (timers are never deleted once fired).
  const fired = await q.query<{ id: number }>('select id from timers where dedupe_key = $1', [input.dedupeKey]);
  return { id: fired.rows[0]!.id, outcome: 'already_fired' };
}

/** Deletes an order's unfired timers (all, some kinds, or those whose key has a prefix); returns how many. */
export async function cancelTimers(q: Queryable, input: CancelTimersInput): Promise<number> {
  const r = await q.query(
    `delete from timers
      where order_id = $1 and fired_at is null
        and ($2::text[] is null or kind = any($2::text[]))
        and ($3::text is null or starts_with(dedupe_key, $3::text))`,
    [input.orderId, input.kinds ?? null, input.dedupePrefix ?? null],
  );
  return r.rowCount;
}

/**
 * Claims up to `limit` due timers, oldest first, locking them for this transaction. SKIP LOCKED lets several
 * sweepers share the work without waiting on each other; a timer fired by another sweeper since our snapshot
 * is re-checked under the lock and dropped, so no timer is claimed twice.
 */
export async function claimDueTimers(tx: Queryable, now: Date, limit: number): Promise<TimerRow[]> {
  const r = await tx.query<TimerRow>(
    `select id, kind, order_id, dedupe_key, payload, due_at, fired_at, attempts, last_error, created_at
       from timers where fired_at is null and due_at <= $1
      order by due_at limit $2
      for update skip locked`,
    [now, limit],
    { name: 'timers_claim' },
  );
  return r.rows;
}

/** A success clears the error of an earlier failed attempt: fired_at and last_error both set means given up. */
export async function markFired(tx: Queryable, ids: number[], now: Date): Promise<void> {
  if (!ids.length) return;
  await tx.query('update timers set fired_at = $2, last_error = null where id = any($1::bigint[])', [ids, now], { name: 'timers_fired' });
}

export interface TimerFailure {
  id: number;
  attempts: number;
  error: string;
  /** The retry moment, or null when given up (then fired_at = now). */
  retryAt: Date | null;
}

export async function markFailed(tx: Queryable, failures: TimerFailure[], now: Date): Promise<void> {
  if (!failures.length) return;
  await tx.query(
    `update timers t
        set attempts = f.attempts, last_error = f.error,
            due_at = coalesce(f.retry_at, t.due_at),
            fired_at = case when f.retry_at is null then $5::timestamptz end
       from unnest($1::bigint[], $2::int[], $3::text[], $4::timestamptz[]) as f (id, attempts, error, retry_at)
      where t.id = f.id`,
    [failures.map((f) => f.id), failures.map((f) => f.attempts), failures.map((f) => f.error), failures.map((f) => f.retryAt), now],
  );
}

export async function timerStats(q: Queryable, now: Date = new Date()): Promise<TimerStats> {
  // Each figure is a range scan on a partial index: cheap however long the backlog or the history.
  const r = await q.query<{ due: number; oldest: Date | null; fired: number; gave_up: number }>(
    `select (select count(*) from timers where fired_at is null and due_at <= $1) as due,
            (select min(due_at) from timers where fired_at is null) as oldest,
            (select count(*) from timers where fired_at > $1::timestamptz - interval '1 hour') as fired,
            (select count(*) from timers where fired_at > $1::timestamptz - interval '1 hour' and last_error is not null) as gave_up`,
    [now],
  );
  const row = r.rows[0]!;
  const oldestDue = row.oldest && row.oldest.getTime() <= now.getTime() ? row.oldest : null;
  return { due: row.due, oldestDueAt: oldestDue, firedLastHour: row.fired, gaveUpLastHour: row.gave_up };
}
