/**
 * `liandong stats check` and GET /api/v1/statistics/check: the rollups against a recount straight from the orders,
 * their timelines and their step runs, written independently of the fold's per-order facts (aggregates grouped
 * by day and keys here, one fact per order there). Pending changes are folded first; every difference is
 * reported, cell by cell (a bucket, its keys, a measure, the rollup's value and the recount's).
 */
import type { Db } from '@liandong/db';
import type { StatsCheck } from '@liandong/contracts';
import { CUBES, FINE, KEYS, MEASURES } from './facts.sql.ts';
import { foldStats } from './fold-stats.ts';

const KEY_LIST = KEYS.join(', ');

/** The recount: orders grouped by registration day (cohort measures) and by closure day (flow measures). */
const RECOUNT = `
with base as (
  select o.id, o.state, o.satisfaction, o.solved_level, o.return_count, o.rework_count,
         timezone('Asia/Shanghai', o.created_at)::date as cday,
         case when o.state = 'closed' then timezone('Asia/Shanghai', o.closed_at)::date end as kday,
         coalesce(o.district_code, '') as district, coalesce(o.town_code, '') as town, coalesce(o.village_code, '') as village,
         coalesce(o.grid_code, '') as grid,
         coalesce((select coalesce(c.parent_code, c.code) from categories c where c.code = o.category_code), '') as major,
         coalesce(o.category_code, '') as category, o.channel, o.nature,
         coalesce(o.handler_unit_id, o.dispatch_unit_id, 0) as unit_id,
         coalesce(runs.late, false) as late, coalesce(runs.running_due, false) as running_due,
         answered.order_id is not null as answered
    from orders o
    left join (select order_id,
                      bool_or(step in ('sign', 'handle') and (done_at > due_at or withdrawn_at > due_at or (done_at is null and withdrawn_at is null))) as late,
                      bool_or(done_at is null and withdrawn_at is null and due_at <= $1::timestamptz) as running_due
                 from order_step_runs group by order_id) runs on runs.order_id = o.id
    left join (select distinct order_id from order_events where action = 'answer') answered on answered.order_id = o.id
),
cells as (
  select cday as day, ${KEY_LIST},
         count(*) as received,
         count(*) filter (where state not in ('rejected', 'merged', 'voided')) as needs_answer,
         count(*) filter (where state = 'closed') as done,
         count(*) filter (where state not in ('closed', 'rejected', 'merged', 'voided')) as open,
         count(*) filter (where state not in ('closed', 'rejected', 'merged', 'voided', 'suspended') and running_due) as overdue,
         count(*) filter (where return_count > 0) as returned,
         count(*) filter (where rework_count > 0) as reworked,
         count(*) filter (where state = 'closed' and answered) as direct_closed,
         0 as closed, 0 as closed_on_time, 0 as rated, 0 as satisfied,
         0 as solved_grid, 0 as solved_village, 0 as solved_town, 0 as solved_district, 0 as solved_enforcement
    from base group by cday, ${KEY_LIST}
  union all
  select kday, ${KEY_LIST}, 0, 0, 0, 0, 0, 0, 0, 0,
         count(*), count(*) filter (where not late), count(*) filter (where satisfaction is not null),
         count(*) filter (where satisfaction in ('very_satisfied', 'satisfied', 'basically_satisfied')),
         count(*) filter (where solved_level = 'grid'), count(*) filter (where solved_level = 'village'),
         count(*) filter (where solved_level = 'town'), count(*) filter (where solved_level = 'district'),
         count(*) filter (where solved_level = 'enforcement')
    from base where state = 'closed' group by kday, ${KEY_LIST}
)
select day, ${KEY_LIST}, ${MEASURES.map((m) => `sum(${m})::int as ${m}`).join(', ')} from cells group by day, ${KEY_LIST}`;

/** The differences between a rollup table and a recount (`day` + `keys` + measures), cell by cell. */
const compare = (rollup: string, bucket: string, recount: string, keys: readonly string[]) => `
with r as (${recount}), s as (select ${bucket} as day, ${keys.join(', ')}, ${MEASURES.join(', ')} from ${rollup})
select coalesce(r.day, s.day)::text as bucket, ${keys.map((k) => `coalesce(r.${k}, s.${k}) as ${k}`).join(', ')}, m.measure, m.rollup, m.recount
  from r full join s on r.day = s.day and ${keys.map((k) => `r.${k} = s.${k}`).join(' and ')}
  cross join lateral (values ${MEASURES.map((x) => `('${x}', coalesce(s.${x}, 0), coalesce(r.${x}, 0))`).join(', ')}) as m(measure, rollup, recount)
 where m.rollup <> m.recount
 order by 1, ${keys.join(', ')}, m.measure`;

/** The recount (kept once in `stats_recount`) summed to a cube's keys, by day or by month. */
const regroup = (keys: readonly string[], byMonth: boolean) =>
  `select ${byMonth ? `date_trunc('month', day)::date` : 'day'} as day, ${keys.join(', ')}, ${MEASURES.map((m) => `sum(${m})::int as ${m}`).join(', ')}
     from stats_recount x group by 1, ${keys.join(', ')}`;

const LIMIT = 200;

export async function checkStats(db: Db, now: Date): Promise<StatsCheck> {
  const fold = await foldStats(db, now);
  const asOf = fold.asOf;
  type Diff = { bucket: string; measure: string; rollup: number; recount: number } & Record<string, unknown>;
  const found: { table: string; d: Diff }[] = [];
  // The recount is made once and compared with every rollup (daily, and summed by month with the monthly ones).
  await db.transaction(async (tx) => {
    await tx.exec(`create temp table stats_recount on commit drop as select * from ${FINE.daily} with no data`);
    await tx.query(`insert into stats_recount (day, ${KEY_LIST}, ${MEASURES.join(', ')}) ${RECOUNT}`, [asOf]);
    for (const c of CUBES) {
      for (const [table, bucket, byMonth] of [[c.daily, 'day', false], [c.monthly, 'month', true]] as const) {
        const r = await tx.query<Diff>(compare(table, bucket, regroup(c.keys, byMonth), c.keys));
        found.push(...r.rows.map((d) => ({ table, d })));
      }
    }
  });
  const orders = await db.query<{ n: number }>(`select count(*)::int as n from orders`);
  const view = (table: string, d: Diff) => ({
    table: table.replace(/^stats_/, ''),
    bucket: d.bucket,
    keys: Object.fromEntries(KEYS.filter((k) => k in d).map((k) => [k, String(d[k] ?? '')])),
    measure: d.measure,
    rollup: Number(d.rollup),
    recount: Number(d.recount),
  });
  const all = found.map((x) => view(x.table, x.d));
  return { asOf: asOf.toISOString(), orders: orders.rows[0]!.n, differences: all.length, ok: all.length === 0, sample: all.slice(0, LIMIT) };
}
