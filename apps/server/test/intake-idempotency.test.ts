/** Retries never duplicate: concurrent creates sharing Idempotency-Keys leave exactly one order per key. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { gridOf, pointInGrid, startTestServer, type TestServer } from './harness.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s?.close());

it('500 concurrent creates carrying 50 distinct idempotency keys leave exactly 50 orders', async () => {
  const operator = await s.as('zx_operator');
  const point = await pointInGrid(s, await gridOf(s, 'songling_gridworker'));
  const before = (await s.platform.db.query<{ n: number }>('select count(*)::int as n from orders')).rows[0]!.n;
  const run = `run-${Date.now()}`;
  const bodyFor = (k: number) => ({
    channel: 'hotline',
    nature: 'complaint',
    description: `来电反映第 ${k} 号楼下噪声扰民`,
    location: point,
    reporter: { name: '李四', phone: `1390000${String(k).padStart(4, '0')}` },
  });
  const requests = Array.from({ length: 500 }, (_, i) => {
    const k = i % 50;
    return operator.post('/api/v1/orders', bodyFor(k), { 'idempotency-key': `${run}-${k}` });
  });
  const results = await Promise.all(requests);
  expect(results.every((r) => r.status === 201 || r.status === 200)).toBe(true);
  expect(results.filter((r) => r.status === 201)).toHaveLength(50);
  const idsByKey = new Map<number, Set<number>>();
  results.forEach((r, i) => {
    const set = idsByKey.get(i % 50) ?? new Set<number>();
    set.add(r.body.id);
    idsByKey.set(i % 50, set);
  });
  expect([...idsByKey.values()].every((ids) => ids.size === 1)).toBe(true);
  const after = (await s.platform.db.query<{ n: number }>('select count(*)::int as n from orders')).rows[0]!.n;
  expect(after - before).toBe(50);
  const events = await s.platform.db.query<{ n: number }>(
    `select count(*)::int as n from order_events where action = 'create' and order_id in (select order_id from idempotency_keys where key like $1)`,
    [`${run}-%`],
  );
  expect(events.rows[0]!.n).toBe(50);
});
