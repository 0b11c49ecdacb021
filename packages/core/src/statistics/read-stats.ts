/**
 * 统计分析的读取: headline figures, the series, breakdowns and the orders behind a figure, read from the smallest
 * rollup that holds what the answer asks (cubeFor; facts.sql.ts CUBES) — whole months of a period from its monthly
 * rows, the days at its edges from its daily ones — so an answer sums a few hundred or thousand rows whatever the
 * number of orders. Pending changes are
 * folded first (unless another process is folding), so the figures are those of the moment.
 */
import type { Db, Queryable } from '@liandong/db';
import {
  RESOLUTION_LEVELS,
  STAT_MEASURES,
  STAT_RATE_CODES,
  STAT_RATES,
  type Lang,
  type OrderPage,
  type StatDimension,
  type StatFigures,
  type StatMeasure,
  type StatsBreakdown,
  type StatsHeadline,
  type StatsQueryInput,
  type StatsSeries,
} from '@liandong/contracts';
import type { Actor } from '../org/actor.ts';
import { assertMay } from '../org/permissions.rules.ts';
import { periodOf, previousPeriod, type Period } from '../assessment/periods.rules.ts';
import { orderScopeSql } from '../orders/order-scope.ts';
import { toListItems, VIEW_SELECT, type ViewRow } from '../orders/order-view.ts';
import type { ClockReading } from '../orders/deadline-view.ts';
import { cappedTotal, countUpTo, pageWindow } from '../shared/paging.ts';
import { invalidField } from '../shared/errors.ts';
import { foldStats } from './fold-stats.ts';
import { CUBES, FINE, type Cube } from './facts.sql.ts';
import { checkFilters, filterColumns, scopeParts, statsFilterSql, statsScopeSql, type StatFilters } from './stats-scope.ts';

const DAY_MS = 86_400_000;
const SNAKE: Record<StatMeasure, string> = {
  received: 'received',
  needsAnswer: 'needs_answer',
  done: 'done',
  open: 'open',
  overdue: 'overdue',
  returned: 'returned',
  reworked: 'reworked',
  directClosed: 'direct_closed',
  closed: 'closed',
  closedOnTime: 'closed_on_time',
  rated: 'rated',
  satisfied: 'satisfied',
};
const COLUMN: Record<StatDimension, string> = {
  town: 'town',
  village: 'village',
  grid: 'grid',
  unit: 'unit_id',
  major: 'major',
  category: 'category',
  channel: 'channel',
  nature: 'nature',
  state: 'state',
};
const SUMS = [...STAT_MEASURES.map((m) => `coalesce(sum(s.${SNAKE[m]}), 0)::int as "${m}"`), ...RESOLUTION_LEVELS.map((l) => `coalesce(sum(s.solved_${l}), 0)::int as "solved_${l}"`)].join(', ');
const MEASURE_COLS = `${Object.values(SNAKE).join(', ')}, ${RESOLUTION_LEVELS.map((l) => `solved_${l}`).join(', ')}`;
const colsOf = (keys: readonly string[]) => [...keys, MEASURE_COLS].join(', ');

type Sums = Record<StatMeasure, number> & Record<`solved_${(typeof RESOLUTION_LEVELS)[number]}`, number>;

export function figuresOf(x: Record<StatMeasure, number>): StatFigures {
  const f = Object.fromEntries(STAT_MEASURES.map((m) => [m, Number(x[m] ?? 0)])) as Record<StatMeasure, number>;
  const rates = Object.fromEntries(
    STAT_RATE_CODES.map((r) => {
      const [num, den] = STAT_RATES[r];
      return [r, f[den] ? Math.round((1000 * f[num]) / f[den]) / 10 : null];
    }),
  );
  return { ...f, ...rates } as StatFigures;
}
const resolutionOf = (x: Sums) => Object.fromEntries(RESOLUTION_LEVELS.map((l) => [l, Number(x[`solved_${l}`] ?? 0)])) as Record<(typeof RESOLUTION_LEVELS)[number], number>;

const day = (t: Date) => new Date(t.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const firstOfNextMonth = (d: string) => {
  const [y, m] = d.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
};

/**
 * The rollup rows of a period under a condition (`cond` for each branch, sharing `params`): the whole months from
 * the monthly table, the days before the first and after the last whole month from the daily one; with the columns
 * `keys` (default: all the rollup's keys) and the measures.
 */
export function periodRows(p: Pick<Period, 'firstDay' | 'lastDay'>, params: unknown[], cond: string, cube: Cube = FINE, keys: readonly string[] = cube.keys): string {
  const COLS = colsOf(keys);
  const end = addDays(p.lastDay, 1); // exclusive
  let m = p.firstDay.endsWith('-01') ? p.firstDay : firstOfNextMonth(p.firstDay);
  const monthStart = m;
  while (firstOfNextMonth(m) <= end) m = firstOfNextMonth(m);
  const monthEnd = m; // exclusive; equal to monthStart when no whole month fits
  const v = (x: unknown) => (params.push(x), `$${params.length}::date`);
  if (monthEnd <= monthStart) return `(select ${COLS} from ${cube.daily} s where s.day >= ${v(p.firstDay)} and s.day < ${v(end)} and ${cond})`;
  const parts = [`select ${COLS} from ${cube.monthly} s where s.month >= ${v(monthStart)} and s.month < ${v(monthEnd)} and ${cond}`];
  if (p.firstDay < monthStart) parts.push(`select ${COLS} from ${cube.daily} s where s.day >= ${v(p.firstDay)} and s.day < ${v(monthStart)} and ${cond}`);
  if (monthEnd < end) parts.push(`select ${COLS} from ${cube.daily} s where s.day >= ${v(monthEnd)} and s.day < ${v(end)} and ${cond}`);
  return `(${parts.join(' union all ')})`;
}

/** Rows of one rollup under one condition. */
interface Part {
  /** The rollups that answer: the smallest holding every column this part of the scope, the filters and the dimension read. */
  cube: Cube;
  cond: string;
}
interface Prepared {
  period: Period;
  params: unknown[];
  /** Disjoint parts of the reader's scope (stats-scope.ts scopeParts), their sums added up. */
  parts: Part[];
}

/** The rows of every part over a period, with the columns `keys` and the measures. */
function partRows(p: Pick<Period, 'firstDay' | 'lastDay'>, params: unknown[], parts: Part[], keys: readonly string[]): string {
  return `(${parts.map((x) => periodRows(p, params, x.cond, x.cube, keys)).join(' union all ')})`;
}

/** The rollup with the fewest keys among those holding every column asked about (the fine one holds them all). */
export function cubeFor(columns: readonly string[]): Cube {
  const holding = CUBES.filter((c) => columns.every((k) => c.keys.includes(k)));
  return holding.reduce((best, c) => (c.keys.length < best.keys.length ? c : best), FINE);
}

/** Permission, period, filters checked; pending changes folded; the rollups chosen; the scope and filters as one condition. */
async function prepare(db: Db, actor: Actor, query: StatsQueryInput, now: Date, dimension?: StatDimension): Promise<Prepared> {
  assertMay(actor, 'statistics.view');
  const period = periodOf(query, now);
  const { categoryIsMajor, broad, districts } = await checkFilters(db, actor, query);
  await foldStats(db, now, { wait: false });
  const asked = [...filterColumns(query, categoryIsMajor), ...(dimension ? [COLUMN[dimension]] : [])];
  const params: unknown[] = [];
  const filters = statsFilterSql(query, params, 's', categoryIsMajor);
  const split = scopeParts(actor, broad, districts).map((sp) => ({ sp, cube: cubeFor([...sp.columns, ...asked]) }));
  // Split only when the rows in his areas come from a smaller rollup than his units' (a unit filter or breakdown: no).
  if (split.length > 1 && split[0]!.cube === split[1]!.cube) {
    return { period, params, parts: [{ cube: split[0]!.cube, cond: `${statsScopeSql(actor, params, 's', broad)} and ${filters}` }] };
  }
  return { period, params, parts: split.map((x) => ({ cube: x.cube, cond: `${x.sp.sql(params, 's')} and ${filters}` })) };
}

const periodView = (p: Period) => ({ kind: p.kind, firstDay: p.firstDay, lastDay: p.lastDay });

async function sums(q: Queryable, p: Pick<Period, 'firstDay' | 'lastDay'>, parts: Part[], baseParams: unknown[]): Promise<Sums> {
  const params = [...baseParams];
  const r = await q.query<Sums>(`select ${SUMS} from ${partRows(p, params, parts, [])} s`, params);
  return r.rows[0]!;
}

export async function statsHeadline(db: Db, actor: Actor, query: StatsQueryInput, now: Date): Promise<StatsHeadline> {
  const { period, params, parts } = await prepare(db, actor, query, now);
  const prev = previousPeriod(period);
  const [cur, before] = await Promise.all([sums(db, period, parts, params), sums(db, prev, parts, params)]);
  return { period: periodView(period), previousPeriod: periodView(prev), asOf: now.toISOString(), figures: figuresOf(cur), previous: figuresOf(before), resolution: resolutionOf(cur) };
}

/** UTC+8, no summer time. */
const CHINA_OFFSET_MS = 8 * 3_600_000;

export async function statsSeries(db: Db, actor: Actor, query: StatsQueryInput, now: Date): Promise<StatsSeries> {
  const { period, params, parts } = await prepare(db, actor, query, now);
  const days = Math.round((period.to.getTime() - period.from.getTime()) / DAY_MS);
  const byDay = days <= 92;
  const ps = [...params];
  const sql = byDay
    ? `select s.day::text as bucket, ${SUMS} from (${parts
        .map((x) => `select s.day, ${MEASURE_COLS} from ${x.cube.daily} s where s.day >= $${ps.push(period.firstDay)}::date and s.day <= $${ps.push(period.lastDay)}::date and ${x.cond}`)
        .join(' union all ')}) s group by s.day`
    : `select s.bucket::text as bucket, ${SUMS} from (${parts.map((x) => monthSeriesRows(period, ps, x.cond, x.cube)).join(' union all ')}) s group by s.bucket`;
  const rows = new Map((await db.query<Sums & { bucket: string }>(sql, ps)).rows.map((r) => [r.bucket, r]));
  const buckets: string[] = [];
  // Days (or months) still to come are not drawn as zeros: the series stops today, China time.
  const today = new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
  const last = period.lastDay < today ? period.lastDay : today;
  for (let d = period.firstDay; d <= last; d = byDay ? addDays(d, 1) : firstOfNextMonth(d)) buckets.push(byDay ? d : `${d.slice(0, 7)}-01`);
  const empty = Object.fromEntries(STAT_MEASURES.map((m) => [m, 0])) as Record<StatMeasure, number>;
  return { period: periodView(period), bucket: byDay ? 'day' : 'month', points: buckets.map((b) => ({ bucket: b, figures: figuresOf(rows.get(b) ?? empty) })) };
}

/** Months of a long period: whole months from the monthly rows, the edges' days put in their months. */
function monthSeriesRows(p: Period, params: unknown[], cond: string, cube: Cube): string {
  const COLS = MEASURE_COLS;
  const end = addDays(p.lastDay, 1);
  const v = (x: unknown) => (params.push(x), `$${params.length}::date`);
  const first = p.firstDay.endsWith('-01') ? p.firstDay : firstOfNextMonth(p.firstDay);
  let last = first;
  while (firstOfNextMonth(last) <= end) last = firstOfNextMonth(last);
  const parts = [`select s.month as bucket, ${COLS} from ${cube.monthly} s where s.month >= ${v(first)} and s.month < ${v(last)} and ${cond}`];
  if (p.firstDay < first) parts.push(`select date_trunc('month', s.day)::date, ${COLS} from ${cube.daily} s where s.day >= ${v(p.firstDay)} and s.day < ${v(first)} and ${cond}`);
  if (last < end) parts.push(`select date_trunc('month', s.day)::date, ${COLS} from ${cube.daily} s where s.day >= ${v(last)} and s.day < ${v(end)} and ${cond}`);
  return parts.join(' union all ');
}

/** The display name of each key of a dimension, in the reader's language. */
async function namesOf(q: Queryable, dimension: StatDimension, keys: string[], lang: Lang): Promise<Map<string, string>> {
  const en = lang === 'en';
  const sql: Record<StatDimension, string> = {
    town: `select code as key, name from divisions where code = any($1::text[])`,
    village: `select code as key, name from divisions where code = any($1::text[])`,
    grid: `select code as key, name from grids where code = any($1::text[])`,
    unit: `select id::text as key, name from units where id::text = any($1::text[])`,
    major: `select code as key, ${en ? 'coalesce(name_en, name)' : 'name'} as name from categories where code = any($1::text[])`,
    category: `select code as key, ${en ? 'coalesce(name_en, name)' : 'name'} as name from categories where code = any($1::text[])`,
    channel: `select code as key, ${en ? 'name_en' : 'name_zh'} as name from channels where code = any($1::text[])`,
    nature: `select code as key, ${en ? 'name_en' : 'name_zh'} as name from natures where code = any($1::text[])`,
    state: `select code as key, ${en ? 'label_en' : 'label_zh'} as name from order_states where code = any($1::text[])`,
  };
  const r = await q.query<{ key: string; name: string }>(sql[dimension], [keys]);
  return new Map(r.rows.map((x) => [x.key, x.name]));
}

export async function statsBreakdown(
  db: Db,
  actor: Actor,
  dimension: StatDimension,
  query: StatsQueryInput & { sort?: StatMeasure; limit?: number },
  lang: Lang,
  now: Date,
): Promise<StatsBreakdown> {
  const { period, params, parts } = await prepare(db, actor, query, now, dimension);
  const ps = [...params];
  const col = COLUMN[dimension];
  const sort = query.sort ?? 'received';
  const r = await db.query<Sums & { key: string }>(
    `select s.${col}::text as key, ${SUMS} from ${partRows(period, ps, parts, [col])} s group by s.${col}
      order by "${sort}" desc, key limit ${query.limit ?? 100}`,
    ps,
  );
  const names = await namesOf(db, dimension, r.rows.map((x) => x.key), lang);
  const none = lang === 'en' ? '(none)' : '（无）';
  return {
    period: periodView(period),
    dimension,
    rows: r.rows.map((x) => ({ key: x.key === '0' && dimension === 'unit' ? '' : x.key, name: names.get(x.key) ?? (x.key && x.key !== '0' ? x.key : none), figures: figuresOf(x), resolution: resolutionOf(x) })),
  };
}

/** A measure's total over the prepared period and scope, from the rollups (optionally one key of a dimension). */
async function rollupTotal(db: Db, { period, params, parts }: Prepared, column: string, key?: { column: string; value: unknown }): Promise<number> {
  const ps = [...params];
  const keyCond = key ? ` and s.${key.column} = $${ps.push(key.value)}` : '';
  const r = await db.query<{ n: number }>(`select coalesce(sum(s.${column}), 0)::int as n from ${partRows(period, ps, parts.map((x) => ({ ...x, cond: `${x.cond}${keyCond}` })), [])} s`, ps);
  return r.rows[0]!.n;
}

/** Which fact rows a measure counts, and by which day. */
const FACT_OF: Record<StatMeasure, { flag: string; day: 'created_day' | 'closed_day' }> = {
  received: { flag: 'true', day: 'created_day' },
  needsAnswer: { flag: 'f.needs_answer', day: 'created_day' },
  done: { flag: 'f.done', day: 'created_day' },
  open: { flag: 'f.open', day: 'created_day' },
  overdue: { flag: 'f.overdue', day: 'created_day' },
  returned: { flag: 'f.returned', day: 'created_day' },
  reworked: { flag: 'f.reworked', day: 'created_day' },
  directClosed: { flag: 'f.direct_closed', day: 'created_day' },
  closed: { flag: 'true', day: 'closed_day' },
  closedOnTime: { flag: 'f.closed_on_time', day: 'closed_day' },
  rated: { flag: 'f.rated', day: 'closed_day' },
  satisfied: { flag: 'f.satisfied', day: 'closed_day' },
};

/**
 * 统计穿透: the orders a figure counts — the same fact rows the rollups sum — as the order list shows them, newest
 * first by the day the measure counts on (registration or closure), then the latest registered. Paged by the facts'
 * own index on that day, so a page of a month's satisfied orders reads a page of them, not the month's tens of
 * thousands; each is one the reader may open (orders/order-scope.ts).
 */
export async function statsOrders(
  db: Db,
  actor: Actor,
  query: StatsQueryInput & { measure: StatMeasure; dimension?: StatDimension; key?: string; solved?: string; page?: number; pageSize?: number },
  lang: Lang,
  clock: ClockReading,
): Promise<OrderPage> {
  if (query.key !== undefined && !query.dimension) throw invalidField('key', '需要同时给出 dimension', 'needs a dimension');
  const prepared = await prepare(db, actor, query, clock.now, query.dimension);
  const { period } = prepared;
  const ps: unknown[] = [];
  const scope = statsScopeSql(actor, ps, 'f');
  const filters = statsFilterSql(query, ps, 'f');
  const m = FACT_OF[query.measure];
  const conds = [scope, filters, m.flag, `f.${m.day} >= $${ps.push(period.firstDay)}::date and f.${m.day} <= $${ps.push(period.lastDay)}::date`];
  const keyValue = query.dimension ? (query.dimension === 'unit' ? ((query.key ?? '') === '' ? 0 : Number(query.key) || -1) : (query.key ?? '')) : undefined;
  if (query.dimension) conds.push(`f.${COLUMN[query.dimension]} = $${ps.push(keyValue)}`);
  if (query.solved) conds.push(`f.solved = $${ps.push(query.solved)}`);
  // How many: the rollups' sum of the measure — the same fact rows, summed — when a rollup column holds it (a level
  // of resolution only with `closed`); else counted on the facts alone (their scope, the reader's areas or his unit
  // responsible, is within the orders' scope), up to the cap. Either way the total says no more than the cap.
  const column = query.solved ? (query.measure === 'closed' && RESOLUTION_LEVELS.includes(query.solved as never) ? `solved_${query.solved}` : null) : SNAKE[query.measure];
  const n = column
    ? await rollupTotal(db, prepared, column, query.dimension ? { column: COLUMN[query.dimension], value: keyValue } : undefined)
    : await countUpTo(db, `from stats_order_facts f where ${conds.join(' and ')}`, ps);
  const w = pageWindow(query, ps);
  const page = `from stats_order_facts f join orders o on o.id = f.order_id where ${conds.join(' and ')} and ${orderScopeSql(actor, ps)}`;
  const ids = (await db.query<{ id: string }>(`select f.order_id as id ${page} order by f.${m.day} desc, f.order_id desc ${w.sql}`, ps)).rows.map((r) => Number(r.id));
  const rows = ids.length ? (await db.query<ViewRow>(`${VIEW_SELECT} where o.id = any($1::bigint[])`, [ids])).rows : [];
  const at = new Map(ids.map((id, i) => [id, i]));
  rows.sort((a, b) => at.get(Number(a.id))! - at.get(Number(b.id))!);
  return { ...cappedTotal(n), page: w.page, pageSize: w.pageSize, items: await toListItems(db, rows, actor, lang, clock) };
}

export { day as chinaDay };
