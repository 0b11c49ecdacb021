import { describe, expect, it } from 'vitest';
import { createWorkingCalendar, statutoryCalendarDays } from '../calendar/index.ts';
import { lightOf, readStepClock } from './step-clock.rules.ts';

const cal = createWorkingCalendar({ overrides: statutoryCalendarDays([2025, 2026, 2027]) });
/** China time, e.g. '2026-03-04 10:00'. */
const cst = (s: string) => new Date(`${s.replace(' ', 'T')}:00+08:00`);

describe('traffic light', () => {
  it('is green below 80% of the limit, yellow from 80% to 100%, red beyond', () => {
    expect(lightOf(0)).toBe('green');
    expect(lightOf(0.799)).toBe('green');
    expect(lightOf(0.8)).toBe('yellow');
    expect(lightOf(1)).toBe('yellow');
    expect(lightOf(1.001)).toBe('red');
  });

  it('counts working hours only: a 2-working-hour sign limit from Friday 16:30 turns yellow on Monday morning', () => {
    const start = cst('2026-03-06 16:30'); // Friday
    const dueAt = cal.addDuration(start, 2, 'working_hours');
    expect(dueAt).toEqual(cst('2026-03-09 09:30')); // one hour Friday, one hour Monday
    const d = { dueAt, limitValue: 2, limitUnit: 'working_hours' as const, doneAt: null };
    expect(readStepClock(d, cst('2026-03-07 12:00'), cal)).toMatchObject({ light: 'green', used: 0.5, remaining: 1 }); // Saturday: frozen
    expect(readStepClock(d, cst('2026-03-09 09:06'), cal)).toMatchObject({ light: 'yellow', used: 0.8 });
    expect(readStepClock(d, cst('2026-03-09 10:30'), cal)).toMatchObject({ light: 'red', overdue: true, remaining: -1, used: 1.5 });
  });

  it('stops over the Spring Festival 2026 and counts its make-up Saturday', () => {
    const start = cst('2026-02-13 10:00'); // Friday before the holiday (15–23 Feb); Sat 14 Feb is a make-up working day
    const dueAt = cal.addDuration(start, 1, 'working_days');
    expect(dueAt).toEqual(cst('2026-02-14 10:00'));
    const d = { dueAt: cal.addDuration(start, 2, 'working_days'), limitValue: 2, limitUnit: 'working_days' as const, doneAt: null };
    expect(d.dueAt).toEqual(cst('2026-02-24 10:00'));
    // Friday 6 h + make-up Saturday 7.5 h of 15 h used; the holiday adds nothing.
    expect(readStepClock(d, cst('2026-02-20 10:00'), cal)).toMatchObject({ light: 'yellow', used: 0.9, remaining: 0.2 });
    expect(readStepClock(d, cst('2026-02-23 17:00'), cal)).toMatchObject({ light: 'yellow', used: 0.9 });
  });

  it('reads a suspended order as at its suspension, and a finished step as at its end', () => {
    const start = cst('2026-03-02 09:00');
    const d = { dueAt: cal.addDuration(start, 4, 'working_hours'), limitValue: 4, limitUnit: 'working_hours' as const, doneAt: null };
    const suspended = cst('2026-03-02 10:00');
    expect(readStepClock(d, cst('2026-03-10 10:00'), cal, suspended)).toMatchObject({ light: 'green', used: 0.25, remaining: 3 });
    const done = { ...d, doneAt: cst('2026-03-02 12:00') };
    expect(readStepClock(done, cst('2026-03-20 10:00'), cal)).toMatchObject({ light: 'green', used: 0.75 });
  });

  it('uses natural time for urgent hours, nights included', () => {
    const start = cst('2026-03-06 23:00');
    const d = { dueAt: cal.addDuration(start, 2, 'urgent_hours'), limitValue: 2, limitUnit: 'urgent_hours' as const, doneAt: null };
    expect(d.dueAt).toEqual(cst('2026-03-07 01:00'));
    expect(readStepClock(d, cst('2026-03-07 00:45'), cal)).toMatchObject({ light: 'yellow', used: 0.875 });
    expect(readStepClock(d, cst('2026-03-07 03:00'), cal)).toMatchObject({ light: 'red', remaining: -2 });
  });
});
