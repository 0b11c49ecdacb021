/**
 * Live updates (SSE): a change to an order reaches the readers who may see it within a second — and no one else —
 * and, on a PostgreSQL server, whichever process the change happened in (LISTEN/NOTIFY).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '@liandong/db';
import { buildApp } from '../src/app.ts';
import { platformOn } from '../src/platform.ts';
import { DEMO_PASSWORD, newKey, startTestServer, type TestServer } from './harness.ts';
import { orderBody } from './order-fixtures.ts';
import { listenTo, type HeardStream } from './event-stream-reader.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s?.close());

type Heard = HeardStream<{ orderId?: number; code?: string; state?: string; action?: string }>;

/** Opens the stream as a user and collects its events. */
const listen = (base: string, token: string): Promise<Heard> => listenTo(`${base}/api/v1/live/orders`, { authorization: `Bearer ${token}` });

const tokenOf = async (srv: TestServer, username: string) => (await srv.as(username)).token!;

describe('live order changes', () => {
  it('a new order reaches the dispatcher within a second, its next step too; another town hears nothing of it', async () => {
    const dispatcher = await listen(s.base, await tokenOf(s, 'zx_dispatcher'));
    const otherTown = await listen(s.base, await tokenOf(s, 'shengze_dispatcher'));
    const created = await (await s.as('zx_operator')).post('/api/v1/orders', await orderBody(s), { 'idempotency-key': newKey('live') });
    expect(created.status).toBe(201);
    // Within a second of the order being acknowledged (waitFor's limit).
    const heard = await dispatcher.waitFor((e) => e.data.orderId === created.body.id, 1000);
    expect(heard).toMatchObject({ event: 'order', data: { code: created.body.code, state: 'pending_accept', action: 'create' } });
    const accepted = await (await s.as('zx_dispatcher')).act(created.body.id, 'accept');
    expect(accepted.status).toBe(200);
    await dispatcher.waitFor((e) => e.data.orderId === created.body.id && e.data.action === 'accept');
    // The other town's desk hears its own orders only.
    const theirs = await (await s.as('zx_operator')).post('/api/v1/orders', await orderBody(s, { gridWorker: 'shengze_gridworker' }), { 'idempotency-key': newKey('live') });
    await otherTown.waitFor((e) => e.data.orderId === theirs.body.id);
    expect(otherTown.events.some((e) => e.data.orderId === created.body.id)).toBe(false);
    dispatcher.close();
    otherTown.close();
  });

  it('a stream ends when its user is disabled: he hears nothing more', async () => {
    const quick = await buildApp(s.platform, { logLevel: 'error', liveRecheckMs: 200 });
    const base = await quick.listen({ port: 0, host: '127.0.0.1' });
    try {
      const login = await s.anonymous.post('/api/v1/auth/login', { username: 'hbj_handler', password: DEMO_PASSWORD });
      const stream = await listen(base, login.body.token as string);
      const id = (await s.platform.db.query<{ id: number }>(`select id from users where username = 'hbj_handler'`)).rows[0]!.id;
      const admin = await s.as('admin');
      expect((await admin.patch(`/api/v1/admin/users/${id}`, { active: false })).status).toBe(200);
      const outcome = await Promise.race([stream.ended.then(() => 'ended'), new Promise((r) => setTimeout(() => r('still open'), 3000))]);
      expect(outcome).toBe('ended');
      await admin.patch(`/api/v1/admin/users/${id}`, { active: true });
    } finally {
      await quick.close();
    }
  });

  it('is for signed-in users only', async () => {
    const r = await fetch(`${s.base}/api/v1/live/orders`);
    expect(r.status).toBe(401);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
  });

  it.runIf(process.env.LIANDONG_TEST_DB === 'postgres')('several processes on one PostgreSQL: a change made in one reaches a reader of another', async () => {
    const pool = await openPostgres(s.testDb.url!, { max: 4 });
    const second = await buildApp(platformOn(pool), { logLevel: 'error' });
    const base = await second.listen({ port: 0, host: '127.0.0.1' });
    try {
      const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'zx_dispatcher', password: DEMO_PASSWORD }) });
      const reader = await listen(base, ((await login.json()) as { token: string }).token);
      const created = await (await s.as('zx_operator')).post('/api/v1/orders', await orderBody(s), { 'idempotency-key': newKey('live') });
      await reader.waitFor((e) => e.data.orderId === created.body.id);
      reader.close();
    } finally {
      await second.close();
      await pool.close();
    }
  });
});

