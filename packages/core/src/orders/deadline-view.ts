/** A step's clock as the API shows it: its row, and its reading now (light, share used, time left). */
import type { DeadlineView, Step } from '@liandong/contracts';
import type { TimeUnit, WorkingCalendar } from '../calendar/index.ts';
import { iso, isoOrNull } from '../shared/wire.ts';
import type { DeadlineRow } from './order.types.ts';
import { readStepClock, type Light } from './step-clock.rules.ts';

/** The moment the views read the clocks at, with the calendar to read them. */
export interface ClockReading {
  now: Date;
  calendar: WorkingCalendar;
}

export function toDeadlineView(d: DeadlineRow, clock: ClockReading, suspendedAt: Date | null): DeadlineView {
  const c = readStepClock({ dueAt: d.due_at, yellowAt: d.yellow_at, limitValue: d.limit_value, limitUnit: d.limit_unit as TimeUnit, doneAt: d.done_at }, clock.now, clock.calendar, suspendedAt);
  return {
    step: d.step as Step,
    startedAt: iso(d.started_at),
    dueAt: iso(d.due_at),
    limit: { value: d.limit_value, unit: d.limit_unit as TimeUnit },
    doneAt: isoOrNull(d.done_at),
    running: d.done_at === null,
    light: c.light,
    used: c.used,
    remaining: { value: c.remaining, unit: d.limit_unit as TimeUnit },
    overdue: c.overdue,
  };
}

const LIGHT_RANK: Record<Light, number> = { green: 0, yellow: 1, red: 2 };

/** The worst light among an order's running steps; null when no clock runs. */
export function worstLight(views: { running: boolean; light: Light }[]): Light | null {
  let worst: Light | null = null;
  for (const v of views) if (v.running && (worst === null || LIGHT_RANK[v.light] > LIGHT_RANK[worst])) worst = v.light;
  return worst;
}
