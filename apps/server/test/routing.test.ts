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

it("a component's matter goes to the component's owner (权属单位), else to the catalogue's lead", async () => {
  const covers = await s.platform.db.query<{ code: string; lng: number; lat: number; owner: string }>(
    `select c.code, c.lng, c.lat, u.code as owner from components c join units u on u.id = c.owner_unit_id
      where c.category_code = '01003' order by c.id limit 3`,
  );
  // Every third rain-water cover of the demo lies on a highway and is the transport bureau's.
  expect(covers.rows.map((c) => c.owner)).toEqual(['WJ-SWJ', 'WJ-SWJ', 'WJ-JTJ']);
  const d = await s.as('zx_dispatcher');
  const conditions = await d.get('/api/v1/catalogue/categories/01003/conditions');
  expect(conditions.body[0].units.filter((u: { role: string }) => u.role === 'lead')).toMatchObject([
    { componentOwner: true, unit: null },
    { componentOwner: false, unit: { id: await unitId(s, 'WJ-SWJ') } },
  ]);
  const handlerFor = async (component: { code: string; lng: number; lat: number } | null) => {
    const body = { channel: 'hotline', nature: 'complaint', description: '雨水井盖松动，车辆经过有异响', categoryCode: '01003', conditionCode: '01003-02' };
    const location = component ? { lng: component.lng, lat: component.lat } : await pointInGrid(s, await gridOf(s, 'songling_gridworker'));
    const created = await (await s.as('zx_operator')).post('/api/v1/orders', { ...body, location, componentCode: component?.code }, { 'idempotency-key': newKey('cover') });
    expect(created.status).toBe(201);
    await d.act(created.body.id, 'accept');
    const sent = await d.act(created.body.id, 'dispatch');
    expect(sent.status).toBe(200);
    return sent.body.handlerUnit!.id;
  };
  expect(await handlerFor(covers.rows[2]!)).toBe(await unitId(s, 'WJ-JTJ'));
  expect(await handlerFor(covers.rows[0]!)).toBe(await unitId(s, 'WJ-SWJ'));
  expect(await handlerFor(null)).toBe(await unitId(s, 'WJ-SWJ'));
});
