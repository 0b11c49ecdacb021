import { describe, expect, it } from 'vitest';
import { statutoryCalendarDays } from './statutory-holidays.ts';
import { createWorkingCalendar, type TimeUnit } from './working-calendar.ts';

/** An instant given in China local time, e.g. at('2026-03-06 10:00'). */
const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
/** The China-local 'YYYY-MM-DD HH:MM' of an instant. */
const local = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

const cal = createWorkingCalendar({ overrides: statutoryCalendarDays([2025, 2026, 2027]) });
const add = (start: string, value: number, unit: TimeUnit) => local(cal.addDuration(at(start), value, unit));

describe('isWorkday', () => {
  const plain = createWorkingCalendar({ overrides: [] });

  it('works Monday to Friday and rests at weekends when no override applies', () => {
    expect(['2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09'].map(plain.isWorkday)).toEqual([true, false, false, true]);
  });

  it('lets an override turn a weekday into a rest day and a weekend day into a workday', () => {
    const c = createWorkingCalendar({
      overrides: [
        { day: '2026-03-09', isWorkday: false, name: '停工' },
        { day: '2026-03-07', isWorkday: true },
      ],
    });
    expect(c.isWorkday('2026-03-09')).toBe(false);
    expect(c.isWorkday('2026-03-07')).toBe(true);
    expect(c.dayName('2026-03-09')).toBe('停工');
  });

  it('rests 15–23 Feb 2026 for Spring Festival and works Saturdays 14 and 28 Feb', () => {
    for (let d = 15; d <= 23; d++) expect(cal.isWorkday(`2026-02-${d}`), `Feb ${d}`).toBe(false);
    expect(cal.isWorkday('2026-02-14')).toBe(true);
    expect(cal.isWorkday('2026-02-28')).toBe(true);
    expect(cal.isWorkday('2026-02-24')).toBe(true);
  });

  it('rests for Mid-Autumn (25 Sep) and National Day (1–7 Oct 2026), works Sun 20 Sep and Sat 10 Oct', () => {
    for (const day of ['2026-09-25', '2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']) {
      expect(cal.isWorkday(day), day).toBe(false);
    }
    for (const day of ['2026-09-20', '2026-09-24', '2026-10-08', '2026-10-09', '2026-10-10']) expect(cal.isWorkday(day), day).toBe(true);
  });

  it('rejects a malformed or impossible day', () => {
    expect(() => cal.isWorkday('2026-02-30')).toThrow(RangeError);
    expect(() => cal.isWorkday('2026/02/03')).toThrow(RangeError);
  });
});

describe('addDuration in urgent_hours and natural_days (around the clock)', () => {
  it('counts urgent hours through nights, weekends and holidays', () => {
    expect(add('2026-03-07 22:00', 4, 'urgent_hours')).toBe('2026-03-08 02:00');
    expect(add('2026-02-17 10:00', 24, 'urgent_hours')).toBe('2026-02-18 10:00');
    expect(add('2026-03-09 09:00', 1.5, 'urgent_hours')).toBe('2026-03-09 10:30');
  });

  it('counts natural days as 24 hours each, fractions included', () => {
    expect(add('2026-03-06 10:00', 3, 'natural_days')).toBe('2026-03-09 10:00');
    expect(add('2026-02-13 10:00', 5, 'natural_days')).toBe('2026-02-18 10:00');
    expect(add('2026-03-06 10:00', 0.5, 'natural_days')).toBe('2026-03-06 22:00');
  });
});

describe('addDuration in working_hours', () => {
  it('counts inside a morning period and across the lunch break', () => {
    expect(add('2026-03-09 09:00', 2, 'working_hours')).toBe('2026-03-09 11:00');
    expect(add('2026-03-09 11:00', 2, 'working_hours')).toBe('2026-03-09 14:30');
  });

  it('starts at the next working period when started before, between or after them', () => {
    expect(add('2026-03-09 07:00', 1, 'working_hours')).toBe('2026-03-09 09:30');
    expect(add('2026-03-09 12:30', 1, 'working_hours')).toBe('2026-03-09 14:30');
    expect(add('2026-03-09 18:00', 1, 'working_hours')).toBe('2026-03-10 09:30');
  });

  it('ends at the end of a period that the duration uses up exactly', () => {
    expect(add('2026-03-09 08:30', 3.5, 'working_hours')).toBe('2026-03-09 12:00');
    expect(add('2026-03-09 08:30', 7.5, 'working_hours')).toBe('2026-03-09 17:30');
  });

  it('skips an ordinary weekend', () => {
    expect(add('2026-03-06 17:00', 1, 'working_hours')).toBe('2026-03-09 09:00');
    expect(add('2026-03-07 10:00', 1, 'working_hours')).toBe('2026-03-09 09:30');
  });

  it('works the Spring Festival make-up Saturday and skips the holiday', () => {
    expect(add('2026-02-13 17:00', 1, 'working_hours')).toBe('2026-02-14 09:00');
    expect(add('2026-02-14 17:00', 1, 'working_hours')).toBe('2026-02-24 09:00');
  });

  it('handles fractions and zero', () => {
    expect(add('2026-03-09 09:00', 0.25, 'working_hours')).toBe('2026-03-09 09:15');
    expect(add('2026-03-09 20:00', 0, 'working_hours')).toBe('2026-03-09 20:00');
  });
});

describe('addDuration in working_days', () => {
  it('takes Friday 10:00 plus one working day to Monday 10:00 over an ordinary weekend', () => {
    expect(add('2026-03-06 10:00', 1, 'working_days')).toBe('2026-03-09 10:00');
  });

  it('counts a full working day from a start before, between or after the working periods', () => {
    expect(add('2026-03-09 07:00', 1, 'working_days')).toBe('2026-03-09 17:30');
    expect(add('2026-03-09 12:30', 1, 'working_days')).toBe('2026-03-10 12:00');
    expect(add('2026-03-09 18:00', 1, 'working_days')).toBe('2026-03-10 17:30');
  });

  it('treats a fraction as that share of a working day (0.5 × 7.5 h = 3.75 h)', () => {
    expect(add('2026-03-09 08:30', 0.5, 'working_days')).toBe('2026-03-09 13:45');
  });

  it('adds 15 working days across Spring Festival 2026, counting the make-up Saturdays', () => {
    // Workdays after Tue 10 Feb: 11, 12, 13, 14 (Sat), 24, 25, 26, 27, 28 (Sat), 2, 3, 4, 5, 6, 9 Mar.
    expect(add('2026-02-10 09:00', 15, 'working_days')).toBe('2026-03-09 09:00');
  });

  it('follows Mid-Autumn and National Day 2026 with their make-up days', () => {
    expect(add('2026-09-18 10:00', 1, 'working_days')).toBe('2026-09-20 10:00');
    expect(add('2026-09-24 10:00', 1, 'working_days')).toBe('2026-09-28 10:00');
    expect(add('2026-09-30 10:00', 1, 'working_days')).toBe('2026-10-08 10:00');
    expect(add('2026-10-09 10:00', 1, 'working_days')).toBe('2026-10-10 10:00');
  });

  it('uses the provisional 2027 Spring Festival', () => {
    expect(add('2027-02-04 10:00', 1, 'working_days')).toBe('2027-02-14 10:00');
  });

  it('scales with custom working periods', () => {
    const c = createWorkingCalendar({ overrides: [], workingPeriods: [['09:00', '17:00']] });
    expect(c.hoursPerWorkday).toBe(8);
    expect(local(c.addDuration(at('2026-03-06 13:00'), 1, 'working_days'))).toBe('2026-03-09 13:00');
    expect(local(c.addDuration(at('2026-03-06 13:00'), 6, 'working_hours'))).toBe('2026-03-09 11:00');
  });
});

describe('elapsed', () => {
  const units: TimeUnit[] = ['urgent_hours', 'working_hours', 'working_days', 'natural_days'];

  it('is the inverse of addDuration for every unit, start time and value', () => {
    const starts: Date[] = [];
    // Every 45 minutes over 13–16 Feb 2026 (make-up Saturday into Spring Festival) and 6–9 Mar (a weekend).
    for (const from of ['2026-02-13 00:00', '2026-03-06 00:00']) {
      for (let i = 0; i < 4 * 32; i++) starts.push(new Date(at(from).getTime() + i * 45 * 60_000));
    }
    for (const unit of units) {
      for (const value of [0, 0.25, 1, 3.5, 7.5, 15]) {
        for (const s of starts) {
          const end = cal.addDuration(s, value, unit);
          expect(cal.elapsed(s, end, unit), `${unit} ${value} from ${local(s)}`).toBeCloseTo(value, 9);
        }
      }
    }
  });

  it('measures only working time for working units', () => {
    expect(cal.elapsed(at('2026-03-06 17:00'), at('2026-03-09 09:00'), 'working_hours')).toBe(1);
    expect(cal.elapsed(at('2026-02-14 17:30'), at('2026-02-24 08:30'), 'working_hours')).toBe(0);
    expect(cal.elapsed(at('2026-03-06 10:00'), at('2026-03-09 10:00'), 'working_days')).toBe(1);
    expect(cal.elapsed(at('2026-03-09 08:30'), at('2026-03-09 13:45'), 'working_days')).toBe(0.5);
    expect(cal.elapsed(at('2026-03-06 10:00'), at('2026-03-09 10:00'), 'natural_days')).toBe(3);
  });

  it('is zero for equal instants and negative when the end is before the start', () => {
    const a = at('2026-03-06 10:00');
    const b = at('2026-03-09 11:00');
    for (const unit of units) {
      expect(cal.elapsed(a, a, unit)).toBe(0);
      expect(cal.elapsed(b, a, unit)).toBe(-cal.elapsed(a, b, unit));
      expect(cal.elapsed(b, a, unit)).toBeLessThan(0);
    }
  });

  it('gives remaining time to a deadline, negative once it has passed', () => {
    const deadline = at('2026-03-09 10:00');
    expect(cal.remaining(at('2026-03-09 09:00'), deadline, 'working_hours')).toBe(1);
    expect(cal.remaining(at('2026-03-09 11:00'), deadline, 'working_hours')).toBe(-1);
  });
});
