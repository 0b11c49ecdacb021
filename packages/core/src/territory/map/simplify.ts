/**
 * Polygon simplification for map layers (Douglas–Peucker on each ring, in degrees), so a whole district's
 * outlines stay light at the zoom a district is seen at. A ring keeps at least its first, last and two more
 * points, so no polygon degenerates.
 */
import { mapPositions, type AreaGeometry, type Position, type Ring } from '../geometry.ts';

function perpendicular(p: Position, a: Position, b: Position): number {
  const [x, y] = p;
  const [x1, y1] = a;
  const dx = b[0] - x1;
  const dy = b[1] - y1;
  const len2 = dx * dx + dy * dy;
  if (len2 === 0) return Math.hypot(x - x1, y - y1);
  const t = Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / len2));
  return Math.hypot(x - (x1 + t * dx), y - (y1 + t * dy));
}

function douglasPeucker(points: Ring, tolerance: number): Ring {
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

/** A position to 6 decimals (about 0.1 m): what a map needs, and a third of the bytes. */
export const round6 = (p: Position): Position => [Math.round(p[0] * 1e6) / 1e6, Math.round(p[1] * 1e6) / 1e6];

/** A closed ring simplified; the original when simplifying would leave fewer than four positions. */
export function simplifyRing(ring: Ring, tolerance: number): Ring {
  const out = tolerance > 0 ? douglasPeucker(ring, tolerance) : ring;
  return (out.length >= 4 ? out : ring).map(round6);
}

export function simplifyGeometry<G extends AreaGeometry>(g: G, tolerance: number): G {
  if (g.type === 'Polygon') return { ...g, coordinates: g.coordinates.map((r) => simplifyRing(r, tolerance)) };
  return { ...g, coordinates: g.coordinates.map((poly) => poly.map((r) => simplifyRing(r, tolerance))) };
}

/** The geometry in another coordinate system (`f` converts a position), rounded to 6 decimals. */
export const convertGeometry = <G extends AreaGeometry>(g: G, f: (p: Position) => Position): G => mapPositions(g, (p) => round6(f(p)));

/** The tolerance at a map zoom: about a third of a screen pixel (256-pixel tiles), in degrees. */
export const toleranceAtZoom = (zoom: number): number => 360 / (256 * 2 ** zoom) / 3;
