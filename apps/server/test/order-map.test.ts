/**
 * 工单分布: orders clustered on the map. The counts are the data — a cluster's count is the number of visible orders
 * in its cell, the total is what the list gives for the same filters — and a town's user sees only his town's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellDegrees } from '@liandong/core/orders/map/order-clusters.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { createOrder, orderIn } from './order-fixtures.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
  for (const w of ['songling_gridworker', 'songling_gridworker', 'shengze_gridworker']) await createOrder(s, { gridWorker: w });
  await orderIn(s, 'handling', { gridWorker: 'shengze_gridworker' });
  await orderIn(s, 'closed', { gridWorker: 'songling_gridworker' });
}, 120_000);
afterAll(() => s?.close());

const DISTRICT = '120.3,30.7,121.0,31.3';
type Clusters = { total: number; clusters: { lng: number; lat: number; count: number; order: { id: number } | null }[] };

/** The same clusters counted here from the database: the orders' points grouped by cell. */
async function expected(ids: number[], zoom: number): Promise<Map<string, number>> {
  const cell = cellDegrees(zoom);
  const rows = (await s.platform.db.query<{ lng: number; lat: number }>('select lng, lat from orders where id = any($1::bigint[])', [ids])).rows;
  const cells = new Map<string, number>();
  for (const r of rows) {
    const key = `${Math.floor(r.lng / cell)},${Math.floor(r.lat / cell)}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
  }
  return cells;
}

describe('orders on the map', () => {
  it('clusters the open orders in view; every count equals the orders in its cell, the total the list’s', async () => {
    const c = await s.as('zx_dispatcher');
    const list = await c.get('/api/v1/orders?stateType=new,open,handling,suspended&pageSize=200');
    const ids = list.body.items.map((o) => o.id);
    expect(ids.length).toBeGreaterThanOrEqual(4);
    for (const zoom of [9, 14, 18]) {
      const r = await c.get(`/api/v1/map/orders?bbox=${DISTRICT}&zoom=${zoom}`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      const body = r.body as Clusters;
      expect(body.total).toBe(list.body.total);
      expect(body.clusters.reduce((n, x) => n + x.count, 0)).toBe(body.total);
      const cells = await expected(ids, zoom);
      expect(body.clusters.map((x) => x.count).sort()).toEqual([...cells.values()].sort());
      for (const x of body.clusters) expect(x.order === null).toBe(x.count > 1);
    }
    // A closed order shows when the filter asks for closed orders.
    const closed = await c.get(`/api/v1/map/orders?bbox=${DISTRICT}&zoom=9&stateType=closed`);
    expect(closed.body.total).toBe((await c.get('/api/v1/orders?stateType=closed')).body.total);
  });

  it('shows a town’s user only his town’s orders, and answers in the base map’s coordinates', async () => {
    const town = await s.as('songling_dispatcher');
    const mine = await town.get(`/api/v1/map/orders?bbox=${DISTRICT}&zoom=9`);
    const all = await (await s.as('zx_dispatcher')).get(`/api/v1/map/orders?bbox=${DISTRICT}&zoom=9`);
    expect(mine.body.total).toBe((await town.get('/api/v1/orders?stateType=new,open,handling,suspended')).body.total);
    expect(mine.body.total).toBeLessThan(all.body.total);
    const gcj = await town.get(`/api/v1/map/orders?bbox=${DISTRICT}&zoom=18&crs=gcj02`);
    const wgs = await town.get(`/api/v1/map/orders?bbox=${DISTRICT}&zoom=18`);
    expect(gcj.body.total).toBe(mine.body.total);
    const [g, w] = [gcj.body.clusters[0]!, wgs.body.clusters.find((x) => x.count === gcj.body.clusters[0]!.count)!];
    expect(Math.abs(g.lng - w.lng)).toBeGreaterThan(0.001); // GCJ-02 is offset by a few hundred metres
  });

  it('refuses a box that is no box, naming it; needs a sign-in', async () => {
    const c = await s.as('zx_dispatcher', 'en');
    const bad = await c.get('/api/v1/map/orders?bbox=121,31,120,30&zoom=9');
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('bbox');
    const shape = await c.get('/api/v1/map/orders?bbox=abc&zoom=9');
    expect(shape.status).toBe(400);
    expect(shape.body.error.field).toMatch(/bbox/);
    expect((await s.anonymous.get(`/api/v1/map/orders?bbox=${DISTRICT}&zoom=9`)).status).toBe(401);
  });
});
