/**
 * Tiling an outline with Voronoi cells: seeds drawn denser where people live, cells computed in a local
 * equirectangular plane (so they are not stretched east–west), clipped to the outline, then rounded to
 * 1e-7° (≈1 cm). Neighbouring cells share their vertices bit for bit, so the tiling has no gaps or
 * overlaps and groups of cells can be dissolved exactly (dissolve.ts). An outline with holes falls back to
 * the general clipper (@turf/intersect), which keeps the tiling exact but may break that bit-sharing.
 */
import { Delaunay } from 'd3-delaunay';
import Flatbush from 'flatbush';
import { featureCollection, polygon } from '@turf/helpers';
import { intersect } from '@turf/intersect';
import { clipByConvex, DegenerateClip, openCcw } from './convex-clip.ts';
import {
  INSIDE,
  geometryBBox,
  mapPositions,
  pointInPrepared,
  polygonsOf,
  prepareGeometry,
  type AreaGeometry,
  type Position,
  type PreparedGeometry,
  type Ring,
} from '../../territory/geometry.ts';
import type { Rng } from './prng.ts';

export interface Tiling {
  /** One seed per cell, WGS-84. */
  seeds: Position[];
  /** Cells clipped to the outline, WGS-84. */
  cells: AreaGeometry[];
  /** Cells sharing an edge. */
  neighbours: number[][];
}

/** Density of seeds at a point (relative; higher means smaller cells). */
export type Density = (lng: number, lat: number) => number;

const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

/** Local plane: x = (lng − lng0)·cos(lat0), y = lat − lat0 (degrees of latitude). */
class Plane {
  readonly k: number;
  constructor(
    readonly lng0: number,
    readonly lat0: number,
  ) {
    this.k = Math.cos((lat0 * Math.PI) / 180);
  }
  toXY = ([lng, lat]: Position): Position => [(lng - this.lng0) * this.k, lat - this.lat0];
  toLngLat = ([x, y]: Position): Position => [round7(x / this.k + this.lng0), round7(y + this.lat0)];
}

function planeFor(outline: AreaGeometry): Plane {
  const b = geometryBBox(outline);
  return new Plane((b[0] + b[2]) / 2, (b[1] + b[3]) / 2);
}

/**
 * Mitchell's best-candidate sampling, with distances scaled by √density: gives evenly spread seeds
 * whose spacing follows the density, without the clumps of plain random points.
 */
export function sampleSeeds(outline: AreaGeometry, count: number, density: Density, rng: Rng, candidates = 10): Position[] {
  const prepared = prepareGeometry(outline);
  const [x0, y0, x1, y1] = prepared.bbox;
  const plane = planeFor(outline);
  const xs = new Float64Array(count);
  const ys = new Float64Array(count);
  const seeds: Position[] = [];
  const randomInside = (): Position => {
    for (;;) {
      const p: Position = [x0 + rng() * (x1 - x0), y0 + rng() * (y1 - y0)];
      if (pointInPrepared(prepared, p[0], p[1]) === INSIDE) return p;
    }
  };
  for (let n = 0; n < count; n++) {
    let best: Position | null = null;
    let bestScore = -1;
    for (let c = 0; c < (n === 0 ? 1 : candidates); c++) {
      const p = randomInside();
      const [px, py] = plane.toXY(p);
      let d2 = Infinity;
      for (let j = 0; j < n; j++) {
        const dx = xs[j] - px;
        const dy = ys[j] - py;
        const dd = dx * dx + dy * dy;
        if (dd < d2) d2 = dd;
      }
      const score = d2 * density(p[0], p[1]);
      if (score > bestScore) [best, bestScore] = [p, score];
    }
    [xs[n], ys[n]] = plane.toXY(best!);
    seeds.push(best!);
  }
  return seeds;
}

/** An outline polygon prepared for clipping: its outer ring (open, CCW) and an index of its edges. */
interface ClipSubject {
  ring: Position[];
  hasHoles: boolean;
  edges: Flatbush;
}

function clipSubjects(outlineXY: AreaGeometry): ClipSubject[] {
  return polygonsOf(outlineXY).map((poly) => {
    const ring = openCcw(poly[0]);
    const edges = new Flatbush(ring.length);
    ring.forEach((a, i) => {
      const b = ring[(i + 1) % ring.length];
      edges.add(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]));
    });
    edges.finish();
    return { ring, hasHoles: poly.length > 1, edges };
  });
}

/** Rounds (via toLngLat), drops repeated vertices and pieces that rounding flattened; closes the rings. */
function finishPieces(pieces: Ring[], toLngLat: (p: Position) => Position): AreaGeometry | null {
  const polys: Ring[][] = [];
  for (const piece of pieces) {
    const out: Ring = [];
    for (const p of piece.map(toLngLat)) {
      const last = out[out.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
    }
    while (out.length > 1 && out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1]) out.pop();
    if (out.length >= 3) polys.push([[...out, out[0]]]);
  }
  if (polys.length === 0) return null;
  return polys.length === 1 ? { type: 'Polygon', coordinates: polys[0] } : { type: 'MultiPolygon', coordinates: polys };
}

export function voronoiTiling(seeds: Position[], outline: AreaGeometry): Tiling {
  const plane = planeFor(outline);
  const outlineXY = mapPositions(outline, plane.toXY);
  const outlinePrepared: PreparedGeometry = prepareGeometry(outlineXY);
  const subjects = clipSubjects(outlineXY);
  // Typed as a Polygon feature for turf's helper signature; intersect accepts MultiPolygons too.
  const outlineFeature = { type: 'Feature', properties: {}, geometry: outlineXY } as unknown as ReturnType<typeof polygon>;
  const pts = seeds.map(plane.toXY);
  const delaunay = Delaunay.from(pts);
  const [bx0, by0, bx1, by1] = outlinePrepared.bbox;
  const pad = 0.01;
  const voronoi = delaunay.voronoi([bx0 - pad, by0 - pad, bx1 + pad, by1 + pad]);

  const cells = pts.map((_, i): AreaGeometry => {
    const ring = openCcw(voronoi.cellPolygon(i) as unknown as Position[]);
    const [x0, y0, x1, y1] = geometryBBox({ type: 'Polygon', coordinates: [ring] });
    const crossing = subjects.map((s) => s.edges.search(x0, y0, x1, y1));
    // A cell that meets no outline edge lies wholly inside (its seed is inside): no clipping needed.
    let pieces: Ring[] = [ring];
    if (crossing.some((e) => e.length > 0)) {
      try {
        pieces = subjects.flatMap((s, k) => {
          if (s.hasHoles) throw new DegenerateClip('outline with holes');
          return clipByConvex(s.ring, ring, crossing[k]);
        });
      } catch (err) {
        if (!(err instanceof DegenerateClip)) throw err;
        const clipped = intersect(featureCollection([polygon([[...ring, ring[0]]]), outlineFeature]));
        pieces = clipped ? polygonsOf(clipped.geometry as AreaGeometry).map((p) => p[0]) : [];
      }
    }
    const cell = finishPieces(pieces, plane.toLngLat);
    if (!cell) throw new Error(`demo tiling: cell ${i} lies outside the outline`);
    return cell;
  });

  return { seeds, cells, neighbours: cellNeighbours(cells, delaunay, pts, outlinePrepared) };
}

/**
 * Cells are neighbours when their clipped shapes share an edge (exact, thanks to the shared vertices),
 * not merely when their seeds are Delaunay neighbours: two cells may touch only across water outside the
 * outline. A cell left without any (clipped by the general clipper) falls back to Delaunay neighbours.
 */
function cellNeighbours(cells: AreaGeometry[], delaunay: Delaunay<Position>, pts: Position[], outline: PreparedGeometry): number[][] {
  const byEdge = new Map<string, number>();
  const sets = cells.map(() => new Set<number>());
  cells.forEach((cell, i) => {
    for (const poly of polygonsOf(cell)) {
      for (const ring of poly) {
        for (let k = 1; k < ring.length; k++) {
          const [a, b] = [ring[k - 1], ring[k]];
          const key = a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]) ? `${a}|${b}` : `${b}|${a}`;
          const other = byEdge.get(key);
          if (other !== undefined && other !== i) {
            sets[i].add(other);
            sets[other].add(i);
          } else byEdge.set(key, i);
        }
      }
    }
  });
  return sets.map((set, i) => {
    if (set.size > 0) return [...set].sort((x, y) => x - y);
    return [...delaunay.neighbors(i)].filter((j) => {
      const [p, q] = [pts[i], pts[j]];
      return pointInPrepared(outline, (p[0] + q[0]) / 2, (p[1] + q[1]) / 2) !== 0;
    });
  });
}
