import { describe, expect, it } from 'vitest';
import { createWorkingCalendar, statutoryCalendarDays } from '../calendar/index.ts';
import type { TimeUnit } from '../calendar/index.ts';
import { readStepClock, yellowMoment } from './step-clock.rules.ts';

const cal = createWorkingCalendar({ overrides: statutoryCalendarDays([2025, 2026, 2027]) });
/** China time, e.g. '2026-03-04 10:00'. */
const cst = (s: string) => new Date(`${s.replace(' ', 'T')}:00+08:00`);
/** A step's clock started at `start` with a limit, its yellow moment computed as the platform stores it. */
function clock(start: Date, limitValue: number, limitUnit: TimeUnit, dueAt = cal.addDuration(start, limitValue, limitUnit)) {
  return { dueAt, limitValue, limitUnit, doneAt: null as Date | null, yellowAt: yellowMoment({ startedAt: start, dueAt, limitValue, limitUnit }, cal) };
}

describe('traffic light', () => {
  it('is green below 80% of the limit, yellow from 80% until the due time, red after it', () => {
    const d = clock(cst('2026-03-02 09:00'), 10, 'urgent_hours');
    expect(d.yellowAt).toEqual(cst('2026-03-02 17:00'));
    expect(readStepClock(d, cst('2026-03-02 16:59'), cal).light).toBe('green');
    expect(readStepClock(d, cst('2026-03-02 17:00'), cal)).toMatchObject({ light: 'yellow', used: 0.8 });
    expect(readStepClock(d, cst('2026-03-02 19:00'), cal)).toMatchObject({ light: 'yellow', used: 1, overdue: false });
    expect(readStepClock(d, new Date(cst('2026-03-02 19:00').getTime() + 1), cal)).toMatchObject({ light: 'red', overdue: true });
  });

  it('turns yellow at the end of a working period when the last 20% starts with the next one, and red right after the due time, nights included', () => {
    // 5 working hours from Monday 14:30: due Tuesday 10:30; the last hour starts Tuesday 09:30.
    const d = clock(cst('2026-03-02 14:30'), 5, 'working_hours');
    expect([d.dueAt, d.yellowAt]).toEqual([cst('2026-03-03 10:30'), cst('2026-03-03 09:30')]);
    // 5 working hours due Tuesday 09:30: the last hour is 08:30–09:30, so the light is yellow from Monday 17:30, all night.
    const e = clock(cst('2026-03-02 12:00'), 5, 'working_hours');
    expect([e.dueAt, e.yellowAt]).toEqual([cst('2026-03-03 09:30'), cst('2026-03-02 17:30')]);
    expect(readStepClock(e, cst('2026-03-02 22:00'), cal)).toMatchObject({ light: 'yellow', remaining: 1 });
    // A step due at 17:30 is late that evening, though no working time has passed since.
    const f = clock(cst('2026-03-02 08:30'), 1, 'working_days');
    expect(f.dueAt).toEqual(cst('2026-03-02 17:30'));
    expect(readStepClock(f, cst('2026-03-02 20:00'), cal)).toMatchObject({ light: 'red', overdue: true, remaining: 0 });
  });

  it('counts working hours only: a 2-working-hour sign limit from Friday 16:30 turns yellow on Monday morning', () => {
    const start = cst('2026-03-06 16:30'); // Friday
    const dueAt = cal.addDuration(start, 2, 'working_hours');
    expect(dueAt).toEqual(cst('2026-03-09 09:30')); // one hour Friday, one hour Monday
    const d = clock(start, 2, 'working_hours');
    expect(readStepClock(d, cst('2026-03-07 12:00'), cal)).toMatchObject({ light: 'green', used: 0.5, remaining: 1 }); // Saturday: frozen
    expect(readStepClock(d, cst('2026-03-09 09:06'), cal)).toMatchObject({ light: 'yellow', used: 0.8 });
    expect(readStepClock(d, cst('2026-03-09 10:30'), cal)).toMatchObject({ light: 'red', overdue: true, remaining: -1, used: 1.5 });
  });

  it('stops over the Spring Festival 2026 and counts its make-up Saturday', () => {
    const start = cst('2026-02-13 10:00'); // Friday before the holiday (15–23 Feb); Sat 14 Feb is a make-up working day
    const dueAt = cal.addDuration(start, 1, 'working_days');
    expect(dueAt).toEqual(cst('2026-02-14 10:00'));
    const d = clock(start, 2, 'working_days');
    expect(d.dueAt).toEqual(cst('2026-02-24 10:00'));
    // Friday 6 h + make-up Saturday 7.5 h of 15 h used; the holiday adds nothing.
    expect(readStepClock(d, cst('2026-02-20 10:00'), cal)).toMatchObject({ light: 'yellow', used: 0.9, remaining: 0.2 });
    expect(readStepClock(d, cst('2026-02-23 17:00'), cal)).toMatchObject({ light: 'yellow', used: 0.9 });
  });

  it('reads a suspended order as at its suspension, and a finished step as at its end', () => {
    const start = cst('2026-03-02 09:00');
    const d = clock(start, 4, 'working_hours');
    const suspended = cst('2026-03-02 10:00');
    expect(readStepClock(d, cst('2026-03-10 10:00'), cal, suspended)).toMatchObject({ light: 'green', used: 0.25, remaining: 3 });
    const done = { ...d, doneAt: cst('2026-03-02 12:00') };
    expect(readStepClock(done, cst('2026-03-20 10:00'), cal)).toMatchObject({ light: 'green', used: 0.75 });
  });

  it('uses natural time for urgent hours, nights included', () => {
    const start = cst('2026-03-06 23:00');
    const d = clock(start, 2, 'urgent_hours');
    expect(d.dueAt).toEqual(cst('2026-03-07 01:00'));
    expect(readStepClock(d, cst('2026-03-07 00:45'), cal)).toMatchObject({ light: 'yellow', used: 0.875 });
    expect(readStepClock(d, cst('2026-03-07 03:00'), cal)).toMatchObject({ light: 'red', remaining: -2 });
  });
});
