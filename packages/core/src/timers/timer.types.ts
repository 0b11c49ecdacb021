import type { Queryable } from '@liandong/db';

/** A row of `timers` (snake_case, as everywhere inside core). */
export interface TimerRow {
  id: number;
  kind: string;
  order_id: number | null;
  dedupe_key: string | null;
  payload: Record<string, unknown>;
  due_at: Date;
  fired_at: Date | null;
  attempts: number;
  last_error: string | null;
  created_at: Date;
}

/**
 * Fires one timer. It runs inside the sweeper's transaction (under a savepoint) and must do its writes
 * through `tx`: they commit together with the timer's fired_at, which is what makes a timer fire exactly once.
 * Anything it does outside the database (mail, SMS) may repeat after a crash; put such work in an outbox row.
 * Throwing rolls back its writes and schedules a retry.
 */
export type TimerHandler = (tx: Queryable, timer: TimerRow, ctx: { now: Date }) => Promise<void>;

export type TimerHandlers = Record<string, TimerHandler>;

export interface ScheduleTimerInput {
  kind: string;
  orderId?: number | null;
  dueAt: Date;
  /** Names one logical timer (e.g. `order:42:handle:overdue`); scheduling it again moves it instead of adding one. */
  dedupeKey?: string | null;
  payload?: Record<string, unknown>;
}

export type ScheduleOutcome = 'created' | 'rescheduled' | 'already_fired';

export interface CancelTimersInput {
  orderId: number;
  /** Only these kinds; all kinds when absent. */
  kinds?: string[];
  /** Only timers whose dedupe key starts with this. */
  dedupePrefix?: string;
}

export interface TimerStats {
  /** Unfired timers whose moment has come (a growing number means the sweepers fall behind or are down). */
  due: number;
  oldestDueAt: Date | null;
  firedLastHour: number;
  /** Of those, given up after their last attempt failed. */
  gaveUpLastHour: number;
}
