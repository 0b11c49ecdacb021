import { describe, expect, it } from 'vitest';
import { distanceM } from '../territory/distance.rules.ts';
import { chooseFold, chooseNearFold, foldLockKeys, foldsNear, joins, sortedLockKeys } from './fold.rules.ts';

const at = (min: number) => new Date(Date.UTC(2026, 5, 1, 8, min));
const rule = { foldRadiusM: 50, foldWindowMinutes: 30 };
const here = { lng: 120.645, lat: 31.16 };
/** A point `m` metres east of `here`. */
const east = (m: number) => ({ lng: here.lng + m / (111_320 * Math.cos((here.lat * Math.PI) / 180)), lat: here.lat });

describe('fold decision', () => {
  const fold = { id: 1, ...here, firstAt: at(0), lastAt: at(10) };
  it('joins within the radius of the first detection and the window after the last', () => {
    expect(distanceM(here, east(30))).toBeCloseTo(30, 0);
    expect(joins({ ...east(30), at: at(35) }, fold, rule)).toBe(true);
    expect(joins({ ...east(60), at: at(11) }, fold, rule)).toBe(false);
    expect(joins({ ...east(10), at: at(41) }, fold, rule)).toBe(false);
  });
  it('takes a detection that arrives late but lies inside the span', () => {
    expect(joins({ ...here, at: at(5) }, fold, rule)).toBe(true);
  });
  it('picks the nearest fold that may take it, or none', () => {
    const other = { id: 2, ...east(40), firstAt: at(0), lastAt: at(10) };
    expect(chooseFold({ ...east(30), at: at(12) }, [fold, other], rule)?.id).toBe(2);
    expect(chooseFold({ ...east(300), at: at(12) }, [fold, other], rule)).toBeNull();
  });
  it('decides the same when the folds near a point are worked out once for all its detections', () => {
    const folds = Array.from({ length: 12 }, (_, i) => ({ id: i, ...east(i * 9), firstAt: at(i * 4), lastAt: at(i * 4 + (i % 3) * 5) }));
    for (let x = 0; x < 100; x += 7) {
      const point = east(x);
      const near = foldsNear(point, folds, rule.foldRadiusM);
      for (let min = 0; min < 90; min += 3) {
        // The nearest of those the rule lets it join, found the long way.
        const byJoins = folds.filter((f) => joins({ ...point, at: at(min) }, f, rule)).sort((a, b) => distanceM(point, a) - distanceM(point, b))[0];
        expect(chooseNearFold(at(min).getTime(), near, rule.foldWindowMinutes)?.id).toBe(byJoins?.id);
      }
    }
  });
});

describe('fold locks', () => {
  it('gives two detections within the radius at least one lock in common, wherever the cell lines fall', () => {
    for (let i = 0; i < 500; i++) {
      const a = { lng: 120.3 + i * 0.00137, lat: 30.8 + i * 0.00071 };
      const angle = i * 2.39;
      const m = (i % 50) + 0.5;
      const b = { lng: a.lng + (m * Math.cos(angle)) / (111_320 * Math.cos((a.lat * Math.PI) / 180)), lat: a.lat + (m * Math.sin(angle)) / 111_320 };
      expect(distanceM(a, b)).toBeLessThanOrEqual(50.1);
      const ka = new Set(foldLockKeys('illegal_parking', a.lng, a.lat, 50));
      expect(foldLockKeys('illegal_parking', b.lng, b.lat, 50).some((k) => ka.has(k))).toBe(true);
    }
  });
  it('keys differ by type, and are taken once each in one order', () => {
    const a = foldLockKeys('illegal_parking', here.lng, here.lat, 50);
    const b = foldLockKeys('road_ponding', here.lng, here.lat, 50);
    expect(a.some((k) => b.includes(k))).toBe(false);
    const sorted = sortedLockKeys([...a, ...a]);
    expect(sorted).toHaveLength(9);
    expect([...sorted].sort((x, y) => (x < y ? -1 : 1))).toEqual(sorted);
  });
});
