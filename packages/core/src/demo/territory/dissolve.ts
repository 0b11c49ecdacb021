/**
 * Union of cells from one tiling (dissolve): an edge two member cells share appears once in each
 * direction and cancels; the edges left are the group's boundary, chained into rings. Exact and fast, but
 * only for cells whose shared vertices are bit-identical (as tiling.ts makes them); callers check the
 * result's area and fall back to a MultiPolygon of the cells when it does not add up.
 */
import { area } from '@turf/area';
import { pointInGeometry, INSIDE, polygonsOf, type AreaGeometry, type Position, type Ring } from '../../territory/geometry.ts';
import { openCcw, signedArea2 } from './convex-clip.ts';

const key = (p: Position) => `${p[0]},${p[1]}`;

export function geometryArea(g: AreaGeometry): number {
  return area({ type: 'Feature', properties: {}, geometry: g });
}

function multiOf(cells: readonly AreaGeometry[]): AreaGeometry {
  const polys = cells.flatMap(polygonsOf);
  return polys.length === 1 ? { type: 'Polygon', coordinates: polys[0] } : { type: 'MultiPolygon', coordinates: polys };
}

/** Union of cells; the cells must not overlap. */
export function dissolve(cells: readonly AreaGeometry[]): AreaGeometry {
  if (cells.length === 1) return cells[0];
  // Directed boundary edges, outer rings counter-clockwise and holes clockwise.
  const out = new Map<string, { from: Position; to: Position }[]>();
  const reverse = new Set<string>();
  const edges: [Position, Position][] = [];
  for (const poly of cells.flatMap(polygonsOf)) {
    poly.forEach((ring, k) => {
      const r = openCcw(ring);
      if (k > 0) r.reverse();
      r.forEach((a, i) => edges.push([a, r[(i + 1) % r.length]]));
    });
  }
  for (const [a, b] of edges) reverse.add(`${key(b)}>${key(a)}`);
  for (const [a, b] of edges) {
    if (reverse.has(`${key(a)}>${key(b)}`)) continue; // shared with a neighbour: interior
    const list = out.get(key(a)) ?? [];
    list.push({ from: a, to: b });
    out.set(key(a), list);
  }
  const rings: Position[][] = [];
  for (const list of out.values()) {
    while (list.length > 0) {
      const first = list.pop()!;
      const startKey = key(first.from);
      const ring = [first.from];
      let cur = first.to;
      while (key(cur) !== startKey) {
        const next = out.get(key(cur))?.pop();
        if (!next || ring.length > edges.length) return multiOf(cells); // an open chain: vertices not shared exactly
        ring.push(cur);
        cur = next.to;
      }
      if (ring.length >= 3) rings.push(ring);
    }
  }
  const outers = rings.filter((r) => signedArea2(r) > 0).map((r) => [r]);
  for (const hole of rings.filter((r) => signedArea2(r) < 0)) {
    const owner = outers.find((o) => hole.some((p) => pointInGeometry({ type: 'Polygon', coordinates: [o[0]!] }, p[0], p[1]) === INSIDE));
    owner?.push(hole);
  }
  const close = (r: Ring): Ring => [...r, r[0]];
  const result: AreaGeometry =
    outers.length === 1
      ? { type: 'Polygon', coordinates: outers[0].map(close) }
      : { type: 'MultiPolygon', coordinates: outers.map((p) => p.map(close)) };
  // Guard: if the chaining went wrong (vertices not shared exactly), keep the cells as they are.
  const expected = cells.reduce((s, c) => s + geometryArea(c), 0);
  return outers.length > 0 && Math.abs(geometryArea(result) - expected) <= expected * 1e-9 + 1e-3 ? result : multiOf(cells);
}
