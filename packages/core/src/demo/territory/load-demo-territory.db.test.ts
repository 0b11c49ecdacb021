import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDatabase } from '@liandong/db/testing.ts';
import { ComponentIndex } from '../../territory/components/component-index.ts';
import { loadComponents } from '../../territory/components/component.repository.ts';
import { INSIDE, pointInPrepared, prepareGeometry } from '../../territory/geometry.ts';
import { territoryVersion } from '../../territory/territory.repository.ts';
import { TerritoryService } from '../../territory/territory-service.ts';
import { DEPARTMENTS } from '../org-data.ts';
import { buildDemoComponents, componentCategoryNames, DEMO_COMPONENT_TYPES, insertDemoComponents } from './demo-components.ts';
import { loadDemoTerritory, type LoadDemoTerritoryResult } from './load-demo-territory.ts';
import { mulberry32 } from './prng.ts';

describe('loadDemoTerritory', () => {
  let t: TestDatabase;
  let loaded: LoadDemoTerritoryResult;
  beforeAll(async () => {
    t = await createTestDb();
    loaded = await loadDemoTerritory(t.db);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('writes 327 divisions and 1,389 grids (899 basic, 165 professional, 325 management)', async () => {
    const n = async (sql: string) => (await t.db.query<{ n: number }>(sql)).rows[0].n;
    expect(await n(`select count(*)::int as n from divisions`)).toBe(327);
    expect(await n(`select count(*)::int as n from grids where kind = 'basic' and level = 4`)).toBe(899);
    expect(await n(`select count(*)::int as n from grids where kind = 'basic' and level < 4`)).toBe(325);
    expect(await n(`select count(*)::int as n from grids g join grids p on p.id = g.parent_id where g.level = 4 and p.level = 3 and p.code = g.village_code`)).toBe(899);
    expect(await n(`select count(*)::int as n from grids where kind = 'professional'`)).toBe(165);
    expect(await n(`select count(*)::int as n from divisions where geometry is not null`)).toBe(325);
    expect(await territoryVersion(t.db)).toBeGreaterThan(0);
  });

  it('answers lookups through the service like the built grids say', async () => {
    const service = new TerritoryService(t.db);
    const grid = loaded.territory.grids.find((g) => g.townCode === '320509105000')!; // 盛泽镇
    const shape = prepareGeometry(grid.geometry);
    const rng = mulberry32(3);
    let [x, y] = [0, 0];
    do {
      x = shape.bbox[0] + rng() * (shape.bbox[2] - shape.bbox[0]);
      y = shape.bbox[1] + rng() * (shape.bbox[3] - shape.bbox[1]);
    } while (pointInPrepared(shape, x, y) !== INSIDE);
    const m = await service.lookup(x, y);
    expect(m).toMatchObject({ basicGrid: { code: grid.code }, villageCode: grid.villageCode, townCode: '320509105000', districtCode: '320509000000' });
    expect(m.professionalGrids.map((g) => g.specialty)).toEqual(['work_safety', 'fire', 'environment', 'labour']);
    expect((await service.lookup(121.5, 31.2)).basicGrid).toBeNull(); // Shanghai: outside the district
  });

  it('can run again: rows are updated, not duplicated', async () => {
    const again = await loadDemoTerritory(t.db);
    expect(again.grids).toBe(1389);
    expect((await t.db.query<{ n: number }>(`select count(*)::int as n from grids`)).rows[0].n).toBe(1389);
  });

  it('inserts demo components with owner units resolved by code', async () => {
    const names = componentCategoryNames();
    const majors = [...new Set(DEMO_COMPONENT_TYPES.map((c) => c.code.slice(0, 2)))];
    await t.db.query(
      `insert into categories (code, kind, level, parent_code, name)
       select m, 'component', 'major', null, m from unnest($1::text[]) m`,
      [majors],
    );
    await t.db.query(
      `insert into categories (code, kind, level, parent_code, name)
       select c, 'component', 'minor', left(c, 2), n from unnest($1::text[], $2::text[]) as x(c, n)`,
      [DEMO_COMPONENT_TYPES.map((c) => c.code), DEMO_COMPONENT_TYPES.map((c) => names.get(c.code))],
    );
    const units = await t.db.query<{ id: number; code: string }>(
      `insert into units (code, name, kind, level) select c, n, 'department', 'district' from unnest($1::text[], $2::text[]) as x(c, n)
       returning id, code`,
      [DEPARTMENTS.map((d) => d.code), DEPARTMENTS.map((d) => d.name)],
    );
    const unitIds = new Map(units.rows.map((u) => [u.code, u.id]));
    const rows = buildDemoComponents(loaded.territory.grids, 5000);
    expect(await insertDemoComponents(t.db, rows, unitIds)).toBe(5000);

    const index = ComponentIndex.build(await loadComponents(t.db));
    const lamp = rows.find((c) => c.categoryCode === '01037')!;
    const [m] = index.nearest(lamp.lng, lamp.lat, { maxMeters: 5, categoryCode: '01037' });
    expect(m).toMatchObject({ code: lamp.code, ownerUnitCode: 'WJ-CGJ', ownerUnitId: unitIds.get('WJ-CGJ') });
    expect(m.distanceMeters).toBeLessThan(0.01);
  });
});
