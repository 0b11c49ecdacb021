import { describe, expect, it } from 'vitest';
import type { AreaGeometry } from './geometry.ts';
import { TerritoryIndex } from './territory-index.ts';
import type { GridShape, Specialty } from './types.ts';

const square = (x0: number, y0: number, x1: number, y1: number): AreaGeometry => ({
  type: 'Polygon',
  coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]],
});

const basic = (code: string, geometry: AreaGeometry, village = '320509001001'): GridShape => ({
  code,
  name: `网格 ${code}`,
  kind: 'basic',
  specialty: null,
  villageCode: village,
  townCode: `${village.slice(0, 9)}000`,
  districtCode: '320509000000',
  geometry,
});

const professional = (code: string, specialty: Specialty, geometry: AreaGeometry): GridShape => ({
  code,
  name: `专业 ${code}`,
  kind: 'professional',
  specialty,
  villageCode: null,
  townCode: null,
  districtCode: '320509000000',
  geometry,
});

// A 2×2 block of unit squares around (120, 31); B has a hole filled by grid H.
const X = 120;
const Y = 31;
const A = basic('G-A', square(X, Y, X + 1, Y + 1), '320509001001');
const B = basic(
  'G-B',
  {
    type: 'Polygon',
    coordinates: [
      [[X + 1, Y], [X + 2, Y], [X + 2, Y + 1], [X + 1, Y + 1], [X + 1, Y]],
      [[X + 1.4, Y + 0.4], [X + 1.6, Y + 0.4], [X + 1.6, Y + 0.6], [X + 1.4, Y + 0.6], [X + 1.4, Y + 0.4]],
    ],
  },
  '320509001002',
);
const H = basic('G-H', square(X + 1.4, Y + 0.4, X + 1.6, Y + 0.6), '320509001003');
const C = basic('G-C', square(X, Y + 1, X + 1, Y + 2), '320509002001');
const D = basic(
  'G-D',
  { type: 'MultiPolygon', coordinates: [square(X + 1, Y + 1, X + 2, Y + 2).coordinates as never, square(X + 3, Y, X + 4, Y + 1).coordinates as never] },
  '320509002002',
);
const SAFETY_W = professional('ZY-AQ-002', 'work_safety', square(X, Y, X + 1, Y + 2));
const SAFETY_E = professional('ZY-AQ-001', 'work_safety', square(X + 1, Y, X + 2, Y + 2));
const FIRE = professional('ZY-XF-001', 'fire', square(X, Y, X + 2, Y + 2));
const ALL = [A, B, H, C, D, SAFETY_W, SAFETY_E, FIRE];

describe('TerritoryIndex', () => {
  const index = TerritoryIndex.build(ALL);

  it('finds the basic grid and, through it, village, town and district', () => {
    const m = index.lookup(X + 0.5, Y + 1.5);
    expect(m.basicGrid).toEqual({ code: 'G-C', name: '网格 G-C' });
    expect(m.villageCode).toBe('320509002001');
    expect(m.townCode).toBe('320509002000');
    expect(m.districtCode).toBe('320509000000');
  });

  it('returns nothing outside every grid', () => {
    const m = index.lookup(X - 0.5, Y + 0.5);
    expect(m).toEqual({ basicGrid: null, professionalGrids: [], villageCode: null, townCode: null, districtCode: null });
    expect(index.lookup(Number.NaN, Y).basicGrid).toBeNull();
  });

  it('respects holes: the hole belongs to the grid that fills it', () => {
    expect(index.lookup(X + 1.5, Y + 0.5).basicGrid?.code).toBe('G-H');
    expect(index.lookup(X + 1.2, Y + 0.5).basicGrid?.code).toBe('G-B');
    expect(index.gridsAt(X + 1.5, Y + 0.5).map((g) => g.shape.code)).not.toContain('G-B');
  });

  it('finds every part of a MultiPolygon grid', () => {
    expect(index.lookup(X + 3.5, Y + 0.5).basicGrid?.code).toBe('G-D');
    expect(index.lookup(X + 1.5, Y + 1.5).basicGrid?.code).toBe('G-D');
    expect(index.lookup(X + 2.5, Y + 0.5).basicGrid).toBeNull();
  });

  it('resolves points on shared borders to the smallest code, whatever the load order', () => {
    const points: [number, number, string][] = [
      [X + 1, Y + 0.5, 'G-A'], // A | B
      [X + 0.5, Y + 1, 'G-A'], // A / C
      [X + 1, Y + 1, 'G-A'], // corner of A, B, C, D
      [X + 1.5, Y + 1, 'G-B'], // B / D
      [X + 1.4, Y + 0.5, 'G-B'], // B / its hole H
      [X + 1, Y + 1.5, 'G-C'], // C | D
    ];
    const reversed = TerritoryIndex.build([...ALL].reverse());
    for (const [x, y, code] of points) {
      expect(index.lookup(x, y).basicGrid?.code, `${x},${y}`).toBe(code);
      expect(reversed.lookup(x, y).basicGrid?.code, `${x},${y} reversed`).toBe(code);
      expect(index.gridsAt(x, y).filter((g) => g.shape.kind === 'basic').length).toBeGreaterThan(1);
    }
  });

  it('counts the outer border of the territory as inside', () => {
    expect(index.lookup(X, Y + 0.5).basicGrid?.code).toBe('G-A');
    expect(index.lookup(X + 0.5, Y - 1e-10).basicGrid?.code).toBe('G-A');
    expect(index.lookup(X + 0.5, Y - 1e-6).basicGrid).toBeNull();
  });

  it('overlays professional grids, one per specialty, in specialty order', () => {
    const m = index.lookup(X + 0.5, Y + 0.5);
    expect(m.basicGrid?.code).toBe('G-A');
    expect(m.professionalGrids).toEqual([
      { code: 'ZY-AQ-002', name: '专业 ZY-AQ-002', specialty: 'work_safety' },
      { code: 'ZY-XF-001', name: '专业 ZY-XF-001', specialty: 'fire' },
    ]);
    // On the border between the two work-safety grids: exactly one of them, the smaller code.
    const border = index.lookup(X + 1, Y + 1.5);
    expect(border.professionalGrids.map((g) => g.code)).toEqual(['ZY-AQ-001', 'ZY-XF-001']);
  });

  it('keeps every professional grid that holds a point inside when grids of one specialty overlap', () => {
    const overlap = TerritoryIndex.build([FIRE, professional('ZY-XF-000', 'fire', square(X + 0.5, Y + 0.5, X + 3, Y + 3))]);
    expect(overlap.lookup(X + 1, Y + 1).professionalGrids.map((g) => g.code)).toEqual(['ZY-XF-000', 'ZY-XF-001']);
    expect(overlap.lookup(X + 1, Y + 1).basicGrid).toBeNull();
  });

  it('handles an empty territory', () => {
    const empty = TerritoryIndex.build([]);
    expect(empty.size).toBe(0);
    expect(empty.lookup(X, Y).basicGrid).toBeNull();
  });
});

describe('pointInside', () => {
  it('lies inside a concave polygon (a U shape) and outside its hole', async () => {
    const { pointInside, pointInGeometry, INSIDE } = await import('./geometry.ts');
    const u = { type: 'Polygon' as const, coordinates: [[[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]] as [number, number][]] };
    const [x, y] = pointInside(u);
    expect(pointInGeometry(u, x, y)).toBe(INSIDE);
    const ring = { type: 'Polygon' as const, coordinates: [[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]], [[1, 1], [3, 1], [3, 3], [1, 3], [1, 1]]] as [number, number][][] };
    const [rx, ry] = pointInside(ring);
    expect(pointInGeometry(ring, rx, ry)).toBe(INSIDE);
  });
});
