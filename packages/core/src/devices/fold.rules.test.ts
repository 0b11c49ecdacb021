import { describe, expect, it } from 'vitest';
import { distanceM } from '../territory/distance.rules.ts';
import { chooseNearFold, foldLockKeys, foldsNear, sortedLockKeys, type FoldCandidate } from './fold.rules.ts';

const at = (min: number) => new Date(Date.UTC(2026, 5, 1, 8, min));
const rule = { foldRadiusM: 50, foldWindowMinutes: 30 };
const here = { lng: 120.645, lat: 31.16 };
/** A point `m` metres east of `here`. */
const east = (m: number) => ({ lng: here.lng + m / (111_320 * Math.cos((here.lat * Math.PI) / 180)), lat: here.lat });
/** The fold a detection at `d` and `when` joins among `folds`, as the intake decides it. */
const chooseFold = <F extends FoldCandidate>(d: { lng: number; lat: number }, when: Date, folds: readonly F[]) =>
  chooseNearFold(when.getTime(), foldsNear(d, folds, rule.foldRadiusM), rule.foldWindowMinutes);
/** The rule in its own words: within the radius of the fold's first detection, within the window of its span. */
const mayJoin = (d: { lng: number; lat: number }, when: Date, f: FoldCandidate) =>
  distanceM(d, f) <= rule.foldRadiusM && when.getTime() <= f.lastAt.getTime() + rule.foldWindowMinutes * 60_000 && when.getTime() >= f.firstAt.getTime() - rule.foldWindowMinutes * 60_000;

describe('fold decision', () => {
  const fold = { id: 1, ...here, firstAt: at(0), lastAt: at(10) };
  it('joins within the radius of the first detection and the window after the last', () => {
    expect(distanceM(here, east(30))).toBeCloseTo(30, 0);
    expect(chooseFold(east(30), at(35), [fold])).toBe(fold);
    expect(chooseFold(east(60), at(11), [fold])).toBeNull();
    expect(chooseFold(east(10), at(41), [fold])).toBeNull();
  });
  it('takes a detection that arrives late but lies inside the span', () => {
    expect(chooseFold(here, at(5), [fold])).toBe(fold);
  });
  it('picks the nearest fold that may take it, or none', () => {
    const other = { id: 2, ...east(40), firstAt: at(0), lastAt: at(10) };
    expect(chooseFold(east(30), at(12), [fold, other])?.id).toBe(2);
    expect(chooseFold(east(300), at(12), [fold, other])).toBeNull();
  });
  it('decides the same when the folds near a point are worked out once for all its detections', () => {
    const folds = Array.from({ length: 12 }, (_, i) => ({ id: i, ...east(i * 9), firstAt: at(i * 4), lastAt: at(i * 4 + (i % 3) * 5) }));
    for (let x = 0; x < 100; x += 7) {
      const point = east(x);
      const near = foldsNear(point, folds, rule.foldRadiusM);
      for (let min = 0; min < 90; min += 3) {
        // The nearest of those the rule lets it join, found the long way.
        const byJoins = folds.filter((f) => mayJoin(point, at(min), f)).sort((a, b) => distanceM(point, a) - distanceM(point, b))[0];
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
