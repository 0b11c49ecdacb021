/**
 * The traffic light of a step's clock (红黄绿灯): how much of the step's limit is used, in the limit's own
 * unit (working hours stop at night, on weekends and holidays). Green below 80%, yellow 80–100%, red
 * beyond. A suspended order's clock reads as at the moment it was suspended; a finished step as at its end.
 */
import type { Light } from '@liandong/contracts';
import type { TimeUnit, WorkingCalendar } from '../calendar/index.ts';

export type { Light };

export interface StepClockInput {
  dueAt: Date;
  limitValue: number;
  limitUnit: TimeUnit;
  doneAt: Date | null;
}

export interface StepClock {
  light: Light;
  /** Share of the limit used: 0.5 = half, 1.2 = 20% over. */
  used: number;
  /** Time left in the limit's unit; negative when overdue. */
  remaining: number;
  overdue: boolean;
}

export const YELLOW_AT = 0.8;

export function lightOf(used: number): Light {
  if (used > 1) return 'red';
  return used >= YELLOW_AT ? 'yellow' : 'green';
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
  return { light: lightOf(used), used: Math.round(used * 1000) / 1000, remaining: Math.round(remaining * 100) / 100, overdue: remaining < 0 };
}
