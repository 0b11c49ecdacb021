import { openDatabase } from '@liandong/db';
import { checkStats } from '@liandong/core/statistics/check-stats.ts';
import { foldStats } from '@liandong/core/statistics/fold-stats.ts';
import { rebuildStats } from '@liandong/core/statistics/rebuild-stats.ts';
import type { Config } from '../config.ts';

const USAGE = `Usage:
  liandong stats check      the rollups against a recount from the orders and their timelines; every difference (exit 1 on any)
  liandong stats rebuild    the rollups made again from every order
  liandong stats fold       fold the pending changes now`;

/** `liandong stats`: the statistics rollups (统计汇总, docs/statistics.md). */
export async function statsCommand(config: Config, rest: string[]): Promise<number> {
  const [sub] = rest;
  if (!sub || !['check', 'rebuild', 'fold'].includes(sub)) {
    console.error(USAGE);
    return 1;
  }
  const db = await openDatabase({ ...config, brief: true });
  try {
    const now = new Date();
    if (sub === 'fold') {
      const r = await foldStats(db, now);
      console.log(`Folded 已汇总 ${r.orders} orders, overdue as of ${r.asOf.toISOString()}`);
      return 0;
    }
    if (sub === 'rebuild') {
      const t = performance.now();
      const r = await rebuildStats(db, now);
      console.log(`Rebuilt 已重建: ${r.orders} orders → ${r.daily} daily rows, ${r.monthly} monthly rows in ${Math.round(performance.now() - t)} ms`);
      return 0;
    }
    const r = await checkStats(db, now);
    console.log(`Checked 已核对 ${r.orders} orders as of ${r.asOf}: ${r.ok ? 'rollups equal the recount 汇总与重算一致' : `${r.differences} differences 处不一致`}`);
    for (const d of r.sample) {
      const keys = Object.entries(d.keys).filter(([, v]) => v !== '' && v !== '0').map(([k, v]) => `${k}=${v}`).join(' ');
      console.log(`  ${d.table} ${d.bucket} ${keys} ${d.measure}: rollup ${d.rollup}, recount ${d.recount}`);
    }
    if (r.differences > r.sample.length) console.log(`  … and ${r.differences - r.sample.length} more`);
    return r.ok ? 0 : 1;
  } finally {
    await db.close();
  }
}
