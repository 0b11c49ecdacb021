import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATE_CODES } from '@liandong/contracts';
import { fromWgs84 } from '@liandong/core/territory/index.ts';
import { gridOf, pointInGrid, startTestServer, type TestServer } from './harness.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s?.close());

describe('territory API', () => {
  it('finds the grid, village, town, district and city of a WGS-84 point, and the same place from its GCJ-02 form', async () => {
    const grid = await gridOf(s, 'shengze_gridworker');
    const p = await pointInGrid(s, grid);
    const c = await s.as('zx_dispatcher');
    const r = await c.get(`/api/v1/territory/lookup?lng=${p.lng}&lat=${p.lat}`);
    expect(r.status).toBe(200);
    expect(r.body.grid!.code).toBe(grid);
    expect(r.body.town).toEqual({ code: '320509105000', name: '盛泽镇' });
    expect(r.body.district).toEqual({ code: '320509000000', name: '吴江区' });
    expect(r.body.city).toEqual({ code: '320500000000', name: '苏州市' });
    expect(r.body.village!.code.startsWith('320509105')).toBe(true);
    expect(r.body.professionalGrids.map((g: { specialty: string }) => g.specialty).sort()).toEqual(['environment', 'fire', 'labour', 'work_safety']);
    const [glng, glat] = fromWgs84(p.lng, p.lat, 'gcj02');
    expect(Math.abs(glng - p.lng) + Math.abs(glat - p.lat)).toBeGreaterThan(0.001); // the offset is real (hundreds of metres)
    const g = await c.get(`/api/v1/territory/lookup?lng=${glng}&lat=${glat}&crs=gcj02`);
    expect(g.body.grid!.code).toBe(grid);
    expect(Math.abs(g.body.wgs84.lng - p.lng)).toBeLessThan(1e-5);
  });

  it('answers a point outside the district with no grid, and rejects a bad coordinate naming the field', async () => {
    const c = await s.as('zx_dispatcher');
    const out = await c.get('/api/v1/territory/lookup?lng=116.39&lat=39.9');
    expect(out.status).toBe(200);
    expect(out.body.grid).toBeNull();
    expect([out.body.district, out.body.city]).toEqual([null, null]);
    const bad = await c.get('/api/v1/territory/lookup?lng=east&lat=31');
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('lng');
  });

  it('names the owner of the nearest component', async () => {
    const row = (await s.platform.db.query<{ lng: number; lat: number; code: string; owner_unit_id: number }>('select lng, lat, code, owner_unit_id from components order by id limit 1')).rows[0]!;
    const c = await s.as('zx_dispatcher');
    const r = await c.get(`/api/v1/territory/components/nearest?lng=${row.lng + 0.00005}&lat=${row.lat}&radius=100`);
    expect(r.status).toBe(200);
    expect(r.body[0].code).toBe(row.code);
    expect(r.body[0].ownerUnitId).toBe(row.owner_unit_id);
    expect(r.body[0].distanceMeters).toBeGreaterThan(3);
    expect(r.body[0].distanceMeters).toBeLessThan(7);
  });

  it('requires a signed-in user', async () => {
    expect((await s.anonymous.get('/api/v1/territory/lookup?lng=120.6&lat=31.1')).status).toBe(401);
  });
});

describe('catalogue API', () => {
  it('lists categories, conditions, natures, channels and states to signed-in users only', async () => {
    for (const path of ['/api/v1/catalogue/categories', '/api/v1/catalogue/natures', '/api/v1/catalogue/channels', '/api/v1/order-states', '/api/v1/units']) {
      expect((await s.anonymous.request('GET', path)).status, path).toBe(401);
    }
    const c = await s.as('zx_operator');
    const cats = (await c.get('/api/v1/catalogue/categories?q=井盖')).body as { code: string; name: string }[];
    expect(cats.map((x) => x.code)).toContain('01001');
    // Pinyin initials (拼音首字母) find the same, in any case; English words still work.
    const initials = (await c.get('/api/v1/catalogue/categories?q=JG')).body as { code: string; name: string }[];
    expect(initials.map((x) => x.code)).toContain('01001');
    const gsjg = (await c.get('/api/v1/catalogue/categories?q=gsjg')).body as { code: string; name: string }[];
    expect(gsjg.map((x) => x.name)).toContain('供水井盖异常');
    expect(gsjg.every((x) => x.name.includes('供水井盖'))).toBe(true);
    const conds = (await c.get('/api/v1/catalogue/categories/01001/conditions')).body as { code: string; urgency: string }[];
    expect(conds[0]!.urgency).toBe('urgent');
    expect(((await c.get('/api/v1/catalogue/natures')).body as { code: string }[]).map((n) => n.code)).toContain('complaint');
    expect(((await c.get('/api/v1/catalogue/channels')).body as { code: string }[]).map((n) => n.code)).toContain('grid_patrol');
    const states = (await c.get('/api/v1/order-states')).body as { code: string }[];
    expect(states.map((x) => x.code).sort()).toEqual([...STATE_CODES].sort()); // the rows and the vocabulary agree
  });
});

describe('error messages', () => {
  it('name the action in Chinese by default and in English on request', async () => {
    const p = await pointInGrid(s, await gridOf(s, 'songling_gridworker'));
    const created = await (await s.as('zx_operator')).post(
      '/api/v1/orders',
      { channel: 'hotline', nature: 'help', description: '求助', location: p },
      { 'idempotency-key': `msg-${Date.now()}` },
    );
    const zh = await (await s.as('zx_operator')).act(created.body.id, 'dispatch');
    expect(zh.status).toBe(403);
    expect(zh.body.error.message).toBe('您的角色不能执行「派遣」操作');
    const en = await (await s.as('zx_operator', 'en')).act(created.body.id, 'dispatch');
    expect(en.body.error.message).toBe('Your role may not perform "dispatch"');
    const late = await (await s.as('zx_dispatcher')).act(created.body.id, 'close');
    expect(late.body.error.message).toBe('工单当前状态为「待受理」，不能执行「结案」');
  });
});

describe('grids (网格信息)', () => {
  it('a grid worker reads his grid: level, village and town, households and population, and who works it', async () => {
    const code = await gridOf(s, 'songling_gridworker');
    const me = await s.as('songling_gridworker');
    const g = (await me.get(`/api/v1/territory/grids/${code}`)).body;
    expect(g).toMatchObject({ code, kind: 'basic', level: 4, town: { name: '松陵街道' }, village: { name: expect.any(String) } });
    expect(g.households).toBeGreaterThanOrEqual(300);
    expect(g.population).toBeGreaterThanOrEqual(1000);
    expect(g.workers).toEqual([expect.objectContaining({ name: expect.stringContaining('专职网格员'), kind: 'full_time' })]);
    // Its point lies inside it: a report placed by the grid's name lands in that grid.
    expect((await s.platform.territory.lookup(g.point.lng, g.point.lat)).basicGrid?.code).toBe(code);
  });

  it('grids nest in the four-level system: basic (四级) → village (三级) → town (二级) → district (一级), each counting what it holds', async () => {
    const admin = await s.as('admin');
    const basic = (await admin.get(`/api/v1/territory/grids/${await gridOf(s, 'songling_gridworker')}`)).body;
    const village = basic.village!.code;
    const chain = [basic];
    for (let up = basic.parent; up; up = chain.at(-1)!.parent) chain.push((await admin.get(`/api/v1/territory/grids/${up.code}`)).body);
    expect(chain.map((g) => [g.level, g.code])).toEqual([
      [4, basic.code],
      [3, village],
      [2, '320509001000'],
      [1, '320509000000'],
    ]);
    const siblings = (await admin.get(`/api/v1/territory/grids?villageCode=${village}&level=4`)).body as { population: number }[];
    expect(chain[1].population).toBe(siblings.reduce((n, g) => n + g.population, 0));
    expect((await admin.get('/api/v1/territory/grids?level=2')).body).toHaveLength(14);
    // A grid leader (网格长) reads his village's grid; the town's is beyond his area.
    const leader = await s.as('songling_gridleader');
    expect((await leader.get(`/api/v1/territory/grids/${village}`)).status).toBe(200);
    expect((await leader.get('/api/v1/territory/grids/320509001000')).status).toBe(404);
  });

  it('a town lists the grids of its own town only; another town’s grid is not found; citizens read none', async () => {
    const town = await s.as('songling_dispatcher');
    const list = (await town.get('/api/v1/territory/grids?kind=basic&limit=1000')).body as { town: { code: string } }[];
    expect(list.length).toBeGreaterThan(10);
    expect(new Set(list.map((g) => g.town.code))).toEqual(new Set(['320509001000']));
    const elsewhere = await gridOf(s, 'shengze_gridworker');
    expect((await town.get(`/api/v1/territory/grids/${elsewhere}`)).status).toBe(404);
    expect((await (await s.as('zx_dispatcher')).get(`/api/v1/territory/grids/${elsewhere}`)).status).toBe(200);
    expect((await (await s.as('citizen')).get('/api/v1/territory/grids')).status).toBe(403);
  });
});

describe('field accounts of the demo district', () => {
  it('every basic grid has a grid worker who signs in, and every village station a handler', async () => {
    const admin = await s.as('admin');
    const grids = (await admin.get('/api/v1/territory/grids?kind=basic&level=4&limit=1000')).body as { code: string; village: { code: string }; workers: unknown[] }[];
    expect(grids.length).toBe(899);
    expect(grids.filter((g) => g.workers.length === 0).map((g) => g.code)).toEqual([]);
    const g = grids.at(-1)!;
    const worker = await s.as(`gw${g.code.replace(/-/g, '')}`);
    expect((await worker.get(`/api/v1/territory/grids/${g.code}`)).status).toBe(200);
    const stations = await s.platform.db.query<{ n: number }>(
      `select count(*)::int as n from units u where u.kind = 'station' and not exists (
         select 1 from users x join user_roles r on r.user_id = x.id and r.role = 'handler' where x.unit_id = u.id)`,
    );
    expect(stations.rows[0]!.n).toBe(0);
  });
});

describe('divisions', () => {
  it('are listed for staff, district first, towns before villages, each with its parent; not for citizens', async () => {
    const r = await (await s.as('zx_dispatcher')).get('/api/v1/territory/divisions');
    expect(r.status).toBe(200);
    const levels = r.body.map((d) => d.level);
    expect(levels.indexOf('town')).toBeLessThan(levels.indexOf('village'));
    expect(r.body.find((d) => d.code === '320509105000')).toEqual({ code: '320509105000', name: '盛泽镇', level: 'town', parentCode: expect.stringMatching(/^3205/), kind: '镇' });
    const villages = r.body.filter((d) => d.level === 'village');
    const codes = new Set(r.body.map((d) => d.code));
    expect(villages.length).toBeGreaterThan(100);
    expect(villages.every((v) => v.parentCode && codes.has(v.parentCode))).toBe(true);
    expect((await (await s.as('citizen')).get('/api/v1/territory/divisions')).status).toBe(403);
  });
});
