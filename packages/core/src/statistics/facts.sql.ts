/**
 * 统计口径: what one order counts for in the rollups, as SQL (docs/statistics.md has every measure in words). The
 * fold, the rebuild and the benchmark all read the same statement, so the rollups only ever hold its sums. `$1`
 * is the moment "overdue" is read at (the fold's watermark).
 */

/** The measures of a rollup row, in order. Cohort measures count on the day the order was registered (受理). */
export const COHORT_MEASURES = ['received', 'needs_answer', 'done', 'open', 'overdue', 'returned', 'reworked', 'direct_closed'] as const;
/** Flow measures count on the day the order was closed (办结). */
export const FLOW_MEASURES = ['closed', 'closed_on_time', 'rated', 'satisfied', 'solved_grid', 'solved_village', 'solved_town', 'solved_district', 'solved_enforcement'] as const;
export const MEASURES = [...COHORT_MEASURES, ...FLOW_MEASURES] as const;
export type Measure = (typeof MEASURES)[number];

/** The keys of a rollup row besides its bucket. */
export const KEYS = ['district', 'town', 'village', 'grid', 'major', 'category', 'channel', 'nature', 'unit_id', 'state'] as const;

/** A rollup: its daily and monthly tables and the keys its rows are grouped by besides the bucket. */
export interface Cube {
  name: string;
  daily: string;
  monthly: string;
  keys: readonly string[];
}
const cube = (name: string, keys: readonly string[]): Cube => ({ name, daily: `stats_${name}_daily`, monthly: `stats_${name}_monthly`, keys });

/** The fine rollups: every key, so any filter and any breakdown can be answered from them. */
export const FINE: Cube = { name: 'fine', daily: 'stats_daily', monthly: 'stats_monthly', keys: KEYS };

/**
 * The rollup tables, kept alike by the fold, the rebuild and the check. Besides the fine pair, smaller ones hold the
 * same sums under fewer keys — the area and the responsible unit every reader's scope needs, and one or two more —
 * so an answer reads the smallest that holds every column it asks about (read-stats.ts cubeFor): the headline and
 * the units a few hundred rows a month, a breakdown by channel a few thousand, whatever the number of orders.
 */
export const CUBES: readonly Cube[] = [
  FINE,
  { name: 'coarse', daily: 'stats_coarse_daily', monthly: 'stats_coarse_monthly', keys: ['district', 'town', 'major', 'channel', 'nature', 'unit_id'] },
  cube('unit', ['district', 'town', 'unit_id']),
  cube('major', ['district', 'town', 'unit_id', 'major']),
  cube('category', ['district', 'town', 'unit_id', 'major', 'category']),
  cube('channel', ['district', 'town', 'unit_id', 'channel']),
  cube('nature', ['district', 'town', 'unit_id', 'nature']),
  cube('state', ['district', 'town', 'unit_id', 'state']),
  cube('village', ['district', 'town', 'village', 'unit_id']),
  cube('grid', ['district', 'town', 'village', 'grid', 'unit_id']),
  // Without the responsible unit (migration 0047): the rows in an area-scoped reader's areas, a few a day per town,
  // class, grid, channel or nature whatever the number of orders; his units' rows outside his areas come from those
  // above (read-stats.ts, stats-scope.ts scopeParts). The big screen reads its day and its live load from them.
  cube('area', ['district', 'town']),
  cube('area_category', ['district', 'town', 'major', 'category']),
  cube('area_village', ['district', 'town', 'village']),
  cube('area_grid', ['district', 'town', 'village', 'grid']),
  cube('area_channel', ['district', 'town', 'channel']),
  cube('area_nature', ['district', 'town', 'nature']),
  // A reader of the whole district needs no town: his hot problems are the district's classes.
  cube('district_category', ['district', 'major', 'category']),
];
export const keyType = (k: string) => (k === 'unit_id' ? 'int' : 'text');

export const FINAL_STATES = `('closed', 'rejected', 'merged', 'voided')`;
export const SATISFIED = `('very_satisfied', 'satisfied', 'basically_satisfied')`;
export const CHINA = `'Asia/Shanghai'`;

/**
 * The fact rows of the orders `where` selects (a condition on `o`), with the columns of stats_order_facts.
 * - responsible unit: the lead handling unit, else the centre dispatching it;
 * - done: closed (办结); open: not closed, rejected, merged or voided; needs_answer: not rejected, merged or voided;
 * - overdue: open, not suspended, with a running step clock due at or before `$1`;
 * - closed on time (按时办结): closed with no sign or handle run late (done, or withdrawn, after its due time);
 * - direct_closed (直接办结): closed by the centre's own answer (an `answer` event);
 * - rated / satisfied: closed with a rating; satisfied when 非常满意, 满意 or 基本满意;
 * - solved: where it was solved (orders.solved_level, set by the close from who closed it).
 */
export const factsSql = (where: string) => `
select o.id as order_id,
       (o.created_at at time zone ${CHINA})::date as created_day,
       case when o.state = 'closed' and o.closed_at is not null then (o.closed_at at time zone ${CHINA})::date end as closed_day,
       coalesce(o.district_code, '') as district, coalesce(o.town_code, '') as town, coalesce(o.village_code, '') as village,
       coalesce(o.grid_code, '') as grid, coalesce(c.parent_code, c.code, '') as major, coalesce(o.category_code, '') as category,
       o.channel, o.nature, coalesce(o.handler_unit_id, o.dispatch_unit_id, 0) as unit_id, o.state,
       o.state not in ('rejected', 'merged', 'voided') as needs_answer,
       o.state = 'closed' as done,
       o.state not in ${FINAL_STATES} as open,
       o.state not in ${FINAL_STATES} and o.state <> 'suspended' and exists (
         select 1 from order_step_runs r where r.order_id = o.id and r.done_at is null and r.withdrawn_at is null and r.due_at <= $1::timestamptz) as overdue,
       o.return_count > 0 as returned,
       o.rework_count > 0 as reworked,
       o.state = 'closed' and exists (select 1 from order_events e where e.order_id = o.id and e.action = 'answer') as direct_closed,
       o.state = 'closed' and not exists (
         select 1 from order_step_runs r where r.order_id = o.id and r.step in ('sign', 'handle')
            and coalesce(r.done_at, r.withdrawn_at, 'infinity') > r.due_at) as closed_on_time,
       o.state = 'closed' and o.satisfaction is not null as rated,
       o.state = 'closed' and coalesce(o.satisfaction in ${SATISFIED}, false) as satisfied,
       case when o.state = 'closed' then o.solved_level end as solved
  from orders o left join categories c on c.code = o.category_code
 where ${where}`;

const n = (b: string) => `coalesce((${b})::int, 0)`;
const keyCols = KEYS.join(', ');

/**
 * The contributions of fact rows `f` (a relation with the facts' columns) to the rollups: one row for the
 * registration day with the cohort measures and, when closed, one for the closure day with the flow measures,
 * each multiplied by `sign`.
 */
export const contributionsSql = (facts: string, sign: string) => `
select f.created_day as day, ${KEYS.map((k) => `f.${k}`).join(', ')},
       ${sign} as received, ${sign} * ${n('f.needs_answer')} as needs_answer, ${sign} * ${n('f.done')} as done, ${sign} * ${n('f.open')} as open,
       ${sign} * ${n('f.overdue')} as overdue, ${sign} * ${n('f.returned')} as returned, ${sign} * ${n('f.reworked')} as reworked,
       ${sign} * ${n('f.direct_closed')} as direct_closed,
       0 as closed, 0 as closed_on_time, 0 as rated, 0 as satisfied, 0 as solved_grid, 0 as solved_village, 0 as solved_town, 0 as solved_district, 0 as solved_enforcement
  from ${facts} f
union all
select f.closed_day, ${KEYS.map((k) => `f.${k}`).join(', ')}, 0, 0, 0, 0, 0, 0, 0, 0,
       ${sign}, ${sign} * ${n('f.closed_on_time')}, ${sign} * ${n('f.rated')}, ${sign} * ${n('f.satisfied')},
       ${sign} * ${n(`f.solved = 'grid'`)}, ${sign} * ${n(`f.solved = 'village'`)}, ${sign} * ${n(`f.solved = 'town'`)},
       ${sign} * ${n(`f.solved = 'district'`)}, ${sign} * ${n(`f.solved = 'enforcement'`)}
  from ${facts} f where f.closed_day is not null`;

export const sumMeasures = MEASURES.map((m) => `sum(${m})::int as ${m}`).join(', ');
export { keyCols };
