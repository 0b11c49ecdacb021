/**
 * A timer worker process for the multi-process and crash tests (timer-processes.db.test.ts):
 *
 *   DATABASE_URL=… WORKER=a node --import tsx packages/core/src/timers/test-support/timer-worker-process.ts
 *
 * Its one handler, 'effect', inserts a row into `timer_effects (timer_id, worker)` in the timer's transaction
 * and then sleeps SLEEP_MS (still inside it, to widen the window for a SIGKILL). It prints "ready" once
 * polling, and exits once EXPECT_TIMERS timers exist and all are fired, or after MAX_MS.
 */
import { openPostgres } from '@liandong/db';
import { setTimeout as sleep } from 'node:timers/promises';
import { TimerWorker, type TimerHandlers } from '../index.ts';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required');
const worker = process.env.WORKER ?? String(process.pid);
const sleepMs = Number(process.env.SLEEP_MS ?? 0);
const expected = Number(process.env.EXPECT_TIMERS ?? 1);
const maxMs = Number(process.env.MAX_MS ?? 20_000);

const db = await openPostgres(url, { max: 2 });
const handlers: TimerHandlers = {
  async effect(tx, timer) {
    await tx.query('insert into timer_effects (timer_id, worker) values ($1, $2)', [timer.id, worker]);
    if (sleepMs) await sleep(sleepMs);
  },
};
const timers = new TimerWorker(db, handlers, { now: () => new Date(), pollMs: 20, batchSize: Number(process.env.BATCH_SIZE ?? 20) });
timers.start();
console.log('ready');

const deadline = Date.now() + maxMs;
while (Date.now() < deadline) {
  const r = await db.query<{ total: number; unfired: number }>(
    'select count(*) as total, count(*) filter (where fired_at is null) as unfired from timers',
  );
  if (r.rows[0]!.total >= expected && r.rows[0]!.unfired === 0) break;
  await sleep(50);
}
await timers.stop();
await db.close();
console.log(JSON.stringify({ worker, ...timers.totals }));
