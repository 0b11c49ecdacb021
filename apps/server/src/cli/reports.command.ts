import { openDatabase } from '@liandong/db';
import { makeMonthlyReports, monthBefore } from '@liandong/core/analysis-reports/index.ts';
import type { Config } from '../config.ts';

const USAGE = `Usage:
  liandong reports monthly   each district's analysis report of the month just ended, if not made yet (what the background does on the 1st)`;

/** `liandong reports`: analysis reports (研判报告, docs/analysis-reports.md). */
export async function reportsCommand(config: Config, rest: string[]): Promise<number> {
  if (rest[0] !== 'monthly') {
    console.error(USAGE);
    return 1;
  }
  const db = await openDatabase({ ...config, brief: true });
  try {
    const now = new Date();
    const made = await makeMonthlyReports(db, config.fileStore, now);
    const m = monthBefore(now);
    console.log(made ? `Made 已生成 ${made} monthly report(s) for ${m.firstDay.slice(0, 7)}` : `Nothing to make 无需生成: ${m.firstDay.slice(0, 7)} is done`);
    return 0;
  } finally {
    await db.close();
  }
}
