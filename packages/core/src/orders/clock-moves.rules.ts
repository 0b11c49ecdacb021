/**
 * How clocks move, one rule for the live actions and the demo history. An approved extension (批准延期) moves the
 * handling clock's due moment by the time granted (in the request's unit, from the current due moment) and grows
 * the step's limit by the same span in the step's own unit, so that its traffic light stays true. A resumed
 * suspension moves every running clock by the time suspended.
 */
import type { TimeUnit, WorkingCalendar } from '../calendar/index.ts';

export interface HandleClock {
  dueAt: Date;
  limitValue: number;
  limitUnit: TimeUnit;
}

/** The handling clock after the extension; without a running clock, one starting now with the granted time. */
export function extendedHandleClock(calendar: WorkingCalendar, handle: HandleClock | null, granted: { value: number; unit: TimeUnit }, now: Date): HandleClock {
  const dueAt = calendar.addDuration(handle ? handle.dueAt : now, granted.value, granted.unit);
  if (!handle) return { dueAt, limitValue: granted.value, limitUnit: granted.unit };
  return { dueAt, limitValue: handle.limitValue + calendar.elapsed(handle.dueAt, dueAt, handle.limitUnit), limitUnit: handle.limitUnit };
}

/**
 * 恢复 after a suspension: a running clock's time left keeps its size; time already overdue keeps its lateness —
 * both in the clock's own unit.
 */
export function resumedDueAt(calendar: WorkingCalendar, clock: { dueAt: Date; limitUnit: TimeUnit }, since: Date, now: Date): Date {
  const unit = clock.limitUnit;
  return clock.dueAt > since
    ? calendar.addDuration(now, calendar.elapsed(since, clock.dueAt, unit), unit)
    : calendar.addDuration(clock.dueAt, calendar.elapsed(since, now, unit), unit);
}
