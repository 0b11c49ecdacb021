/**
 * Polygon simplification for map layers (Douglas–Peucker on each ring, in degrees), so a whole district's
 * outlines stay light at the zoom a district is seen at. A ring keeps at least its first, last and two more
 * points, so no polygon degenerates.
 */
type Pos = number[];

function perpendicular(p: Pos, a: Pos, b: Pos): number {
  const [x, y] = [p[0]!, p[1]!];
  const [x1, y1, x2, y2] = [a[0]!, a[1]!, b[0]!, b[1]!];
  const dx = x2 - x1;
  const dy = y2 - y1;
  const len2 = dx * dx + dy * dy;
  if (len2 === 0) return Math.hypot(x - x1, y - y1);
  const t = Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / len2));
  return Math.hypot(x - (x1 + t * dx), y - (y1 + t * dy));
}

function douglasPeucker(points: Pos[], tolerance: number): Pos[] {
  if (points.length < 3) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length) {
    const [from, to] = stack.pop()!;
    let [worst, at] = [0, -1];
    for (let i = from + 1; i < to; i++) {
      const d = perpendicular(points[i]!, points[from]!, points[to]!);
      if (d > worst) [worst, at] = [d, i];
    }
    if (at >= 0 && worst > tolerance) {
      keep[at] = 1;
      stack.push([from, at], [at, to]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

const round = (p: Pos): Pos => [Math.round(p[0]! * 1e6) / 1e6, Math.round(p[1]! * 1e6) / 1e6];

/** A closed ring simplified; the original when simplifying would leave fewer than four positions. */
export function simplifyRing(ring: Pos[], tolerance: number): Pos[] {
  const out = tolerance > 0 ? douglasPeucker(ring, tolerance) : ring;
  return (out.length >= 4 ? out : ring).map(round);
}

export interface PolygonGeometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: Pos[][] | Pos[][][];
}

export function simplifyGeometry(g: PolygonGeometry, tolerance: number): PolygonGeometry {
  if (g.type === 'Polygon') return { type: 'Polygon', coordinates: (g.coordinates as Pos[][]).map((r) => simplifyRing(r, tolerance)) };
  return { type: 'MultiPolygon', coordinates: (g.coordinates as Pos[][][]).map((poly) => poly.map((r) => simplifyRing(r, tolerance))) };
}

/** The geometry with every position passed through `f` (another coordinate system), rounded to 6 decimals. */
export function mapPositions(g: PolygonGeometry, f: (p: Pos) => Pos): PolygonGeometry {
  const ring = (r: Pos[]) => r.map((p) => round(f(p)));
  if (g.type === 'Polygon') return { type: 'Polygon', coordinates: (g.coordinates as Pos[][]).map(ring) };
  return { type: 'MultiPolygon', coordinates: (g.coordinates as Pos[][][]).map((poly) => poly.map(ring)) };
}

/** The tolerance at a map zoom: about a third of a screen pixel (256-pixel tiles), in degrees. */
export const toleranceAtZoom = (zoom: number): number => 360 / (256 * 2 ** zoom) / 3;

/** The lng/lat box of a geometry. */
export function bboxOf(g: PolygonGeometry): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const rings = g.type === 'Polygon' ? (g.coordinates as Pos[][]) : (g.coordinates as Pos[][][]).flat();
  for (const ring of rings) {
    for (const p of ring) {
      b[0] = Math.min(b[0], p[0]!);
      b[1] = Math.min(b[1], p[1]!);
      b[2] = Math.max(b[2], p[0]!);
      b[3] = Math.max(b[3], p[1]!);
    }
  }
  return b;
}
