/**
 * npm run bench:territory — point → grid lookups per second over the demo district's 1,064 lookup grids (basic and
 * professional; the management grids above them are not looked up in) with the
 * in-memory index (flatbush + point-in-polygon), against a brute-force scan of every grid measured in
 * the same run as the baseline.
 */
import { buildDemoTerritory, isWorkingGrid, lookupGrids, mulberry32 } from '@liandong/core/demo/territory/index.ts';
import { INSIDE, pointInPrepared, prepareGeometry, TerritoryIndex } from '@liandong/core/territory/index.ts';

const demo = buildDemoTerritory();
const index = TerritoryIndex.build(lookupGrids(demo));
const outline = prepareGeometry(demo.outline);
const prepared = demo.grids.filter(isWorkingGrid).map((g) => ({ code: g.code, shape: prepareGeometry(g.geometry) }));
const rng = mulberry32(7);
const [x0, y0, x1, y1] = outline.bbox;
const points: [number, number][] = [];
while (points.length < 100_000) {
  const p: [number, number] = [x0 + rng() * (x1 - x0), y0 + rng() * (y1 - y0)];
  if (pointInPrepared(outline, p[0], p[1]) === INSIDE) points.push(p);
}

function rate(label: string, n: number, fn: (x: number, y: number) => unknown): number {
  let best = 0;
  for (let round = 0; round < 3; round++) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) fn(points[i]![0], points[i]![1]);
    best = Math.max(best, n / ((performance.now() - t0) / 1000));
  }
  console.log(`${label.padEnd(40)} ${best.toFixed(0).padStart(9)} lookups/s (best of 3, ${n} points)`);
  return best;
}

const indexed = rate('indexed lookup (all 1,064 grids)', points.length, (x, y) => index.lookup(x, y));
const brute = rate('baseline: scan every basic grid', 5_000, (x, y) => prepared.find((g) => pointInPrepared(g.shape, x, y) === INSIDE));
console.log(`ratio indexed / baseline: ${(indexed / brute).toFixed(1)}`);
