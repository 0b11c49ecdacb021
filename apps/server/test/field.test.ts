/**
 * The field app's own reads: the catalogue as a phone keeps it (minor classes in use, pinyin initials, the grid's
 * common ones first) for grid workers in their grids only; and a worker's own reports (reportedByMe).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { gridOf, newKey, startTestServer, type TestServer } from './harness.ts';
import { orderBody } from './order-fixtures.ts';

let s: TestServer;
let grid: string;
beforeAll(async () => {
  s = await startTestServer();
  grid = await gridOf(s, 'songling_gridworker');
});
afterAll(() => s?.close());

it('lists the classes in use with pinyin initials, the grid’s most reported first', async () => {
  const worker = await s.as('songling_gridworker');
  for (let i = 0; i < 3; i++) {
    const r = await worker.post('/api/v1/orders', await orderBody(s, { channel: 'grid_patrol', categoryCode: '01001' }), { 'idempotency-key': newKey('fc') });
    expect(r.status).toBe(201);
  }
  const r = await worker.get(`/api/v1/field/categories?gridCode=${grid}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const first = r.body[0]!;
  expect([first.code, first.recent]).toEqual(['01001', 3]);
  expect(first.initials).toMatch(/^[a-z0-9]+$/);
  expect(r.body.find((c) => c.name === '供水井盖')?.initials).toBe('gsjg');
  const active = (await s.platform.db.query<{ n: number }>(`select count(*)::int as n from categories where level = 'minor' and active`)).rows[0]!.n;
  expect(r.body).toHaveLength(active);
  // Without a grid: all his grids.
  expect((await worker.get('/api/v1/field/categories')).body[0]!.code).toBe('01001');
});

it('refuses a grid outside the worker’s area and users who do not patrol', async () => {
  const other = await gridOf(s, 'shengze_gridworker');
  const r = await (await s.as('songling_gridworker', 'en')).get(`/api/v1/field/categories?gridCode=${other}`);
  expect([r.status, r.body.error.message]).toEqual([403, 'This grid is outside your area']);
  expect((await (await s.as('cgj_handler')).get('/api/v1/field/categories')).status).toBe(403);
  expect((await s.anonymous.get('/api/v1/field/categories')).status).toBe(401);
});

it('reportedByMe lists a worker’s own reports only', async () => {
  const worker = await s.as('songling_gridworker');
  const mine = await worker.post('/api/v1/orders', await orderBody(s, { channel: 'grid_patrol' }), { 'idempotency-key': newKey('mine') });
  const byOperator = await (await s.as('zx_operator')).post('/api/v1/orders', await orderBody(s), { 'idempotency-key': newKey('op') });
  const listed = (await worker.get('/api/v1/orders?reportedByMe=true&pageSize=100')).body.items.map((o) => o.id);
  expect(listed).toContain(mine.body.id);
  expect(listed).not.toContain(byOperator.body.id);
  const others = (await worker.get('/api/v1/orders?reportedByMe=false&pageSize=100')).body.items.map((o) => o.id);
  expect(others).toContain(byOperator.body.id);
  expect(others).not.toContain(mine.body.id);
});
