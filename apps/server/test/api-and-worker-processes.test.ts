/**
 * The platform split in processes (ARCHITECTURE "API and worker processes"): two `liandong start --no-background`
 * API processes and one `liandong worker` on one PostgreSQL. The API processes serve and fire nothing; the worker
 * fires every due timer once. PostgreSQL only (PGlite is one process's embedded database).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testEngine, type TestDatabase } from '@liandong/db/testing.ts';
import { DEMO_PASSWORD, DEMO_SEED } from '@liandong/core/test/seeds.ts';
import { BIN, startProcess, type Started } from './liandong-process.ts';
import { Client, newKey } from './harness.ts';

const onServer = testEngine() === 'postgres';
let db: TestDatabase;
let apis: Started[] = [];
let worker: ChildProcess | null = null;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  if (!onServer) return;
  db = await createTestDb(DEMO_SEED);
  env = { ...process.env, DATABASE_URL: db.url, PORT: '0', LIANDONG_DEMO_DAYS: '0', LIANDONG_DEMO_PASSWORD: DEMO_PASSWORD, LOG_LEVEL: 'error' };
  apis = await Promise.all([0, 1].map(() => startProcess(env, 60_000, ['--no-background'])));
}, 120_000);

afterAll(async () => {
  worker?.kill('SIGKILL');
  await Promise.all(apis.map((a) => a.kill('SIGKILL')));
  await db?.close();
});

async function signIn(base: string, username: string): Promise<Client> {
  const r = await new Client(base).post('/api/v1/auth/login', { username, password: DEMO_PASSWORD });
  expect(r.status).toBe(200);
  return new Client(base, r.body.token);
}

const pending = async (ids: number[]) =>
  (await db.db.query<{ n: number }>('select count(*)::int as n from timers where order_id = any($1::bigint[]) and fired_at is null', [ids])).rows[0]!.n;

async function until(what: string, check: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`not in ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.skipIf(!onServer)('API processes and a worker on one PostgreSQL', () => {
  it('both API processes serve; only the worker fires the timers, each once', async () => {
    const ids: number[] = [];
    for (const api of apis) {
      expect(api.output()).toMatch(/--no-background/);
      const operator = await signIn(api.url, 'zx_operator');
      const dispatcher = await signIn(api.url, 'zx_dispatcher');
      const grid = (await db.db.query<{ code: string; geometry: { coordinates: number[][][] } }>("select code, geometry from grids where kind = 'basic' and level = 4 and geometry->>'type' = 'Polygon' order by code limit 1")).rows[0]!;
      const ring = grid.geometry.coordinates[0]!;
      const location = { lng: ring.reduce((a, p) => a + p[0]!, 0) / ring.length, lat: ring.reduce((a, p) => a + p[1]!, 0) / ring.length };
      for (let i = 0; i < 3; i++) {
        const created = await operator.post('/api/v1/orders', { channel: 'hotline', nature: 'complaint', description: `噪音扰民 ${i}`, location }, { 'idempotency-key': newKey('proc') });
        expect(created.status).toBe(201);
        expect((await dispatcher.act(created.body.id, 'accept')).status).toBe(200);
        ids.push(created.body.id);
      }
    }
    // Every clock of these orders is due now; with no worker running nobody fires them.
    await db.db.query('update timers set due_at = now() - interval \'1 second\' where order_id = any($1::bigint[]) and fired_at is null', [ids]);
    const due = await pending(ids);
    expect(due).toBeGreaterThan(0);
    for (let i = 0; i < 10; i++) expect((await new Client(apis[i % 2]!.url).get('/api/health')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 2500)); // longer than a timer sweep's poll (1 s): an API process would have fired some
    expect(await pending(ids)).toBe(due);
    // Nor do they start the early-warning job (预警): its timers come with the background work.
    const sweeps = async () => (await db.db.query<{ fired: number; waiting: number }>(
      `select (count(*) filter (where fired_at is not null))::int as fired, (count(*) filter (where fired_at is null))::int as waiting from timers where kind = 'warnings.sweep'`,
    )).rows[0]!;
    expect(await sweeps()).toEqual({ fired: 0, waiting: 0 });

    worker = spawn(process.execPath, [BIN, 'worker'], { env });
    let out = '';
    worker.stdout!.on('data', (c) => (out += c));
    worker.stderr!.on('data', (c) => (out += c));
    await until(`the worker fires every timer (${out})`, async () => (await pending(ids)) === 0);
    expect(out).toMatch(/worker is running/);
    // The worker runs the warning rules: this slot's run fired, the next slot's waits.
    // (One slot is 15 minutes: a boundary crossed during the test makes it two runs, never two of one slot.)
    await until('the early-warning run of this slot', async () => (await sweeps()).fired >= 1);
    expect((await sweeps()).waiting).toBe(1);
    expect((await db.db.query(`select 1 from settings where key = 'warnings.last_run'`)).rowCount).toBe(1);
    const twice = await db.db.query('select order_id, policy_id, count(*)::int as n from supervisions where order_id = any($1::bigint[]) group by 1, 2 having count(*) > 1', [ids]);
    expect(twice.rows).toEqual([]);
    const raised = await db.db.query<{ n: number }>('select count(*)::int as n from supervisions where order_id = any($1::bigint[]) and policy_id is not null', [ids]);
    expect(raised.rows[0]!.n).toBeGreaterThan(0);
  }, 120_000);
});
