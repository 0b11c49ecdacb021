/**
 * 考核周期: the periods figures are counted over — a day, a week (Monday first), a month, a quarter, a year, or
 * custom days — as instants [from, to) in China time (UTC+8, no summer time), and the period before it, of the
 * same kind (custom: as many days just before), for the change from the previous period (环比).
 */
import { PERIOD_KINDS, type PeriodKind } from '@liandong/contracts';
import { unprocessable } from '../shared/errors.ts';

export { PERIOD_KINDS, type PeriodKind };

export interface Period {
  kind: PeriodKind;
  /** Inclusive first day and last day, YYYY-MM-DD in China time. */
  firstDay: string;
  lastDay: string;
  from: Date;
  to: Date;
}

const DAY_MS = 86_400_000;
const CHINA_MS = 8 * 3_600_000;

/** Midnight in China time of a calendar day, as an instant. */
const midnight = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d) - CHINA_MS);
/** The China-time calendar day of an instant. */
const dayOf = (t: Date) => new Date(t.getTime() + CHINA_MS);
const iso = (t: Date) => dayOf(t).toISOString().slice(0, 10);

function parseDay(s: string, field: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const t = m ? midnight(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
  if (!t || iso(t) !== s) throw unprocessable(field, `${field} 应为有效日期（YYYY-MM-DD）`, `${field} must be a valid date (YYYY-MM-DD)`);
  return t;
}

function span(kind: PeriodKind, from: Date, to: Date): Period {
  return { kind, from, to, firstDay: iso(from), lastDay: iso(new Date(to.getTime() - DAY_MS)) };
}

/** The period of `kind` holding the day `date` (custom: the days `from`…`to`, at most 366). */
export function periodOf(q: { period: PeriodKind; date?: string; from?: string; to?: string }, today: Date): Period {
  if (q.period === 'custom') {
    if (!q.from || !q.to) throw unprocessable(q.from ? 'to' : 'from', '自定义周期需要起止日期 from 和 to', 'A custom period needs both from and to');
    const from = parseDay(q.from, 'from');
    const to = new Date(parseDay(q.to, 'to').getTime() + DAY_MS);
    if (to <= from) throw unprocessable('to', '结束日期不能早于开始日期', 'to must not be before from');
    if (to.getTime() - from.getTime() > 366 * DAY_MS) throw unprocessable('to', '自定义周期最长 366 天', 'A custom period is at most 366 days');
    return span('custom', from, to);
  }
  const d = dayOf(q.date ? parseDay(q.date, 'date') : today);
  const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()];
  switch (q.period) {
    case 'day':
      return span('day', midnight(y, m, day), midnight(y, m, day + 1));
    case 'week': {
      const back = (d.getUTCDay() + 6) % 7; // Monday first
      return span('week', midnight(y, m, day - back), midnight(y, m, day - back + 7));
    }
    case 'month':
      return span('month', midnight(y, m, 1), midnight(y, m + 1, 1));
    case 'quarter': {
      const first = m - (m % 3);
      return span('quarter', midnight(y, first, 1), midnight(y, first + 3, 1));
    }
    case 'year':
      return span('year', midnight(y, 0, 1), midnight(y + 1, 0, 1));
  }
}

/** The period just before: the previous day, week, month, quarter or year; custom: as many days before. */
export function previousPeriod(p: Period): Period {
  if (p.kind === 'custom') return span('custom', new Date(2 * p.from.getTime() - p.to.getTime()), p.from);
  return periodOf({ period: p.kind, date: iso(new Date(p.from.getTime() - DAY_MS)) }, p.from);
}
