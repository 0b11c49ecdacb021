import { openDatabase } from '@liandong/db';
import { loadWorkingCalendar, setCalendarDay, setWorkingPeriods, type WorkingPeriod } from '@liandong/core/calendar/index.ts';
import type { Config } from '../config.ts';

const USAGE = `Usage:
  liandong calendar show YYYY-MM              the month's working days, holidays and make-up days
  liandong calendar set YYYY-MM-DD --workday|--holiday [--name NAME]
  liandong calendar hours HH:MM-HH:MM[,HH:MM-HH:MM…]   the working periods of a working day`;

/** `liandong calendar`: the deployment's working calendar (工作日历), editable by an administrator. */
export async function calendarCommand(config: Config, rest: string[], flags: Record<string, string>): Promise<number> {
  const [sub, arg] = rest;
  if (!sub || !arg || !['show', 'set', 'hours'].includes(sub)) {
    console.error(USAGE);
    return 1;
  }
  const db = await openDatabase({ ...config, brief: true });
  try {
    if (sub === 'set') {
      if (!flags.workday === !flags.holiday) {
        console.error('Give exactly one of --workday or --holiday / 请指定 --workday 或 --holiday');
        return 1;
      }
      await setCalendarDay(db, arg, Boolean(flags.workday), flags.name ?? null);
      console.log(`${arg}: ${flags.workday ? 'working day 工作日' : 'holiday 休息日'}${flags.name ? ` (${flags.name})` : ''}`);
    } else if (sub === 'hours') {
      const periods = arg.split(',').map((p) => p.split('-') as WorkingPeriod);
      await setWorkingPeriods(db, periods);
      console.log(`Working periods 工作时段: ${arg}`);
    } else {
      if (!/^\d{4}-\d{2}$/.test(arg)) {
        console.error(USAGE);
        return 1;
      }
      const cal = await loadWorkingCalendar(db);
      const [y, m] = arg.split('-').map(Number) as [number, number];
      const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
      for (let d = 1; d <= days; d++) {
        const day = `${arg}-${String(d).padStart(2, '0')}`;
        const name = cal.dayName(day);
        console.log(`${day}  ${cal.isWorkday(day) ? '班 work' : '休 rest'}${name ? `  ${name}` : ''}`);
      }
    }
    return 0;
  } finally {
    await db.close();
  }
}
