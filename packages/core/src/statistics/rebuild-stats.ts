/**
 * `liandong stats rebuild`: the rollups made again from every order, set-based (a few statements, no per-order
 * work), under the fold's lock so no fold interleaves. Used after a bulk load (the benchmark) or a repair.
 */
import type { Db } from '@liandong/db';
import { contributionsSql, CUBES, factsSql, FINE, keyCols, MEASURES, sumMeasures } from './facts.sql.ts';

export async function rebuildStats(db: Db, now: Date): Promise<{ orders: number; daily: number; monthly: number }> {
  return db.transaction(async (tx) => {
    await tx.query(`select pg_advisory_xact_lock(hashtext('liandong.statistics.fold'))`);
    await tx.exec(`truncate stats_dirty, stats_order_facts, ${CUBES.flatMap((c) => [c.daily, c.monthly]).join(', ')}`);
    await tx.query(`insert into stats_order_facts ${factsSql('true')}`, [now]);
    await tx.query(
      `insert into stats_daily (day, ${keyCols}, ${MEASURES.join(', ')})
       select day, ${keyCols}, ${sumMeasures} from (${contributionsSql('stats_order_facts', '1')}) c group by day, ${keyCols}`,
    );
    await tx.query(
      `insert into stats_monthly (month, ${keyCols}, ${MEASURES.join(', ')})
       select date_trunc('month', day)::date, ${keyCols}, ${sumMeasures} from stats_daily group by 1, ${keyCols}`,
    );
    // Every smaller rollup summed from the fine one (the same sums under fewer keys).
    for (const c of CUBES.filter((x) => x !== FINE)) {
      for (const [table, bucket, from] of [[c.daily, 'day', FINE.daily], [c.monthly, 'month', FINE.monthly]] as const) {
        await tx.query(
          `insert into ${table} (${bucket}, ${c.keys.join(', ')}, ${MEASURES.join(', ')})
           select ${bucket}, ${c.keys.join(', ')}, ${sumMeasures} from ${from} group by ${bucket}, ${c.keys.join(', ')}`,
        );
      }
    }
    await tx.query(`update stats_watermark set due_until = $1`, [now]);
    const n = await tx.query<{ orders: number; daily: number; monthly: number }>(
      `select (select count(*) from stats_order_facts)::int as orders, (select count(*) from stats_daily)::int as daily, (select count(*) from stats_monthly)::int as monthly`,
    );
    return n.rows[0]!;
  });
}
