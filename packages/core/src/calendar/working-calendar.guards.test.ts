import { describe, expect, it } from 'vitest';
import { DAY_MS, chinaDayOf, formatDay, parseDay } from './china-time.ts';
import { statutoryCalendarDays } from './statutory-holidays.ts';
import { createWorkingCalendar, type CalendarDay, type TimeUnit } from './working-calendar.ts';
import { parseWorkingPeriods } from './working-periods.ts';

const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const cal = createWorkingCalendar({ overrides: statutoryCalendarDays([2025, 2026, 2027]) });

describe('addDuration guards', () => {
  it('refuses durations beyond 3650 days in every unit', () => {
    const start = at('2026-03-09 09:00');
    const tooLong: [number, TimeUnit][] = [
      [3651, 'natural_days'],
      [3651 * 24, 'urgent_hours'],
      [3651, 'working_days'],
      [3651 * 7.5, 'working_hours'],
    ];
    for (const [value, unit] of tooLong) expect(() => cal.addDuration(start, value, unit), unit).toThrow(RangeError);
    expect(() => cal.addDuration(start, 3650, 'working_days')).not.toThrow();
  });

  it('refuses negative, NaN and infinite values, invalid dates and unknown units', () => {
    const start = at('2026-03-09 09:00');
    for (const value of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => cal.addDuration(start, value, 'working_hours'), String(value)).toThrow(RangeError);
    }
    expect(() => cal.addDuration(new Date('nonsense'), 1, 'working_hours')).toThrow(RangeError);
    expect(() => cal.addDuration(start, 1, 'fortnights' as TimeUnit)).toThrow(RangeError);
    expect(() => cal.elapsed(start, new Date(Number.NaN), 'working_days')).toThrow(RangeError);
  });

  it('throws instead of searching forever when the calendar has no working time', () => {
    const first = parseDay('2026-01-01');
    const allRest: CalendarDay[] = Array.from({ length: 4 * 3650 + 10 }, (_, i) => ({ day: formatDay(first + i), isWorkday: false }));
    const idle = createWorkingCalendar({ overrides: allRest });
    expect(() => idle.addDuration(at('2026-01-01 09:00'), 1, 'working_hours')).toThrow(RangeError);
  });
});

describe('isWorkingTime', () => {
  it('is true only inside the working periods of a workday', () => {
    expect(cal.isWorkingTime(at('2026-03-09 08:29'))).toBe(false);
    expect(cal.isWorkingTime(at('2026-03-09 08:30'))).toBe(true);
    expect(cal.isWorkingTime(at('2026-03-09 12:00'))).toBe(false);
    expect(cal.isWorkingTime(at('2026-03-09 13:30'))).toBe(true);
    expect(cal.isWorkingTime(at('2026-03-07 10:00'))).toBe(false);
    expect(cal.isWorkingTime(at('2026-02-14 10:00'))).toBe(true);
  });
});

describe('time zone independence', () => {
  it('gives the same deadlines whatever the machine time zone is', () => {
    const saved = process.env.TZ;
    const run = () =>
      (['working_hours', 'working_days'] as TimeUnit[]).map((u) => cal.addDuration(at('2026-03-06 23:30'), 2, u).toISOString());
    try {
      process.env.TZ = 'America/Los_Angeles';
      const west = run();
      expect(new Date(0).getTimezoneOffset()).toBe(480); // the zone switch took effect
      process.env.TZ = 'Asia/Tokyo';
      expect(run()).toEqual(west);
      expect(west).toEqual([at('2026-03-09 10:30').toISOString(), at('2026-03-10 17:30').toISOString()]);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('working periods', () => {
  it('accept ordered, non-overlapping HH:MM pairs, touching allowed, 24:00 only as an end', () => {
    expect(parseWorkingPeriods([['08:30', '12:00'], ['12:00', '24:00']])).toEqual([
      { startMs: 510 * 60_000, endMs: 720 * 60_000 },
      { startMs: 720 * 60_000, endMs: DAY_MS },
    ]);
    const allDay = createWorkingCalendar({ overrides: [], workingPeriods: [['00:00', '24:00']] });
    expect(allDay.hoursPerWorkday).toBe(24);
  });

  it.each([
    ['none', []],
    ['not a pair', [['08:30']]],
    ['bad time', [['8:30', '12:00']]],
    ['minutes out of range', [['08:60', '12:00']]],
    ['24:00 as a start', [['24:00', '24:00']]],
    ['end before start', [['12:00', '08:30']]],
    ['empty period', [['09:00', '09:00']]],
    ['overlapping', [['08:30', '12:00'], ['11:00', '17:00']]],
    ['out of order', [['13:30', '17:30'], ['08:30', '12:00']]],
  ])('reject %s with a message naming the field', (_label, periods) => {
    expect(() => parseWorkingPeriods(periods)).toThrow(/workingPeriods/);
    expect(() => createWorkingCalendar({ overrides: [], workingPeriods: periods as [string, string][] })).toThrow(/workingPeriods/);
  });
});

describe('day arithmetic in China time', () => {
  it('reads the China-local day of an instant, not its UTC day', () => {
    // 16:30 UTC on Friday 6 Mar is 00:30 on Saturday in China: one working hour lands on Monday.
    const start = new Date(Date.UTC(2026, 2, 6, 16, 30));
    expect(cal.isWorkingTime(start)).toBe(false);
    expect(cal.addDuration(start, 1, 'working_hours').toISOString()).toBe(at('2026-03-09 09:30').toISOString());
  });

  it('names the China-local calendar day of an instant', () => {
    expect(chinaDayOf(new Date(Date.UTC(2026, 2, 6, 16, 30)))).toBe('2026-03-07');
    expect(chinaDayOf(new Date(Date.UTC(2026, 2, 6, 15, 59)))).toBe('2026-03-06');
  });
});
