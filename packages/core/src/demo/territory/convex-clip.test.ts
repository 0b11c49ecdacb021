import { describe, expect, it } from 'vitest';
import type { AreaGeometry, Position } from '../../territory/geometry.ts';
import { clipByConvex, DegenerateClip, openCcw, signedArea2 } from './convex-clip.ts';
import { dissolve, geometryArea } from './dissolve.ts';

const area = (rings: Position[][]) => rings.reduce((s, r) => s + signedArea2(r) / 2, 0);
const rect = (x0: number, y0: number, x1: number, y1: number): Position[] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];

// A "U": two prongs joined at the bottom, open CCW.
const U: Position[] = [[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3]];

describe('clipByConvex', () => {
  it('cuts a concave polygon into its separate pieces', () => {
    const pieces = clipByConvex(U, rect(-1, 2, 4, 4)); // only the tops of the prongs
    expect(pieces).toHaveLength(2);
    expect(area(pieces)).toBeCloseTo(2, 12);
    expect(pieces.every((p) => signedArea2(p) > 0)).toBe(true);
  });

  it('keeps the joined part as one piece', () => {
    const pieces = clipByConvex(U, rect(-1, -1, 4, 2));
    expect(pieces).toHaveLength(1);
    expect(area(pieces)).toBeCloseTo(3 + 2, 12); // bottom bar 3×1 plus two prong stubs 1×1
  });

  it('handles containment and disjointness', () => {
    expect(area(clipByConvex(U, rect(0.2, 0.2, 0.8, 0.8)))).toBeCloseTo(0.36, 12);
    expect(area(clipByConvex(U, rect(-5, -5, 5, 5)))).toBeCloseTo(7, 12);
    expect(clipByConvex(U, rect(1.2, 2, 1.8, 2.5))).toEqual([]); // in the gap between the prongs
  });

  it('gives bit-identical crossing points to two cells sharing an edge', () => {
    const left = openCcw([[0.5, -1], [1.37, -1], [1.91, 4], [0.5, 4]]);
    const right = openCcw([[1.37, -1], [2.5, -1], [2.5, 4], [1.91, 4]]);
    const pts = (rings: Position[][]) => new Set(rings.flat().map((p) => `${p[0]},${p[1]}`));
    const a = pts(clipByConvex(U, left));
    const shared = [...pts(clipByConvex(U, right))].filter((k) => a.has(k));
    expect(shared.length).toBeGreaterThanOrEqual(2); // where the shared edge crosses the U's boundary
  });

  it('refuses degenerate input instead of guessing', () => {
    expect(() => clipByConvex(U, rect(1, 2, 2, 4))).toThrow(DegenerateClip); // clip edges on the U's edges
  });
});

describe('dissolve', () => {
  const sq = (x: number, y: number): AreaGeometry => ({ type: 'Polygon', coordinates: [[...rect(x, y, x + 1, y + 1), [x, y]]] });

  it('merges adjacent cells into one polygon with only the outer edges', () => {
    const d = dissolve([sq(0, 0), sq(1, 0), sq(0, 1), sq(1, 1)]);
    expect(d.type).toBe('Polygon');
    expect(d.coordinates).toHaveLength(1);
    expect((d.coordinates[0] as Position[]).length).toBe(9); // 8 boundary vertices + closing
  });

  it('keeps a hole and separates disjoint parts', () => {
    const ring = [0, 1, 2].flatMap((x) => [0, 1, 2].map((y) => [x, y])).filter(([x, y]) => x !== 1 || y !== 1);
    const cells = ring.map(([x, y]) => sq(x, y));
    const donut = dissolve(cells);
    expect(donut.type).toBe('Polygon');
    expect(donut.coordinates).toHaveLength(2);
    const sum = cells.reduce((s, c) => s + geometryArea(c), 0);
    expect(Math.abs(geometryArea(donut) / sum - 1)).toBeLessThan(1e-9);
    const apart = dissolve([sq(0, 0), sq(5, 5)]);
    expect(apart.type).toBe('MultiPolygon');
  });
});
