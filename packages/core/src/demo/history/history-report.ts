/**
 * The demo history as a centre's statistician would read it (`liandong demo check`): completion by day of
 * creation (办结率), where closed orders were solved — the seeds' 70/20/10 (Wujiang: 70% in the grid, 20% by
 * upper-level linkage, under 10% by district enforcement) — the supervisions the ladder raised, and the
 * auditor's checks (history-checks.ts).
 */
import type { Queryable } from '@liandong/db';
import type { WorkingCalendar } from '../../calendar/index.ts';
import { checkDeadlines, checkTimelines } from './history-checks.ts';

export interface HistoryDay {
  /** China date of creation, YYYY-MM-DD. */
  day: string;
  created: number;
  /** Closed, voided or merged (办结、作废、并单). */
  finished: number;
  /** Not finished, with a running step past its deadline now. */
  overdue: number;
}

export interface HistoryReport {
  days: HistoryDay[];
  /** Orders whose handling deadline passed more than two days ago, and how many of them are finished. */
  pastDeadline: { orders: number; finished: number };
  /** Closed orders by the level that solved them (solved_level: a district enforcement unit's is 'enforcement'), as counts. */
  solvedAt: Record<'grid' | 'village' | 'town' | 'district' | 'enforcement', number>;
  /** Supervisions by level, and how many of them the clock raised (policy) rather than a supervisor. */
  supervisions: { level: number; total: number; byClock: number }[];
  problems: string[];
}

export async function historyReport(q: Queryable, calendar: WorkingCalendar, now: Date): Promise<HistoryReport> {
  const days = await q.query<HistoryDay>(
    `select to_char((o.created_at at time zone 'UTC') + interval '8 hours', 'YYYY-MM-DD') as day, count(*)::int as created,
            count(*) filter (where st.type in ('closed', 'voided'))::int as finished,
            count(*) filter (where st.type not in ('closed', 'voided') and exists (
              select 1 from order_deadlines d where d.order_id = o.id and d.done_at is null and d.due_at < coalesce(o.suspended_at, $1))
            )::int as overdue
       from orders o join order_states st on st.code = o.state group by 1 order by 1`,
    [now],
  );
  const past = await q.query<HistoryReport['pastDeadline']>(
    `select count(*)::int as orders, count(*) filter (where st.type in ('closed', 'voided'))::int as finished
       from orders o join order_states st on st.code = o.state
      where exists (select 1 from order_deadlines d where d.order_id = o.id and d.step = 'handle' and d.due_at < $1::timestamptz - interval '2 days')`,
    [now],
  );
  const solved = await q.query<{ level: keyof HistoryReport['solvedAt']; n: number }>(
    `select solved_level as level, count(*)::int as n from orders where state = 'closed' and solved_level is not null group by 1`,
  );
  const solvedAt = { grid: 0, village: 0, town: 0, district: 0, enforcement: 0 };
  for (const r of solved.rows) solvedAt[r.level] = r.n;
  const sups = await q.query<{ level: number; total: number; by_clock: number }>(
    `select level, count(*)::int as total, count(*) filter (where policy_id is not null)::int as by_clock from supervisions group by 1 order by 1`,
  );
  const problems = [...(await checkTimelines(q)), ...(await checkDeadlines(q, calendar))];
  return { days: days.rows, pastDeadline: past.rows[0]!, solvedAt, supervisions: sups.rows.map((r) => ({ level: r.level, total: r.total, byClock: r.by_clock })), problems };
}

const pct = (n: number, of: number) => (of === 0 ? '   –  ' : `${((100 * n) / of).toFixed(1).padStart(5)}%`);

/** The report as the command prints it: one line per day, then the solved split and the supervision ladder. */
export function formatHistoryReport(r: HistoryReport): string {
  const lines = ['Completion by day of creation 按受理日期的办结情况', '  day 日期      created 受理  finished 办结  rate 办结率  overdue 超时未办'];
  for (const d of r.days) {
    lines.push(`  ${d.day}  ${String(d.created).padStart(11)}  ${String(d.finished).padStart(13)}  ${pct(d.finished, d.created).padStart(11)}  ${String(d.overdue).padStart(15)}`);
  }
  const s = r.solvedAt;
  const closed = s.grid + s.village + s.town + s.district + s.enforcement;
  const p = r.pastDeadline;
  lines.push(
    `  past their handling deadline by more than 2 days 办理时限已过 2 天以上: ${p.finished} of ${p.orders} finished 已办结 ${pct(p.finished, p.orders)}`,
    '',
    `Where closed orders were solved 办结层级 (${closed} closed 已办结; the seeds: 70% / 20% / under 10%)`,
    `  in the grid and village 网格及村社区内解决      ${pct(s.grid + s.village, closed)}   (grid 网格 ${pct(s.grid, closed)}, village 村社区 ${pct(s.village, closed)})`,
    `  by upper-level linkage 上级联动解决          ${pct(s.town + s.district, closed)}   (town 镇街 ${pct(s.town, closed)}, district departments 区级部门 ${pct(s.district, closed)})`,
    `  by enforcement 执法处置                      ${pct(s.enforcement, closed)}`,
    '',
    'Supervisions 督办 (level 级别: total 总数, raised by the clock 自动督办)',
    ...(r.supervisions.length ? r.supervisions.map((x) => `  level ${x.level}: ${x.total}, ${x.byClock} by the clock`) : ['  none 无']),
    '',
    r.problems.length === 0 ? 'Checks 校验: every timeline and clock is consistent 时间线与时限全部一致' : `Checks 校验: ${r.problems.length} problem(s) 个问题:`,
    ...r.problems.slice(0, 20).map((p) => `  ${p}`),
  );
  return lines.join('\n');
}
