/**
 * 统计汇总的增量折叠 (the fold): the orders marked changed (stats_dirty, written by the orders' statement triggers in
 * the writers' own transactions) and those whose running step clock fell due since the watermark get their fact
 * row recomputed from the committed order; the difference between the new fact and the old one is added to the
 * daily and monthly rollups (the fine and the coarse pair). One transaction under an advisory lock: folds never race, and a fold that fails
 * leaves the marks for the next one. Rows that fall to all zeros are deleted, so the rollups hold only counts.
 */
import type { Db, Queryable } from '@liandong/db';
import { contributionsSql, CUBES, factsSql, keyCols, keyType, MEASURES, sumMeasures } from './facts.sql.ts';

const LOCK = `hashtext('liandong.statistics.fold')`;
const BATCH = 2000;
const FACT_COLS = `order_id, created_day, closed_day, ${keyCols}, needs_answer, done, open, overdue, returned, reworked, direct_closed, closed_on_time, rated, satisfied, solved`;
const allZero = MEASURES.map((m) => `s.${m} = 0`).join(' and ');
const addUp = MEASURES.map((m) => `${m} = s.${m} + excluded.${m}`).join(', ');

export interface FoldResult {
  /** Orders whose facts were recomputed. */
  orders: number;
  /** The moment "overdue" now stands at. */
  asOf: Date;
  /** False when another fold held the lock and `wait` was not asked. */
  folded: boolean;
}

/**
 * Folds every pending change. `wait: false` (a reader about to answer) gives up at once when another process is
 * folding — its answer is at most that fold behind. `whenPending` (the big screen, whose wall must count an order
 * the moment it is heard) folds only when something is pending, but then waits for a fold in progress: the marks it
 * sees are those that fold is taking, so once it has the lock the rollups hold them.
 */
export async function foldStats(db: Db, now: Date, opts: { wait?: boolean; whenPending?: boolean } = {}): Promise<FoldResult> {
  // A reader first asks, without writing, whether there is anything to fold: most answers find nothing, and a
  // write transaction would cost each of them a commit.
  if (opts.wait === false || opts.whenPending) {
    const pending = await db.query<{ dirty: boolean; due: boolean }>(
      `select exists (select 1 from stats_dirty) as dirty,
              exists (select 1 from order_step_runs, stats_watermark w
                       where done_at is null and withdrawn_at is null and due_at > w.due_until and due_at <= $1) as due`,
      [now],
    );
    if (!pending.rows[0]!.dirty && !pending.rows[0]!.due) return { orders: 0, asOf: now, folded: false };
  }
  return db.transaction(async (tx) => {
    if (opts.wait === false) {
      const got = await tx.query<{ ok: boolean }>(`select pg_try_advisory_xact_lock(${LOCK}) as ok`);
      if (!got.rows[0]!.ok) return { orders: 0, asOf: now, folded: false };
    } else await tx.query(`select pg_advisory_xact_lock(${LOCK})`);
    const wm = await tx.query<{ due_until: Date }>(`select due_until from stats_watermark`);
    const since = wm.rows[0]!.due_until;
    const asOf = now > since ? now : since;
    // Orders whose open clock fell due in (since, asOf]: their "overdue" changes with no write to them.
    const due = await tx.query<{ order_id: string }>(
      `select distinct order_id from order_step_runs where done_at is null and withdrawn_at is null and due_at > $1 and due_at <= $2`,
      [since, asOf],
    );
    let orders = 0;
    let ids = due.rows.map((r) => Number(r.order_id));
    for (;;) {
      const taken = await tx.query<{ order_id: string }>(
        `with taken as (delete from stats_dirty where id in (select id from stats_dirty order by id limit ${BATCH}) returning order_id)
         select distinct order_id from taken`,
      );
      const set = new Set([...ids, ...taken.rows.map((r) => Number(r.order_id))]);
      ids = [];
      if (set.size === 0) break;
      orders += await foldOrders(tx, [...set], asOf);
    }
    await tx.query(`update stats_watermark set due_until = $1`, [asOf]);
    return { orders, asOf, folded: true };
  });
}

/** Recomputes the facts of `ids` at `asOf` and adds the difference to the rollups; answers how many it folded. */
export async function foldOrders(tx: Queryable, ids: number[], asOf: Date): Promise<number> {
  const sums = MEASURES.join(', ');
  const having = MEASURES.map((x) => `sum(${x}) <> 0`).join(' or ');
  const upsert = (table: string, bucket: 'day' | 'month', keys: readonly string[]) => `
    insert into ${table} as s (${bucket}, ${keys.join(', ')}, ${sums})
    select ${bucket === 'day' ? 'day' : `date_trunc('month', day)::date`}, ${keys.join(', ')}, ${sumMeasures} from delta group by 1, ${keys.join(', ')} having ${having}
    on conflict (${bucket}, ${keys.join(', ')}) do update set ${addUp}
    returning '${table}' as t, s.${bucket}::text as bucket, jsonb_build_object(${keys.map((k) => `'${k}', s.${k}`).join(', ')}) as k, ${allZero} as empty`;
  const parts = CUBES.flatMap((c, i) => [
    [`d${i}`, upsert(c.daily, 'day', c.keys)],
    [`m${i}`, upsert(c.monthly, 'month', c.keys)],
  ]);
  const r = await tx.query<{ t: string; bucket: string; k: Record<string, unknown>; empty: boolean }>(
    `with new as materialized (${factsSql('o.id = any($2::bigint[])')}),
          old as materialized (select * from stats_order_facts where order_id = any($2::bigint[])),
          contrib as (${contributionsSql('new', '1')} union all ${contributionsSql('old', '-1')}),
          delta as materialized (select day, ${keyCols}, ${sumMeasures} from contrib group by day, ${keyCols}),
          ${parts.map(([name, sql]) => `${name} as (${sql})`).join(',\n          ')},
          f as (insert into stats_order_facts (${FACT_COLS}) select ${FACT_COLS} from new
                on conflict (order_id) do update set ${FACT_COLS.split(', ').slice(1).map((c) => `${c} = excluded.${c}`).join(', ')})
     ${parts.map(([name]) => `select * from ${name} where empty`).join(' union all ')}`,
    [asOf, ids],
  );
  for (const c of CUBES) {
    for (const [table, bucket] of [[c.daily, 'day'], [c.monthly, 'month']] as const) {
      const rows = r.rows.filter((x) => x.empty && x.t === table).map((x) => ({ bucket: x.bucket, ...x.k }));
      if (!rows.length) continue;
      await tx.query(
        `delete from ${table} s using jsonb_to_recordset($1::jsonb) as x(bucket date, ${c.keys.map((k) => `${k} ${keyType(k)}`).join(', ')})
          where s.${bucket} = x.bucket and ${c.keys.map((k) => `s.${k} = x.${k}`).join(' and ')} and ${allZero}`,
        [JSON.stringify(rows)],
      );
    }
  }
  return ids.length;
}
