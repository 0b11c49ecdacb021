/**
 * The working calendar (工作日历) and deadline arithmetic (时限计算). Pure: the overrides and periods
 * come in as data (see calendar.repository.ts). Instants are UTC Dates; days and hours are China local.
 *
 * Conventions:
 * - A day is a workday by its override (法定节假日 / 调休上班), else Monday–Friday.
 * - working_hours count only time inside the working periods of workdays; a start outside them
 *   begins at the next period. A deadline that uses up a period exactly ends at that period's end
 *   (08:30 + 3.5 working hours = 12:00, not 13:30).
 * - working_days are value × (working hours of one day) of working time, so Friday 10:00 + 1 working
 *   day = next workday 10:00, and fractions work the same way.
 * - urgent_hours are clock hours around the clock (紧急件不分昼夜); natural_days are value × 24 h.
 */
import { TIME_UNITS, type TimeUnit } from '@liandong/contracts';
import { DAY_MS, HOUR_MS, dayIndexOf, dayStartMs, isWeekend, parseDay } from './china-time.ts';
import { DEFAULT_WORKING_PERIODS, parseWorkingPeriods, type WorkingPeriod } from './working-periods.ts';

export type { TimeUnit };

export { TIME_UNITS };

export interface CalendarDay {
  /** YYYY-MM-DD, China local. */
  day: string;
  isWorkday: boolean;
  name?: string;
}

export interface WorkingCalendar {
  readonly workingPeriods: readonly WorkingPeriod[];
  /** Working hours in one workday (7.5 with the default periods). */
  readonly hoursPerWorkday: number;
  isWorkday(day: string): boolean;
  /** The override's name for a day (e.g. 春节, 春节调休上班), if any. */
  dayName(day: string): string | undefined;
  /** Whether the instant lies inside a working period of a workday. */
  isWorkingTime(at: Date): boolean;
  addDuration(start: Date, value: number, unit: TimeUnit): Date;
  /** The time from start to end measured in unit; negative when end is before start. */
  elapsed(start: Date, end: Date, unit: TimeUnit): number;
  /** What is left from now until the deadline in unit; negative once the deadline has passed. */
  remaining(now: Date, deadline: Date, unit: TimeUnit): number;
}

/** The largest duration accepted, in days of its unit: anything beyond is a data error. */
export const MAX_DURATION_DAYS = 3650;
/** How far a working-time search may run before the calendar is judged to have no working time left. */
const MAX_SCAN_DAYS = 4 * MAX_DURATION_DAYS;
/** elapsed() over more than this is a data error (an instant in 1970 or in the far future). */
const MAX_ELAPSED_DAYS = 100 * 366;

function instantMs(d: Date, what: string): number {
  const ms = d instanceof Date ? d.getTime() : NaN;
  if (Number.isNaN(ms)) throw new RangeError(`${what} is not a valid date`);
  return ms;
}

function checkUnit(unit: TimeUnit): void {
  if (!TIME_UNITS.includes(unit)) throw new RangeError(`Unknown time unit: ${String(unit)}`);
}

export function createWorkingCalendar(opts: {
  overrides: readonly CalendarDay[];
  workingPeriods?: readonly WorkingPeriod[];
}): WorkingCalendar {
  const given = opts.workingPeriods ?? DEFAULT_WORKING_PERIODS;
  // Validate before touching: the periods may come from a hand-edited settings row.
  const periods = parseWorkingPeriods(given);
  const periodsText = given.map(([a, b]) => [a, b] as WorkingPeriod);
  const workdayMs = periods.reduce((sum, p) => sum + (p.endMs - p.startMs), 0);

  // How long one unit is, and one day in that unit (for the MAX_DURATION_DAYS guard).
  const scales: Record<TimeUnit, { unitMs: number; dayMs: number }> = {
    urgent_hours: { unitMs: HOUR_MS, dayMs: DAY_MS },
    natural_days: { unitMs: DAY_MS, dayMs: DAY_MS },
    working_hours: { unitMs: HOUR_MS, dayMs: workdayMs },
    working_days: { unitMs: workdayMs, dayMs: workdayMs },
  };

  const overrides = new Map<number, CalendarDay>();
  for (const o of opts.overrides) overrides.set(parseDay(o.day), o);

  const workdayAt = (index: number): boolean => overrides.get(index)?.isWorkday ?? !isWeekend(index);

  /** Adds amountMs (> 0) of working time to startMs; loops by day and period, never by minute. */
  function addWorkingMs(startMs: number, amountMs: number): number {
    if (amountMs === 0) return startMs;
    let left = amountMs;
    const first = dayIndexOf(startMs);
    for (let index = first; index < first + MAX_SCAN_DAYS; index++) {
      if (!workdayAt(index)) continue;
      const base = dayStartMs(index);
      for (const p of periods) {
        const from = Math.max(startMs, base + p.startMs);
        const to = base + p.endMs;
        if (to <= from) continue;
        if (left <= to - from) return from + left;
        left -= to - from;
      }
    }
    throw new RangeError(`The working calendar has too little working time within ${MAX_SCAN_DAYS} days of the start`);
  }

  /** Working time between a and b (a <= b), in milliseconds. */
  function workingMsBetween(a: number, b: number): number {
    const last = dayIndexOf(b);
    let total = 0;
    for (let index = dayIndexOf(a); index <= last; index++) {
      if (!workdayAt(index)) continue;
      const base = dayStartMs(index);
      for (const p of periods) {
        const overlap = Math.min(b, base + p.endMs) - Math.max(a, base + p.startMs);
        if (overlap > 0) total += overlap;
      }
    }
    return total;
  }

  function addDuration(start: Date, value: number, unit: TimeUnit): Date {
    const startMs = instantMs(start, 'start');
    checkUnit(unit);
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new RangeError(`Duration must be a finite number >= 0, got ${String(value)}`);
    }
    const { unitMs, dayMs } = scales[unit];
    if ((value * unitMs) / dayMs > MAX_DURATION_DAYS) {
      throw new RangeError(`Duration of ${value} ${unit} exceeds ${MAX_DURATION_DAYS} days`);
    }
    const amountMs = Math.round(value * unitMs);
    const endMs = unit === 'urgent_hours' || unit === 'natural_days' ? startMs + amountMs : addWorkingMs(startMs, amountMs);
    return new Date(endMs);
  }

  function elapsed(start: Date, end: Date, unit: TimeUnit): number {
    const a = instantMs(start, 'start');
    const b = instantMs(end, 'end');
    checkUnit(unit);
    if (Math.abs(b - a) > MAX_ELAPSED_DAYS * DAY_MS) {
      throw new RangeError(`The span from ${start.toISOString()} to ${end.toISOString()} is implausibly long`);
    }
    if (unit === 'urgent_hours') return (b - a) / HOUR_MS;
    if (unit === 'natural_days') return (b - a) / DAY_MS;
    const ms = b >= a ? workingMsBetween(a, b) : -workingMsBetween(b, a);
    return unit === 'working_hours' ? ms / HOUR_MS : ms / workdayMs;
  }

  return {
    workingPeriods: Object.freeze(periodsText),
    hoursPerWorkday: workdayMs / HOUR_MS,
    isWorkday: (day) => workdayAt(parseDay(day)),
    dayName: (day) => overrides.get(parseDay(day))?.name,
    isWorkingTime(at) {
      const ms = instantMs(at, 'at');
      const index = dayIndexOf(ms);
      if (!workdayAt(index)) return false;
      const offset = ms - dayStartMs(index);
      return periods.some((p) => offset >= p.startMs && offset < p.endMs);
    },
    addDuration,
    elapsed,
    remaining: (now, deadline, unit) => elapsed(now, deadline, unit),
  };
}
