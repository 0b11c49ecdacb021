import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDatabase } from '@liandong/db/testing.ts';
import { importDivisionsCsv } from './import-divisions.ts';
import { ImportValidationError } from './import-errors.ts';
import { importGridsGeoJson } from './import-grids.ts';
import { territoryVersion } from './territory.repository.ts';

const DIVISIONS_CSV = `\uFEFFcode,name,parentCode,level
320509,吴江区,,
320509001,松陵街道,,
320509001001,西塘社区居委会,,
320509001002,"北门社区居委会",320509001,village
`;

const square = (x: number, y: number) => [[[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]];
const feature = (code: string, props: Record<string, unknown> = {}, coordinates: unknown = square(120.6, 31.1)) => ({
  type: 'Feature',
  properties: { code, name: `${code} 网格`, kind: 'basic', villageCode: '320509001001', ...props },
  geometry: { type: 'Polygon', coordinates },
});
const fc = (...features: unknown[]) => ({ type: 'FeatureCollection', features });

async function count(t: TestDatabase, table: 'divisions' | 'grids'): Promise<number> {
  return (await t.db.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0].n;
}

async function rejection(p: Promise<unknown>): Promise<ImportValidationError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ImportValidationError);
  return err as ImportValidationError;
}

describe('imports', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('imports divisions from CSV: short codes padded, level, parent and kind inferred', async () => {
    expect(await importDivisionsCsv(t.db, DIVISIONS_CSV)).toEqual({ inserted: 4, updated: 0 });
    const r = await t.db.query<{ code: string; level: string; parent_code: string | null; kind: string | null }>(
      `select code, level, parent_code, kind from divisions order by code`,
    );
    expect(r.rows).toEqual([
      { code: '320509000000', level: 'district', parent_code: null, kind: '区' }, // no city row: no parent
      { code: '320509001000', level: 'town', parent_code: '320509000000', kind: '街道' },
      { code: '320509001001', level: 'village', parent_code: '320509001000', kind: '社区居委会' },
      { code: '320509001002', level: 'village', parent_code: '320509001000', kind: '社区居委会' },
    ]);
    expect(await importDivisionsCsv(t.db, 'code,name\n320509001001,西塘社区')).toEqual({ inserted: 0, updated: 1 });
  });

  it.each([
    ['code,name\n320509001003,新社区\n3205090,坏代码', 3, 'code', '不是 6/9/12 位区划代码', 'is not a 6, 9 or 12-digit'],
    ['code,name\n320509001003,新社区\n320509001004,', 3, 'name', '不能为空', 'is required'],
    ['code,name,level\n320509001003,新社区,hamlet', 2, 'level', '无效', 'is not one of'],
    ['code,name,parentCode\n320509001003,新社区,320509777', 2, 'parentCode', '不存在', 'does not exist'],
    ['code,name,parentCode\n320509001003,新社区,320509001001', 2, 'parentCode', '级别须高于', 'must rank above'],
    ['code,name\n320509001003,新社区\n320509001003,重复', 3, 'code', '与第 2 行重复', 'repeats line 2'],
  ])('rejects a bad division CSV naming line and field, writing nothing: %#', async (csv, line, field, zh, en) => {
    const before = await count(t, 'divisions');
    const err = await rejection(importDivisionsCsv(t.db, csv));
    expect(err.location.line).toBe(line);
    expect(err.message).toContain(`第 ${line} 行 字段 ${field}`);
    expect(err.message).toContain(`Line ${line} field ${field}`);
    expect(err.messages.zh).toContain(zh);
    expect(err.messages.en).toContain(en);
    expect(await count(t, 'divisions')).toBe(before);
  });

  it('rejects a CSV without the code column', async () => {
    const err = await rejection(importDivisionsCsv(t.db, 'id,name\n1,x'));
    expect(err.field).toBe('header');
  });

  it('imports grids from GeoJSON, filling town and district from the village, and reports progress', async () => {
    const before = await territoryVersion(t.db);
    const progress: [number, number][] = [];
    const r = await importGridsGeoJson(t.db, fc(feature('G-1'), feature('G-2', { villageCode: '320509001002' })), {
      onProgress: (d, n) => progress.push([d, n]),
    });
    expect(r).toEqual({ inserted: 2, updated: 0 });
    expect(progress.at(-1)).toEqual([2, 2]);
    expect(await territoryVersion(t.db)).toBeGreaterThan(before);
    const g = await t.db.query<{ town_code: string; district_code: string }>(`select town_code, district_code from grids where code = 'G-2'`);
    expect(g.rows[0]).toEqual({ town_code: '320509001000', district_code: '320509000000' });
    expect(await importGridsGeoJson(t.db, JSON.stringify(fc(feature('G-1', { name: '新名字' }))))).toEqual({ inserted: 0, updated: 1 });
  });

  it('writes nothing when any feature is invalid, and names that feature and field', async () => {
    const before = { grids: await count(t, 'grids'), version: await territoryVersion(t.db) };
    const bad = square(120.6, 31.1);
    bad[0][1] = [200, 31.1];
    const err = await rejection(importGridsGeoJson(t.db, fc(feature('G-10'), feature('G-11', {}, bad))));
    expect(err.field).toBe('features[1].geometry.coordinates[0][1]');
    expect(err.message).toContain('第 2 个要素（features[1]）');
    expect(err.message).toContain('Feature 2 (features[1])');

    const unknown = await rejection(importGridsGeoJson(t.db, fc(feature('G-10'), feature('G-12'), feature('G-13', { villageCode: '320509001999' }))));
    expect(unknown.field).toBe('features[2].properties.villageCode');
    expect(unknown.messages.zh).toContain('320509001999 不存在');
    expect(unknown.messages.en).toContain('division 320509001999 does not exist');

    const parent = await rejection(importGridsGeoJson(t.db, fc(feature('G-10', { parentCode: 'G-404' }))));
    expect(parent.field).toBe('features[0].properties.parentCode');

    expect(await count(t, 'grids')).toBe(before.grids);
    expect(await territoryVersion(t.db)).toBe(before.version);
  });

  it('converts GCJ-02 input to WGS-84 before storing', async () => {
    await importGridsGeoJson(t.db, fc(feature('G-20', { parentCode: 'G-1' }, square(120.7, 31.2))), { crs: 'gcj02' });
    const r = await t.db.query<{ geometry: { coordinates: number[][][] }; parent: string }>(
      `select g.geometry, p.code as parent from grids g join grids p on p.id = g.parent_id where g.code = 'G-20'`,
    );
    const [lng, lat] = r.rows[0].geometry.coordinates[0][0];
    expect(lng).toBeLessThan(120.7 - 0.003);
    expect(lat).toBeGreaterThan(31.2 + 0.001);
    expect(r.rows[0].parent).toBe('G-1');
  });
});
