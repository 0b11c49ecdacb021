import type { Db } from '@liandong/db';
import { createTestDb, type TestDatabase } from '@liandong/db/testing.ts';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleTimer, TimerWorker, type TimerHandlers } from './index.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDb();
  await t.db.exec('create table timer_effects (timer_id bigint not null)');
});
afterAll(async () => {
  await t?.close();
});

async function until(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(10);
  }
}

/** The test database whose first transaction fails (a database briefly away), counting runs in flight. */
function flakyDb(db: Db) {
  const stats = { calls: 0, inFlight: 0, maxInFlight: 0 };
  const wrapped: Db = {
    ...db,
    async transaction(fn) {
      stats.calls++;
      if (stats.calls === 1) throw new Error('connection refused');
      stats.maxInFlight = Math.max(stats.maxInFlight, ++stats.inFlight);
      try {
        return await db.transaction(fn);
      } finally {
        stats.inFlight--;
      }
    },
  };
  return { db: wrapped, stats };
}

describe('TimerWorker', () => {
  it('polls, survives a failed sweep and a bad timer, never overlaps itself, and stops cleanly', async () => {
    const now = new Date();
    const handlers: TimerHandlers = {
      async effect(tx, timer) {
        await sleep(15); // slower than the poll: an overlapping worker would show two runs in flight
        await tx.query('insert into timer_effects (timer_id) values ($1)', [timer.id]);
      },
      async broken() {
        throw new Error('bad timer');
      },
    };
    await scheduleTimer(t.db, { kind: 'broken', dueAt: new Date(now.getTime() - 2000) });
    for (let i = 0; i < 6; i++) await scheduleTimer(t.db, { kind: 'effect', dueAt: new Date(now.getTime() - 1000 + i) });
    const { db, stats } = flakyDb(t.db);
    const logged: string[] = [];
    const worker = new TimerWorker(db, handlers, { now: () => new Date(), pollMs: 5, batchSize: 2, log: (m) => logged.push(m) });
    worker.start();
    worker.start(); // a second start is a no-op
    await until(async () => (await t.db.query('select 1 from timer_effects')).rowCount === 6);
    await worker.stop();
    const calls = stats.calls;
    await sleep(50);
    expect(stats.calls).toBe(calls);
    expect(stats.maxInFlight).toBe(1);
    expect(worker.totals).toMatchObject({ fired: 6, failed: 1, errors: 1 });
    expect(logged).toEqual(['timer sweep failed; retrying at the next poll', expect.stringMatching(/^timer \d+ \(broken\) failed, attempt 1$/)]);
  });
});
