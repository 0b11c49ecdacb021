import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDay, isWeekend, parseDay } from './china-time.ts';
import { PROVISIONAL_2027 } from './provisional-2027.ts';
import { statutoryCalendarDays, statutoryYears } from './statutory-holidays.ts';
import { createWorkingCalendar } from './working-calendar.ts';

const cal = createWorkingCalendar({ overrides: statutoryCalendarDays([2025, 2026, 2027]) });

describe('statutory overrides from chinese-days (2025, 2026)', () => {
  // chinese-days' own functions read dates in the machine's zone (from module load on) and are a day
  // off west of UTC; pin the zone, then load the package, to use it as the reference.
  const savedTz = process.env.TZ;
  let reference: { isWorkday(day: string): boolean };
  beforeAll(async () => {
    process.env.TZ = 'Asia/Shanghai';
    reference = (await import('chinese-days')).default;
  });
  afterAll(() => {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  it('agree with chinese-days on every day of 2025 and 2026', () => {
    const disagreements: string[] = [];
    for (let index = parseDay('2025-01-01'); index <= parseDay('2026-12-31'); index++) {
      const day = formatDay(index);
      if (cal.isWorkday(day) !== reference.isWorkday(day)) disagreements.push(day);
    }
    expect(disagreements).toEqual([]);
  });

  it('store only days that differ from the Monday–Friday rule', () => {
    for (const d of statutoryCalendarDays([2025, 2026])) {
      expect(isWeekend(parseDay(d.day)), d.day).toBe(d.isWorkday);
      expect(d.source).toBe('chinese-days');
    }
  });

  it('name holidays by festival and make-up days as 调休上班', () => {
    const byDay = new Map(statutoryCalendarDays([2026]).map((d) => [d.day, d]));
    expect(byDay.get('2026-02-16')).toMatchObject({ isWorkday: false, name: '春节' });
    expect(byDay.get('2026-02-14')).toMatchObject({ isWorkday: true, name: '春节调休上班' });
    expect(byDay.get('2026-04-06')).toMatchObject({ isWorkday: false, name: '清明节' });
    expect(byDay.get('2026-09-25')).toMatchObject({ isWorkday: false, name: '中秋节' });
    expect(byDay.get('2026-10-10')).toMatchObject({ isWorkday: true, name: '国庆节调休上班' });
    // A holiday on a weekend changes nothing, so it is not stored.
    expect(byDay.has('2026-02-21')).toBe(false);
  });
});

describe('provisional 2027 arrangement', () => {
  const days2027 = statutoryCalendarDays([2027]);

  it('is present, covers all seven festivals and is marked provisional-2027', () => {
    expect(days2027.length).toBeGreaterThan(15);
    expect(new Set(days2027.map((d) => d.source))).toEqual(new Set(['provisional-2027']));
    const names = new Set(days2027.filter((d) => !d.isWorkday).map((d) => d.name));
    expect(names).toEqual(new Set(['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节']));
    expect(statutoryYears()).toContain(2027);
  });

  it('rests over Spring Festival (除夕 5 Feb 2027) with weekend make-up days', () => {
    for (const day of ['2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12']) {
      expect(cal.isWorkday(day), day).toBe(false);
    }
    expect(cal.dayName('2027-02-05')).toBe('春节');
    expect(cal.isWorkday('2027-01-31')).toBe(true);
    expect(cal.isWorkday('2027-02-14')).toBe(true);
    expect(cal.dayName('2027-02-14')).toBe('春节调休上班');
    expect(cal.isWorkday('2027-02-15')).toBe(true);
  });

  it('keeps its data consistent: ranges ordered, make-up days on weekends, holidays with some weekday', () => {
    for (const a of PROVISIONAL_2027) {
      expect(parseDay(a.from) <= parseDay(a.to), a.name).toBe(true);
      for (const day of a.makeUpDays) expect(isWeekend(parseDay(day)), day).toBe(true);
      expect(days2027.some((d) => d.name === a.name && !d.isWorkday), a.name).toBe(true);
    }
    expect(days2027.filter((d) => d.isWorkday).length).toBe(5);
  });
});

describe('statutoryCalendarDays', () => {
  it('refuses a year it has no data for', () => {
    expect(() => statutoryCalendarDays([2030])).toThrow(RangeError);
  });

  it('returns the years merged and sorted by day', () => {
    const days = statutoryCalendarDays([2027, 2025, 2026]).map((d) => d.day);
    expect(days).toEqual([...days].sort());
    expect(days[0]?.startsWith('2025')).toBe(true);
    expect(days.at(-1)?.startsWith('2027')).toBe(true);
  });
});
