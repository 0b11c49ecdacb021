import { loadDemoDistrict, resetDeploymentData } from '@liandong/core/demo/index.ts';
import { formatHistoryReport, historyReport } from '@liandong/core/demo/history/index.ts';
import { openDatabase } from '@liandong/db';
import { loadWorkingCalendar } from '@liandong/core/calendar/index.ts';
import type { Config } from '../config.ts';
import { prepareDatabase } from '../prepare-database.ts';
import { openPlatform } from '../platform.ts';
import { progressReporter } from './progress.ts';
import { buildHistory } from './build-history.ts';

/**
 * `liandong demo [--days N]`: empties the deployment's data and loads the demo district with N days of history.
 * `liandong demo check`: prints the history's completion by day, the solved split and the supervisions, and
 * audits every timeline and clock (exit 1 on a problem); it changes nothing.
 */
export async function demoCommand(config: Config, rest: readonly string[] = []): Promise<number> {
  if (rest[0] === 'check') return demoCheck(config);
  const p = await openPlatform(config);
  try {
    await prepareDatabase(p.db);
    console.log('Resetting data and loading the demo district 重置数据并加载演示区 …');
    await resetDeploymentData(p.db);
    const accounts = await loadDemoDistrict(p.db, { password: config.demoPassword, onProgress: stepPrinter() });
    console.log(`Demo district loaded 演示区已加载: ${accounts.length} accounts`);
    if (config.demoDays > 0) {
      const r = await buildHistory(p, config.demoDays, progressReporter('demo history 历史工单'));
      console.log(`${r.orders} orders, ${r.events} events in ${(r.ms / 1000).toFixed(1)} s; ${r.timers} clock timers ahead`);
    }
    return 0;
  } finally {
    await p.db.close();
  }
}

async function demoCheck(config: Config): Promise<number> {
  const db = await openDatabase({ ...config, brief: true });
  try {
    const report = await historyReport(db, await loadWorkingCalendar(db), new Date());
    console.log(formatHistoryReport(report));
    return report.problems.length === 0 ? 0 : 1;
  } finally {
    await db.close();
  }
}

function stepPrinter() {
  const seen = new Set<string>();
  return (step: string, done: number, total: number) => {
    if (done >= total && !seen.has(step)) {
      seen.add(step);
      console.log(`  ✓ ${step}`);
    }
  };
}
