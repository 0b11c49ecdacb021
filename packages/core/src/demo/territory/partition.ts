/**
 * Grouping cells into contiguous regions of given sizes (cells → towns, a town's cells → villages) by
 * balanced region growing over the cells' neighbour graph: the region furthest below its target takes
 * its cheapest neighbouring free cell, until every cell is taken.
 */
import type { Position } from '../../territory/geometry.ts';
import type { Rng } from './prng.ts';

export interface GrowOptions {
  /** Neighbour lists of all cells. */
  neighbours: readonly (readonly number[])[];
  /** The cells to share out. */
  cells: readonly number[];
  /** One distinct start cell per region. */
  starts: readonly number[];
  /** Target size per region. */
  targets: readonly number[];
  /** How much region r wants cell c (lower is better), e.g. the distance to its centre. */
  cost(region: number, cell: number): number;
}

/** Returns the region of each cell (Map cell → region). */
export function growRegions(o: GrowOptions): Map<number, number> {
  const free = new Set(o.cells);
  const regionOf = new Map<number, number>();
  const sizes = o.starts.map(() => 0);
  const frontiers = o.starts.map(() => new Set<number>());
  const take = (r: number, c: number) => {
    regionOf.set(c, r);
    free.delete(c);
    sizes[r]++;
    for (const n of o.neighbours[c]) if (free.has(n)) frontiers[r].add(n);
  };
  o.starts.forEach((c, r) => take(r, c));
  const active = new Set(o.starts.map((_, r) => r));
  while (free.size > 0 && active.size > 0) {
    let r = -1;
    for (const a of active) if (r < 0 || sizes[a] / o.targets[a] < sizes[r] / o.targets[r]) r = a;
    let best = -1;
    let bestCost = Infinity;
    for (const c of frontiers[r]) {
      if (!free.has(c)) {
        frontiers[r].delete(c);
        continue;
      }
      const k = o.cost(r, c);
      if (k < bestCost) [best, bestCost] = [c, k];
    }
    if (best < 0) {
      active.delete(r);
      continue;
    }
    take(r, best);
    if (sizes[r] >= o.targets[r]) active.delete(r);
  }
  // Left-overs (regions blocked in by others): each goes to an adjacent region, the emptiest one first.
  let changed = true;
  while (free.size > 0 && changed) {
    changed = false;
    for (const c of [...free]) {
      let r = -1;
      for (const n of o.neighbours[c]) {
        const nr = regionOf.get(n);
        if (nr !== undefined && (r < 0 || sizes[nr] / o.targets[nr] < sizes[r] / o.targets[r])) r = nr;
      }
      if (r >= 0) {
        take(r, c);
        changed = true;
      }
    }
  }
  // Cells cut off from every region (an island across water): the cheapest region takes them.
  for (const c of [...free]) {
    let r = 0;
    for (let k = 1; k < o.starts.length; k++) if (o.cost(k, c) < o.cost(r, c)) r = k;
    take(r, c);
  }
  return regionOf;
}

const d2 = (a: Position, b: Position) => (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2;

/** k-means (k-means++ start, a few Lloyd rounds) on points; returns the k centres. */
export function kMeans(points: readonly Position[], k: number, rng: Rng, rounds = 8): Position[] {
  const centres: Position[] = [points[Math.floor(rng() * points.length)]];
  while (centres.length < k) {
    const w = points.map((p) => Math.min(...centres.map((c) => d2(p, c))));
    const total = w.reduce((s, x) => s + x, 0);
    let r = rng() * total;
    let i = 0;
    while (i < w.length - 1 && (r -= w[i]) > 0) i++;
    centres.push(points[i]);
  }
  for (let round = 0; round < rounds; round++) {
    const sum = centres.map(() => [0, 0, 0]);
    for (const p of points) {
      let best = 0;
      for (let c = 1; c < k; c++) if (d2(p, centres[c]) < d2(p, centres[best])) best = c;
      sum[best][0] += p[0];
      sum[best][1] += p[1];
      sum[best][2]++;
    }
    sum.forEach(([x, y, n], c) => {
      if (n > 0) centres[c] = [x / n, y / n];
    });
  }
  return centres;
}

/** For each target point, the nearest cell not yet used (so that regions start on distinct cells). */
export function distinctNearest(targets: readonly Position[], cells: readonly number[], at: (cell: number) => Position): number[] {
  const used = new Set<number>();
  return targets.map((t) => {
    let best = -1;
    for (const c of cells) if (!used.has(c) && (best < 0 || d2(at(c), t) < d2(at(best), t))) best = c;
    used.add(best);
    return best;
  });
}
