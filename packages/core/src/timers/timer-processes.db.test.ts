/**
 * Several worker processes on one PostgreSQL, and a worker killed mid-batch: each timer's side effect exists
 * exactly once. PostgreSQL only (PGlite is one process's embedded database).
 */
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { createTestDb, testEngine, type TestDatabase } from '@liandong/db/testing.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./test-support/timer-worker-process.ts', import.meta.url));
const root = fileURLToPath(new URL('../../../../', import.meta.url));

interface WorkerProcess {
  ready: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }>;
  kill(): void;
}

function startWorker(url: string, worker: string, env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, WORKER: worker, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('ready')) resolve();
    });
    child.once('exit', () => reject(new Error(`worker ${worker} exited before it was ready: ${out}`)));
  });
  child.stderr.on('data', (chunk) => (out += chunk));
  ready.catch(() => undefined); // a killed worker's never-ready promise is not an unhandled rejection
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, out })),
  );
  return { ready, exited, kill: () => child.kill('SIGKILL') };
}

async function scalar(t: TestDatabase, sql: string): Promise<number> {
  return Number((await t.db.query<{ n: number }>(sql)).rows[0]!.n);
}

/** Timers with no side effect or with more than one (must be none), and the count of effects. */
async function audit(t: TestDatabase) {
  const r = await t.db.query<{ timers: number; fired: number; effects: number; wrong: number }>(
    `select (select count(*) from timers) as timers,
            (select count(*) from timers where fired_at is not null) as fired,
            (select count(*) from timer_effects) as effects,
            (select count(*) from timers t where (select count(*) from timer_effects e where e.timer_id = t.id) <> 1) as wrong`,
  );
  return r.rows[0]!;
}

describe.skipIf(testEngine() !== 'postgres')('timer workers in several processes', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDb();
    // No unique constraint on timer_id: a second firing must show up as a second row, not as an error.
    await t.db.exec('create table timer_effects (timer_id bigint not null, worker text not null)');
  });
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(async () => {
    await t.db.exec('delete from timer_effects; delete from timers');
  });

  it('two workers on the same database fire each of 3,000 timers exactly once', async () => {
    const env = { EXPECT_TIMERS: '3000', MAX_MS: '25000' };
    const workers = [startWorker(t.url!, 'a', env), startWorker(t.url!, 'b', env)];
    await Promise.all(workers.map((w) => w.ready));
    // Due now, in a spread of moments: both workers are polling when they come due.
    await t.db.query(`insert into timers (kind, due_at) select 'effect', now() - g * interval '1 millisecond' from generate_series(1, 3000) g`);
    const exits = await Promise.all(workers.map((w) => w.exited));
    for (const e of exits) expect(e.code, e.out).toBe(0);
    expect(await audit(t)).toEqual({ timers: 3000, fired: 3000, effects: 3000, wrong: 0 });
    const byWorker = await t.db.query<{ worker: string; n: number }>('select worker, count(*) as n from timer_effects group by worker order by worker');
    expect(byWorker.rows.map((r) => r.worker)).toEqual(['a', 'b']); // both really took part
    const totals = exits.map((e) => JSON.parse(e.out.trim().split('\n').at(-1)!) as { fired: number });
    expect(totals[0]!.fired + totals[1]!.fired).toBe(3000);
  });

  it('after a worker is killed mid-batch, a restarted one fires what was left and what came due meanwhile, once each', async () => {
    await t.db.query(`insert into timers (kind, due_at) select 'effect', now() - g * interval '1 millisecond' from generate_series(1, 300) g`);

    // Slow handlers in small batches: the kill lands inside an open transaction.
    const first = startWorker(t.url!, 'first', { EXPECT_TIMERS: '400', SLEEP_MS: '10', BATCH_SIZE: '10' });
    await first.ready;
    const start = Date.now();
    while ((await scalar(t, 'select count(*) as n from timer_effects')) < 50) {
      if (Date.now() - start > 15_000) throw new Error('the first worker fired nothing');
      await sleep(10);
    }
    first.kill();
    expect((await first.exited).signal).toBe('SIGKILL');
    const committedByFirst = await scalar(t, 'select count(*) as n from timer_effects');
    expect(committedByFirst).toBeLessThan(300);
    // Its open batch died with it: effects and fired_at committed together or not at all.
    expect(await scalar(t, 'select count(*) as n from timers where fired_at is not null')).toBe(committedByFirst);

    // Timers that come due while no worker runs (no wall-clock race: they are written due).
    await t.db.query(`insert into timers (kind, due_at) select 'effect', now() - interval '1 second' from generate_series(1, 100)`);
    const second = startWorker(t.url!, 'second', { EXPECT_TIMERS: '400' });
    const exit = await second.exited;
    expect(exit.code, exit.out).toBe(0);
    expect(await audit(t)).toEqual({ timers: 400, fired: 400, effects: 400, wrong: 0 });
    expect(await scalar(t, `select count(*) as n from timer_effects where worker = 'first'`)).toBe(committedByFirst);
  });
});
