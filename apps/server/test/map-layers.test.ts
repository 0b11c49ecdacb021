/** The territory's map layers and the map configuration the console draws from: nothing from the internet. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.ts';
import { pointOfWorker } from './order-fixtures.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s?.close());

/** The first position of a Polygon or MultiPolygon. */
const firstPosition = (g: { coordinates: unknown }): number[] => {
  let c = g.coordinates as unknown;
  while (Array.isArray(c) && Array.isArray(c[0])) c = c[0];
  return c as number[];
};
const positions = (fc: { features: { geometry: { coordinates: unknown } }[] }) => JSON.stringify(fc.features.map((f) => f.geometry.coordinates)).split('],[').length;

describe('map layers', () => {
  it('serve each layer as GeoJSON: as many grids as the point lookup uses, professional grids apart', async () => {
    const c = await s.as('zx_dispatcher');
    const grids = await c.get('/api/v1/map/layers/grids?zoom=14');
    expect(grids.status, JSON.stringify(grids.body).slice(0, 300)).toBe(200);
    const leafs = await s.platform.db.query<{ n: number }>(
      `select count(*)::int as n from grids g where kind = 'basic' and not exists (select 1 from grids c where c.parent_id = g.id and c.kind = 'basic')`,
    );
    expect(grids.body.features).toHaveLength(leafs.rows[0]!.n);
    expect(grids.body.features[0]).toMatchObject({ type: 'Feature', properties: { code: expect.any(String), name: expect.any(String) } });
    const pro = await c.get('/api/v1/map/layers/professional?zoom=12');
    expect(pro.body.features.length).toBeGreaterThan(0);
    expect(pro.body.features.every((f) => f.properties.specialty !== null)).toBe(true);
    const towns = await c.get('/api/v1/map/layers/towns?zoom=10');
    expect(towns.body.features.map((f) => f.properties.name)).toContain('松陵街道');
  });

  it('a box keeps only what it touches; a lower zoom draws fewer points; GCJ-02 shifts the outlines', async () => {
    const c = await s.as('zx_dispatcher');
    const all = (await c.get('/api/v1/map/layers/grids?zoom=14')).body;
    const [lng, lat] = firstPosition(all.features[0]!.geometry);
    const box = (await c.get(`/api/v1/map/layers/grids?zoom=14&bbox=${lng! - 0.001},${lat! - 0.001},${lng! + 0.001},${lat! + 0.001}`)).body;
    expect(box.features.length).toBeGreaterThan(0);
    expect(box.features.length).toBeLessThan(all.features.length / 10);
    const villagesNear = (await c.get('/api/v1/map/layers/villages?zoom=16')).body;
    const villagesFar = (await c.get('/api/v1/map/layers/villages?zoom=8')).body;
    expect(villagesFar.features).toHaveLength(villagesNear.features.length);
    expect(positions(villagesFar)).toBeLessThan(positions(villagesNear));
    const gcj = (await c.get('/api/v1/map/layers/district?zoom=16&crs=gcj02')).body;
    const wgs = (await c.get('/api/v1/map/layers/district?zoom=16')).body;
    const [g0, w0] = [firstPosition(gcj.features[0]!.geometry), firstPosition(wgs.features[0]!.geometry)];
    expect(g0[0]! - w0[0]!).toBeGreaterThan(0.003); // a few hundred metres east in Suzhou
    expect(g0[0]! - w0[0]!).toBeLessThan(0.008);
  });

  it('the map configuration: no base map by default, the district’s extent', async () => {
    const r = await (await s.as('songling_gridworker')).get('/api/v1/map/config');
    expect(r.status).toBe(200);
    expect(r.body.basemap).toBeNull();
    const [minLng, minLat, maxLng, maxLat] = r.body.bounds!;
    expect(minLng).toBeGreaterThan(120.3);
    expect(maxLng).toBeLessThan(121.0);
    expect(minLat).toBeGreaterThan(30.7);
    expect(maxLat).toBeLessThan(31.4);
  });

  it('refuses an unknown layer or a bad box, naming it, and strangers', async () => {
    const c = await s.as('zx_dispatcher', 'en');
    const layer = await c.request('GET', '/api/v1/map/layers/rivers?zoom=10');
    expect(layer.status).toBe(400);
    expect(layer.body.error.field).toMatch(/layer/);
    const bbox = await c.request('GET', '/api/v1/map/layers/grids?zoom=10&bbox=1,2,3');
    expect(bbox.status).toBe(400);
    expect(bbox.body.error.field).toMatch(/bbox/);
    const zoom = await c.request('GET', '/api/v1/map/layers/grids');
    expect(zoom.status).toBe(400);
    expect((await s.anonymous.request('GET', '/api/v1/map/layers/grids?zoom=10')).status).toBe(401);
    expect((await s.anonymous.request('GET', '/api/v1/map/config')).status).toBe(401);
  });
});

describe('the citizen portal’s map', () => {
  it('serves anyone the district’s extent and its administrative outlines, never the grids', async () => {
    const config = await s.anonymous.get('/api/v1/public/map/config');
    expect(config.status).toBe(200);
    expect(config.body).toEqual((await (await s.as('zx_dispatcher')).get('/api/v1/map/config')).body);
    for (const layer of ['district', 'towns', 'villages']) {
      const r = await s.anonymous.get(`/api/v1/public/map/layers/${layer}?zoom=12`);
      expect(r.status, layer).toBe(200);
      expect(r.body.features.length, layer).toBeGreaterThan(0);
    }
    const towns = await s.anonymous.get('/api/v1/public/map/layers/towns?zoom=10');
    expect(towns.body.features.map((f: { properties: { name: string } }) => f.properties.name)).toContain('松陵街道');
    for (const layer of ['grids', 'professional']) {
      const r = await s.anonymous.request('GET', `/api/v1/public/map/layers/${layer}?zoom=14`);
      expect(r.status, layer).toBe(400);
      expect(r.body.error.field).toMatch(/layer/);
    }
  });

  it('says whether a picked point is served, by the names of its town and village only', async () => {
    const at = await pointOfWorker(s, 'songling_gridworker');
    const inside = await s.anonymous.get(`/api/v1/public/place?lng=${at.lng}&lat=${at.lat}`);
    expect(inside.status).toBe(200);
    expect(inside.body).toEqual({ inside: true, town: '松陵街道', village: expect.any(String) });
    const lookup = (await (await s.as('zx_dispatcher')).get(`/api/v1/territory/lookup?lng=${at.lng}&lat=${at.lat}`)).body;
    expect(inside.body.village).toBe(lookup.village?.name);
    const outside = await s.anonymous.get('/api/v1/public/place?lng=116.39&lat=39.9');
    expect(outside.body).toEqual({ inside: false, town: null, village: null });
    const bad = await s.anonymous.request('GET', '/api/v1/public/place?lng=500&lat=31');
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toMatch(/lng/);
  });
});
