/** Where a polygon’s name goes (the console’s, the portal’s and the big screen’s maps). */
type Ring = number[][];
export type Polygonal = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };

/** Where a polygon's name goes: the area-weighted centre of its largest ring. */
export function labelPoint(g: Polygonal): [number, number] {
  const rings = g.type === 'Polygon' ? [g.coordinates[0]!] : g.coordinates.map((p) => p[0]!);
  let best: [number, number] = [0, 0];
  let bestArea = -1;
  for (const ring of rings) {
    let [a, x, y] = [0, 0, 0];
    for (let i = 0; i + 1 < ring.length; i++) {
      const [x0, y0] = ring[i] as [number, number];
      const [x1, y1] = ring[i + 1] as [number, number];
      const cross = x0 * y1 - x1 * y0;
      a += cross;
      x += (x0 + x1) * cross;
      y += (y0 + y1) * cross;
    }
    if (Math.abs(a) > bestArea && a !== 0) [bestArea, best] = [Math.abs(a), [x / (3 * a), y / (3 * a)]];
  }
  return best;
}
