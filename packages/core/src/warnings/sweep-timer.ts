/**
 * The early-warning job on the platform's durable timers: one timer per 15-minute slot (`warnings:sweep:<slot>`),
 * fired once by whichever sweeper claims it — `liandong worker`, or `liandong start` with its background work, any
 * number of them on one PostgreSQL. Its handler runs every rule in the sweeper's transaction and schedules the next
 * slot's timer there, so the chain and the warnings commit together. After downtime the overdue slot fires once and
 * the chain goes on from now. `ensureWarningSweep` (each background start) schedules the current slot: a no-op when
 * it has fired or is already waiting.
 */
import type { Queryable } from '@liandong/db';
import type { WorkingCalendar } from '../calendar/index.ts';
import { scheduleTimer, type TimerHandlers } from '../timers/index.ts';
import { runWarnings } from './run-warnings.ts';

export const WARNING_SWEEP = 'warnings.sweep';
export const SWEEP_MINUTES = 15;
const SLOT_MS = SWEEP_MINUTES * 60_000;

/** The start of the slot holding `at`. */
export function slotOf(at: Date): Date {
  return new Date(Math.floor(at.getTime() / SLOT_MS) * SLOT_MS);
}

function schedule(q: Queryable, slot: Date) {
  return scheduleTimer(q, { kind: WARNING_SWEEP, dueAt: slot, dedupeKey: `warnings:sweep:${slot.toISOString()}` });
}

export async function ensureWarningSweep(q: Queryable, now: Date) {
  return schedule(q, slotOf(now));
}

export function warningTimerHandlers(calendar: (q: Queryable) => Promise<WorkingCalendar>): TimerHandlers {
  return {
    [WARNING_SWEEP]: async (tx, _timer, { now }) => {
      await runWarnings(tx, now, await calendar(tx));
      await schedule(tx, new Date(slotOf(now).getTime() + SLOT_MS));
    },
  };
}
