import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDatabase } from '@liandong/db/testing.ts';
import { ComponentIndex } from './component-index.ts';
import { insertComponents, loadComponents } from './component.repository.ts';

describe('component repository', () => {
  let t: TestDatabase;
  let unitId: number;
  beforeAll(async () => {
    t = await createTestDb();
    await t.db.exec(`
      insert into categories (code, kind, level, parent_code, name) values ('01', 'component', 'major', null, '市政公用设施');
      insert into categories (code, kind, level, parent_code, name) values ('01037', 'component', 'minor', '01', '路灯');
      insert into categories (code, kind, level, parent_code, name) values ('01001', 'component', 'minor', '01', '供水井盖');`);
    const r = await t.db.query<{ id: number }>(
      `insert into units (code, name, kind, level) values ('WJ-CGJ', '吴江区城市管理局', 'department', 'district') returning id`,
    );
    unitId = r.rows[0].id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('stores components with their owners and finds the nearest one', async () => {
    const written = await insertComponents(t.db, [
      { code: '32050901037000001', categoryCode: '01037', name: '路灯', lng: 120.6501, lat: 31.16, ownerUnitId: unitId, gridCode: 'G-1' },
      { code: '32050901001000001', categoryCode: '01001', name: '供水井盖', lng: 120.65, lat: 31.1601, ownerName: '吴江华衍水务有限公司' },
    ]);
    expect(written).toBe(2);
    const all = await loadComponents(t.db);
    expect(all.find((c) => c.code === '32050901037000001')).toMatchObject({ ownerUnitCode: 'WJ-CGJ', ownerName: '吴江区城市管理局', gridCode: 'G-1', status: 'normal' });
    expect(all.find((c) => c.code === '32050901001000001')).toMatchObject({ ownerUnitId: null, ownerName: '吴江华衍水务有限公司' });

    const index = ComponentIndex.build(all);
    const [lamp] = index.nearest(120.6502, 31.16, { maxMeters: 30, categoryCode: '01037' });
    expect(lamp).toMatchObject({ code: '32050901037000001', ownerUnitId: unitId });
    expect(lamp.distanceMeters).toBeCloseTo(9.5, 0);
    expect(index.nearest(120.6499, 31.1601, { maxMeters: 30 })[0].code).toBe('32050901001000001');
    expect(index.nearest(120.6499, 31.1601, { maxMeters: 30, limit: 5 }).map((c) => c.code)).toEqual(['32050901001000001', '32050901037000001']);
  });

  it('updates by code', async () => {
    await insertComponents(t.db, [{ code: '32050901037000001', categoryCode: '01037', name: '路灯', lng: 120.66, lat: 31.17, status: 'damaged' }]);
    const c = (await loadComponents(t.db)).find((x) => x.code === '32050901037000001');
    expect(c).toMatchObject({ lng: 120.66, status: 'damaged', ownerUnitId: null });
  });
});
