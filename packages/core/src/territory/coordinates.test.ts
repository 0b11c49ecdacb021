import { describe, expect, it } from 'vitest';
import { fromWgs84, isInChina, isValidLngLat, looksSwapped, toWgs84 } from './coordinates.ts';

describe('coordinates', () => {
  it('converts GCJ-02 to WGS-84 (published pair from the gcoord documentation)', () => {
    const [lng, lat] = toWgs84(123, 45, 'gcj02');
    expect(lng).toBeCloseTo(122.99395597, 6);
    expect(lat).toBeCloseTo(44.99804071, 6);
  });

  it('converts BD-09 to WGS-84 (published pair: WGS 116.403988,39.914266 is BD 116.41661560068297,39.92196580126834)', () => {
    const [lng, lat] = toWgs84(116.41661560068297, 39.92196580126834, 'bd09');
    expect(lng).toBeCloseTo(116.403988, 5);
    expect(lat).toBeCloseTo(39.914266, 5);
  });

  it('moves a Wujiang point by a few hundred metres and back', () => {
    const gcj: [number, number] = [120.646, 31.163];
    const wgs = toWgs84(gcj[0], gcj[1], 'gcj02');
    const shift = Math.hypot((gcj[0] - wgs[0]) * 95_000, (gcj[1] - wgs[1]) * 111_000);
    expect(shift).toBeGreaterThan(300);
    expect(shift).toBeLessThan(700);
    const back = fromWgs84(wgs[0], wgs[1], 'gcj02');
    expect(back[0]).toBeCloseTo(gcj[0], 6);
    expect(back[1]).toBeCloseTo(gcj[1], 6);
  });

  it('leaves WGS-84 as it is', () => {
    expect(toWgs84(120.5, 31.1, 'wgs84')).toEqual([120.5, 31.1]);
  });

  it('checks ranges and catches swapped coordinates', () => {
    expect(isValidLngLat(120, 31)).toBe(true);
    expect(isValidLngLat(181, 31)).toBe(false);
    expect(isValidLngLat(Number.NaN, 31)).toBe(false);
    expect(isValidLngLat('120', 31)).toBe(false);
    expect(isInChina(120.6, 31.1)).toBe(true);
    expect(isInChina(31.1, 120.6)).toBe(false);
    expect(isInChina(0, 0)).toBe(false);
    expect(isInChina(-122.4, 37.8)).toBe(false);
    expect(looksSwapped(31.1, 120.6)).toBe(true);
    expect(looksSwapped(120.6, 31.1)).toBe(false);
  });
});
