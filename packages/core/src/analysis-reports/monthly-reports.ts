/**
 * The monthly report (月度研判报告): on the 1st of each month (China time) every district gets the report of the
 * month just ended, made by the background work (`liandong start`, `liandong worker`), which asks every ten minutes
 * whether a district lacks it. One per district and month however many processes ask: the second waits for the
 * first's lock on the district and month, finds its report and stores nothing (a unique index on the scheduled
 * reports' scope and month stays the last word). A platform down on the 1st
 * makes it when it comes back, during the month; an earlier month missed is not made afterwards.
 */
import type { Db } from '@liandong/db';
import { periodOf } from '../assessment/periods.rules.ts';
import type { FileStore } from '../files/file-store.ts';
import { insertReport, prepareReport } from './analysis-reports.ts';
import { reportScope } from './report-scope.ts';

export const MONTHLY_CHECK_MS = 10 * 60_000;

/** The month before the one holding `now`, China time. */
export const monthBefore = (now: Date) => periodOf({ period: 'month' }, new Date(periodOf({ period: 'month' }, now).from.getTime() - 1));

/** Makes the month-just-ended report of each district that lacks it; answers how many were made. */
export async function makeMonthlyReports(db: Db, store: FileStore, now: Date): Promise<number> {
  const month = monthBefore(now);
  const missing = (
    await db.query<{ code: string }>(
      `select d.code from divisions d where d.level = 'district'
          and not exists (select 1 from analysis_reports r where r.scope_code = d.code and r.period_kind = 'month' and r.first_day = $1::date and r.generated_by is null)
        order by d.code`,
      [month.firstDay],
    )
  ).rows;
  let made = 0;
  for (const { code } of missing) {
    const prepared = await prepareReport(db, await reportScope(db, code), month, now);
    const id = await db.transaction(async (tx) => {
      const id = await insertReport(tx, store, prepared, null, now);
      if (id === null) throw new AlreadyMade();
      return id;
    }).catch((err) => {
      if (err instanceof AlreadyMade) return null;
      throw err;
    });
    if (id !== null) made++;
  }
  return made;
}

class AlreadyMade extends Error {}
