import { createTestDb, type TestDatabase } from '@liandong/db/testing.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  calendarVersion,
  loadWorkingCalendar,
  seedStatutoryCalendar,
  setCalendarDay,
  setWorkingPeriods,
} from './calendar.repository.ts';
import { statutoryCalendarDays } from './statutory-holidays.ts';

const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.close();
});

async function row(day: string) {
  const r = await t.db.query<{ is_workday: boolean; name: string | null; source: string }>(
    `select is_workday, name, source from calendar_days where day = $1::date`,
    [day],
  );
  return r.rows[0];
}

describe('calendar repository', () => {
  it('loads the default calendar from an empty database: weekdays 08:30–12:00 and 13:30–17:30', async () => {
    expect(await calendarVersion(t.db)).toBe('0');
    const cal = await loadWorkingCalendar(t.db);
    expect(cal.hoursPerWorkday).toBe(7.5);
    expect(cal.isWorkday('2026-02-16')).toBe(true);
  });

  it('seeds every statutory day once, bumps the version, and inserts nothing the second time', async () => {
    const expected = statutoryCalendarDays([2025, 2026, 2027]).length;
    expect(await seedStatutoryCalendar(t.db)).toBe(expected);
    const afterFirst = await calendarVersion(t.db);
    expect(afterFirst).not.toBe('0');

    expect(await seedStatutoryCalendar(t.db)).toBe(0);
    expect(await calendarVersion(t.db)).toBe(afterFirst);
    const count = await t.db.query<{ n: number }>(`select count(*)::int as n from calendar_days`);
    expect(count.rows[0]?.n).toBe(expected);

    expect(await row('2026-02-14')).toEqual({ is_workday: true, name: '春节调休上班', source: 'chinese-days' });
    expect(await row('2027-02-05')).toEqual({ is_workday: false, name: '春节', source: 'provisional-2027' });
  });

  it('loads the seeded holidays into the working calendar', async () => {
    const cal = await loadWorkingCalendar(t.db);
    expect(cal.isWorkday('2026-02-16')).toBe(false);
    expect(cal.isWorkday('2026-02-14')).toBe(true);
    expect(cal.dayName('2026-10-01')).toBe('国庆节');
    expect(cal.addDuration(at('2026-09-30 10:00'), 1, 'working_days')).toEqual(at('2026-10-08 10:00'));
  });

  it("keeps an administrator's edits through a re-seed and bumps the version on each edit", async () => {
    const before = await calendarVersion(t.db);
    // The official 2027 notice moved a day, and a district adds a local rest day.
    await setCalendarDay(t.db, '2027-02-12', true, '  ');
    await setCalendarDay(t.db, '2026-03-09', false, '区庆');
    const after = await calendarVersion(t.db);
    expect(Number(after)).toBe(Number(before) + 2);

    expect(await seedStatutoryCalendar(t.db)).toBe(0);
    expect(await row('2027-02-12')).toEqual({ is_workday: true, name: null, source: 'admin' });
    expect(await row('2026-03-09')).toEqual({ is_workday: false, name: '区庆', source: 'admin' });
    expect(await calendarVersion(t.db)).toBe(after);

    const cal = await loadWorkingCalendar(t.db);
    expect(cal.isWorkday('2027-02-12')).toBe(true);
    expect(cal.isWorkday('2026-03-09')).toBe(false);
  });

  it('rejects a malformed day or flag without writing', async () => {
    const before = await calendarVersion(t.db);
    await expect(setCalendarDay(t.db, '2026-02-30', false, 'x')).rejects.toThrow(/day/);
    await expect(setCalendarDay(t.db, '2026-03-10', 'yes' as unknown as boolean, 'x')).rejects.toThrow(/isWorkday/);
    expect(await calendarVersion(t.db)).toBe(before);
    expect(await row('2026-03-10')).toBeUndefined();
  });

  it('stores working periods, bumps the version, and the loaded calendar uses them', async () => {
    const before = await calendarVersion(t.db);
    await setWorkingPeriods(t.db, [
      ['09:00', '12:00'],
      ['14:00', '18:00'],
    ]);
    expect(Number(await calendarVersion(t.db))).toBe(Number(before) + 1);
    const cal = await loadWorkingCalendar(t.db);
    expect(cal.workingPeriods).toEqual([
      ['09:00', '12:00'],
      ['14:00', '18:00'],
    ]);
    expect(cal.hoursPerWorkday).toBe(7);
    expect(cal.addDuration(at('2026-03-10 11:00'), 2, 'working_hours')).toEqual(at('2026-03-10 15:00'));
  });

  it.each([
    ['an unordered list', [['14:00', '18:00'], ['09:00', '12:00']]],
    ['overlapping periods', [['09:00', '12:00'], ['11:30', '18:00']]],
    ['a time not in HH:MM', [['9:00', '12:00']]],
    ['an empty list', []],
  ])('refuses %s of working periods and keeps the stored ones', async (_label, periods) => {
    const before = await calendarVersion(t.db);
    await expect(setWorkingPeriods(t.db, periods as [string, string][])).rejects.toThrow(/workingPeriods/);
    expect(await calendarVersion(t.db)).toBe(before);
    expect((await loadWorkingCalendar(t.db)).workingPeriods).toEqual([
      ['09:00', '12:00'],
      ['14:00', '18:00'],
    ]);
  });
});
