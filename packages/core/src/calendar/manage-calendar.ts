/**
 * The working calendar as the console shows and changes it (工作日历): a year's days as deadlines count them, an
 * administrator's change of a day or of the working hours (on the audit trail). Clocks already running keep their
 * due times; deadlines set from then on count the new calendar (every process reloads it when its version moves).
 */
import type { Db, Queryable } from '@liandong/db';
import type { CalendarDayView, CalendarYear } from '@liandong/contracts';
import type { Actor } from '../org/actor.ts';
import { assertMay } from '../org/permissions.rules.ts';
import { recordAudit, type AdminContext } from '../audit/audit.repository.ts';
import { formatDay, parseDay } from './china-time.ts';
import { loadWorkingCalendar, setCalendarDay, setWorkingPeriods } from './calendar.repository.ts';
import type { WorkingCalendar } from './working-calendar.ts';
import type { WorkingPeriod } from './working-periods.ts';

async function sources(q: Queryable, from: string, to: string): Promise<Map<string, string>> {
  const r = await q.query<{ day: string; source: string }>(
    `select to_char(day, 'YYYY-MM-DD') as day, source from calendar_days where day between $1::date and $2::date`,
    [from, to],
  );
  return new Map(r.rows.map((x) => [x.day, x.source]));
}

function dayView(cal: WorkingCalendar, day: string, source: string | undefined): CalendarDayView {
  return { day, isWorkday: cal.isWorkday(day), name: cal.dayName(day) ?? null, source: source ?? null };
}

export async function readCalendarYear(q: Queryable, cal: WorkingCalendar, year: number): Promise<CalendarYear> {
  const first = parseDay(`${year}-01-01`);
  const last = parseDay(`${year}-12-31`);
  const from = await sources(q, formatDay(first), formatDay(last));
  const days: CalendarDayView[] = [];
  for (let i = first; i <= last; i++) {
    const day = formatDay(i);
    days.push(dayView(cal, day, from.get(day)));
  }
  return {
    year,
    workingPeriods: cal.workingPeriods.map(([a, b]) => [a, b] as [string, string]),
    hoursPerWorkday: cal.hoursPerWorkday,
    workdays: days.filter((d) => d.isWorkday).length,
    days,
  };
}

export async function setDayAs(db: Db, actor: Actor, day: string, change: { isWorkday: boolean; name?: string | null }, ctx: AdminContext): Promise<CalendarDayView> {
  assertMay(actor, 'calendar.manage');
  return db.transaction(async (tx) => {
    await setCalendarDay(tx, day, change.isWorkday, change.name ?? null);
    await recordAudit(tx, { actor, action: 'manage_calendar', details: { day }, ip: ctx.ip ?? null, at: ctx.now });
    return dayView(await loadWorkingCalendar(tx), day, 'admin');
  });
}

export async function setWorkingPeriodsAs(db: Db, actor: Actor, periods: WorkingPeriod[], ctx: AdminContext): Promise<{ workingPeriods: WorkingPeriod[]; hoursPerWorkday: number }> {
  assertMay(actor, 'calendar.manage');
  return db.transaction(async (tx) => {
    await setWorkingPeriods(tx, periods);
    await recordAudit(tx, { actor, action: 'manage_calendar', details: {}, ip: ctx.ip ?? null, at: ctx.now });
    const cal = await loadWorkingCalendar(tx);
    return { workingPeriods: cal.workingPeriods.map(([a, b]) => [a, b] as WorkingPeriod), hoursPerWorkday: cal.hoursPerWorkday };
  });
}
