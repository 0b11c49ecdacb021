/**
 * The in-memory point → grid index. Grid bounding boxes go into a packed R-tree (flatbush); candidates
 * are then tested with ray casting. Built once per territory version and shared by all requests.
 *
 * Border rule: a point on the border of several grids (within BORDER_TOLERANCE) goes to the grid with the
 * smallest code, so every process resolves it the same way whatever the order the grids were loaded in.
 */
import Flatbush from 'flatbush';
import {
  BORDER_TOLERANCE,
  INSIDE,
  ON_BORDER,
  OUTSIDE,
  pointInPrepared,
  prepareGeometry,
  type Containment,
  type PreparedGeometry,
} from './geometry.ts';
import { SPECIALTIES, type GridShape, type TerritoryMatch } from './types.ts';

interface IndexedGrid {
  shape: GridShape;
  prepared: PreparedGeometry;
  /** SPECIALTIES index for professional grids, -1 for basic ones. */
  specialtyRank: number;
}

const EMPTY: TerritoryMatch = Object.freeze({
  basicGrid: null,
  professionalGrids: [],
  villageCode: null,
  townCode: null,
  districtCode: null,
}) as TerritoryMatch;

interface Hit {
  grid: IndexedGrid;
  how: Containment;
}

/** Orders hits: strictly inside first, then by code. */
function better(a: Hit, b: Hit): boolean {
  if (a.how !== b.how) return a.how === INSIDE;
  return a.grid.shape.code < b.grid.shape.code;
}

export class TerritoryIndex {
  private constructor(
    private readonly grids: IndexedGrid[],
    private readonly tree: Flatbush | null,
  ) {}

  static build(shapes: readonly GridShape[]): TerritoryIndex {
    const grids = shapes.map((shape) => ({
      shape,
      prepared: prepareGeometry(shape.geometry),
      specialtyRank: shape.kind === 'basic' ? -1 : SPECIALTIES.indexOf(shape.specialty ?? 'work_safety'),
    }));
    if (grids.length === 0) return new TerritoryIndex(grids, null);
    const tree = new Flatbush(grids.length);
    const t = BORDER_TOLERANCE;
    for (const g of grids) {
      const [x0, y0, x1, y1] = g.prepared.bbox;
      tree.add(x0 - t, y0 - t, x1 + t, y1 + t);
    }
    tree.finish();
    return new TerritoryIndex(grids, tree);
  }

  get size(): number {
    return this.grids.length;
  }

  /** Every grid whose area or border holds the point, with how it holds it; for diagnostics and tests. */
  gridsAt(lng: number, lat: number): { shape: GridShape; onBorder: boolean }[] {
    return this.hits(lng, lat).map((h) => ({ shape: h.grid.shape, onBorder: h.how === ON_BORDER }));
  }

  lookup(lng: number, lat: number): TerritoryMatch {
    const hits = this.hits(lng, lat);
    if (hits.length === 0) return EMPTY;
    let basic: Hit | null = null;
    // Per specialty: every grid holding the point inside; failing that, the best border one.
    const inside: Hit[] = [];
    const border: (Hit | undefined)[] = [];
    for (const h of hits) {
      const rank = h.grid.specialtyRank;
      if (rank < 0) {
        if (!basic || better(h, basic)) basic = h;
      } else if (h.how === INSIDE) {
        inside.push(h);
      } else {
        const cur = border[rank];
        if (!cur || better(h, cur)) border[rank] = h;
      }
    }
    for (let rank = 0; rank < border.length; rank++) {
      const h = border[rank];
      if (h && !inside.some((x) => x.grid.specialtyRank === rank)) inside.push(h);
    }
    inside.sort((a, b) => a.grid.specialtyRank - b.grid.specialtyRank || (a.grid.shape.code < b.grid.shape.code ? -1 : 1));
    const s = basic?.grid.shape;
    return {
      basicGrid: s ? { code: s.code, name: s.name } : null,
      professionalGrids: inside.map(({ grid: { shape } }) => ({
        code: shape.code,
        name: shape.name,
        specialty: shape.specialty!,
      })),
      villageCode: s?.villageCode ?? null,
      townCode: s?.townCode ?? null,
      districtCode: s?.districtCode ?? null,
    };
  }

  private hits(lng: number, lat: number): Hit[] {
    if (!this.tree || !Number.isFinite(lng) || !Number.isFinite(lat)) return [];
    const out: Hit[] = [];
    for (const i of this.tree.search(lng, lat, lng, lat)) {
      const grid = this.grids[i];
      const how = pointInPrepared(grid.prepared, lng, lat);
      if (how !== OUTSIDE) out.push({ grid, how });
    }
    return out;
  }
}
