/** Default dispatch by the catalogue: lead and co-handlers resolved for the order's place (属地). */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { OrderView } from '@liandong/contracts';
import { gridOf, newKey, pointInGrid, startTestServer, unitId, type TestServer } from './harness.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s?.close());

async function newOrder(categoryCode: string, conditionCode?: string): Promise<OrderView> {
  const p = await pointInGrid(s, await gridOf(s, 'songling_gridworker'));
  const r = await (await s.as('zx_operator')).post(
    '/api/v1/orders',
    { channel: 'hotline', nature: 'complaint', description: '来电反映', location: p, categoryCode, conditionCode },
    { 'idempotency-key': newKey('route') },
  );
  expect(r.status).toBe(201);
  return r.body;
}

async function stationOf(villageCode: string): Promise<number> {
  return (await s.platform.db.query<{ id: number }>(`select id from units where kind = 'station' and division_code = $1`, [villageCode])).rows[0]!.id;
}

it('a territorial co-handler becomes the village station, never the town sub-centre', async () => {
  const rule = await s.platform.db.query<{ category: string; code: string }>(
    `select c.category_code as category, c.code from category_conditions c join condition_units u on u.condition_id = c.id
      where u.role = 'co' and u.territorial order by c.id limit 1`,
  );
  const order = await newOrder(rule.rows[0]!.category, rule.rows[0]!.code);
  const d = await s.as('zx_dispatcher');
  await d.act(order.id, 'accept');
  const sent = await d.act(order.id, 'dispatch');
  expect(sent.status).toBe(200);
  const co = await s.platform.db.query<{ unit_id: number }>(`select unit_id from order_units where order_id = $1 and role = 'co'`, [order.id]);
  const coIds = co.rows.map((r) => r.unit_id);
  expect(coIds).toContain(await stationOf(order.village!.code));
  expect(coIds).not.toContain(await unitId(s, `WJ-ZX-${order.town!.code.slice(0, 9)}`));
});

it('a territorial lead goes from the district centre to the town sub-centre, then to the village station', async () => {
  const order = await newOrder('06010');
  const d = await s.as('zx_dispatcher');
  await d.act(order.id, 'accept');
  await d.act(order.id, 'classify', { categoryCode: '06010', conditionCode: '06010-02' });
  const toTown = await d.act(order.id, 'dispatch');
  expect(toTown.body.state.code).toBe('pending_dispatch');
  expect(toTown.body.dispatchUnit!.id).toBe(await unitId(s, `WJ-ZX-${order.town!.code.slice(0, 9)}`));
  const toVillage = await (await s.as('songling_dispatcher')).act(order.id, 'dispatch');
  expect(toVillage.body.state.code).toBe('pending_sign');
  expect(toVillage.body.handlerUnit!.id).toBe(await stationOf(order.village!.code));
  expect(toVillage.body.level).toBe('village');
});
