/**
 * `liandong worker`: the background work without HTTP — the clock's durable timers, outbox delivery,
 * housekeeping and the demo history build. Any number of workers and `liandong start --no-background` API
 * processes may run on one PostgreSQL server: timers are fired once (`for update skip locked`), messages sent
 * once, history batches written once.
 */
import { deploymentState } from '@liandong/core/setup/deployment.ts';
import { demoAccounts } from '@liandong/core/demo/index.ts';
import type { Config } from '../config.ts';
import { openPlatform } from '../platform.ts';
import { prepareDatabase } from '../prepare-database.ts';
import { startBackground } from '../background.ts';
import { buildHistoryInBackground } from './start.command.ts';

export async function workerCommand(config: Config): Promise<number> {
  const p = await openPlatform(config);
  await prepareDatabase(p.db);
  // The first start (demo or first administrator) is the API process's job; wait until it is done.
  for (let waited = 0; (await deploymentState(p.db)) !== 'ready'; waited += 1) {
    if (waited === 0) console.log('Waiting for the first start to complete 等待首次初始化完成 …');
    await new Promise((r) => setTimeout(r, 1000));
  }
  const background = startBackground(p);
  console.log(`Liandong 联动 worker is running: timers, delivery, housekeeping (${config.databaseUrl ? 'PostgreSQL server' : `PGlite in ${config.dataDir}`})`);
  const stop = async () => {
    await background.stop();
    await p.db.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  if ((await demoAccounts(p.db)) && config.demoDays > 0) void buildHistoryInBackground(p, config.demoDays);
  return new Promise<number>(() => undefined);
}
