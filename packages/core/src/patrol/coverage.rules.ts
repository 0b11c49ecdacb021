/**
 * Patrol coverage (巡查覆盖率): the share of a grid's H3 cells a worker's filtered tracks passed through in a period.
 * Resolution 11 (cells of ~2,150 m² on average, ~1,630 m² at Wujiang's latitude; edges ~25 m): a basic grid of 300–500
 * households (0.1–0.3 km² in town) holds 60–180 of them, and a person walking a street sees about a cell's width on
 * either side. Between two positions
 * kept less than `maxGapS` apart the walk is taken as straight, so the cells between them count (a phone records a
 * position every 10–30 s, 15–40 m apart on foot). Pure: WGS-84 in.
 */
import { cellToBoundary, cellToLatLng, gridPathCells, latLngToCell, polygonToCells } from 'h3-js';
import type { TrackPoint } from './track-filter.rules.ts';

export const PATROL_H3_RESOLUTION = 11;

/** A grid's outline as GeoJSON (WGS-84 [lng, lat] rings). */
export type GridOutline = { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };

/** The cells whose centres lie in the grid; a grid smaller than a cell is the one cell holding its first vertex. */
export function gridCells(outline: GridOutline, resolution = PATROL_H3_RESOLUTION): Set<string> {
  const polygons = outline.type === 'Polygon' ? [outline.coordinates] : outline.coordinates;
  const cells = new Set<string>();
  for (const rings of polygons) for (const c of polygonToCells(rings, resolution, true)) cells.add(c);
  if (cells.size === 0) {
    const [lng, lat] = polygons[0]![0]![0]!;
    cells.add(latLngToCell(lat!, lng!, resolution));
  }
  return cells;
}

/** Every cell a track passed through: the cells of its positions, and those between positions close in time. */
export function visitedCells(track: readonly TrackPoint[], opts: { maxGapS?: number; resolution?: number } = {}): Set<string> {
  const resolution = opts.resolution ?? PATROL_H3_RESOLUTION;
  const maxGap = (opts.maxGapS ?? 120) * 1000;
  const visited = new Set<string>();
  let previous: { cell: string; at: number } | null = null;
  for (const p of track) {
    const cell = latLngToCell(p.lat, p.lng, resolution);
    visited.add(cell);
    if (previous && previous.cell !== cell && p.at.getTime() - previous.at <= maxGap) {
      try {
        for (const c of gridPathCells(previous.cell, cell)) visited.add(c);
      } catch {
        // No path across a pentagon: only the two ends count.
      }
    }
    previous = { cell, at: p.at.getTime() };
  }
  return visited;
}

export interface Coverage {
  /** the grid's cells */
  cells: number;
  /** of them, those passed through */
  visited: number;
  /** visited / cells, 0–1 */
  ratio: number;
}

export function coverageOf(grid: ReadonlySet<string>, visited: ReadonlySet<string>): Coverage {
  let n = 0;
  for (const c of visited) if (grid.has(c)) n++;
  return { cells: grid.size, visited: n, ratio: grid.size ? n / grid.size : 0 };
}

/** A cell's centre as [lng, lat] (for drawing the visited cells on the worker's map). */
export function cellCentre(cell: string): [number, number] {
  const [lat, lng] = cellToLatLng(cell);
  return [lng, lat];
}

/** A cell's hexagon as a closed [lng, lat] ring (for drawing). */
export function cellRing(cell: string): number[][] {
  const ring = cellToBoundary(cell, true);
  return ring.map(([lng, lat]) => [lng!, lat!]);
}

/** The outer rings of a grid's outline. */
export function outerRings(outline: GridOutline): number[][][] {
  return (outline.type === 'Polygon' ? [outline.coordinates] : outline.coordinates).map((rings) => rings[0]!);
}
