/**
 * Lists count the matching orders up to MAX_COUNTED and then say "more": an exact count of a million rows costs a
 * second on every page and queue badge (npm run bench:console), while "10000+" tells the desk what it needs.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MAX_COUNTED } from '@liandong/contracts';
import { startTestServer, type TestServer } from './harness.ts';
import { createOrder, type Fixture } from './order-fixtures.ts';

let s: TestServer;
let one: Fixture;
beforeAll(async () => {
  s = await startTestServer();
  one = await createOrder(s, { description: '独一无二的描述：计数上限测试' });
  // Copies of it, beyond the counting limit (written directly: the API would take minutes for this many).
  await s.platform.db.query(
    `insert into orders (code, state, channel, nature, description, lng, lat, district_code, town_code, village_code, grid_code, level, dispatch_unit_id, created_by, created_at, updated_at)
     select 'LD20250101' || lpad(g::text, 8, '0'), o.state, o.channel, o.nature, '复制的工单', o.lng, o.lat, o.district_code, o.town_code, o.village_code, o.grid_code,
            o.level, o.dispatch_unit_id, o.created_by, o.created_at - interval '400 days', o.updated_at
       from orders o, generate_series(1, $2::int) g where o.id = $1`,
    [one.id, MAX_COUNTED + 5],
  );
}, 120_000);
afterAll(() => s?.close());

it('counts up to the limit and says there are more; a narrower filter is counted exactly', async () => {
  const admin = await s.as('admin');
  const all = await admin.get('/api/v1/orders?pageSize=1');
  expect(all.status).toBe(200);
  expect(all.body).toMatchObject({ total: MAX_COUNTED, totalCapped: true, pageSize: 1 });
  expect(all.body.items).toHaveLength(1);
  const exact = await admin.get(`/api/v1/orders?q=${encodeURIComponent('独一无二的描述')}`);
  expect(exact.body).toMatchObject({ total: 1, totalCapped: false });
  expect(exact.body.items.map((o) => o.id)).toEqual([one.id]);
});

it('a text search with more matches than it counts pages the newest of them', async () => {
  const admin = await s.as('admin');
  const newest = await s.platform.db.query<{ id: number }>(`select id from orders where description = '复制的工单' order by created_at desc, id desc limit 20 offset 20`);
  for (const text of ['复制的工单', '复制']) {
    const page = await admin.get(`/api/v1/orders?pageSize=20&page=2&q=${encodeURIComponent(text)}`);
    expect(page.body).toMatchObject({ total: MAX_COUNTED, totalCapped: true });
    expect(page.body.items.map((o) => o.id)).toEqual(newest.rows.map((o) => Number(o.id)));
  }
});
