/**
 * Administration through the API (no CLI): a grid file checked feature by feature and imported all or nothing,
 * and a catalogue condition's limits edited — by administrators only, bad input refused naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s?.close());

const square = (lng: number, lat: number, d = 0.004) => ({
  type: 'Polygon',
  coordinates: [[[lng, lat], [lng + d, lat], [lng + d, lat + d], [lng, lat + d], [lng, lat]]],
});
const fireGrid = (code: string, props: Record<string, unknown> = {}) => ({
  type: 'Feature',
  properties: { code, name: `消防专业网格 ${code}`, kind: 'professional', specialty: 'fire', townCode: '320509002000', ...props },
  geometry: square(120.52, 31.07),
});

describe('grid files', () => {
  it('are checked feature by feature: every problem with its feature and field, nothing written', async () => {
    const admin = await s.as('admin');
    const file = { type: 'FeatureCollection', features: [fireGrid('XF-T1'), fireGrid('XF-T2', { name: '' }), fireGrid('XF-T3', { townCode: '320509999000' }), fireGrid('XF-T1')] };
    const r = await admin.post('/api/v1/admin/grids/check', file);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ features: 4, valid: 1 });
    expect(r.body.problems.map((p) => [p.feature, p.field])).toEqual([
      [1, 'features[1].properties.name'],
      [2, 'features[2].properties.townCode'],
      [3, 'features[3].properties.code'],
    ]);
    expect(r.body.problems[1]!.message).toContain('320509999000');
    const en = await (await s.as('admin', 'en')).post('/api/v1/admin/grids/check', file);
    expect(en.body.problems[1]!.message).toMatch(/does not exist/);
    expect((await s.platform.db.query(`select 1 from grids where code like 'XF-T%'`)).rows).toHaveLength(0);
    // Importing the same file is refused, naming the first problem; nothing is written.
    const refused = await admin.post('/api/v1/admin/grids/import', file);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'invalid_import', field: 'features[1].properties.name' });
    expect((await s.platform.db.query(`select 1 from grids where code like 'XF-T%'`)).rows).toHaveLength(0);
  });

  it('a good file is imported; the map and the point lookup know the new grid at once', async () => {
    const r = await (await s.as('admin')).post('/api/v1/admin/grids/import', { type: 'FeatureCollection', features: [fireGrid('XF-T9')] });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual({ inserted: 1, updated: 0 });
    const layer = await (await s.as('zx_dispatcher')).get('/api/v1/map/layers/professional?zoom=12');
    expect(layer.body.features.map((f) => f.properties.code)).toContain('XF-T9');
    const here = await (await s.as('zx_dispatcher')).get('/api/v1/territory/lookup?lng=120.522&lat=31.072');
    expect(here.body.professionalGrids.map((g) => g.code)).toContain('XF-T9');
  });

  it('is for administrators only; a body that is no FeatureCollection is a 400 naming it', async () => {
    const file = { type: 'FeatureCollection', features: [fireGrid('XF-T5')] };
    expect((await (await s.as('zx_dispatcher')).post('/api/v1/admin/grids/check', file)).status).toBe(403);
    expect((await (await s.as('zx_dispatcher')).post('/api/v1/admin/grids/import', file)).status).toBe(403);
    const wrong = await (await s.as('admin')).post('/api/v1/admin/grids/check', { type: 'Feature' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.field).toMatch(/type|features/);
  });
});

describe('catalogue conditions', () => {
  it('an administrator changes a limit; orders dispatched later take it', async () => {
    const admin = await s.as('admin');
    const conditions = (await admin.get('/api/v1/catalogue/categories/06006/conditions')).body;
    const c = conditions[0]!;
    const r = await admin.patch(`/api/v1/admin/catalogue/conditions/${c.id}`, { handleValue: 3, handleUnit: 'working_days', closingStandard: '条幅已拆除，现场无残留' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ id: c.id, handleValue: 3, handleUnit: 'working_days', closingStandard: '条幅已拆除，现场无残留', responseValue: c.responseValue });
    const again = (await admin.get('/api/v1/catalogue/categories/06006/conditions')).body.find((x) => x.id === c.id);
    expect(again).toMatchObject({ handleValue: 3, handleUnit: 'working_days' });
  });

  it('refuses others, bad values naming the field, an empty change and an unknown condition', async () => {
    const admin = await s.as('admin', 'en');
    const c = (await admin.get('/api/v1/catalogue/categories/06006/conditions')).body[0]!;
    expect((await (await s.as('zx_dispatcher')).patch(`/api/v1/admin/catalogue/conditions/${c.id}`, { handleValue: 1 })).status).toBe(403);
    const unit = await admin.patch(`/api/v1/admin/catalogue/conditions/${c.id}`, { handleUnit: 'fortnights' });
    expect(unit.status).toBe(400);
    expect(unit.body.error.field).toMatch(/handleUnit/);
    const zero = await admin.patch(`/api/v1/admin/catalogue/conditions/${c.id}`, { handleValue: 0 });
    expect(zero.status).toBe(400);
    expect(zero.body.error.field).toMatch(/handleValue/);
    expect((await admin.patch(`/api/v1/admin/catalogue/conditions/${c.id}`, {})).status).toBe(400);
    expect((await admin.patch('/api/v1/admin/catalogue/conditions/999999', { handleValue: 2 })).status).toBe(404);
  });
});
