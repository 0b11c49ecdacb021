/**
 * 大屏数据: what the wall shows of its area, read cheaply. The day's figures, its channel and nature mix and the
 * live load by grid come from the statistics' rollups without the unit (the area's rows of today, and the months
 * still holding open orders: a few rows whatever the number of orders; pending changes folded first, as every
 * statistics answer does); the overdue count from the clocks already due; the board and the heat layer from the
 * newest orders through orders_created / orders_town; the rankings (closed this month and today) from the month's and
 * the day's rollup rows of units and of towns or villages. How each figure is counted: docs/big-screen.md.
 */
import type { Db, Queryable } from '@liandong/db';
import { HANDLING_UNIT_KINDS, SCREEN_BOARD_SIZE, type ScreenRankRow, type ScreenRatio, type ScreenSnapshot, type ScreenWarning } from '@liandong/contracts';
import { FINAL_STATES } from '../orders/lifecycle.rules.ts';
import { periodOf } from '../assessment/periods.rules.ts';
import { iso } from '../shared/wire.ts';
import { areaSql, PLACE_STEPS, SCREEN_ORDER_COLUMNS, SCREEN_ORDER_JOINS, screenOrder, type ScreenOrderRow } from './screen-orders.ts';
import type { ScreenScope } from './screen-tokens.ts';
import { foldStats } from '../statistics/fold-stats.ts';

/** The board's orders are those registered in the last 30 days (a quiet area's board is not a search of all history). */
const BOARD_DAYS = 30;
/** The heat layer: orders of the last day by cell of 1 / PLACE_STEPS degree (as round3 rounds a point), the fullest this many. */
const HEAT_HOURS = 24;
const HEAT_CELLS = 5000;
const UNITS_SHOWN = 10;

/** Satisfied at a callback: very satisfied, satisfied, basically satisfied (as assessment counts). */
const SATISFIED = `('very_satisfied', 'satisfied', 'basically_satisfied')`;
/** 在办: every state but the final ones (suspended included), written as the partial index orders_live says it. */
const LIVE = `o.state not in (${FINAL_STATES.map((s) => `'${s}'`).join(', ')})`;

const ratio = (hit: number, of: number): ScreenRatio => ({ hit, of, rate: of > 0 ? Math.round((hit / of) * 10_000) / 10_000 : null });

/** Where the early-warning module plugs its open warnings in (absent: the snapshot has no `warnings`). */
export type ScreenWarningsSource = (q: Queryable, scope: ScreenScope, now: Date) => Promise<ScreenWarning[]>;

interface RankRow {
  key: string;
  name: string;
  today_closed: number;
  today_on_time: number;
  month_closed: number;
  month_on_time: number;
}

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
        where ${area} and not o.confidential and o.created_at > $2 order by o.created_at desc limit ${SCREEN_BOARD_SIZE}`,
      // Walked backwards on orders_created (orders_town for a town), stopping at the 20th; bounded for a quiet area.
      [...base, new Date(now.getTime() - BOARD_DAYS * 86_400_000)],
    ),
    q.query<{ x: number; y: number; n: number }>(
      `select round(o.lng * ${PLACE_STEPS})::int as x, round(o.lat * ${PLACE_STEPS})::int as y, count(*)::int as n
         from orders o where ${area} and o.created_at >= $2 and o.created_at <= $3 and not o.confidential
        group by 1, 2 order by 3 desc, 1, 2 limit ${HEAT_CELLS}`,
      [...base, new Date(now.getTime() - HEAT_HOURS * 3_600_000), now],
    ),
    mix(q, 'channels', 'channel', rollupArea, base, today.firstDay),
    mix(q, 'natures', 'nature', rollupArea, base, today.firstDay),
    rankingsOf(q, scope, rollupArea, today.firstDay, month.firstDay),
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
    points: points.rows.map((p) => [p.x / PLACE_STEPS, p.y / PLACE_STEPS, p.n] as [number, number, number]),
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
 * closed this month and today, and how many of those finished with no step late: the flow measures `closed` and
 * `closed_on_time` of the month's and today's rollup rows. The rollups' responsible unit is the lead handler, else
 * the centre or sub-centre dispatching the order; only handling units (承办单位: departments, stations) lead, so the
 * rows of those kinds are the lead handlers' — and the centre's own answers do not rank it.
 */
async function rankingsOf(q: Queryable, scope: ScreenScope, rollupArea: string, day: string, month: string): Promise<Pick<ScreenSnapshot, 'units' | 'areas'>> {
  /** Closed and closed on time by `key`, from the rollup `stats_${cube}_daily` of today or `…_monthly` of this month. */
  const closed = (cube: string, key: string, when: 'day' | 'month') =>
    `select s.${key} as key, sum(s.closed)::int as closed, sum(s.closed_on_time)::int as on_time
       from stats_${cube}_${when === 'day' ? 'daily' : 'monthly'} s where s.${when} = $${when === 'day' ? 2 : 3}::date and ${rollupArea} and s.closed <> 0 group by 1`;
  const figures = `coalesce(t.closed, 0) as today_closed, coalesce(t.on_time, 0) as today_on_time, coalesce(m.closed, 0) as month_closed, coalesce(m.on_time, 0) as month_on_time`;
  const part = scope.level === 'district' ? { cube: 'area', key: 'town' } : { cube: 'area_village', key: 'village' };
  const [units, areas] = await Promise.all([
    q.query<RankRow>(
      `with t as (${closed('unit', 'unit_id', 'day')}), m as (${closed('unit', 'unit_id', 'month')})
       select m.key::text as key, u.name, ${figures}
         from m join units u on u.id = m.key left join t on t.key = m.key
        where u.kind in (${HANDLING_UNIT_KINDS.map((k) => `'${k}'`).join(', ')})
        order by month_closed desc, today_closed desc, 1 limit ${UNITS_SHOWN}`,
      [scope.areaCode, day, month],
    ),
    q.query<RankRow>(
      `with t as (${closed(part.cube, part.key, 'day')}), m as (${closed(part.cube, part.key, 'month')})
       select d.code as key, d.name, ${figures}
         from divisions d left join t on t.key = d.code left join m on m.key = d.code
        where d.parent_code = $1 and d.level = '${part.key}'`,
      [scope.areaCode, day, month],
    ),
  ]);
  const row = (x: RankRow): ScreenRankRow => ({
    key: x.key,
    name: x.name,
    todayClosed: x.today_closed,
    todayOnTime: x.today_on_time,
    monthClosed: x.month_closed,
    monthOnTime: x.month_on_time,
  });
  const byClosed = areas.rows.map(row);
  byClosed.sort((a, b) => b.monthClosed - a.monthClosed || b.todayClosed - a.todayClosed || a.name.localeCompare(b.name, 'zh'));
  return { units: units.rows.map(row), areas: byClosed };
}
