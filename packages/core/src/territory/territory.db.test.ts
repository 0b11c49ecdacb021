import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDatabase } from '@liandong/db/testing.ts';
import type { AreaGeometry } from './geometry.ts';
import { getGrid, listGrids, loadGridShapes, territoryVersion, upsertDivisions, upsertGrids } from './territory.repository.ts';
import { TerritoryService } from './territory-service.ts';
import type { DivisionInput, GridInput } from './types.ts';

const square = (x0: number, y0: number, size = 0.01): AreaGeometry => ({
  type: 'Polygon',
  coordinates: [[[x0, y0], [x0 + size, y0], [x0 + size, y0 + size], [x0, y0 + size], [x0, y0]]],
});

const DIVISIONS: DivisionInput[] = [
  { code: '320509001001', name: '西塘社区居委会', level: 'village', parentCode: '320509001000', kind: '社区居委会' },
  { code: '320509001000', name: '松陵街道', level: 'town', parentCode: '320509000000', kind: '街道' },
  { code: '320509000000', name: '吴江区', level: 'district', parentCode: null, kind: '区' },
  { code: '320509001002', name: '北门社区居委会', level: 'village', parentCode: '320509001000', kind: '社区居委会' },
];

const grid = (code: string, village: string, x: number, extra: Partial<GridInput> = {}): GridInput => ({
  code,
  name: `${code} 网格`,
  kind: 'basic',
  specialty: null,
  villageCode: village,
  townCode: '320509001000',
  districtCode: '320509000000',
  geometry: square(x, 31.1),
  households: 400,
  population: 1200,
  ...extra,
});

describe('territory repository and service', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('upserts divisions parents first, and counts inserts and updates', async () => {
    expect(await upsertDivisions(t.db, DIVISIONS)).toEqual({ inserted: 4, updated: 0 });
    expect(await upsertDivisions(t.db, DIVISIONS.slice(0, 1))).toEqual({ inserted: 0, updated: 1 });
    const r = await t.db.query<{ n: number }>(`select count(*)::int as n from divisions where parent_code = '320509001000'`);
    expect(r.rows[0].n).toBe(2);
  });

  it('upserts grids by code, sets parents and bumps the territory version in the same transaction', async () => {
    const before = await territoryVersion(t.db);
    const progress: number[] = [];
    const first = await upsertGrids(t.db, [grid('G-1', '320509001001', 120.6), grid('G-2', '320509001002', 120.61)], {
      onProgress: (done) => progress.push(done),
    });
    expect(first).toEqual({ inserted: 2, updated: 0 });
    expect(progress).toEqual([2]);
    const afterFirst = await territoryVersion(t.db);
    expect(afterFirst).toBeGreaterThan(before);

    const second = await upsertGrids(t.db, [
      grid('G-1', '320509001001', 120.6, { name: '改名网格', parentCode: 'G-2' }),
      grid('ZY-AQ-001', '320509001001', 120.6, { kind: 'professional', specialty: 'work_safety', villageCode: null }),
    ]);
    expect(second).toEqual({ inserted: 1, updated: 1 });
    expect(await territoryVersion(t.db)).toBeGreaterThan(afterFirst);
    const g1 = await getGrid(t.db, 'G-1');
    expect(g1).toMatchObject({ name: '改名网格', parentCode: 'G-2', level: 4, households: 400, villageCode: '320509001001' });
    expect(g1?.geometry.type).toBe('Polygon');
    expect(await getGrid(t.db, 'nope')).toBeNull();
  });

  it('rolls the whole upsert back when one grid is bad', async () => {
    const before = await territoryVersion(t.db);
    await expect(
      upsertGrids(t.db, [grid('G-3', '320509001001', 120.62), grid('G-4', '320509999999', 120.63)]),
    ).rejects.toThrow();
    expect(await getGrid(t.db, 'G-3')).toBeNull();
    expect(await territoryVersion(t.db)).toBe(before);
  });

  it('lists grids with filters, without geometry', async () => {
    expect((await listGrids(t.db)).map((g) => g.code)).toEqual(['G-1', 'G-2', 'ZY-AQ-001']);
    expect((await listGrids(t.db, { kind: 'professional' })).map((g) => g.code)).toEqual(['ZY-AQ-001']);
    expect((await listGrids(t.db, { specialty: 'work_safety' }))[0].specialty).toBe('work_safety');
    expect((await listGrids(t.db, { villageCode: '320509001002' })).map((g) => g.code)).toEqual(['G-2']);
    expect((await listGrids(t.db, { search: '改名' })).map((g) => g.code)).toEqual(['G-1']);
    expect((await listGrids(t.db, { search: '%' })).length).toBe(0);
    expect((await listGrids(t.db, { limit: 1, offset: 1 })).map((g) => g.code)).toEqual(['G-2']);
    expect(await listGrids(t.db, { townCode: '320509001000' })).not.toHaveProperty('0.geometry');
    // G-2 is G-1's parent now: a point is looked up in the finest grids only.
    expect((await loadGridShapes(t.db)).map((s) => s.code)).toEqual(['G-1', 'ZY-AQ-001']);
  });

  it('serves lookups from memory and picks up changes once the recheck interval has passed', async () => {
    let now = 0;
    const service = new TerritoryService(t.db, { recheckMs: 2000, now: () => now });
    const other = new TerritoryService(t.db, { recheckMs: 2000, now: () => now });
    const point: [number, number] = [120.645, 31.105];
    expect((await service.lookup(...point)).basicGrid).toBeNull();
    expect((await other.lookup(...point)).basicGrid).toBeNull();

    await upsertGrids(t.db, [grid('G-5', '320509001002', 120.64)]);
    now = 1000; // within the interval: still the cached index
    expect((await service.lookup(...point)).basicGrid).toBeNull();
    now = 2500; // past it: both processes converge on the new version
    expect(await service.lookup(...point)).toMatchObject({ basicGrid: { code: 'G-5' }, villageCode: '320509001002', townCode: '320509001000' });
    expect((await other.lookup(...point)).basicGrid?.code).toBe('G-5');
    expect(service.version).toBe(await territoryVersion(t.db));
  });

  it('reloads at once after invalidate() or refresh()', async () => {
    const now = 0;
    const service = new TerritoryService(t.db, { recheckMs: 60_000, now: () => now });
    const point: [number, number] = [120.665, 31.105];
    expect((await service.lookup(...point)).basicGrid).toBeNull();
    await upsertGrids(t.db, [grid('G-6', '320509001001', 120.66)]);
    expect((await service.lookup(...point)).basicGrid).toBeNull();
    service.invalidate();
    expect((await service.lookup(...point)).basicGrid?.code).toBe('G-6');

    await upsertGrids(t.db, [grid('G-6', '320509001001', 120.9)]);
    await service.refresh();
    expect((await service.lookup(...point)).basicGrid).toBeNull();
  });

  it('never hands out a version twice, even after the key was deleted (reset)', async () => {
    const before = await territoryVersion(t.db);
    await t.db.query(`delete from settings where key = 'territory.version'`);
    expect(await territoryVersion(t.db)).toBe(0);
    await upsertGrids(t.db, [grid('G-7', '320509001001', 120.7)]);
    expect(await territoryVersion(t.db)).toBeGreaterThan(before);
  });

  it('shares one reload between concurrent lookups', async () => {
    const service = new TerritoryService(t.db);
    let queries = 0;
    const counting = { query: (sql: string, p?: readonly unknown[]) => (queries++, t.db.query(sql, p)), exec: t.db.exec };
    const shared = new TerritoryService(counting as never);
    await Promise.all(Array.from({ length: 10 }, () => shared.lookup(120.605, 31.105)));
    expect(queries).toBe(2); // one version read, one shapes read
    expect((await service.lookup(120.605, 31.105)).basicGrid?.code).toBe('G-1');
  });
});
