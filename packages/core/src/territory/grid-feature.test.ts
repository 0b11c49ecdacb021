import { describe, expect, it } from 'vitest';
import { toWgs84 } from './coordinates.ts';
import { ImportValidationError } from './import-errors.ts';
import { validateGridCollection } from './import-grids.ts';

const ring = [[120.6, 31.1], [120.61, 31.1], [120.61, 31.11], [120.6, 31.11], [120.6, 31.1]];
const feature = (props: Record<string, unknown>, coordinates: unknown = [ring]) => ({
  type: 'Feature',
  properties: { code: 'G-1', name: '网格一', kind: 'basic', ...props },
  geometry: { type: 'Polygon', coordinates },
});
const fc = (...features: unknown[]) => ({ type: 'FeatureCollection', features });

function errorOf(fn: () => unknown): ImportValidationError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ImportValidationError);
    return err as ImportValidationError;
  }
  throw new Error('expected a validation error');
}

describe('grid GeoJSON validation', () => {
  it('accepts valid features and pads division codes', () => {
    const [g] = validateGridCollection(fc(feature({ villageCode: '320509001001', townCode: '320509001', households: 320 })));
    expect(g).toMatchObject({ code: 'G-1', kind: 'basic', specialty: null, level: 4, townCode: '320509001000', households: 320 });
  });

  it.each([
    [{ code: '' }, 'properties.code', '不能为空', 'is required'],
    [{ name: { zh: 'x' } }, 'properties.name', '应为文本', 'must be text'],
    [{ name: '网'.repeat(101) }, 'properties.name', null, 'at most 100'],
    [{ kind: 'normal' }, 'properties.kind', null, 'basic or professional'],
    [{ kind: 'professional' }, 'properties.specialty', null, 'work_safety'],
    [{ specialty: 'fire' }, 'properties.specialty', '基础网格', 'basic grid'],
    [{ level: 5 }, 'properties.level', null, '1–4'],
    [{ villageCode: '320509001' }, 'properties.villageCode', null, 'not a village-level'],
    [{ households: -3 }, 'properties.households', null, 'non-negative'],
    [{ villageCode: '320509001001', townCode: '320509002' }, 'properties.townCode', null, 'does not contain'],
  ])('names the feature and the field: %j', (props, field, zh, en) => {
    const err = errorOf(() => validateGridCollection(fc(feature({ code: 'OK-0' }), feature(props))));
    expect(err.field).toBe(`features[1].${field}`);
    expect(err.message).toContain(`第 2 个要素（features[1]）字段 ${field}`);
    expect(err.message).toContain(`Feature 2 (features[1]) field ${field}`);
    if (zh) expect(err.messages.zh).toContain(zh);
    if (en) expect(err.messages.en).toContain(en);
  });

  it('checks geometry down to the position', () => {
    const bad = ring.map((p, i) => (i === 2 ? [31.11, 120.61] : p));
    const err = errorOf(() => validateGridCollection(fc(feature({}, [bad]))));
    expect(err.field).toBe('features[0].geometry.coordinates[0][2]');
    expect(err.message).toMatch(/经纬度无效.*invalid lng\/lat/);
    expect(errorOf(() => validateGridCollection(fc({ ...feature({}), geometry: { type: 'Point', coordinates: [120, 31] } }))).field).toBe(
      'features[0].geometry.type',
    );
    expect(errorOf(() => validateGridCollection(fc(feature({}, [ring.slice(0, 2)])))).field).toBe('features[0].geometry.coordinates[0]');
  });

  it('closes open rings and converts GCJ-02', () => {
    const [g] = validateGridCollection(fc(feature({}, [ring.slice(0, 4)])), 'gcj02');
    const coords = g.geometry.coordinates[0] as number[][];
    expect(coords).toHaveLength(5);
    expect(coords[4]).toEqual(coords[0]);
    expect(coords[0]).toEqual(toWgs84(120.6, 31.1, 'gcj02'));
  });

  it('rejects repeated codes and anything but a non-empty FeatureCollection', () => {
    const err = errorOf(() => validateGridCollection(fc(feature({}), feature({ code: 'G-2' }), feature({}))));
    expect(err.field).toBe('features[2].properties.code');
    expect(err.messages.en).toContain('repeats feature 1');
    expect(errorOf(() => validateGridCollection({ type: 'Feature' })).field).toBe('type');
    expect(errorOf(() => validateGridCollection(fc())).field).toBe('features');
    expect(errorOf(() => validateGridCollection('{oops')).field).toBe('(json)');
  });
});
