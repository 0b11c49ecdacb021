/**
 * Measures the demo history build on the embedded PGlite:
 *   node --import tsx packages/core/src/demo/history/bench-demo-history.ts [days=7] [dataDir=memory://]
 * Loads the demo district first when the database is empty (not counted), then builds `days` days ending
 * now and prints the time, the volume and the solved-level shares.
 */
import { migrate, openPglite } from '@liandong/db';
import { isDatabaseEmpty, loadDemoDistrict } from '../load-demo.ts';
import { buildDemoHistory } from './build-demo-history.ts';
import { solvedShares } from './history-checks.ts';

const days = Number(process.argv[2] ?? 7);
const dataDir = process.argv[3] ?? 'memory://';
const db = await openPglite(dataDir);
try {
  await migrate(db);
  if (await isDatabaseEmpty(db)) {
    const t0 = performance.now();
    await loadDemoDistrict(db, { password: 'demo-pass-123' });
    console.log(`demo district loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  let shown = 0;
  const r = await buildDemoHistory(db, {
    days,
    onProgress: (done, total) => {
      if (done - shown >= 5000 || done === total) {
        shown = done;
        console.log(`  ${done} / ${total}`);
      }
    },
  });
  console.log(`history: ${r.orders} orders, ${r.events} events in ${(r.ms / 1000).toFixed(1)} s (${Math.round(r.orders / (r.ms / 1000))} orders/s)`);
  const shares = await solvedShares(db);
  console.log('solved shares of closed orders:', Object.fromEntries(Object.entries(shares).map(([k, v]) => [k, `${(v * 100).toFixed(1)}%`])));
} finally {
  await db.close();
}
