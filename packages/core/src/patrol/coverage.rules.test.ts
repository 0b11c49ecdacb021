import { describe, expect, it } from 'vitest';
import area from '@turf/area';
import { cellArea } from 'h3-js';
import { coverageOf, gridCells, visitedCells, type GridOutline } from './coverage.rules.ts';
import { filterTrack, type TrackPoint } from './track-filter.rules.ts';

// A square grid of about 400 m × 400 m in Songling (WGS-84).
const LNG0 = 120.64;
const LAT0 = 31.16;
const M_LAT = 1 / 111_195; // degrees per metre north
const M_LNG = M_LAT / Math.cos((LAT0 * Math.PI) / 180);
const at = (x: number, y: number) => ({ lng: LNG0 + x * M_LNG, lat: LAT0 + y * M_LAT });
const SQUARE: GridOutline = { type: 'Polygon', coordinates: [[[0, 0], [400, 0], [400, 400], [0, 400], [0, 0]].map(([x, y]) => [at(x!, y!).lng, at(x!, y!).lat])] };

/** A walk through metre positions at 1.3 m/s, a fix every `every` metres, accurate to 8 m. */
function walk(path: [number, number][], every: number, start = new Date('2026-12-06T01:00:00Z')): TrackPoint[] {
  const points: TrackPoint[] = [];
  let t = start.getTime();
  for (let i = 0; i + 1 < path.length; i++) {
    const [x0, y0] = path[i]!;
    const [x1, y1] = path[i + 1]!;
    const len = Math.hypot(x1 - x0, y1 - y0);
    for (let d = 0; d < len; d += every) {
      points.push({ ...at(x0 + ((x1 - x0) * d) / len, y0 + ((y1 - y0) * d) / len), accuracy: 8, at: new Date(t) });
      t += (every / 1.3) * 1000;
    }
  }
  const [xe, ye] = path[path.length - 1]!;
  points.push({ ...at(xe, ye), accuracy: 8, at: new Date(t) });
  return points;
}

const cover = (track: TrackPoint[]) => coverageOf(gridCells(SQUARE), visitedCells(filterTrack(track).kept));

describe('patrol coverage (巡查覆盖率) over H3 cells of resolution 11', () => {
  it("a grid's cells are its area in cells (~1,600 m² each at Wujiang's latitude; 2,150 m² is H3's world average)", () => {
    const grid = gridCells(SQUARE);
    const cells = grid.size;
    const expected = area({ type: 'Feature', properties: {}, geometry: SQUARE }) / cellArea([...grid][0]!, 'm2');
    expect(cells / expected).toBeGreaterThan(0.85);
    expect(cells / expected).toBeLessThan(1.15);
  });

  it('walking the grid street by street, 40 m apart, covers nearly all of it', () => {
    const lanes: [number, number][] = [];
    for (let y = 10, i = 0; y <= 400; y += 40, i++) lanes.push(...(i % 2 ? [[395, y], [5, y]] : [[5, y], [395, y]]) as [number, number][]);
    const c = cover(walk(lanes, 20));
    expect(c.ratio).toBeGreaterThan(0.95);
  });

  it('one street across the middle covers its row of cells, whether a fix comes every 2 m or every 60 m', () => {
    const street: [number, number][] = [[0, 200], [400, 200]];
    const dense = cover(walk(street, 2));
    const sparse = cover(walk(street, 60));
    expect(dense.ratio).toBeGreaterThan(0.08);
    expect(dense.ratio).toBeLessThan(0.25);
    expect(Math.abs(sparse.visited - dense.visited)).toBeLessThanOrEqual(2);
    // Without filling the way between fixes, the sparse walk would miss cells.
    const ends = coverageOf(gridCells(SQUARE), visitedCells(walk(street, 60), { maxGapS: 0 }));
    expect(ends.visited).toBeLessThan(sparse.visited);
  });

  it('a jump and a vague fix are dropped and change nothing; a walk outside the grid covers none of it', () => {
    const street = walk([[0, 200], [400, 200]], 20);
    const noisy = [...street];
    noisy.splice(5, 0, { ...at(3000, 3000), accuracy: 10, at: new Date(street[4]!.at.getTime() + 1000) });
    noisy.splice(9, 0, { ...at(200, 350), accuracy: 300, at: new Date(street[8]!.at.getTime() + 1000) });
    const filtered = filterTrack(noisy);
    expect({ vague: filtered.vague, jumps: filtered.jumps }).toEqual({ vague: 1, jumps: 1 });
    expect(cover(noisy)).toEqual(cover(street));
    expect(cover(walk([[600, 0], [600, 400]], 10)).visited).toBe(0);
  });

  it('two fixes far apart in time are not joined: the worker may have left and come back', () => {
    const morning = walk([[0, 100], [100, 100]], 10, new Date('2026-12-06T01:00:00Z'));
    const afternoon = walk([[300, 300], [400, 300]], 10, new Date('2026-12-06T06:00:00Z'));
    const both = cover([...morning, ...afternoon]);
    expect(both.visited).toBe(cover(morning).visited + cover(afternoon).visited);
  });
});
