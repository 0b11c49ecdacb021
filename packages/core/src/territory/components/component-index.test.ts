import { describe, expect, it } from 'vitest';
import { ComponentIndex, distanceMeters, type ComponentPoint } from './component-index.ts';

const LNG = 120.65;
const LAT = 31.16;
/** Metres east/north of the origin → lng/lat (equirectangular). */
const at = (east: number, north: number): [number, number] => [
  LNG + east / (111_195 * Math.cos((LAT * Math.PI) / 180)),
  LAT + north / 111_195,
];

const component = (code: string, categoryCode: string, east: number, north: number, owner = 'WJ-CGJ'): ComponentPoint => {
  const [lng, lat] = at(east, north);
  return { code, categoryCode, name: code, lng, lat, ownerUnitId: 7, ownerUnitCode: owner, ownerName: owner, gridCode: null, status: 'normal' };
};

const items = [
  component('lamp-20m', '01037', 20, 0),
  component('lamp-60m', '01037', 0, -60),
  component('cover-10m', '01001', -6, 8, 'WJ-GSGS'),
  component('bin-35m', '03005', 0, 35),
];

describe('ComponentIndex', () => {
  const index = ComponentIndex.build(items);

  it('returns the nearest component with its owner and distance', () => {
    const [m] = index.nearest(LNG, LAT, { maxMeters: 100 });
    expect(m.code).toBe('cover-10m');
    expect(m.ownerUnitCode).toBe('WJ-GSGS');
    expect(m.distanceMeters).toBeCloseTo(10, 0);
  });

  it('filters by category code, minor or major class', () => {
    expect(index.nearest(LNG, LAT, { maxMeters: 100, categoryCode: '01037' })[0].code).toBe('lamp-20m');
    expect(index.nearest(LNG, LAT, { maxMeters: 100, categoryCode: '03' })[0].code).toBe('bin-35m');
    expect(index.nearest(LNG, LAT, { maxMeters: 100, categoryCode: '02' })).toEqual([]);
  });

  it('respects maxMeters and limit, nearest first', () => {
    expect(index.nearest(LNG, LAT, { maxMeters: 5 })).toEqual([]);
    expect(index.nearest(LNG, LAT, { maxMeters: 50, limit: 10 }).map((m) => m.code)).toEqual(['cover-10m', 'lamp-20m', 'bin-35m']);
    expect(index.nearest(LNG, LAT, { maxMeters: 1000, limit: 2 }).map((m) => m.code)).toEqual(['cover-10m', 'lamp-20m']);
  });

  it('measures metres like the haversine formula at city scale', () => {
    const [lng, lat] = [LNG + 0.05, LAT + 0.03];
    const R = 6_371_008.8;
    const rad = Math.PI / 180;
    const h =
      Math.sin(((lat - LAT) * rad) / 2) ** 2 + Math.cos(LAT * rad) * Math.cos(lat * rad) * Math.sin(((lng - LNG) * rad) / 2) ** 2;
    const haversine = 2 * R * Math.asin(Math.sqrt(h));
    expect(Math.abs(distanceMeters(LNG, LAT, lng, lat) - haversine) / haversine).toBeLessThan(1e-3);
  });

  it('is empty when built from nothing', () => {
    expect(ComponentIndex.build([]).nearest(LNG, LAT, { maxMeters: 100 })).toEqual([]);
  });
});
