/**
 * 大屏数据: what the wall shows of its area, read cheaply. The day's figures, its channel and nature mix and the
 * live load by grid come from the statistics' rollups without the unit (the area's rows of today, and the months
 * still holding open orders: a few rows whatever the number of orders; pending changes folded first, as every
 * statistics answer does); the overdue count from the clocks already due; the board and the heat layer from the
 * newest orders through orders_created / orders_town. The month's rankings (closed this month) are the widest
 * read: they are kept for RANKING_TTL_MS per area. How each figure is counted: docs/big-screen.md.
 */
import type { Db, Queryable } from '@liandong/db';
import type { ScreenRankRow, ScreenRatio, ScreenSnapshot, ScreenWarning } from '@liandong/contracts';
import { FINAL_STATES } from '../orders/lifecycle.rules.ts';
import { periodOf } from '../assessment/periods.rules.ts';
import { iso } from '../shared/wire.ts';
import { areaSql, round3, SCREEN_ORDER_COLUMNS, SCREEN_ORDER_JOINS, screenOrder, type ScreenOrderRow } from './screen-orders.ts';
import type { ScreenScope } from './screen-tokens.ts';
import { foldStats } from '../statistics/fold-stats.ts';

/** The newest orders on the rolling board. */
export const BOARD_SIZE = 20;
/** …registered in the last 30 days (a quiet area's board is not a search of all history). */
const BOARD_DAYS = 30;
/** The heat layer: orders of the last day, at most this many. */
const HEAT_HOURS = 24;
const HEAT_MAX = 5000;
const UNITS_SHOWN = 10;
export const RANKING_TTL_MS = 30_000;

/** Satisfied at a callback: very satisfied, satisfied, basically satisfied (as assessment counts). */
const SATISFIED = `('very_satisfied', 'satisfied', 'basically_satisfied')`;
/** An order finished late: a sign or handle run of it was done, or taken away, after its due time (assessment's area rule). */
const LATE = (o: string) =>
  `exists (select 1 from order_step_runs r where r.order_id = ${o}.id and r.step in ('sign', 'handle') and (r.done_at > r.due_at or r.withdrawn_at > r.due_at))`;

/** 在办: every state but the final ones (suspended included), written as the partial index orders_live says it. */
const LIVE = `o.state not in (${FINAL_STATES.map((s) => `'${s}'`).join(', ')})`;

const ratio = (hit: number, of: number): ScreenRatio => ({ hit, of, rate: of > 0 ? Math.round((hit / of) * 10_000) / 10_000 : null });

/** Where the early-warning module plugs its open warnings in (absent: the snapshot has no `warnings`). */
export type ScreenWarningsSource = (q: Queryable, scope: ScreenScope, now: Date) => Promise<ScreenWarning[]>;

interface Rankings {
  units: ScreenRankRow[];
  areas: ScreenRankRow[];
  until: number;
}
/** Per database (a test's, a process's) and area: the month's rankings for RANKING_TTL_MS. */
const rankingCaches = new WeakMap<Queryable, Map<string, Rankings>>();

export async function screenSnapshot(q: Db, scope: ScreenScope, now: Date, opts: { warnings?: ScreenWarningsSource } = {}): Promise<ScreenSnapshot> {
  const today = periodOf({ period: 'day' }, now);
  const month = periodOf({ period: 'month' }, now);
  const area = areaSql(scope, 1);
  const base = [scope.areaCode];
  // The rollups' rows of the area (the order's district or town, as areaSql reads the orders).
  const rollupArea = `s.${scope.level === 'district' ? 'district' : 'town'} = $1`;
  await foldStats(q, now, { whenPending: true });
  const [day, callbacks, open, overdue, recent, points, channels, natures, rankings, warnings] = await Promise.all([
    // Registered today (cohort measures on the registration day) and closed today (flow measures on the closure day):
    // the one rollup row of each of the area's towns for today.
    q.query<{ received: number; needs_answer: number; done: number; direct_closed: number; closed: number; closed_on_time: number }>(
      `select coalesce(sum(received), 0)::int as received, coalesce(sum(needs_answer), 0)::int as needs_answer, coalesce(sum(done), 0)::int as done,
              coalesce(sum(direct_closed), 0)::int as direct_closed, coalesce(sum(closed), 0)::int as closed, coalesce(sum(closed_on_time), 0)::int as closed_on_time
         from stats_area_daily s where s.day = $2::date and ${rollupArea}`,
      [...base, today.firstDay],
    ),
    q.query<{ of: string; hit: string }>(
      `select count(*) as of, count(*) filter (where e.data->>'satisfaction' in ${SATISFIED}) as hit
         from order_events e join orders o on o.id = e.order_id
        where e.action = 'callback' and e.at >= $2 and e.at < $3 and e.data ? 'satisfaction' and ${area}`,
      [...base, today.from, today.to],
    ),
    // Open now by grid: the open orders counted on their registration day, summed over the months still holding any.
    q.query<{ grid: string; open: number }>(
      `select s.grid, sum(s.open)::int as open from stats_area_grid_monthly s where ${rollupArea} and s.open <> 0 group by s.grid having sum(s.open) <> 0`,
      base,
    ),
    // Overdue: the open orders, not suspended, of the clocks already due (order_deadlines_due), not of every open one.
    q.query<{ overdue: number }>(
      `select count(*)::int as overdue from orders o
        where o.id in (select d.order_id from order_deadlines d where d.done_at is null and d.due_at < $2)
          and ${area} and ${LIVE} and o.state <> 'suspended'`,
      [...base, now],
    ),
    q.query<ScreenOrderRow>(
      `select ${SCREEN_ORDER_COLUMNS} from orders o ${SCREEN_ORDER_JOINS}
        where ${area} and not o.confidential and o.created_at > $2 order by o.created_at desc limit ${BOARD_SIZE}`,
      // Walked backwards on orders_created (orders_town for a town), stopping at the 20th; bounded for a quiet area.
      [...base, new Date(now.getTime() - BOARD_DAYS * 86_400_000)],
    ),
    q.query<{ lng: number; lat: number }>(
      `select o.lng, o.lat from orders o where ${area} and o.created_at >= $2 and o.created_at <= $3 and not o.confidential limit ${HEAT_MAX}`,
      [...base, new Date(now.getTime() - HEAT_HOURS * 3_600_000), now],
    ),
    mix(q, 'channels', 'channel', rollupArea, base, today.firstDay),
    mix(q, 'natures', 'nature', rollupArea, base, today.firstDay),
    rankingsOf(q, scope, now, today.from, month.from, month.to),
    opts.warnings ? opts.warnings(q, scope, now) : Promise.resolve(undefined),
  ]);
  const r = day.rows[0]!;
  const loads = open.rows;
  return {
    area: { code: scope.areaCode, name: scope.areaName, level: scope.level },
    at: iso(now),
    day: today.firstDay,
    figures: {
      received: r.received,
      completion: ratio(r.done, r.needs_answer),
      onTime: ratio(r.closed_on_time, r.closed),
      satisfaction: ratio(Number(callbacks.rows[0]!.hit), Number(callbacks.rows[0]!.of)),
      directClose: ratio(r.direct_closed, r.received),
      open: loads.reduce((n, l) => n + l.open, 0),
      overdue: overdue.rows[0]!.overdue,
    },
    recent: recent.rows.map(screenOrder),
    gridLoad: loads.filter((l) => l.grid !== '').map((l) => ({ code: l.grid, open: l.open })),
    points: points.rows.map((p) => [round3(p.lng), round3(p.lat)] as [number, number]),
    units: rankings.units,
    areas: rankings.areas,
    channels,
    natures,
    ...(warnings ? { warnings } : {}),
  };
}

/** Today's orders of the area by channel or nature, with their names, most first: the rollup's rows of today. */
async function mix(q: Queryable, table: 'channels' | 'natures', column: 'channel' | 'nature', rollupArea: string, base: unknown[], day: string) {
  const r = await q.query<{ code: string; name: string; name_en: string | null; count: string }>(
    `select x.code, x.name_zh as name, x.name_en, sum(s.received) as count
       from stats_area_${column}_daily s join ${table} x on x.code = s.${column}
      where s.day = $2::date and ${rollupArea}
      group by x.code, x.name_zh, x.name_en having sum(s.received) > 0 order by sum(s.received) desc, x.code`,
    [...base, day],
  );
  return r.rows.map((x) => ({ code: x.code, name: x.name, nameEn: x.name_en, count: Number(x.count) }));
}

/**
 * The units (lead handler when closed) and the towns of the district, or the villages of the town, by the orders
 * closed this month and today, and how many of those finished with no step late.
 */
async function rankingsOf(q: Queryable, scope: ScreenScope, now: Date, dayFrom: Date, monthFrom: Date, monthTo: Date): Promise<Rankings> {
  const key = `${scope.areaCode}|${monthFrom.toISOString()}|${dayFrom.toISOString()}`;
  let rankingCache = rankingCaches.get(q);
  if (!rankingCache) rankingCaches.set(q, (rankingCache = new Map()));
  const cached = rankingCache.get(key);
  if (cached && cached.until > now.getTime()) return cached;
  const part = scope.level === 'district' ? 'town_code' : 'village_code';
  const partLevel = scope.level === 'district' ? 'town' : 'village';
  const r = await q.query<{ kind: 'unit' | 'area'; key: string; name: string; today_closed: string; today_on_time: string; month_closed: string; month_on_time: string }>(
    `with c as (
       select o.handler_unit_id, o.${part} as part, o.closed_at >= $2 as today, not ${LATE('o')} as on_time
         from orders o where ${areaSql(scope, 1)} and o.closed_at >= $3 and o.closed_at < $4 and o.state = 'closed'
     ), u as (
       select 'unit' as kind, c.handler_unit_id::text as key, count(*) filter (where today) as today_closed,
              count(*) filter (where today and on_time) as today_on_time, count(*) as month_closed, count(*) filter (where on_time) as month_on_time
         from c where c.handler_unit_id is not null group by c.handler_unit_id
     ), a as (
       select c.part as key, count(*) filter (where today) as today_closed,
              count(*) filter (where today and on_time) as today_on_time, count(*) as month_closed, count(*) filter (where on_time) as month_on_time
         from c where c.part is not null group by c.part
     )
     (select u.kind, u.key, coalesce(n.name, u.key) as name, u.today_closed, u.today_on_time, u.month_closed, u.month_on_time
        from u left join units n on n.id = u.key::int
       order by u.month_closed desc, u.today_closed desc, u.key limit ${UNITS_SHOWN})
     union all
     select 'area', d.code, d.name, coalesce(a.today_closed, 0), coalesce(a.today_on_time, 0), coalesce(a.month_closed, 0), coalesce(a.month_on_time, 0)
       from divisions d left join a on a.key = d.code
      where d.parent_code = $1 and d.level = '${partLevel}'`,
    [scope.areaCode, dayFrom, monthFrom, monthTo],
  );
  const row = (x: (typeof r.rows)[number]): ScreenRankRow => ({
    key: x.key,
    name: x.name,
    todayClosed: Number(x.today_closed),
    todayOnTime: Number(x.today_on_time),
    monthClosed: Number(x.month_closed),
    monthOnTime: Number(x.month_on_time),
  });
  const areas = r.rows.filter((x) => x.kind === 'area').map(row);
  areas.sort((a, b) => b.monthClosed - a.monthClosed || b.todayClosed - a.todayClosed || a.name.localeCompare(b.name, 'zh'));
  const out = { units: r.rows.filter((x) => x.kind === 'unit').map(row), areas, until: now.getTime() + RANKING_TTL_MS };
  if (rankingCache.size > 200) rankingCache.clear();
  rankingCache.set(key, out);
  return out;
}
