/**
 * Progress of the history build in settings 'demo.history', written in the same transaction as each batch:
 * a batch and its progress commit together, so after a crash the build knows exactly what is stored and
 * continues from there. The row is locked per batch, so two processes building at once never write a
 * batch twice.
 */
import type { Queryable } from '@liandong/db';
import { DEMO_HISTORY_KEY } from '../load-demo.ts';

export interface DemoHistoryStatus {
  state: 'building' | 'done';
  days: number;
  /** Orders written so far, of `total` planned for the `days` days. */
  done: number;
  total: number;
  startedAt: string;
  finishedAt: string | null;
  /** The instant the history ends at; its days are the 24-hour windows before it. */
  endAt: string;
  seed: number;
  ordersPerDay: number;
  /** Orders per batch: a resumed day must be cut into the same batches to know which are stored. */
  batchSize: number;
  /** Start instants (ISO) of the days fully written. */
  completedDays: string[];
  /** The day being written and how many of its batches are stored. */
  current: { day: string; batches: number } | null;
  orders: number;
  events: number;
}

/** The stored progress, or null when no history was ever started. */
export async function demoHistoryStatus(q: Queryable): Promise<DemoHistoryStatus | null> {
  const r = await q.query<{ value: DemoHistoryStatus }>('select value from settings where key = $1', [DEMO_HISTORY_KEY]);
  return r.rows[0]?.value ?? null;
}

/** Reads the progress row locked for update (inside a transaction). */
export async function lockHistoryStatus(tx: Queryable): Promise<DemoHistoryStatus | null> {
  const r = await tx.query<{ value: DemoHistoryStatus }>('select value from settings where key = $1 for update', [DEMO_HISTORY_KEY]);
  return r.rows[0]?.value ?? null;
}

export async function saveHistoryStatus(q: Queryable, s: DemoHistoryStatus): Promise<void> {
  await q.query(
    `insert into settings (key, value) values ($1, $2::jsonb)
     on conflict (key) do update set value = excluded.value, updated_at = now()`,
    [DEMO_HISTORY_KEY, JSON.stringify(s)],
  );
}

/** Whether batch `b` of the day starting at `day` is already stored. */
export function batchStored(s: DemoHistoryStatus, day: string, b: number): boolean {
  return s.completedDays.includes(day) || (s.current?.day === day && s.current.batches > b);
}
