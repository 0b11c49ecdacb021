/**
 * The little planar geometry the territory needs: GeoJSON polygon types, bounding boxes and a
 * point-in-polygon test that also reports "on the border", so that callers can resolve border points
 * deterministically instead of trusting floating-point luck.
 */
export type Position = [number, number];
export type Ring = Position[];
export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: Ring[];
}
export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: Ring[][];
}
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

/** [minX, minY, maxX, maxY] */
export type BBox = [number, number, number, number];

/**
 * A point closer than this to an edge counts as on the border (degrees; 1e-9° ≈ 0.1 mm). Big enough to
 * absorb rounding in coordinates that two neighbouring grids share, far below any survey accuracy.
 */
export const BORDER_TOLERANCE = 1e-9;

export const OUTSIDE = 0;
export const INSIDE = 1;
export const ON_BORDER = 2;
export type Containment = typeof OUTSIDE | typeof INSIDE | typeof ON_BORDER;

/** The polygons of a Polygon or MultiPolygon, each as [outer ring, ...holes]. */
export function polygonsOf(g: AreaGeometry): Ring[][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

export function geometryBBox(g: AreaGeometry): BBox {
  const b: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const poly of polygonsOf(g)) {
    for (const [x, y] of poly[0] ?? []) {
      if (x < b[0]) b[0] = x;
      if (y < b[1]) b[1] = y;
      if (x > b[2]) b[2] = x;
      if (y > b[3]) b[3] = y;
    }
  }
  return b;
}

/** A ring as a flat [x0, y0, x1, y1, ...] array without the closing duplicate: compact and fast to scan. */
export function flattenRing(ring: Ring): Float64Array {
  let n = ring.length;
  if (n > 1 && ring[0][0] === ring[n - 1][0] && ring[0][1] === ring[n - 1][1]) n -= 1;
  const out = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    out[i * 2] = ring[i][0];
    out[i * 2 + 1] = ring[i][1];
  }
  return out;
}

/**
 * A polygon prepared for repeated point tests: all edges of all its rings as [x1, y1, x2, y2] and, per
 * horizontal band, the edges that reach into it. A test then scans only the edges of the point's band,
 * which keeps big polygons (professional grids of 100+ vertices) as cheap as small ones.
 */
export interface PreparedPolygon {
  bbox: BBox;
  edges: Float64Array;
  bandY0: number;
  bandHeight: number;
  /** Band b holds bandEdges[bandStart[b] .. bandStart[b + 1]). */
  bandStart: Int32Array;
  bandEdges: Int32Array;
}

export interface PreparedGeometry {
  bbox: BBox;
  polygons: PreparedPolygon[];
}

/** About this many edges per band; polygons with fewer edges get a single band. */
const EDGES_PER_BAND = 6;

function preparePolygon(poly: Ring[]): PreparedPolygon {
  const bbox = geometryBBox({ type: 'Polygon', coordinates: poly });
  const list: number[] = [];
  for (const ring of poly.map(flattenRing)) {
    const n = ring.length;
    if (n < 6) continue;
    for (let i = 0, j = n - 2; i < n; j = i, i += 2) list.push(ring[j], ring[j + 1], ring[i], ring[i + 1]);
  }
  const edges = Float64Array.from(list);
  const count = edges.length / 4;
  const bands = Math.max(1, Math.ceil(count / EDGES_PER_BAND));
  const bandHeight = (bbox[3] - bbox[1]) / bands || 1;
  const bandOf = (y: number) => Math.min(bands - 1, Math.max(0, Math.floor((y - bbox[1]) / bandHeight)));
  const members: number[][] = Array.from({ length: bands }, () => []);
  for (let e = 0; e < count; e++) {
    const y1 = edges[e * 4 + 1];
    const y2 = edges[e * 4 + 3];
    const lo = bandOf((y1 < y2 ? y1 : y2) - BORDER_TOLERANCE);
    const hi = bandOf((y1 > y2 ? y1 : y2) + BORDER_TOLERANCE);
    for (let b = lo; b <= hi; b++) members[b].push(e);
  }
  const bandStart = new Int32Array(bands + 1);
  members.forEach((m, b) => (bandStart[b + 1] = bandStart[b] + m.length));
  return { bbox, edges, bandY0: bbox[1], bandHeight, bandStart, bandEdges: Int32Array.from(members.flat()) };
}

export function prepareGeometry(g: AreaGeometry): PreparedGeometry {
  return { bbox: geometryBBox(g), polygons: polygonsOf(g).map(preparePolygon) };
}

/** Even-odd ray casting over the edges of the point's band; ON_BORDER within BORDER_TOLERANCE of an edge. */
function pointInPreparedPolygon(p: PreparedPolygon, x: number, y: number): Containment {
  const tol = BORDER_TOLERANCE;
  const bands = p.bandStart.length - 1;
  const b = Math.min(bands - 1, Math.max(0, Math.floor((y - p.bandY0) / p.bandHeight)));
  const e = p.edges;
  let inside = false;
  for (let k = p.bandStart[b], end = p.bandStart[b + 1]; k < end; k++) {
    const o = p.bandEdges[k] * 4;
    const xj = e[o];
    const yj = e[o + 1];
    const xi = e[o + 2];
    const yi = e[o + 3];
    if (
      x >= (xi < xj ? xi : xj) - tol &&
      x <= (xi > xj ? xi : xj) + tol &&
      y >= (yi < yj ? yi : yj) - tol &&
      y <= (yi > yj ? yi : yj) + tol
    ) {
      const dx = xj - xi;
      const dy = yj - yi;
      const len = Math.hypot(dx, dy);
      const dist = len === 0 ? Math.hypot(x - xi, y - yi) : Math.abs(dx * (y - yi) - dy * (x - xi)) / len;
      if (dist <= tol) return ON_BORDER;
    }
    if (yi > y !== yj > y && x < xi + ((y - yi) * (xj - xi)) / (yj - yi)) inside = !inside;
  }
  return inside ? INSIDE : OUTSIDE;
}

export function pointInPrepared(p: PreparedGeometry, x: number, y: number): Containment {
  let result: Containment = OUTSIDE;
  const tol = BORDER_TOLERANCE;
  for (const poly of p.polygons) {
    const b = poly.bbox;
    if (x < b[0] - tol || x > b[2] + tol || y < b[1] - tol || y > b[3] + tol) continue;
    const c = pointInPreparedPolygon(poly, x, y);
    if (c === INSIDE) return INSIDE;
    if (c === ON_BORDER) result = ON_BORDER;
  }
  return result;
}

/** Convenience for one-off tests; build a TerritoryIndex or prepareGeometry for many. */
export function pointInGeometry(g: AreaGeometry, x: number, y: number): Containment {
  return pointInPrepared(prepareGeometry(g), x, y);
}

/** Applies fn to every position (coordinate conversion, rounding); returns a new geometry. */
export function mapPositions<G extends AreaGeometry>(g: G, fn: (p: Position) => Position): G {
  if (g.type === 'Polygon') {
    return { ...g, coordinates: g.coordinates.map((r) => r.map(fn)) };
  }
  return { ...g, coordinates: (g as MultiPolygonGeometry).coordinates.map((poly) => poly.map((r) => r.map(fn))) };
}

/**
 * A point inside the geometry (where to place a report by the area's name, or its label): on the horizontal line
 * through the middle of its largest polygon, the middle of the widest stretch that lies inside it (holes counted).
 */
export function pointInside(g: AreaGeometry): Position {
  let best: Ring[] = [];
  let bestArea = -1;
  for (const poly of polygonsOf(g)) {
    const [minX, minY, maxX, maxY] = geometryBBox({ type: 'Polygon', coordinates: poly });
    const area = (maxX - minX) * (maxY - minY);
    if (area > bestArea) [best, bestArea] = [poly, area];
  }
  const [, minY, , maxY] = geometryBBox({ type: 'Polygon', coordinates: best });
  const y = (minY + maxY) / 2;
  const xs: number[] = [];
  for (const ring of best) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const [x0, y0] = ring[i]!;
      const [x1, y1] = ring[i + 1]!;
      if (y0 > y !== y1 > y) xs.push(x0 + ((y - y0) * (x1 - x0)) / (y1 - y0));
    }
  }
  xs.sort((a, b) => a - b);
  let [x, width] = [best[0]?.[0]?.[0] ?? 0, -1];
  for (let i = 0; i + 1 < xs.length; i += 2) {
    if (xs[i + 1]! - xs[i]! > width) [x, width] = [(xs[i]! + xs[i + 1]!) / 2, xs[i + 1]! - xs[i]!];
  }
  return [x, y];
}
