/**
 * The working calendar in the database: calendar_days holds the days that differ from Monday–Friday,
 * settings 'calendar.working_periods' the hours of a workday, and settings 'calendar.version' a counter
 * that every change here bumps, so callers may cache the calendar and reload it when the counter moves.
 * Each write and its bump are one statement, so a crash cannot leave a change without a new version.
 */
import type { Queryable } from '@liandong/db';
import { parseDay } from './china-time.ts';
import { statutoryCalendarDays } from './statutory-holidays.ts';
import { createWorkingCalendar, type WorkingCalendar } from './working-calendar.ts';
import { parseWorkingPeriods, type WorkingPeriod } from './working-periods.ts';
import { invalidField } from '../shared/errors.ts';

export const WORKING_PERIODS_KEY = 'calendar.working_periods';
export const CALENDAR_VERSION_KEY = 'calendar.version';
/** calendar_days.source of a day an administrator set. */
export const ADMIN_SOURCE = 'admin';

/** A CTE step that bumps the version counter; `when` is the SQL condition that a change happened. */
const bumpVersion = (when: string) => `
  bump as (
    insert into settings (key, value)
    select '${CALENDAR_VERSION_KEY}', '1'::jsonb where ${when}
    on conflict (key) do update
      set value = to_jsonb((settings.value #>> '{}')::bigint + 1), updated_at = now()
    returning value
  )`;

export async function loadWorkingCalendar(q: Queryable): Promise<WorkingCalendar> {
  const days = await q.query<{ day: string; is_workday: boolean; name: string | null }>(
    // to_char: a bare date would come back as a JS Date at local midnight, shifted by the server's zone.
    `select to_char(day, 'YYYY-MM-DD') as day, is_workday, name from calendar_days order by day`,
  );
  const periods = await q.query<{ value: unknown }>(`select value from settings where key = $1`, [WORKING_PERIODS_KEY]);
  const stored = periods.rows[0]?.value;
  return createWorkingCalendar({
    overrides: days.rows.map((r) => ({ day: r.day, isWorkday: r.is_workday, name: r.name ?? undefined })),
    workingPeriods: stored === undefined ? undefined : (stored as WorkingPeriod[]),
  });
}

/**
 * Inserts the statutory overrides for the years; days already present (an administrator's edits, or an
 * earlier seed) are left alone. Returns how many days were inserted.
 */
export async function seedStatutoryCalendar(q: Queryable, years: readonly number[] = [2025, 2026, 2027]): Promise<number> {
  const days = statutoryCalendarDays(years);
  if (days.length === 0) return 0;
  const r = await q.query<{ inserted: number }>(
    `with ins as (
       insert into calendar_days (day, is_workday, name, source)
       select * from unnest($1::date[], $2::boolean[], $3::text[], $4::text[])
       on conflict (day) do nothing
       returning day
     ), ${bumpVersion('exists (select 1 from ins)')}
     select count(*)::int as inserted from ins`,
    [days.map((d) => d.day), days.map((d) => d.isWorkday), days.map((d) => d.name), days.map((d) => d.source)],
  );
  return Number(r.rows[0]?.inserted ?? 0);
}

/**
 * Sets one day as a workday or a rest day (an administrator's edit). The row is kept even when it
 * matches the weekday rule: it records the decision, and stops a re-seed from bringing back a
 * provisional holiday the administrator removed.
 */
export async function setCalendarDay(q: Queryable, day: string, isWorkday: boolean, name?: string | null): Promise<void> {
  try {
    parseDay(day);
  } catch {
    throw invalidField('day', `日期应为 YYYY-MM-DD 格式的真实日期：${String(day)}`, `must be a real date in YYYY-MM-DD form: ${String(day)}`);
  }
  if (typeof isWorkday !== 'boolean') throw invalidField('isWorkday', '应为 true 或 false', 'must be true or false');
  const label = typeof name === 'string' && name.trim() !== '' ? name.trim() : null;
  if (label !== null && label.length > 50) throw invalidField('name', '名称不能超过 50 个字符', 'must be at most 50 characters');
  await q.query(
    `with up as (
       insert into calendar_days (day, is_workday, name, source) values ($1::date, $2, $3, '${ADMIN_SOURCE}')
       on conflict (day) do update set is_workday = excluded.is_workday, name = excluded.name, source = excluded.source
       returning day
     ), ${bumpVersion('true')}
     select 1`,
    [day, isWorkday, label],
  );
}

/** Replaces the working periods after validating them (HH:MM, ordered, not overlapping). */
export async function setWorkingPeriods(q: Queryable, periods: readonly WorkingPeriod[]): Promise<void> {
  parseWorkingPeriods(periods);
  const value = JSON.stringify(periods.map(([a, b]) => [a, b]));
  await q.query(
    `with up as (
       insert into settings (key, value) values ($1, $2::jsonb)
       on conflict (key) do update set value = excluded.value, updated_at = now()
       returning key
     ), ${bumpVersion('true')}
     select 1`,
    [WORKING_PERIODS_KEY, value],
  );
}

/** A token that changes whenever the calendar changes through this module. Read it before loading. */
export async function calendarVersion(q: Queryable): Promise<string> {
  const r = await q.query<{ version: string | null }>(`select value #>> '{}' as version from settings where key = $1`, [
    CALENDAR_VERSION_KEY,
  ]);
  return r.rows[0]?.version ?? '0';
}
