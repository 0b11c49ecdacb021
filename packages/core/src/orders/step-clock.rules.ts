/**
 * The traffic light of a step's clock (红黄绿灯): how much of the step's limit is used, in the limit's own
 * unit (working hours stop at night, on weekends and holidays). Green below 80%, yellow from 80% until the
 * due time, red once the due time has passed. A suspended order's clock reads as at the moment it was
 * suspended; a finished step as at its end.
 *
 * The light changes at two instants: `dueAt`, and `yellowAt` (yellowMoment), which is computed when the
 * deadline is written and stored beside it (order_deadlines.yellow_at), so that the order list filters by
 * light in SQL and the view reads the same instants: one rule, read in both places.
 */
import type { Light, Step } from '@liandong/contracts';
import type { TimeUnit, WorkingCalendar } from '../calendar/index.ts';
import type { OrderRow } from './order.types.ts';

export type { Light };

export interface StepLimitClock {
  dueAt: Date;
  limitValue: number;
  limitUnit: TimeUnit;
}

export interface StepClockInput extends StepLimitClock {
  doneAt: Date | null;
  /** When the light turns yellow (yellowMoment, stored with the deadline). */
  yellowAt: Date;
}

export interface StepClock {
  light: Light;
  /** Share of the limit used: 0.5 = half, 1.2 = 20% over. */
  used: number;
  /** Time left in the limit's unit; negative when overdue in working time (0 over the night after a due time). */
  remaining: number;
  overdue: boolean;
}

export const YELLOW_AT = 0.8;

/**
 * The moment the time left reaches (1 − share) of the limit, measured in the limit's unit from `from` (any
 * instant before it: the step's start, or now). A due time moved by an extension or a suspension moves it too.
 * Where the working time runs out exactly at the end of a working period, it is that end (the earliest such
 * instant), as with the calendar's addDuration.
 */
export function thresholdMoment(s: StepLimitClock, share: number, from: Date, calendar: WorkingCalendar): Date {
  const left = calendar.remaining(from, s.dueAt, s.limitUnit);
  const wait = left - s.limitValue * (1 - share);
  return wait > 0 ? calendar.addDuration(from, wait, s.limitUnit) : from;
}

/** When a step's light turns yellow: 80% of its limit used. */
export function yellowMoment(d: StepLimitClock & { startedAt: Date }, calendar: WorkingCalendar): Date {
  return thresholdMoment(d, YELLOW_AT, d.startedAt, calendar);
}

/** The light at an instant: red after the due time, yellow from the yellow moment, green before. */
export function lightAt(at: Date, d: { dueAt: Date; yellowAt: Date }): Light {
  if (at.getTime() > d.dueAt.getTime()) return 'red';
  return at.getTime() >= d.yellowAt.getTime() ? 'yellow' : 'green';
}

/**
 * Reads a step's clock at `now` (or when the step ended, or when the order was suspended). The limit is
 * the effective one: an approved extension raises it (see approve-extension), a suspension moves the due
 * time but not the limit, so "time left" keeps its meaning across both.
 */
export function readStepClock(d: StepClockInput, now: Date, calendar: WorkingCalendar, suspendedAt: Date | null = null): StepClock {
  const at = d.doneAt ?? suspendedAt ?? now;
  const remaining = calendar.remaining(at, d.dueAt, d.limitUnit);
  const used = d.limitValue > 0 ? (d.limitValue - remaining) / d.limitValue : 1;
  const light = lightAt(at, d);
  return { light, used: Math.round(used * 1000) / 1000, remaining: Math.round(remaining * 100) / 100 || 0, overdue: light === 'red' };
}

/**
 * The unit a step's lateness belongs to — supervised for it, assessed on it: the handling unit for sign and
 * handle, the dispatching centre otherwise (verification and checks are also the grid's: order_step_runs.grid_code).
 */
export function supervisedUnit(order: Pick<OrderRow, 'handler_unit_id' | 'dispatch_unit_id'>, step: Step | null): number | null {
  if (step === 'sign' || step === 'handle' || step === null) return order.handler_unit_id ?? order.dispatch_unit_id;
  return order.dispatch_unit_id;
}
